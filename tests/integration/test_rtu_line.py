"""Modbus RTU on a virtual serial line: the simulator serves one end of a ``socat`` pty pair
with pymodbus's RTU server, the station's poller opens the other end with pymodbus's RTU
client, as it opens ``/dev/ttyUSB0``: real RTU frames (CRC-16, no transaction id), the
line's timing at the profile's baud rate, broken CRCs and a device that does not answer.

Skips without ``socat`` (fails on CI, see ``rtu_rig``).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from hardware_rig import exercise_profile, fast, poller_for, rig
from rtu_rig import require_socat, virtual_line

from kiosk.cli import main
from kiosk.hardware.link import Endpoint, LinkUnavailable, PymodbusLink, transport_for_host
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import Kind, Table, Transport, load_named_profile, profile_names
from kiosk.hardware.reading import DeviceReading
from kiosk.sandbox.charger import ChargerSimulator, ManualClock
from kiosk.sandbox.charger.cli import serve_charger_simulator
from kiosk.sandbox.charger.serial_line import wire_time_s
from kiosk.sandbox.charger.site_load import constant

ALSO_RTU = ("abb-terra-ac",)  # its profile: "the same map works over RTU"
RTU_CASES = [
    pytest.param(name, index, id=f"{name}#{index + 1}")
    for name in profile_names()
    if load_named_profile(name).connection.transport is Transport.RTU or name in ALSO_RTU
    for index in range(len(load_named_profile(name).connectors))
]
METER = load_named_profile("eastron-sdm630")


def test_every_rtu_profile_is_a_case() -> None:
    names = {case.values[0] for case in RTU_CASES}
    assert {"eastron-sdm630", *ALSO_RTU} <= names


@pytest.mark.parametrize(("name", "index"), RTU_CASES)
async def test_rtu_profile_over_a_serial_line(name: str, index: int, tmp_path: Path) -> None:
    """What ``test_profiles`` checks over TCP, here in RTU frames on a serial line."""
    profile = load_named_profile(name)
    with virtual_line(tmp_path) as line:
        async with rig(profile, index, line) as (sim, poller):
            assert poller.endpoint.transport is Transport.RTU
            assert poller.endpoint.host == line.kiosk_end
            await exercise_profile(profile, index, sim, poller)
            assert sim.line_stats()["frames_sent"] > 10
            assert sim.line_stats()["crc_broken"] == 0
            assert poller.failed_polls == 0


@pytest.mark.parametrize(("name", "index"), RTU_CASES)
async def test_rtu_readings_are_the_simulators_values(
    name: str, index: int, tmp_path: Path
) -> None:
    """With the simulated world stopped (a manual clock), every value read over RTU equals what
    the simulated device holds: the per-phase currents (a building load of 5.5 / 7.25 / 9 A on
    a meter), voltages, power and the lifetime counter."""
    profile = load_named_profile(name)
    with virtual_line(tmp_path) as line:
        async with ChargerSimulator.serving(
            profile, clock=ManualClock(), serial_path=line.device_end
        ) as sim:
            socket = sim.connector(index)
            socket.set_energy_wh(12_345.0)
            if profile.kind is Kind.METER:
                socket.set_site_load(constant(5.5, 7.25, 9.0))
            sim.car(index).plug(soc_pct=30.0)
            poller = poller_for(fast(profile), sim, index, line)
            try:
                if profile.kind is Kind.CHARGER:
                    assert (await poller.enable(10.0)).confirmed
                sim.advance(5.0)  # the car draws, the meter refreshes; then time stands still
                reading = await poller.read_once()
            finally:
                await poller.aclose()
            truth = socket.status()
            assert reading.online
            assert reading.currents_a == pytest.approx(socket.currents_a, abs=1e-3)
            assert min(socket.currents_a) > 5.0
            assert reading.voltages_v == (230.0, 230.0, 230.0)
            assert reading.power_w == pytest.approx(truth["power_w"], abs=1)
            if profile.registers.energy is not None:
                assert reading.energy_wh == pytest.approx(truth["meter_energy_wh"], abs=1)
                assert reading.energy_wh > 12_345


async def test_an_answer_takes_its_time_on_the_line(tmp_path: Path) -> None:
    """24 registers at 9600 8N1: request, answer and the silences take ~71 ms on a real
    line; the simulator never answers sooner (a pty itself carries bytes at once)."""
    with virtual_line(tmp_path) as line:
        async with ChargerSimulator.serving(METER, serial_path=line.device_end):
            endpoint = Endpoint.for_connector(METER, line.kiosk_end)
            link = PymodbusLink(endpoint)
            loop = asyncio.get_running_loop()
            try:
                await link.read(Table.INPUT, 0, 12)  # connected, first answer in
                durations = []
                for _ in range(3):
                    started = loop.time()
                    words = await link.read(Table.INPUT, 0x0034, 24)
                    durations.append(loop.time() - started)
                    assert len(words) == 24
            finally:
                await link.aclose()
    assert wire_time_s(METER.connection, 4, 24) == pytest.approx((8 + 53 + 7) * 10 / 9600)
    assert min(durations) >= wire_time_s(METER.connection, 4, 24)


async def test_a_command_waits_for_the_read_on_the_wire(tmp_path: Path) -> None:
    """On a half-duplex bus an answer under way cannot be recalled: an urgent write waits for
    the slow read (150 ms here) instead of cancelling it, and each gets its own answer."""
    charger = load_named_profile("abb-terra-ac")
    with virtual_line(tmp_path) as line:
        async with ChargerSimulator.serving(charger, serial_path=line.device_end) as sim:
            endpoint = Endpoint.for_connector(fast(charger), line.kiosk_end)
            endpoint = replace(endpoint, transport=transport_for_host(charger, line.kiosk_end))
            link = PymodbusLink(endpoint)
            try:
                await link.read(Table.HOLDING, 0x400C, 2)
                sim.set_delay(0.15)
                read = asyncio.create_task(link.read(Table.HOLDING, 0x4010, 6))
                await asyncio.sleep(0.03)  # the read is on the wire
                await link.write_words(0x4100, [0, 10_000], urgent=True)  # 10 A, u32 mA
                assert len(await read) == 6  # answered, not preempted
                assert sim.connector(0).setpoint_a == pytest.approx(10.0)
                assert await link.read(Table.HOLDING, 0x4022, 2) == [0, 10_000]
            finally:
                await link.aclose()


async def test_a_late_answer_is_never_taken_for_the_next_one(tmp_path: Path) -> None:
    """RTU has no transaction id. The meter answers 20 ms after the timeout; that answer
    (230 V) comes while the link lets the line settle and is dropped. Taken for the next
    request's (the current, 0 A, as slow), it would be a wrong reading: that request must
    fail instead, and once the meter is quick again every request reads its own answer."""
    profile = fast(METER)  # timeout 0.3 s
    with virtual_line(tmp_path) as line:
        async with ChargerSimulator.serving(METER, serial_path=line.device_end) as sim:
            link = PymodbusLink(Endpoint.for_connector(profile, line.kiosk_end))
            try:
                voltage = await link.read(Table.INPUT, 0x0000, 2)
                current = await link.read(Table.INPUT, 0x0006, 2)
                assert voltage != current
                sim.set_delay(profile.connection.timeout_s + 0.02)
                with pytest.raises(LinkUnavailable):
                    await link.read(Table.INPUT, 0x0000, 2)
                with pytest.raises(LinkUnavailable):
                    await link.read(Table.INPUT, 0x0006, 2)
                sim.set_delay(0.0)
                for _ in range(3):
                    assert await link.read(Table.INPUT, 0x0006, 2) == current
            finally:
                await link.aclose()
            assert sim.line_stats()["frames_sent"] == 7  # the late answers did go out


class Recorder:
    def __init__(self) -> None:
        self.snapshots: list[DeviceReading] = []

    def __call__(self, snapshot: DeviceReading) -> None:
        self.snapshots.append(snapshot)


async def test_broken_crcs_are_counted_and_never_read(tmp_path: Path) -> None:
    """A broken answer is a failed poll (counted), never a reading; the next poll retries.
    Single errors do not make the meter unavailable; a line that breaks every answer does,
    and the meter is back once the line is clean."""
    with virtual_line(tmp_path) as line:
        async with rig(METER, 0, line, voltage_noise_v=0.0) as (sim, poller):
            recorder = Recorder()
            poller.subscribe(recorder)
            sim.car(0).plug(soc_pct=30.0)
            await poller.wait_for(lambda s: (s.power_w or 0) > 1000, 5.0)
            for broken in (1, 2, 3):
                sim.set_crc_errors(next_frames=1)
                before = len(recorder.snapshots)
                await poller.wait_for(lambda _s, n=broken: poller.failed_polls == n, 3.0)
                # the next poll reads again and succeeds
                await poller.wait_for(lambda _s, b=before: len(recorder.snapshots) > b + 1, 3.0)
            assert sim.line_stats()["crc_broken"] == 3
            assert poller.failed_polls == 3
            assert all(s.online for s in recorder.snapshots)

            sim.set_crc_errors(rate=1.0)  # noise on every answer
            lost = await poller.wait_for(lambda s: not s.online, 5.0)
            assert lost.error is not None
            assert "exception" not in lost.error.lower()
            sim.set_crc_errors()
            await poller.wait_for(lambda s: s.online, 5.0)
            assert poller.failed_polls == sim.line_stats()["crc_broken"]

    readings = [s for s in recorder.snapshots if s.online]
    assert len(readings) >= 5
    # every value read came from an intact frame: the simulator's 230 V exactly, no garbage
    assert all(s.voltages_v == (230.0, 230.0, 230.0) for s in readings)
    assert all(s.power_w is not None and 0 <= s.power_w < 12_000 for s in readings)


async def test_a_silent_meter_is_lost_within_its_timeout_and_comes_back(tmp_path: Path) -> None:
    profile = fast(METER)
    polling, connection = profile.polling, profile.connection
    # each failed poll waits for one answer (timeout + the link's 0.5 s grace) then the interval
    lost_within_s = polling.unavailable_after_failures * (
        connection.timeout_s + 0.5 + polling.interval_s
    )
    with virtual_line(tmp_path) as line:
        async with rig(METER, 0, line) as (sim, poller):
            await poller.wait_for(lambda s: s.online, 3.0)
            sim.set_silent_units({1})  # the meter is switched off
            lost = await poller.wait_for(lambda s: not s.online, lost_within_s + 1.0)
            assert lost.error is not None
            assert "no response" in lost.error.lower()
            sim.set_silent_units(set())
            await poller.wait_for(lambda s: s.online, 5.0)


async def test_a_unit_id_nobody_has_gets_no_answer(tmp_path: Path) -> None:
    """On a serial bus no device answers an address it does not have (a TCP gateway would
    answer exception 0B): the poller reports the device lost, not refused."""
    with virtual_line(tmp_path) as line:
        async with ChargerSimulator.serving(METER, serial_path=line.device_end) as sim:
            endpoint = Endpoint.for_connector(fast(METER), line.kiosk_end, unit_id=7)
            link = PymodbusLink(endpoint)
            try:
                with pytest.raises(LinkUnavailable, match="No response"):
                    await link.read(Table.INPUT, 0, 12)
            finally:
                await link.aclose()
            assert sim.line_stats()["frames_sent"] == 0
            # the bus still works for the unit that is there
            other = PymodbusLink(Endpoint.for_connector(fast(METER), line.kiosk_end))
            try:
                assert len(await other.read(Table.INPUT, 0, 12)) == 12
            finally:
                await other.aclose()
            assert sim.line_stats()["frames_sent"] == 1


async def test_the_simulator_command_serves_a_pty_that_probe_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kiosk sim charger --pty DIR`` and ``kiosk modbus probe --host DIR/rtu-kiosk``: a
    switched-off meter probes as unavailable, a broken CRC is read again."""
    require_socat()
    stop = asyncio.Event()
    runner = asyncio.create_task(
        serve_charger_simulator("eastron-sdm630", pty_dir=tmp_path, speed=20.0, stop=stop)
    )
    try:
        async with asyncio.timeout(10):
            while not (out := capsys.readouterr().out):
                await asyncio.sleep(0.01)
        ready = json.loads(out.splitlines()[0])
        assert "modbus" not in ready
        assert ready["serial"] == str(tmp_path / "rtu-kiosk")
        argv = ["modbus", "probe", "--profile", "eastron-sdm630", "--host", ready["serial"]]

        async def probe(*extra: str) -> tuple[int, dict[str, object]]:
            code = await asyncio.to_thread(main, [*argv, *extra])
            return code, json.loads(capsys.readouterr().out)

        async with httpx.AsyncClient(base_url=ready["http"]) as http:
            await http.post("/api/faults", json={"silent_unit_ids": [1]})
            code, result = await probe()
            assert code == 1
            assert str(result["error"]).startswith("unavailable")
            faults = {"silent_unit_ids": [], "crc_next_frames": 1}
            assert (await http.post("/api/faults", json=faults)).status_code == 200
            code, result = await probe("--transport", "rtu")
            assert (code, result["error"]) == (0, None)
            assert result["voltages_v"] == [230.0, 230.0, 230.0]
            line = (await http.get("/api/status")).json()["line"]
            assert line["crc_broken"] == 1
            assert line["frames_sent"] >= 3  # the broken answer, then both batches again
    finally:
        stop.set()
        await asyncio.wait_for(runner, timeout=10)


