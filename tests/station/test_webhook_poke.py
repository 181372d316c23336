"""A webhook's poke is never dropped: it is the fast path from approval to charging.

The station's clock stands still (``emulator_station``), so no regular poll ever comes: the
charger can only be enabled because a poke led to a GET that saw the approval.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from emulator_station import EmulatorStation, emulator_station

from kiosk.core.ports import PaymentView
from kiosk.core.state import Phase

BUDGET_ORE = 20_000


async def _awaiting_approval(world: EmulatorStation) -> str:
    station = world.station
    world.sim.car(0).plug(soc_pct=20)
    await station.wait_for(lambda s: s.session(1).phase is Phase.CAR_CONNECTED, 5)
    station.select_connector(1)
    await station.wait_for(lambda s: s.session(1).phase is Phase.CHOOSING_BUDGET, 5)
    station.choose_budget(1, BUDGET_ORE)
    await station.wait_for(lambda s: s.session(1).phase is Phase.AWAITING_APPROVAL, 5)
    reference = world.station.session(1).reference
    assert reference is not None
    return reference


def _gets(world: EmulatorStation) -> int:
    return world.gateway.calls().count("get")


async def _until(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    async with asyncio.timeout(timeout_s):
        while not condition():
            await asyncio.sleep(0.01)


async def test_a_poke_within_the_rate_goes_at_once() -> None:
    async with emulator_station() as world:
        reference = await _awaiting_approval(world)
        world.station.poke_payment(reference)  # a GET goes out: not approved yet
        await _until(lambda: _gets(world) == 1)
        await asyncio.sleep(0.05)  # its answer (CREATED) is in
        world.emulator.approve(reference)
        world.station.poke_payment(reference)  # the second GET in this second: allowed
        await world.station.wait_for(
            lambda s: s.session(1).phase in (Phase.CHARGING, Phase.CAR_PAUSED), 5
        )
        assert _gets(world) == 2


async def test_a_poke_beyond_the_rate_is_answered_once_the_rate_allows() -> None:
    async with emulator_station() as world:
        reference = await _awaiting_approval(world)
        for expected in (1, 2):  # two GETs in the same (frozen) second: the rate is used up
            world.station.poke_payment(reference)
            await _until(lambda: _gets(world) == expected)  # noqa: B023
            await asyncio.sleep(0.05)
        assert world.station.session(1).phase is Phase.AWAITING_APPROVAL

        world.emulator.approve(reference)
        world.station.poke_payment(reference)  # over the rate: held, not dropped
        world.station.poke_payment(reference)  # and again: adds nothing
        await asyncio.sleep(0.2)
        assert _gets(world) == 2
        await world.station.wait_for(
            lambda s: s.session(1).phase in (Phase.CHARGING, Phase.CAR_PAUSED), 5
        )
        assert _gets(world) == 3


async def test_a_poke_while_a_get_is_on_its_way_brings_one_more_get() -> None:
    async with emulator_station() as world:
        reference = await _awaiting_approval(world)
        inner = world.gateway.get_payment
        released = asyncio.Event()
        held: list[str] = []

        async def slow_get(ref: str) -> PaymentView:
            if not held:  # the first GET left before the approval and is slow to answer
                held.append(ref)
                answer = await inner(ref)
                await released.wait()
                return answer
            return await inner(ref)

        world.gateway.get_payment = slow_get  # type: ignore[method-assign]
        world.station.poke_payment(reference)
        await _until(lambda: bool(held))
        world.emulator.approve(reference)
        world.station.poke_payment(reference)  # the webhook, while that GET is out
        released.set()
        await world.station.wait_for(
            lambda s: s.session(1).phase in (Phase.CHARGING, Phase.CAR_PAUSED), 5
        )
        assert _gets(world) == 2
