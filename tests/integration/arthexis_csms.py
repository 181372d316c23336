"""A real OCPP 2.0.1 CSMS for the tests: arthexis on 127.0.0.1 (not a test module).

``scripts/csms-up`` installs arthexis into a virtual environment of its own and migrates a
template database; it exports ``KIOSK_TEST_ARTHEXIS`` (that folder). Each test gets a copy of
the template database and its own daphne process on a free loopback port, which it may stop
and start again (an outage). Stations enrol with HTTP Basic (security profile 1): the identity
and the enrolment token whose hash the CSMS is started with. What the CSMS received is read
from its SQLite database: every inbound call with its payload, in arrival order
(``ocpp_inboundprotocolrequest``), the transactions and the connectors' statuses.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

ENROLMENT_TOKEN = "ladeskjerm-test-enrolment-0001"  # a loopback test CSMS's, not a secret


def arthexis_root() -> Path:
    """The folder ``scripts/csms-up`` prepared; skips the test when there is none."""
    value = os.environ.get("KIOSK_TEST_ARTHEXIS")
    if not value:
        pytest.skip("arthexis CSMS not set up: run scripts/csms-up (KIOSK_TEST_ARTHEXIS unset)")
    root = Path(value)
    if not (root / "venv" / "bin" / "daphne").exists() or not (root / "template.sqlite3").exists():
        pytest.skip(f"arthexis CSMS not installed in {root}: run scripts/csms-up")
    return root


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _token_hash(root: Path) -> str:
    cached = root / "enrolment-token.hash"
    if cached.exists():
        return cached.read_text().strip()
    code = (
        "from django.contrib.auth.hashers import make_password;"
        f"print(make_password({ENROLMENT_TOKEN!r}))"
    )
    env = {
        **os.environ,
        "ARTHEXIS_DATA_DIR": str(root),
        "ARTHEXIS_DATABASE_PATH": str(root / "template.sqlite3"),
    }
    out = (
        subprocess.run(
            [str(root / "venv" / "bin" / "arthexis"), "shell", "-c", code],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    cached.write_text(out)
    return out


class Arthexis:
    def __init__(self, root: Path, workdir: Path) -> None:
        self.root = root
        self.workdir = workdir
        self.db_path = workdir / "arthexis.sqlite3"
        shutil.copyfile(root / "template.sqlite3", self.db_path)
        self.port = _free_port()
        self.url = f"ws://127.0.0.1:{self.port}/ws/ocpp"
        self.token = ENROLMENT_TOKEN
        self._hash = _token_hash(root)
        self._process: asyncio.subprocess.Process | None = None
        self.log_path = workdir / "arthexis.log"

    async def start(self, timeout_s: float = 60) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "arthexis.settings",
            "ARTHEXIS_DATA_DIR": str(self.workdir),
            "ARTHEXIS_DATABASE_PATH": str(self.db_path),
            "ARTHEXIS_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "ARTHEXIS_OCPP_ENROLLMENT_TOKEN_HASH": self._hash,
            "ARTHEXIS_OCPP_HEARTBEAT_INTERVAL_SECONDS": "300",
        }
        log = self.log_path.open("ab")
        self._process = await asyncio.create_subprocess_exec(
            str(self.root / "venv" / "bin" / "daphne"),
            "-b",
            "127.0.0.1",
            "-p",
            str(self.port),
            "arthexis.asgi:application",
            stdout=log,
            stderr=log,
            env=env,
            cwd=self.workdir,
        )
        log.close()
        async with asyncio.timeout(timeout_s):
            while not await self._listening():
                if self._process.returncode is not None:
                    raise RuntimeError(f"arthexis exited: {self.log_path.read_text()[-2000:]}")
                await asyncio.sleep(0.1)

    async def _listening(self) -> bool:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", self.port)
        except OSError:
            return False
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        return True

    async def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.returncode is not None:
            return
        process.terminate()
        try:
            async with asyncio.timeout(15):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()

    # --- what it received --------------------------------------------------------------------

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        db = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def received(self, action: str, identity: str | None = None) -> list[dict[str, Any]]:
        """Payloads of the calls of ``action`` that the CSMS answered, in arrival order."""
        sql = (
            "SELECT r.request_payload FROM ocpp_inboundprotocolrequest r"
            " JOIN ocpp_charger c ON c.id = r.charger_id"
            " WHERE r.action = ? AND r.status = 'completed'"
        )
        params: list[Any] = [action]
        if identity is not None:
            sql += " AND c.identity = ?"
            params.append(identity)
        return [json.loads(row[0]) for row in self.rows(sql + " ORDER BY r.id", *params)]

    def connector_statuses(self, identity: str) -> dict[int, str]:
        rows = self.rows(
            "SELECT n.number, n.status FROM ocpp_connector n JOIN ocpp_charger c"
            " ON c.id = n.charger_id WHERE c.identity = ?",
            identity,
        )
        return {int(number): str(status) for number, status in rows}

    def transactions(self, identity: str) -> list[dict[str, Any]]:
        rows = self.rows(
            "SELECT t.remote_id, t.id_tag, t.started_at, t.stopped_at, t.recovery_state"
            " FROM ocpp_ocpptransaction t JOIN ocpp_charger c ON c.id = t.charger_id"
            " WHERE c.identity = ? ORDER BY t.id",
            identity,
        )
        keys = ("remote_id", "id_tag", "started_at", "stopped_at", "recovery_state")
        return [dict(zip(keys, row, strict=True)) for row in rows]


async def wait_until(predicate: Any, timeout_s: float, interval_s: float = 0.1) -> None:
    """Poll ``predicate()`` (the CSMS's database has no change feed) until it holds."""
    async with asyncio.timeout(timeout_s):
        while not predicate():
            await asyncio.sleep(interval_s)
