"""Site power on the charger simulator (PRODUCT.md §9: "a car joins", issue 18, ADR 0018).

The real station (``kiosk.app.build_station`` with ``[site]``) runs against the Vipps emulator
(uvicorn) and the demo's two-socket charger simulator (pymodbus, real time), all on 127.0.0.1,
in this process. A second simulator serves the site's grid meter (Eastron SDM630 profile,
Modbus TCP, polled by the station's own grid poller): it reads a building load that the
script sets plus whatever the two simulated cars draw at that instant. Supply 40 A per phase,
2 A margin, 16 A fallback while the meter is lost; two 32 A sockets, cars whose on-board
chargers take 32 A on three phases; the building draws 10 A. Every simulator at its own
defaults: registers refresh each second, the station polls each second.

Scenario: car A charges on connector 1 throughout. Then, ``runs`` times, car B arrives on
connector 2 (a payment approved on the phone page, then the car plugged in) and leaves again
(Stop, settle, unplug). Then, with both cars charging: a building step within the margin
(+2 A) and back; ``max(3, runs)`` building steps larger than the margin (+10 A) and back with
the grid meter read every 0.2 s near the limit (``SitePower`` asks it of the poller), and as
many with the profile's 1 s poll only, in turns, each at a random phase of the meter's
register refresh; then the grid meter silent for 12 s and answering again.

Figures:

* a car arrives -> both connectors' setpoints written and read back: from the plug until the
  simulator holds the new setpoints of both sockets (A lowered, B offered at least 6 A) and
  the station has confirmed both by reading them back. Beside it, the same from the session's
  enable (the station has seen the plug, one charger poll later). Reference: a bare pymodbus
  write-and-read round trip per socket.
* the largest excess over the supply limit, per phase, of what the simulator's cars draw plus
  the building, sampled after every step of the simulator's physics (its 0.1 s tick and every
  Modbus request): over the whole scenario, and apart from the large building steps
  (arrivals, departures, the small step, the meter lost and back). Target 0 A.
* a large building step: the excess (the step less the margin cannot be avoided: nothing
  knows of it before the grid meter has seen it) and how long the supply stays over its
  limit, against the same with the profile's poll as the reference.
* the grid meter silent -> the fallback budget in force.

Nothing here fails on a missed target: the figures are printed.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

from bench.figures import Figure, arguments, report
from bench.modbus_reference import bare_round_trips
from bench.rig import Rig, station_rig
from kiosk.config import StationConfig
from kiosk.config.model import GridMeterSettings, SiteSettings
from kiosk.core.state import Phase
from kiosk.hardware.poller import FOLLOW_UP_INTERVAL_S
from kiosk.sandbox.charger.simulator import ChargerSimulator
from kiosk.sandbox.charger.site_load import grid_currents
from kiosk.station.site_power import READ_OFTEN_S, SharedCharger, SitePower

SUPPLY_A = 40
MARGIN_A = 2
FALLBACK_A = 16
BUILDING_A = 10.0
SMALL_STEP_A = 2.0  # within the margin
LARGE_STEP_A = 10.0  # larger than the margin: the meter must see it first
LARGE_STEP = "large step"
METER_REFRESH_S = 1.0  # the simulated meters' register refresh (the simulator's default)
GRID_POLL_S = 1.0  # the SDM630 profile's poll interval
METER_LOST_S = 12.0
CAR = {"soc_pct": 20, "obc_limit_a": 32.0, "ramp_s": 2.0, "lag_s": 0.5}
"""A car whose on-board charger takes 32 A on three phases and follows a new limit within a
second (the simulator's default car ramps over 5 s with a 2 s lag: the allocator then raises
it 1-2 A per round as its draw follows, and a car alone needs about 30 s to reach 28 A)."""
BUDGET_ORE = 50_000
PRICE_ORE_PER_KWH = 100
MIN_OFFER_A = 6


@dataclass
class Sample:
    at: float  # perf_counter
    stage: str
    totals_a: tuple[float, float, float]

    @property
    def excess_a(self) -> float:
        return max(0.0, max(self.totals_a) - SUPPLY_A)


@dataclass
class CurrentSampler:
    """After every step of the charger simulator's physics: what both cars draw plus the
    building, per phase (the currents the site's main fuse carries)."""

    sim: ChargerSimulator
    building_a: list[float]
    stage: str = "start"
    samples: list[Sample] = field(default_factory=list)

    def install(self) -> None:
        original = self.sim.sync
        evses = self.sim._evses  # the sockets' exact state (rig.EvseProbe reads them too)

        def sync() -> None:
            original()
            totals = [self.building_a[0]] * 3
            for evse in evses:
                for phase, amps in enumerate(evse.live_reading().currents_a):
                    totals[phase] += amps
            at = time.perf_counter()
            self.samples.append(Sample(at, self.stage, (totals[0], totals[1], totals[2])))

        self.sim.sync = sync  # type: ignore[method-assign]


def _shared(rig: Rig, number: int) -> SharedCharger:
    power = rig.station.site_power
    assert power is not None
    return power.chargers[number]


def _confirmed_a(rig: Rig, number: int) -> float | None:
    """What the station has confirmed (read back) the charger offers; None: unknown."""
    offered = _shared(rig, number).offered_a
    return None if offered is None else float(offered)


def _on_simulator_a(rig: Rig, number: int) -> float:
    return rig.world.simulator.connector(number - 1).applied_limit_a


async def _until(predicate: Callable[[], bool], timeout_s: float, what: str) -> float:
    """perf_counter when ``predicate`` first holds (checked every 2 ms)."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        if predicate():
            return time.perf_counter()
        await asyncio.sleep(0.002)
    raise RuntimeError(f"{what}: not within {timeout_s:g} s")


async def _pay(rig: Rig, number: int) -> None:
    reference = await rig.start_payment(number, BUDGET_ORE)
    await rig.approve_on_phone(reference)


async def _settled(sampler: CurrentSampler, settle_s: float) -> None:
    """Let the allocation settle (the cars ramp up and are followed) for ``settle_s``."""
    sampler.stage = "steady"
    await asyncio.sleep(settle_s)


async def _steady(rig: Rig, number: int, share_a: int, what: str) -> None:
    """Until the station has confirmed ``share_a`` on ``number`` and its car draws it."""
    car = rig.world.simulator.car(number - 1)

    def steady() -> bool:
        return _confirmed_a(rig, number) == share_a and car.current_a >= share_a - 1

    await _until(steady, 60, what)


async def _leave(rig: Rig, number: int) -> None:
    rig.station.stop(number)
    await rig.wait_phase(number, {Phase.DONE, Phase.ENDED, Phase.ATTENTION}, 30)
    rig.station.dismiss(number)
    rig.unplug(number)
    await rig.wait_phase(number, {Phase.IDLE}, 15)


@dataclass
class Arrival:
    from_plug_s: float
    from_enable_s: float


async def _arrival(rig: Rig, sampler: CurrentSampler) -> Arrival:
    """Car B arrives on connector 2 while car A charges on 1: plug -> both setpoints on the
    simulator and confirmed by the station."""
    await _pay(rig, 2)
    await rig.wait_phase(2, {Phase.WAITING_FOR_PLUG})
    before_a = _confirmed_a(rig, 1)
    assert before_a is not None
    b = _shared(rig, 2)
    enabled: list[float] = []
    original_enable = b.enable

    async def enable() -> None:
        enabled.append(time.perf_counter())
        await original_enable()

    b.enable = enable  # type: ignore[method-assign]
    try:
        sampler.stage = "arrival"
        plugged = time.perf_counter()
        rig.plug(2, **CAR)

        def both() -> bool:
            a_now, b_now = _confirmed_a(rig, 1), _confirmed_a(rig, 2)
            return (
                a_now is not None
                and b_now is not None
                and a_now < before_a
                and b_now >= MIN_OFFER_A
                and _on_simulator_a(rig, 1) == a_now
                and _on_simulator_a(rig, 2) == b_now
            )

        done = await _until(both, 20, "both setpoints after an arrival")
    finally:
        b.enable = original_enable  # type: ignore[method-assign]
    if not enabled:
        raise RuntimeError("the arriving session never enabled its charger")
    return Arrival(done - plugged, done - enabled[0])


async def _building_step(
    sampler: CurrentSampler, building: list[float], to_a: float, stage: str, hold_s: float
) -> None:
    sampler.stage = stage
    building[0] = to_a
    await asyncio.sleep(hold_s)


def _over_limit(samples: list[Sample], stage: str) -> tuple[float, int]:
    """How long the supply was over its limit during ``stage`` (each sample over the limit
    counts until the next sample), and in how many separate stretches."""
    of_stage = [s for s in samples if s.stage == stage]
    over_s, stretches = 0.0, 0
    for before, after in itertools.pairwise(of_stage):
        if before.excess_a > 0:
            over_s += after.at - before.at
    for index, sample in enumerate(of_stage):
        if sample.excess_a > 0 and (index == 0 or of_stage[index - 1].excess_a == 0):
            stretches += 1
    return over_s, stretches


async def _large_steps(
    power: SitePower, sampler: CurrentSampler, building: list[float], count: int
) -> dict[bool, list[str]]:
    """``count`` building steps of ``LARGE_STEP_A`` with the grid meter read often near the
    limit, and ``count`` with its profile's poll only (``read_often`` switched off), taken in
    turns at a random phase of the meter's register refresh. The stage names by kind
    (True: the regular poll)."""
    grid: Any = power._grid  # the station's grid meter poller
    read_often = grid.read_often
    stages: dict[bool, list[str]] = {False: [], True: []}
    try:
        for index in range(2 * count):
            regular = index % 2 == 1
            grid.read_often = (lambda _for_s: None) if regular else read_often
            sampler.stage = "steady"
            await asyncio.sleep(READ_OFTEN_S + random.uniform(0.0, METER_REFRESH_S))
            stage = f"{LARGE_STEP} {index}"
            stages[regular].append(stage)
            await _building_step(sampler, building, BUILDING_A + LARGE_STEP_A, stage, 5)
            await _building_step(sampler, building, BUILDING_A, "large step back", 6)
    finally:
        grid.read_often = read_often
    return stages


async def main() -> None:
    args = arguments(__doc__ or "", runs=20, quick_runs=3)
    building = [BUILDING_A]
    async with AsyncExitStack() as stack:
        meter = await stack.enter_async_context(ChargerSimulator.serving("eastron-sdm630"))
        site = SiteSettings(
            supply_limit_a=SUPPLY_A,
            margin_a=MARGIN_A,
            fallback_current_a=FALLBACK_A,
            grid_meter=GridMeterSettings(
                profile="eastron-sdm630", host="127.0.0.1", port=meter.port
            ),
        )

        def configure(config: StationConfig) -> StationConfig:
            tariff = config.tariff.model_copy(update={"price_ore_per_kwh": PRICE_ORE_PER_KWH})
            return config.model_copy(update={"site": site, "tariff": tariff})

        rig = await stack.enter_async_context(station_rig(configure=configure))
        sim = rig.world.simulator
        meter.connector(0).set_site_load(
            grid_currents(lambda _now_s: (building[0],) * 3, sim.connector(0), sim.connector(1))
        )
        sampler = CurrentSampler(sim, building)
        sampler.install()
        power: SitePower | None = rig.station.site_power
        assert power is not None

        # car A charges alone: 40 - 2 - 10 = 28 A
        await _pay(rig, 1)
        await rig.wait_phase(1, {Phase.WAITING_FOR_PLUG})
        rig.plug(1, **CAR)
        await _steady(rig, 1, 28, "car A alone at 28 A")
        await _settled(sampler, 3)

        arrivals: list[Arrival] = []
        for _ in range(args.runs):
            arrivals.append(await _arrival(rig, sampler))
            await _steady(rig, 2, 14, "car B at 14 A")
            await _settled(sampler, 3)
            sampler.stage = "departure"
            await _leave(rig, 2)
            await _steady(rig, 1, 28, "car A back at 28 A")
            await _settled(sampler, 3)

        # both cars charging for the building steps and the lost meter
        arrivals.append(await _arrival(rig, sampler))
        await _steady(rig, 2, 14, "car B at 14 A")
        await _settled(sampler, 3)
        await _building_step(sampler, building, BUILDING_A + SMALL_STEP_A, "small step", 6)
        await _building_step(sampler, building, BUILDING_A, "small step back", 6)
        steps = await _large_steps(power, sampler, building, max(3, args.runs))
        sampler.stage = "meter lost"
        meter.set_silent(True)
        lost_at = time.perf_counter()
        await _until(lambda: power.last is not None and not power.last.on_meter, 30, "fallback")
        fallback_s = time.perf_counter() - lost_at
        await asyncio.sleep(max(0.0, METER_LOST_S - fallback_s))
        sampler.stage = "meter back"
        meter.set_silent(False)
        await _until(lambda: power.last is not None and power.last.on_meter, 30, "meter back")
        await asyncio.sleep(8)
        sampler.stage = "end"
        await _leave(rig, 2)
        await _leave(rig, 1)
        modbus_ref = await bare_round_trips(sim, 1, 100)

    samples = sampler.samples
    large = [s for s in samples if s.stage.startswith(LARGE_STEP)]
    rest = [s for s in samples if not s.stage.startswith(LARGE_STEP)]
    ticks = sorted(b.at - a.at for a, b in itertools.pairwise(samples))
    interval_ms = 1000 * ticks[len(ticks) // 2] if ticks else float("nan")
    worst = max(samples, key=lambda s: s.excess_a)
    worst_rest = max(rest, key=lambda s: s.excess_a)
    over = {kind: [_over_limit(samples, stage) for stage in names] for kind, names in steps.items()}
    pair_ref = [2 * r for r in modbus_ref]
    figures = [
        Figure(
            "a car arrives (plug) -> both setpoints on the simulator and read back",
            [a.from_plug_s for a in arrivals],
            stat="p95",
            target=2.0,
            reference_name="2 bare pymodbus write+read",
            reference=pair_ref,
            note="includes the station seeing the plug: one charger poll (1 s)",
        ),
        Figure(
            "a car arrives (session enables) -> both setpoints on the simulator and read back",
            [a.from_enable_s for a in arrivals],
            stat="p95",
            target=2.0,
            reference_name="2 bare pymodbus write+read",
            reference=pair_ref,
            note="lower A, confirm, wait for fresh charger + grid readings, raise B, confirm",
        ),
        Figure(
            "excess over the supply limit, whole scenario",
            [s.excess_a for s in samples],
            stat="max",
            unit="A",
            scale=1.0,
            target=0.0,
            note=f"{len(samples)} samples, median interval {interval_ms:.0f} ms; worst "
            f"{worst.excess_a:.1f} A during {worst.stage!r}",
        ),
        Figure(
            f"excess over the supply limit, apart from the +{LARGE_STEP_A:g} A building steps",
            [s.excess_a for s in rest],
            stat="max",
            unit="A",
            scale=1.0,
            target=0.0,
            note=f"arrivals, departures, +{SMALL_STEP_A:g} A step, grid meter lost and back; "
            f"worst {worst_rest.excess_a:.2f} A during {worst_rest.stage!r}",
        ),
        Figure(
            f"+{LARGE_STEP_A:g} A building step: excess over the supply limit",
            [s.excess_a for s in large],
            stat="max",
            unit="A",
            scale=1.0,
            note=f"the step minus the {MARGIN_A} A margin and what the cars left unused",
        ),
        Figure(
            f"+{LARGE_STEP_A:g} A building step: time over the supply limit "
            f"(grid meter read every {FOLLOW_UP_INTERVAL_S:g} s near the limit)",
            [over_s for over_s, _stretches in over[False]],
            stat="max",
            reference_name=f"the same with the profile's {GRID_POLL_S:g} s poll",
            reference=[over_s for over_s, _stretches in over[True]],
            note=f"until the meter has seen it: its registers refresh every {METER_REFRESH_S:g}"
            f" s; stretches over the limit per step: "
            f"{[n for _s, n in over[False]]} / {[n for _s, n in over[True]]}",
        ),
        Figure(
            "grid meter silent -> fallback budget applied",
            [fallback_s],
            stat="max",
            note=f"fallback {FALLBACK_A} A per phase for both cars",
        ),
    ]
    report(
        "site power (two cars, grid meter, building load)",
        figures,
        args.json,
        {"runs": args.runs, "supply_a": SUPPLY_A, "margin_a": MARGIN_A},
    )


if __name__ == "__main__":
    asyncio.run(main())
