"""``kiosk sessions verify`` / ``export`` against a station database and the emulator."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

from station_rig import approve, phase, settled, world

from kiosk.core.state import Phase
from kiosk.payments.client import VippsClient
from kiosk.persistence import JournalEvent, Repository, SessionUpdate
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_SUBSCRIPTION_KEY,
)
from kiosk.station.verification import verify_sessions


def _toml(path: Path, vipps_url: str, db_url: str, sim_port: int) -> None:
    path.write_text(
        f"""
[station]
id = "test-station"
name = "Teststasjon"

[[connectors]]
id = 1
name = "Kontakt 1"
profile = "sim"
host = "127.0.0.1"
port = {sim_port}

[tariff]
price_ore_per_kwh = 100000

[vipps]
base_url = "{vipps_url}"
merchant_serial_number = "123456"

[database]
url = "{db_url}"
""",
        encoding="utf-8",
    )


async def _kiosk(*args: str) -> tuple[int, str]:
    env = {
        **os.environ,
        "KIOSK_VIPPS_CLIENT_ID": DEFAULT_CLIENT_ID,
        "KIOSK_VIPPS_CLIENT_SECRET": DEFAULT_CLIENT_SECRET,
        "KIOSK_VIPPS_SUBSCRIPTION_KEY": DEFAULT_SUBSCRIPTION_KEY,
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "kiosk", *args, env=env, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    return proc.returncode or 0, out.decode()


async def test_verify_passes_for_settled_sessions_and_flags_a_mismatch(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        async with w.station() as station:
            w.sim.car(0).plug(soc_pct=20)
            await approve(w, station)
            state = await phase(station, 1, Phase.CHARGING)
            await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 20, 10)
            station.stop(1)
            final = await settled(station, state.session_id or "")
        config_path = tmp_path / "station.toml"
        _toml(config_path, w.server.base_url, w.db_url, w.sim.port)
        code, out = await _kiosk("sessions", "verify", "--config", str(config_path))
        assert code == 0, out
        assert f"OK {final.session_id}" in out
        csv_path = tmp_path / "sessions.csv"
        code, _ = await _kiosk(
            "sessions", "export", "--config", str(config_path), "--out", str(csv_path)
        )
        assert code == 0
        assert (final.session_id or "-") in csv_path.read_text(encoding="utf-8")
        async with await Repository.open(w.db_url, "test-station") as repo:
            record = await repo.get_session(final.session_id or "")
            assert record is not None
            wrong = (record.amount_due_ore or 0) + 100
            await repo.update_session(
                record.id,
                SessionUpdate(record.state_name, record.state, amount_due_ore=wrong),
                JournalEvent("test.tamper"),
            )
            vipps = VippsClient.from_settings(w.config_vipps(), w.http)
            checks = await verify_sessions(repo, vipps)
        assert [check.ok for check in checks] == [False]
        assert "due" in checks[0].problems[0]
        code, out = await _kiosk("sessions", "verify", "--config", str(config_path))
        assert code == 1
        assert "MISMATCH" in out


async def test_a_session_in_attention_whose_capture_differs_is_a_mismatch(tmp_path: Path) -> None:
    """Issue 20.4: "attention" is not "open": its money is checked, and a difference fails."""
    async with world(tmp_path) as w:
        async with w.station() as station:
            w.sim.car(0).plug(soc_pct=20)
            await approve(w, station)
            state = await phase(station, 1, Phase.CHARGING)
            await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 20, 10)
            station.stop(1)
            final = await settled(station, state.session_id or "")
        config_path = tmp_path / "station.toml"
        _toml(config_path, w.server.base_url, w.db_url, w.sim.port)
        # the station left it in attention (never settled) with a capture 100 øre short of due
        database = w.db_url.removeprefix("sqlite:///")
        with sqlite3.connect(database) as db:
            db.execute(
                "UPDATE sessions SET state_name = 'attention', settled_at = NULL,"
                " amount_due_ore = amount_due_ore + 100 WHERE id = ?",
                (final.session_id,),
            )
        code, out = await _kiosk("sessions", "verify", "--config", str(config_path))
        assert code == 1, out
        assert f"MISMATCH {final.session_id}" in out
        assert "OPEN" not in out
