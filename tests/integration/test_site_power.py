"""Site power on loopback: two paid sessions on a supply that cannot give both full current.

The charger simulator serves two ``sim`` connectors (16 A each) over Modbus TCP; ``[site]``
allows 22 A per phase less a 2 A margin. A watcher samples what the simulator offers each car
(its applied PWM limit) throughout; their sum must never exceed 20 A, the first car must come
down before the second goes up, and both charging screens must say the station is sharing.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from station_rig import (
    FAST_POLICY,
    FAST_VIPPS,
    World,
    approve,
    phase,
    sim_poller_factory,
    world,
)

from kiosk.app import build_station
from kiosk.config.model import SiteSettings
from kiosk.core.state import Phase
from kiosk.sandbox.charger import ChargerSimulator
from kiosk.station.snapshot import Why
from kiosk.station.station import Station

BUDGET_A = 20  # 22 A supply - 2 A margin


async def _watch(sim: ChargerSimulator, sums: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        sums.append(sim.connector(0).applied_limit_a + sim.connector(1).applied_limit_a)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.01)


def _offered(sim: ChargerSimulator, first: float, second: float) -> bool:
    return (sim.connector(0).applied_limit_a, sim.connector(1).applied_limit_a) == (first, second)


def _sharing(station: Station, connector: int) -> bool:
    view = station.snapshot.connector(connector)
    return view is not None and view.why is Why.STATION_LIMITING


async def _station(w: World, site: SiteSettings, idle_stop_ms: int) -> Station:
    config = w.config.model_copy(
        update={
            "site": site,
            "tariff": w.config.tariff.model_copy(update={"price_ore_per_kwh": 100}),
        }
    )
    return await build_station(
        config,
        http_client=w.http,
        policy_overrides={**FAST_POLICY, "idle_stop_ms": idle_stop_ms},
        vipps_overrides=FAST_VIPPS,
        poller_factory=sim_poller_factory(w.sim.port, w.sim.clock.now_s),
        probe_interval_s=0.3,
    )


async def test_two_cars_share_the_supply_and_never_exceed_it(tmp_path: Path) -> None:
    async with world(tmp_path, connectors=2) as w:
        station = await _station(w, SiteSettings(supply_limit_a=22, margin_a=2), 600_000)
        sums: list[float] = []
        stop = asyncio.Event()
        watcher = asyncio.create_task(_watch(w.sim, sums, stop))
        try:
            await station.start()
            w.sim.car(0).plug(soc_pct=20)
            await approve(w, station, 1)
            await phase(station, 1, Phase.CHARGING, Phase.CAR_PAUSED)
            # alone, the first car gets its full 16 A
            await station.wait_for(lambda _s: _offered(w.sim, 16.0, 0.0), 5)
            assert not _sharing(station, 1)

            w.sim.car(1).plug(soc_pct=20)
            await approve(w, station, 2)
            await phase(station, 2, Phase.CHARGING, Phase.CAR_PAUSED)
            # the second car arrives: 10 A each, the first lowered before the second raised
            await station.wait_for(lambda _s: _offered(w.sim, 10.0, 10.0), 5)
            await station.wait_for(
                lambda s: all(
                    c.why is Why.STATION_LIMITING and c.shared_power_w == 10 * 3 * 230
                    for c in s.snapshot.connectors
                ),
                5,
            )

            # the second car leaves: the first goes back up to 16 A
            station.stop(2)
            await station.wait_for(lambda _s: _offered(w.sim, 16.0, 0.0), 5)
            await station.wait_for(lambda s: not _sharing(s, 1), 5)
        finally:
            stop.set()
            await watcher
            await station.aclose()
        assert len(sums) > 50
        assert max(sums) <= BUDGET_A
        assert 32.0 not in sums  # never both at full current


async def test_a_car_waiting_for_its_turn_is_not_stopped_as_full(tmp_path: Path) -> None:
    """Room for one car only: the second waits at 0 A far longer than the car-full timeout
    (1.5 s here), still charging in the session's eyes, and gets the current when the first
    leaves."""
    async with world(tmp_path, connectors=2) as w:
        station = await _station(w, SiteSettings(supply_limit_a=12, margin_a=2), 1_500)
        try:
            await station.start()
            w.sim.car(0).plug(soc_pct=20)
            await approve(w, station, 1)
            await station.wait_for(lambda _s: _offered(w.sim, 10.0, 0.0), 5)
            w.sim.car(1).plug(soc_pct=20)
            await approve(w, station, 2)
            await phase(station, 2, Phase.CHARGING, Phase.CAR_PAUSED)
            await station.wait_for(lambda s: _sharing(s, 2), 5)
            waiting = station.snapshot.connector(2)
            assert waiting is not None
            assert waiting.shared_power_w is None  # "limiting power right now", not "(0 kW)"
            await asyncio.sleep(3 * 1.5)  # the car-full timeout, three times over
            assert station.session(2).phase is Phase.CHARGING
            assert station.session(2).stop_reason is None
            assert w.sim.connector(1).applied_limit_a == 0
            station.stop(1)
            await station.wait_for(lambda _s: _offered(w.sim, 0.0, 10.0), 5)
            assert station.session(2).phase in (Phase.CHARGING, Phase.CAR_PAUSED)
        finally:
            await station.aclose()
