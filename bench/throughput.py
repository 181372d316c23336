"""Headless throughput: whole sessions per minute, and memory after many sessions.

The real station (no screen) on loopback with webhooks, the charger simulator 60x faster than
real time, both connectors busy at once. A session: plug, tap, 200 NOK, approve on the phone
page (the webhook pokes the station), charge ~0.3 s (~18 s simulated), Stop, settle (capture,
cancel, receipt, check), dismiss Done, unplug, back to idle.

Figures:

* sessions per minute, per batch of 10 (reference: the first batch; a ratio < 1 means the
  station slows down as its database and history grow);
* RSS after N sessions (1,000; ``--quick`` 60) against RSS after 10 (target <= 1.2x, i.e.
  no leak worth the name; PRODUCT.md sets no number, this one is ours).

The world (Vipps emulator, charger simulator) runs in a child process (``bench.world_link``):
the emulator keeps every payment in memory by design, so only this process - the station, its
database thread, its webhook receiver and this driver - is measured. The world's RSS is printed
beside it for comparison, with the interpreter's allocated blocks. ``BENCH_TRACEMALLOC=25``
(frames) also traces Python allocations and prints the biggest growth between 10 and N
sessions by traceback; it slows everything down and its own bookkeeping lives outside
Python's blocks, so take the RSS figure from a run without it.
"""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

from bench.figures import Figure, arguments, report
from bench.process_memory import MIB, python_blocks, rss_bytes, traced_growth
from bench.station_driver import ScreenProbe
from bench.world_link import SplitRig, split_station_rig
from kiosk.core.state import Phase
from kiosk.station.snapshot import Screen

SPEED = 60.0
CHARGE_S = 0.3
BATCH = 10


async def session(rig: SplitRig, connector_id: int) -> bool:
    """One whole session; True when the emulator shows it settled."""
    screens = ScreenProbe(connector_id)
    unsubscribe = rig.station.subscribe(screens)
    try:
        await rig.plug(connector_id, soc_pct=20)
        await rig.wait_phase(connector_id, {Phase.CAR_CONNECTED})
        reference = await rig.start_payment(connector_id)
        await rig.approve_on_phone(reference)
        await rig.wait_phase(connector_id, {Phase.CHARGING}, 10)
        await asyncio.sleep(CHARGE_S)
        rig.station.stop(connector_id)
        if await screens.wait({Screen.DONE}, 30) is None:
            raise RuntimeError("session did not settle in 30 s")
        settled = await rig.settled_at_vipps(reference)
        rig.station.dismiss(connector_id)
        await rig.unplug(connector_id)
        await rig.wait_phase(connector_id, {Phase.IDLE}, 15)
        return settled
    finally:
        unsubscribe()


@dataclass
class MemoryCheckpoints:
    """The station process's memory (and the world's RSS) after so many sessions."""

    station_rss: dict[int, int] = field(default_factory=dict)
    python_blocks: dict[int, int] = field(default_factory=dict)
    traced: dict[int, int] = field(default_factory=dict)
    world_rss: dict[int, int] = field(default_factory=dict)
    snapshots: dict[int, Path] = field(default_factory=dict)
    """tracemalloc snapshots, dumped to files: one held in memory would count as growth."""
    folder: Path | None = None

    async def take(self, rig: SplitRig, done: int, keep_snapshot: bool) -> None:
        gc.collect()
        self.station_rss[done] = rss_bytes()
        self.python_blocks[done] = python_blocks()
        self.world_rss[done] = await rig.world_rss_bytes()
        if tracemalloc.is_tracing():
            self.traced[done] = tracemalloc.get_traced_memory()[0]
            if keep_snapshot:
                if self.folder is None:
                    self.folder = Path(tempfile.mkdtemp(prefix="bench-tm-"))
                path = self.folder / f"after-{done}.tracemalloc"
                tracemalloc.take_snapshot().dump(str(path))
                self.snapshots[done] = path
                gc.collect()

    def note(self) -> str:
        def mib(values: dict[int, int]) -> str:
            return ", ".join(f"{n}: {v / MIB:.1f}" for n, v in sorted(values.items()))

        parts = [
            f"station RSS MiB by sessions: {mib(self.station_rss)}",
            "Python blocks: "
            + ", ".join(f"{n}: {v}" for n, v in sorted(self.python_blocks.items())),
            f"world process RSS MiB (not counted): {mib(self.world_rss)}",
        ]
        if self.traced:
            parts.append(f"tracemalloc MiB: {mib(self.traced)}")
        return "; ".join(parts)


def print_traced_growth(memory: MemoryCheckpoints, total: int) -> None:
    try:
        if 10 in memory.snapshots and total in memory.snapshots:
            print(f"\ntracemalloc: biggest growth from 10 to {total} sessions, by traceback")
            before = tracemalloc.Snapshot.load(str(memory.snapshots[10]))
            after = tracemalloc.Snapshot.load(str(memory.snapshots[total]))
            for line in traced_growth(before, after):
                print(line)
    finally:
        if memory.folder is not None:
            shutil.rmtree(memory.folder, ignore_errors=True)


async def main() -> None:
    args = arguments(__doc__ or "", runs=1000, quick_runs=60)
    total = max(20, args.runs)
    frames = int(os.environ.get("BENCH_TRACEMALLOC", "0"))
    if frames:
        tracemalloc.start(frames)
    rates: list[float] = []
    memory = MemoryCheckpoints()
    unsettled = 0
    done = 0
    async with split_station_rig(speed=SPEED, webhook=True) as rig:
        connectors = (1, 2)
        started = time.perf_counter()
        batch_started = started
        while done < total:
            results = await asyncio.gather(*(session(rig, c) for c in connectors))
            unsettled += results.count(False)
            done += len(results)
            if done % BATCH == 0:
                now = time.perf_counter()
                rates.append(BATCH / ((now - batch_started) / 60.0))
                batch_started = now
            if done in (10, total) or done % 100 == 0:
                await memory.take(rig, done, keep_snapshot=done in (10, total))
        elapsed = time.perf_counter() - started
        webhooks = rig.webhook_deliveries
    figures = [
        Figure(
            f"sessions per minute (batches of {BATCH}, {total} sessions, 2 connectors)",
            rates[1:] if len(rates) > 1 else rates,
            stat="p50",
            unit="/min",
            scale=1.0,
            higher_is_better=True,
            reference_name="first batch",
            reference=rates[:1],
            target_text="- (no target; ratio < 1 = slowing down)",
            note=f"overall {total / (elapsed / 60):.1f}/min; {unsettled} not settled at the"
            f" emulator; {webhooks} webhooks delivered",
        ),
        Figure(
            f"station RSS after {total} sessions (world in a child process)",
            [float(memory.station_rss[total])],
            stat="p50",
            unit="MiB",
            scale=1 / MIB,
            target_ratio=1.2,
            reference_name="station RSS after 10 sessions",
            reference=[float(memory.station_rss[10])],
            note=memory.note(),
        ),
    ]
    report(
        "headless throughput and memory",
        figures,
        args.json,
        {
            "sessions": total,
            "station_rss": memory.station_rss,
            "python_blocks": memory.python_blocks,
            "world_rss": memory.world_rss,
            "tracemalloc": memory.traced,
        },
    )
    print_traced_growth(memory, total)
    sys.stdout.flush()


if __name__ == "__main__":
    asyncio.run(main())
