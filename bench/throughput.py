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
"""

from __future__ import annotations

import asyncio
import gc
import time
from pathlib import Path

from bench.figures import Figure, arguments, report
from bench.rig import Rig, ScreenProbe, station_rig
from kiosk.core.state import Phase
from kiosk.snapshot import Screen

SPEED = 60.0
CHARGE_S = 0.3
BATCH = 10


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


async def session(rig: Rig, connector_id: int) -> bool:
    """One whole session; True when the emulator shows it settled."""
    screens = ScreenProbe(connector_id)
    unsubscribe = rig.station.subscribe(screens)
    try:
        rig.plug(connector_id, soc_pct=20)
        await rig.wait_phase(connector_id, {Phase.CAR_CONNECTED})
        reference = await rig.start_payment(connector_id)
        await rig.approve_on_phone(reference)
        await rig.wait_phase(connector_id, {Phase.CHARGING}, 10)
        await asyncio.sleep(CHARGE_S)
        rig.station.stop(connector_id)
        if await screens.wait({Screen.DONE}, 30) is None:
            raise RuntimeError("session did not settle in 30 s")
        settled = rig.settled_at_vipps(reference)
        rig.station.dismiss(connector_id)
        rig.unplug(connector_id)
        await rig.wait_phase(connector_id, {Phase.IDLE}, 15)
        return settled
    finally:
        unsubscribe()


async def main() -> None:
    args = arguments(__doc__ or "", runs=1000, quick_runs=60)
    total = max(20, args.runs)
    rates: list[float] = []
    rss_after: dict[int, int] = {}
    unsettled = 0
    done = 0
    async with station_rig(speed=SPEED, webhook=True) as rig:
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
                gc.collect()
                rss_after[done] = rss_bytes()
        elapsed = time.perf_counter() - started
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
            " emulator",
        ),
        Figure(
            f"RSS after {total} sessions",
            [float(rss_after[total])],
            stat="p50",
            unit="MiB",
            scale=1 / (1024 * 1024),
            target_ratio=1.2,
            reference_name="RSS after 10 sessions",
            reference=[float(rss_after[10])],
            note="RSS by sessions: "
            + ", ".join(f"{n}: {v / 2**20:.0f}" for n, v in sorted(rss_after.items())),
        ),
    ]
    report("headless throughput and memory", figures, args.json, {"sessions": total})


if __name__ == "__main__":
    asyncio.run(main())
