"""A real OCPP 2.0.1 CSMS for the tests: arthexis on 127.0.0.1 (not a test module).

``scripts/csms-up`` installs arthexis into a virtual environment of its own and migrates a
template database; it exports ``KIOSK_TEST_ARTHEXIS`` (that folder). Each test gets a copy of
the template database and its own daphne process on a free loopback port, which it may stop
and start again (an outage). Stations enrol with HTTP Basic (security profile 1): the identity
and the enrolment token whose hash the CSMS is started with. What the CSMS received is read
from its SQLite database: every inbound call with its payload, in arrival order
(``ocpp_inboundprotocolrequest``), the transactions and the connectors' statuses.

Commands to the station (RequestStopTransaction, ...) go through arthexis's own operation API
(``Charger.stop`` in ``arthexis shell``), which needs a shared channel layer: a Redis server on
loopback (``redis-server``, started per test). Without one, ``command`` skips the test.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
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
        self._redis: asyncio.subprocess.Process | None = None
        self.redis_port = _free_port()
        self.log_path = workdir / "arthexis.log"

    def _env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "arthexis.settings",
            "ARTHEXIS_DATA_DIR": str(self.workdir),
            "ARTHEXIS_DATABASE_PATH": str(self.db_path),
            "ARTHEXIS_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "ARTHEXIS_OCPP_ENROLLMENT_TOKEN_HASH": self._hash,
            "ARTHEXIS_OCPP_HEARTBEAT_INTERVAL_SECONDS": "300",
        }
        if self._redis is not None:
            # redis-py 8 reads with a 5 s socket timeout by default, the same 5 s as
            # channels_redis's BRPOP: a late answer crashes the station's consumer (and drops
            # its WebSocket). A longer socket timeout keeps the BRPOP the shorter one.
            env["ARTHEXIS_CHANNEL_REDIS_URL"] = (
                f"redis://127.0.0.1:{self.redis_port}/0?socket_timeout=30"
            )
        return env

    async def _start_redis(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None or self._redis is not None:
            return
        self._redis = await asyncio.create_subprocess_exec(
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.redis_port),
            "--save",
            "",
            "--appendonly",
            "no",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        async with asyncio.timeout(20):
            while not await _listening(self.redis_port):
                await asyncio.sleep(0.05)

    async def command(self, code: str, timeout_s: float = 60) -> str:
        """Run Python in ``arthexis shell`` against this CSMS (its database and channel layer);
        returns what it printed. Skips the test where there is no Redis for the channel layer."""
        if self._redis is None:
            pytest.skip("redis-server not installed: arthexis cannot send commands to a station")
        process = await asyncio.create_subprocess_exec(
            str(self.root / "venv" / "bin" / "arthexis"),
            "shell",
            "-c",
            code,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._env(),
            cwd=self.workdir,
        )
        try:
            async with asyncio.timeout(timeout_s):
                out, err = await process.communicate()
        except BaseException:  # timed out or cancelled: the shell does not outlive the test
            await _terminate(process)
            raise
        if process.returncode != 0:
            raise RuntimeError(f"arthexis shell failed: {err.decode()[-2000:]}")
        return out.decode()

    def daphne_args(self) -> list[str]:
        """Extra daphne options (none: its defaults, as the tests run it)."""
        return []

    async def start(self, timeout_s: float = 60) -> None:
        await self._start_redis()
        env = self._env()
        log = self.log_path.open("ab")
        self._process = await asyncio.create_subprocess_exec(
            str(self.root / "venv" / "bin" / "daphne"),
            "-b",
            "127.0.0.1",
            "-p",
            str(self.port),
            *self.daphne_args(),
            "arthexis.asgi:application",
            stdout=log,
            stderr=log,
            env=env,
            cwd=self.workdir,
        )
        log.close()
        async with asyncio.timeout(timeout_s):
            while not await _listening(self.port):
                if self._process.returncode is not None:
                    raise RuntimeError(f"arthexis exited: {self.log_path.read_text()[-2000:]}")
                await asyncio.sleep(0.1)

    def freeze(self) -> None:
        """Stop the CSMS's process (SIGSTOP): its sockets stay open, it answers nothing, not
        even a WebSocket close (a CSMS stuck in a long database lock, or swapped out)."""
        assert self._process is not None, "the CSMS is not running"
        self._process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.send_signal(signal.SIGCONT)

    async def stop(self) -> None:
        """Stop the CSMS (its Redis stays for a restart)."""
        process, self._process = self._process, None
        await _terminate(process)

    async def close(self) -> None:
        await self.stop()
        redis, self._redis = self._redis, None
        await _terminate(redis)

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


def sockets_to(port: int) -> int:
    """How many sockets this process holds that are connected to ``port`` on 127.0.0.1
    (``/proc``; whatever their TCP state: one left open by a close is counted)."""
    inodes: set[str] = set()
    for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if int(fields[2].rsplit(":", 1)[1], 16) == port:
                    inodes.add(fields[9])
    held = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.startswith("socket:[") and target[8:-1] in inodes:
                held += 1
    return held


async def _listening(port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True


async def _terminate(process: asyncio.subprocess.Process | None) -> None:
    if process is None or process.returncode is not None:
        return
    process.send_signal(signal.SIGCONT)  # a frozen one cannot act on the SIGTERM
    process.terminate()
    try:
        async with asyncio.timeout(15):
            await process.wait()
    except TimeoutError:
        process.kill()
        await process.wait()


async def wait_until(predicate: Any, timeout_s: float, interval_s: float = 0.1) -> None:
    """Poll ``predicate()`` (the CSMS's database has no change feed) until it holds."""
    async with asyncio.timeout(timeout_s):
        while not predicate():
            await asyncio.sleep(interval_s)
