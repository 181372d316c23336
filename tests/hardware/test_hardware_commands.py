"""``kiosk profile validate`` and ``kiosk modbus probe`` through the real CLI entry point."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.resources import drivers_dir
from kiosk.sandbox.charger import ChargerSimulator


def test_validate_accepts_every_shipped_profile(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in drivers_dir().glob("*.toml"))
    assert main(["profile", "validate", *files]) == 0
    assert capsys.readouterr().out.count(": ok (") == len(files)


def test_validate_reports_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "sim.toml"
    bad.write_text((drivers_dir() / "sim.toml").read_text().replace('"u64"', '"u65"'))
    assert main(["profile", "validate", str(bad)]) == 1
    err = capsys.readouterr().err
    line = bad.read_text()[: bad.read_text().index('"u65"')].count("\n") + 1
    assert err.startswith(f"{bad}:{line}: registers.energy.type: ")


async def test_probe_prints_one_json_object_with_exactly_the_keys(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with ChargerSimulator.serving("sim", speed=20.0) as sim:
        sim.connector(1).set_energy_wh(1234.0)
        await asyncio.sleep(0.3)  # one meter refresh (1 s simulated)
        argv = ["modbus", "probe", "--profile", "sim", "--host", "127.0.0.1"]
        argv += ["--port", str(sim.port), "--unit", "2"]
        code = await asyncio.to_thread(main, argv)
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "state": "A",
        "energy_wh": 1234,
        "power_w": 0,
        "current_limit_a": 0.0,
        "enabled": False,
        "currents_a": [0.0, 0.0, 0.0],
        "voltages_v": [230.0, 230.0, 230.0],
        "error": None,
    }


def test_probe_of_an_absent_device_says_unavailable(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["modbus", "probe", "--profile", "sim", "--host", "127.0.0.1", "--port", "1"]
    assert main(argv) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["state"] is None
    assert out["energy_wh"] is None
    assert out["error"].startswith("unavailable")


async def test_probe_reads_an_rtu_meter_through_a_tcp_gateway(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The SDM630's profile is RTU; behind an RS-485 gateway it answers Modbus TCP at an IP
    (the simulator plays the gateway). The default follows `kiosk run`: a network host is TCP."""
    async with ChargerSimulator.serving("eastron-sdm630", speed=20.0) as sim:
        sim.connector(0).set_energy_wh(4321.0)
        base = ["modbus", "probe", "--profile", "eastron-sdm630", "--host", "127.0.0.1"]
        base += ["--port", str(sim.port)]

        async def probe(*extra: str) -> tuple[int, dict[str, object]]:
            code = await asyncio.to_thread(main, [*base, *extra])
            return code, json.loads(capsys.readouterr().out)

        code, out = await probe()  # default for a network host: TCP
        assert code == 0
        assert out["error"] is None
        async with asyncio.timeout(5):  # until the meter has published the new counter
            while out["energy_wh"] != 4321:
                code, out = await probe()
        code, out = await probe("--transport", "tcp")
        assert (code, out["energy_wh"]) == (0, 4321)
        code, out = await probe("--transport", "rtu")  # "127.0.0.1" is no serial port
        assert code == 1
        assert str(out["error"]).startswith("unavailable")
