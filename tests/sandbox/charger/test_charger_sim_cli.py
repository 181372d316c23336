"""``kiosk sim charger``: the runner prints its ports, serves Modbus and HTTP, stops cleanly."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest
from pymodbus.client import AsyncModbusTcpClient

from kiosk.cli import build_parser
from kiosk.hardware.profile import load_named_profile
from kiosk.sandbox.charger import ChargerSimulator, ManualClock
from kiosk.sandbox.charger.cli import run_charger_simulator, serve_charger_simulator


def test_the_command_is_registered() -> None:
    args = build_parser().parse_args(
        ["sim", "charger", "--profile", "sim", "--connectors", "1", "--http-port", "0"]
    )
    assert args.profile == "sim"
    assert args.connectors == 1
    assert (args.serial, args.pty) == (None, None)
    serial = ["sim", "charger", "--profile", "eastron-sdm630", "--serial", "/dev/ttyUSB0"]
    assert build_parser().parse_args(serial).serial == "/dev/ttyUSB0"


def test_serial_and_pty_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["sim", "charger", "--profile", "eastron-sdm630", "--serial", "/dev/x", "--pty", "d"]
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv)
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_layout_on_two_ports_cannot_share_a_serial_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_charger_simulator(
        "bender-cc613",  # socket 2 on port + 1: two servers, not one bus
        host="127.0.0.1",
        port=0,
        http_port=0,
        connectors=None,
        speed=1.0,
        state_path=None,
        serial_path=str(tmp_path / "no-such-tty"),
    )
    assert status == 2
    assert "cannot share one serial line" in capsys.readouterr().err


async def test_runner_serves_until_stopped(capsys: pytest.CaptureFixture[str]) -> None:
    stop = asyncio.Event()
    runner = asyncio.create_task(serve_charger_simulator("alfen-eve-double", stop=stop))
    for _ in range(200):
        out = capsys.readouterr().out
        if out:
            break
        await asyncio.sleep(0.01)
    ready = json.loads(out.splitlines()[0])
    assert ready["unit_ids"] == {"0": 1, "1": 2}
    async with httpx.AsyncClient(base_url=ready["http"]) as http:
        assert (await http.post("/api/connectors/1/plug")).status_code == 200
    client = AsyncModbusTcpClient("127.0.0.1", port=ready["modbus"]["1"], retries=0, timeout=1)
    await client.connect()
    state = await client.read_holding_registers(1201, count=5, device_id=2)
    client.close()
    assert not state.isError()
    profile = load_named_profile("alfen-eve-double")
    assert profile.registers.state is not None
    assert profile.registers.state.decode(list(state.registers)) == "B1"
    stop.set()
    await asyncio.wait_for(runner, timeout=5)


def test_unknown_profile_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    status = run_charger_simulator(
        "no-such-charger",
        host="127.0.0.1",
        port=0,
        http_port=0,
        connectors=None,
        speed=1.0,
        state_path=None,
    )
    assert status == 2
    assert "no-such-charger" in capsys.readouterr().err


async def test_state_file_keeps_the_counters_across_processes(tmp_path: Path) -> None:
    state_path = tmp_path / "charger.json"
    profile = load_named_profile("sim")
    async with ChargerSimulator.serving(profile, clock=ManualClock(), state_path=state_path) as sim:
        sim.connector(1).set_energy_wh(4321.5)
    assert json.loads(state_path.read_text())["energy_wh"] == [0.0, 4321.5]
    async with ChargerSimulator.serving(profile, clock=ManualClock(), state_path=state_path) as sim:
        assert sim.connector(1).energy_wh == 4321.5
