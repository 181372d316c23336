"""``kiosk qr sticker``: the connector's merchant-redirect QR at the emulator, and print files.

The command runs as a process against the emulator served over HTTP on loopback; it must
create the code (id per station and connector, redirect to ``/c/<N>``), update it on a second
run (same printed image), and write a PNG, a PDF and an SVG naming the connector.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_SUBSCRIPTION_KEY,
    EmulatorConfig,
)
from kiosk.sandbox.vipps.emulator import Emulator
from kiosk.sandbox.vipps.server import start_server

QR_ID = "torget-7_connector-2"


def _config(folder: Path, vipps_url: str, public: str) -> Path:
    path = folder / "station.toml"
    path.write_text(
        f"""
[station]
id = "torget-7"
name = "Ladeskjerm Torget"
[[connectors]]
id = 2
name = "Høyre"
profile = "sim"
host = "127.0.0.1"
[tariff]
price_ore_per_kwh = 450
[vipps]
base_url = "{vipps_url}"
merchant_serial_number = "123456"
[web]
public_base_url = "{public}"
listen_port = 8788
""",
        encoding="utf-8",
    )
    return path


async def _kiosk(*args: str) -> tuple[int, str, str]:
    env = {
        **os.environ,
        "KIOSK_VIPPS_CLIENT_ID": DEFAULT_CLIENT_ID,
        "KIOSK_VIPPS_CLIENT_SECRET": DEFAULT_CLIENT_SECRET,
        "KIOSK_VIPPS_SUBSCRIPTION_KEY": DEFAULT_SUBSCRIPTION_KEY,
        "QT_QPA_PLATFORM": "offscreen",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode or 0, out.decode(), err.decode()


async def test_the_sticker_is_created_updated_and_written(tmp_path: Path) -> None:
    emulator = Emulator(EmulatorConfig(strict=False))
    server = await start_server(create_app(emulator=emulator))
    try:
        config = _config(tmp_path, server.base_url, "https://lade.example.no")
        out = tmp_path / "print"
        code, stdout, stderr = await _kiosk(
            "qr", "sticker", "--config", str(config), "--connector", "2", "--out", str(out)
        )
        assert code == 0, stderr
        qr = emulator.merchant_qr.codes[QR_ID]
        assert qr.redirect_url == "https://lade.example.no/c/2"
        files = sorted(p.name for p in out.iterdir())
        assert files == [f"{QR_ID}.pdf", f"{QR_ID}.png", f"{QR_ID}.svg"]
        assert (out / f"{QR_ID}.png").read_bytes().startswith(b"\x89PNG")
        assert (out / f"{QR_ID}.pdf").read_bytes().startswith(b"%PDF")
        svg = (out / f"{QR_ID}.svg").read_text(encoding="utf-8")
        assert ">Høyre<" in svg
        assert ">2<" in svg
        assert "Høyre" in stdout

        moved = _config(tmp_path, server.base_url, "https://ny.example.no")
        code, _, stderr = await _kiosk(
            "qr", "sticker", "--config", str(moved), "--connector", "2", "--out", str(out)
        )
        assert code == 0, stderr
        assert list(emulator.merchant_qr.codes) == [QR_ID]  # the same printed code, updated
        assert emulator.merchant_qr.codes[QR_ID].redirect_url == "https://ny.example.no/c/2"
    finally:
        await server.stop()
        await emulator.aclose()


async def test_offline_encodes_the_page_and_calls_nobody(tmp_path: Path) -> None:
    config = _config(tmp_path, "http://127.0.0.1:9", "https://lade.example.no")
    code, stdout, stderr = await _kiosk(
        "qr",
        "sticker",
        "--config",
        str(config),
        "--connector",
        "2",
        "--offline",
        "--out",
        str(tmp_path),
    )
    assert code == 0, stderr
    assert "https://lade.example.no/c/2" in stdout
    assert (tmp_path / f"{QR_ID}.png").is_file()
    missing, _, err = await _kiosk(
        "qr", "sticker", "--config", str(config), "--connector", "5", "--offline"
    )
    assert missing == 2
    assert "no connector 5" in err