async def test_two_meters_on_one_bus_share_the_port(tmp_path: Path) -> None:
    """A grid meter (unit 1) and a billing meter (unit 2) on one RS-485 adapter: both pollers
    read through the one open port, each its own meter; the second switched off is lost
    while the first keeps answering; a device at other serial settings is refused clearly."""
    profile = fast(METER)
    with virtual_line(tmp_path) as line:
        async with ChargerSimulator.serving(
            METER, connectors=2, serial_path=line.device_end, speed=10.0
        ) as sim:
            assert (sim.unit_id(0), sim.unit_id(1)) == (1, 2)
            grid = DevicePoller(profile, Endpoint.for_connector(profile, line.kiosk_end))
            billing = DevicePoller(
                profile, Endpoint.for_connector(profile, line.kiosk_end, unit_id=2)
            )
            grid_log = Recorder()
            grid.subscribe(grid_log)
            async with grid, billing:
                sim.car(1).plug(soc_pct=30.0)  # only the billing meter's car charges
                await billing.wait_for(lambda s: (s.power_w or 0) > 1000, 5.0)
                await grid.wait_for(lambda s: s.online, 3.0)
                assert grid.snapshot.power_w == 0

                sim.set_silent_units({2})
                await billing.wait_for(lambda s: not s.online, 5.0)
                # each of the dead meter's polls costs the bus a timeout; the grid meter is
                # read between them all the same
                read = len(grid_log.snapshots)
                await grid.wait_for(lambda _s: len(grid_log.snapshots) >= read + 2, 5.0)
                sim.set_silent_units(set())
                await billing.wait_for(lambda s: s.online, 5.0)

                other = replace(
                    Endpoint.for_connector(profile, line.kiosk_end, unit_id=3), baudrate=19200
                )
                stranger = PymodbusLink(other)
                try:
                    with pytest.raises(LinkUnavailable, match="open at 9600 8N1"):
                        await stranger.read(Table.INPUT, 0, 2)
                finally:
                    await stranger.aclose()
                assert grid.failed_polls == 0
    assert all(s.online and s.power_w == 0 for s in grid_log.snapshots)
    assert len(grid_log.snapshots) >= 3
