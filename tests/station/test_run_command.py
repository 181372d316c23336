"""``kiosk run --headless``: starts on a valid configuration, stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

CONFIG = """
[station]
id = "headless-1"
name = "Headless"

[[connectors]]
id = 1
name = "Kontakt 1"
profile = "sim"
host = "127.0.0.1"
port = 9

[tariff]
price_ore_per_kwh = 450

[vipps]
base_url = "http://127.0.0.1:9"
merchant_serial_number = "123456"

[database]
url = "sqlite:///{db}"
"""
SECRETS = {
    "KIOSK_VIPPS_CLIENT_ID": "id",
    "KIOSK_VIPPS_CLIENT_SECRET": "secret",
    "KIOSK_VIPPS_SUBSCRIPTION_KEY": "key",
}


async def _start(tmp_path: Path, env: dict[str, str]) -> asyncio.subprocess.Process:
    config = tmp_path / "station.toml"
    config.write_text(CONFIG.format(db=tmp_path / "station.sqlite3"), encoding="utf-8")
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        "run",
        "--headless",
        "--config",
        str(config),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_headless_station_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    proc = await _start(tmp_path, {**os.environ, **SECRETS})
    assert proc.stderr is not None
    async with asyncio.timeout(20):
        while b"station" not in (line := await proc.stderr.readline()) and line:
            pass  # wait for the first log line of a running station
        await asyncio.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        rest = await proc.stderr.read()
        assert await proc.wait() == 0, rest.decode()
    assert b"signal received, stopping" in rest
    assert (tmp_path / "station.sqlite3").exists()


async def test_headless_station_refuses_to_start_without_vipps_secrets(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    proc = await _start(tmp_path, env)
    async with asyncio.timeout(20):
        _, err = await proc.communicate()
    assert proc.returncode == 1
    assert b"missing secrets" in err
