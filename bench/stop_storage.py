"""Stop tap -> disable written on the charger while the database is healthy, locked or slow.

Issue 14, ADR 0014: safety never waits for storage. The real station (``kiosk.app.
build_station``, SQLite file) against the Vipps emulator (uvicorn) and the charger simulator
(pymodbus, the demo's two sockets, 20x time), all on 127.0.0.1. Each mode runs in its own
child process of this script (so the fsync shim can be preloaded into it):

* ``healthy``: nothing in the way.
* ``lock``: another PROCESS holds the SQLite write lock (``BEGIN IMMEDIATE``, as a backup or
  a technician's ``sqlite3`` shell does) for 30 s; the sessions that were charging when it was
  taken are stopped one by one, spread over that window. The station's busy timeout is 10 s.
* ``fsync``: every ``fsync``/``fdatasync`` of the database and its WAL takes 200 ms
  (``bench/slow_fsync.c``, compiled with gcc when the bench runs and put in ``LD_PRELOAD``;
  it reports how many calls it delayed).
* ``ocpp-idle`` / ``ocpp-busy`` (issue 17): the station with its OCPP link wired as
  ``kiosk.app`` wires it (``OcppBridge`` + ``OcppLink`` + the outbox file, in the station's
  event loop) to the tests' own CSMS in a child process (``bench/ocpp_csms.py``, it answers at
  once, so the link sends as fast as it can). Idle: connected, nothing queued but the
  sessions' own events. Busy: the outbox holds tens of thousands of offline transaction events
  (topped up before each round), replayed while the stops are tapped; every tap notes how many
  were still queued, so a tap with the link not busy shows.

Each round: every socket gets a car, a payment approved on the phone page, and charges; then
Stop is tapped on each, and the time from the tap until the simulator's socket stops offering
current after a Modbus write is the figure (``EvseProbe``). The round then settles (after the
lock is gone), is dismissed and unplugged. Beside it, without a target: Stop tap -> that
session's records (the stop's among them) all written, which shows the lock or the slow disk
was really in the way. Reference: a bare pymodbus write-and-read round trip, measured in the
same child.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODES = ("healthy", "lock", "fsync", "ocpp-idle", "ocpp-busy")
SPEED = 20.0
CHARGE_S = 0.5
LOCK_S = 30.0
FSYNC_DELAY_MS = 200
BUSY_EVENTS = 40_000
BUSY_LOW_WATER = 10_000
TARGET_S = 0.050

_HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


# --- the child: one mode ----------------------------------------------------------------


async def _charge_all(rig: Any, connectors: list[int]) -> None:
    from kiosk.core.state import Phase

    for number in connectors:
        rig.plug(number, soc_pct=20)
        await rig.wait_phase(number, {Phase.CAR_CONNECTED}, 15)
        reference = await rig.start_payment(number)
        await rig.approve_on_phone(reference)
        await rig.wait_phase(number, {Phase.CHARGING}, 30)
    await asyncio.sleep(CHARGE_S)


async def _recorded(runner: Any, started: float, out: dict[str, Any]) -> None:
    """Time until the stopped session's records (the stop's among them) are all written."""
    await runner.records_written()
    out["recorded"].append(time.perf_counter() - started)


async def _stop_all(
    rig: Any, connectors: list[int], spacing_s: float, out: dict[str, Any], link: Any = None
) -> list[float]:
    """Tap Stop on each connector ``spacing_s`` apart; the perf_counter of each tap."""
    watchers = []
    taps = []
    for number in connectors:
        await asyncio.sleep(spacing_s)
        runner = rig.station.runner(number)
        started = time.perf_counter()
        taps.append(started)
        rig.station.stop(number)
        if link is not None:
            out["queued_at_tap"].append(link.outbox.depth)
        written_at = await rig.probes[number].first_after(started, offering=False, timeout_s=60)
        if written_at is None:
            raise RuntimeError(f"connector {number}: the disable was not written within 60 s")
        out["stop_written"].append(written_at - started)
        watchers.append(asyncio.create_task(_recorded(runner, started, out)))
    await asyncio.gather(*watchers)
    return taps


async def _settle_all(rig: Any, connectors: list[int]) -> None:
    from kiosk.core.state import Phase

    for number in connectors:
        await rig.wait_phase(number, {Phase.DONE, Phase.ENDED, Phase.ATTENTION}, 90)
        rig.station.dismiss(number)
        rig.unplug(number)
    for number in connectors:
        await rig.wait_phase(number, {Phase.IDLE}, 30)


@asynccontextmanager
async def _ocpp_link(rig: Any, out: dict[str, Any]) -> AsyncIterator[Any]:
    """The station's OCPP link (as ``kiosk.app`` wires it) to the tests' own CSMS in a child
    process; yields the link once it is connected."""
    from bench.ocpp_replay import own_csms_child
    from kiosk.adapters.ocpp_link import OcppLink, OcppLinkSettings
    from kiosk.adapters.ocpp_outbox import Outbox
    from kiosk.station.ocpp_bridge import OcppBridge

    async with own_csms_child() as csms:
        bridge = OcppBridge(rig.station)
        settings = OcppLinkSettings(
            url=csms.url, identity="LS-STOP-1", password=csms.password, meter_interval_s=1
        )
        link = OcppLink(settings, Outbox(rig.data_dir / "ocpp-outbox.sqlite3"), bridge)
        bridge.attach(link)
        await bridge.start()
        try:
            async with asyncio.timeout(30):
                while not link.connected:  # noqa: ASYNC110 - the link has no event for it
                    await asyncio.sleep(0.02)
            yield link
        finally:
            await bridge.aclose()
            out["csms"] = await csms.ask()


async def _keep_busy(link: Any, round_number: int) -> None:
    """Top the outbox up to ``BUSY_EVENTS`` offline events (one transaction, one fsync)."""
    from bench.ocpp_replay import day_of_events

    if link.outbox.depth >= BUSY_LOW_WATER:
        return
    now_ms = time.time_ns() // 1_000_000
    events = day_of_events(BUSY_EVENTS - link.outbox.depth, now_ms, prefix=f"r{round_number}x")
    await link.outbox.append_many("TransactionEvent", events, now_ms)
    link._wake.set()


async def child(mode: str, rounds: int) -> dict[str, Any]:
    from bench.modbus_reference import bare_round_trips
    from bench.rig import station_rig

    out: dict[str, Any] = {"stop_written": [], "recorded": [], "reference": []}
    async with station_rig(speed=SPEED) as rig, AsyncExitStack() as stack:
        logging.getLogger("kiosk").setLevel(logging.CRITICAL)  # the lock's errors are expected
        link = None
        if mode.startswith("ocpp"):
            link = await stack.enter_async_context(_ocpp_link(rig, out))
            out["queued_at_tap"] = []
        connectors = rig.world.connector_count
        numbers = list(range(1, connectors + 1))
        db_path = rig.data_dir / "ladeskjerm-demo.sqlite3"
        replay_started = time.perf_counter()
        for round_number in range(rounds):
            if mode == "ocpp-busy":
                await _keep_busy(link, round_number)
            await _charge_all(rig, numbers)
            if mode == "lock":
                holder = await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-c",
                    _HOLDER,
                    str(db_path),
                    str(LOCK_S),
                    stdout=subprocess.PIPE,
                )
                assert holder.stdout is not None
                if (await holder.stdout.readline()).strip() != b"locked":
                    raise RuntimeError("the lock holder did not take the lock")
                locked_at = time.perf_counter()
                taps = await _stop_all(rig, numbers, LOCK_S / (connectors + 1), out)
                out.setdefault("taps_after_lock_s", []).extend(t - locked_at for t in taps)
                await holder.wait()
            else:
                await _stop_all(rig, numbers, 0.2, out, link)
            await _settle_all(rig, numbers)
        if link is not None:
            out["link_connections"] = link.connections
            out["wall_s"] = time.perf_counter() - replay_started
            out["queued_at_end"] = link.outbox.depth
        out["reference"] = await bare_round_trips(rig.world.simulator, 1, 100)
    return out


# --- the parent: build the shim, run the modes, print ----------------------------------


def _build_shim(folder: Path) -> Path:
    shim = folder / "slow_fsync.so"
    source = ROOT / "bench" / "slow_fsync.c"
    subprocess.run(
        ["gcc", "-shared", "-fPIC", "-O2", "-o", str(shim), str(source), "-ldl"], check=True
    )
    return shim


def _run_mode(mode: str, rounds: int, folder: Path) -> dict[str, Any]:
    result = folder / f"{mode}.json"
    env = dict(os.environ)
    env["PYTHONPATH"] = (
        f"{ROOT}{os.pathsep}{env['PYTHONPATH']}" if "PYTHONPATH" in env else str(ROOT)
    )
    if mode == "fsync":
        env["LD_PRELOAD"] = str(_build_shim(folder))
        env["SLOW_FSYNC_MS"] = str(FSYNC_DELAY_MS)
        env["SLOW_FSYNC_MATCH"] = ".sqlite3"  # the database, its WAL and journal
        env["SLOW_FSYNC_REPORT"] = str(folder / "fsync-count")
    command = [sys.executable, "-m", "bench.stop_storage", "--child", mode]
    command += ["--rounds", str(rounds), "--out", str(result)]
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    data: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    if mode == "fsync":
        data["fsync_delayed"] = int((folder / "fsync-count").read_text().strip() or 0)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one round per mode")
    parser.add_argument("--runs", type=int, default=None, help="rounds per mode (default 5)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--only", nargs="*", choices=MODES, default=list(MODES))
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.getLogger("pymodbus").setLevel(logging.CRITICAL)
    if args.child:
        logging.getLogger("kiosk").setLevel(logging.CRITICAL)
        data = asyncio.run(child(args.child, args.rounds))
        args.out.write_text(json.dumps(data), encoding="utf-8")
        return

    from bench.figures import Figure, report

    rounds = args.runs if args.runs is not None else (1 if args.quick else 5)
    figures = []
    extra: dict[str, Any] = {}
    names = {
        "healthy": "Stop tap -> disable written, healthy storage",
        "lock": f"Stop tap -> disable written, another process holds the DB lock {LOCK_S:.0f} s",
        "fsync": f"Stop tap -> disable written, every DB fsync takes {FSYNC_DELAY_MS} ms",
        "ocpp-idle": "Stop tap -> disable written, OCPP link up, idle",
        "ocpp-busy": "Stop tap -> disable written, OCPP link replaying its outbox",
    }
    with tempfile.TemporaryDirectory(prefix="ladeskjerm-stop-storage-") as tmp:
        for mode in args.only:
            data = _run_mode(mode, rounds, Path(tmp))
            samples = data["stop_written"]
            note = ""
            if mode == "fsync":
                note = f"the shim delayed {data['fsync_delayed']} fsync calls"
            if mode.startswith("ocpp"):
                csms = data.get("csms", {})
                note = (
                    f"the CSMS got {csms.get('count', 0)} transaction events in "
                    f"{data.get('wall_s', 0):.0f} s; queued at each tap: "
                    + ", ".join(str(n) for n in data.get("queued_at_tap", []))
                )
            if mode == "lock":
                taps = data.get("taps_after_lock_s", [])
                note = "stops tapped " + ", ".join(f"{t:.1f}" for t in taps)
                note += f" s after the lock was taken (it is held {LOCK_S:.0f} s)"
            figures.append(
                Figure(
                    names[mode],
                    samples,
                    stat="p99",
                    target=TARGET_S,
                    reference_name="bare pymodbus write+read",
                    reference=data["reference"],
                    note=note,
                )
            )
            figures.append(
                Figure(
                    names[mode].replace("disable written", "its records written"),
                    data["recorded"],
                    stat="p50",
                )
            )
            extra[mode] = {k: v for k, v in data.items() if k not in ("stop_written", "reference")}
    report("Stop with the database in the way (issue 14)", figures, args.json, extra)


if __name__ == "__main__":
    main()
