"""Modbus RTU on a virtual serial line: what a poll of the SDM630 costs, and how soon a silent
meter is reported lost, with the shipped profile (9600 8N1, 1 s timeout, 3 failures, 1 s poll).

The simulator serves the ``eastron-sdm630`` profile on one end of a ``socat`` pty pair with
the line's timing at 9600 baud (``kiosk.sandbox.charger.serial_line``); a ``DevicePoller``
opens the other end, as the station opens ``/dev/ttyUSB0``.

Figures:

* one poll (every register of the profile, in its batches) over RTU; reference: the same poll
  of the same simulator over Modbus TCP on loopback (no line timing), same run;
* the meter switched off (its unit id silent) -> the poller publishes "unavailable"; no
  reference (it is timeouts and poll intervals by design); the site power falls back to its
  static share on that snapshot (ADR 0018, ``tests/integration/test_site_power.py``).

Needs ``socat`` (``scripts/setup`` installs it with the test tools).
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, arguments, report
from kiosk.hardware.link import Endpoint
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import Transport, load_named_profile
from kiosk.sandbox.charger import ChargerSimulator
from kiosk.sandbox.charger.serial_line import SocatMissing, VirtualSerialLine

PROFILE = load_named_profile("eastron-sdm630")


async def _polls(poller: DevicePoller, count: int) -> list[float]:
    samples = []
    for index in range(count + 3):
        started = time.perf_counter()
        reading = await poller.read_once()
        elapsed = time.perf_counter() - started
        if not reading.online:
            raise RuntimeError(f"the meter did not answer: {reading.error}")
        if index >= 3:  # after the port is open and warm
            samples.append(elapsed)
    return samples


async def _rtu_polls(line: VirtualSerialLine, count: int) -> list[float]:
    async with ChargerSimulator.serving(PROFILE, serial_path=line.device_end):
        poller = DevicePoller(PROFILE, Endpoint.for_connector(PROFILE, line.kiosk_end))
        try:
            return await _polls(poller, count)
        finally:
            await poller.aclose()


async def _tcp_polls(count: int) -> list[float]:
    async with ChargerSimulator.serving(PROFILE) as sim:
        endpoint = Endpoint.for_connector(PROFILE, "127.0.0.1", port=sim.port)
        endpoint = dataclasses.replace(endpoint, transport=Transport.TCP)
        poller = DevicePoller(PROFILE, endpoint)
        try:
            return await _polls(poller, count)
        finally:
            await poller.aclose()


async def _time_to_lost(line: VirtualSerialLine) -> float:
    async with ChargerSimulator.serving(PROFILE, serial_path=line.device_end) as sim:
        poller = DevicePoller(PROFILE, Endpoint.for_connector(PROFILE, line.kiosk_end))
        async with poller:
            await poller.wait_for(lambda s: s.online, 10.0)
            started = time.perf_counter()
            sim.set_silent_units({1})
            await poller.wait_for(lambda s: not s.online, 30.0)
            return time.perf_counter() - started


async def _run(runs: int, polls: int) -> list[Figure]:
    rtu: list[float] = []
    tcp: list[float] = []
    lost: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-rtu-") as folder:
        for run in range(runs):
            with VirtualSerialLine(Path(folder) / f"line{run}") as line:
                rtu += await _rtu_polls(line, polls)
                lost.append(await _time_to_lost(line))
            tcp += await _tcp_polls(polls)
    connection = PROFILE.connection
    return [
        Figure(
            "SDM630 poll over RTU, 9600 8N1 (every register, in the profile's batches)",
            rtu,
            stat="p95",
            reference_name="the same poll over Modbus TCP on loopback",
            reference=tcp,
            note=f"request gap {connection.request_gap_s * 1000:.0f} ms between batches",
        ),
        Figure(
            "SDM630 switched off -> reported unavailable (shipped profile)",
            lost,
            stat="max",
            unit="s",
            scale=1.0,
            note=(
                f"timeout {connection.timeout_s:g} s, poll {PROFILE.polling.interval_s:g} s,"
                f" unavailable after {PROFILE.polling.unavailable_after_failures} failed polls"
            ),
        ),
    ]


def main() -> int:
    args = arguments(__doc__ or "", runs=5, quick_runs=2)
    try:
        figures = asyncio.run(_run(args.runs, polls=10 if args.quick else 30))
    except SocatMissing as error:
        print(f"bench.rtu_line: {error}", file=sys.stderr)
        return 2
    report("Modbus RTU on a virtual serial line", figures, args.json, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
