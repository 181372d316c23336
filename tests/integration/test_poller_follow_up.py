"""After a command the poller reads fast for a while, so the car's answer shows at once."""

from __future__ import annotations

import asyncio

from hardware_rig import poller_for

from kiosk.hardware.poller import FOLLOW_UP_INTERVAL_S, FOLLOW_UP_S
from kiosk.hardware.profile import Polling, load_named_profile
from kiosk.hardware.reading import DeviceReading
from kiosk.sandbox.charger import ChargerSimulator

PROFILE = load_named_profile("sim")
SLOW_POLL_S = 60.0  # so every read the test sees after the first comes from a command


async def test_a_stop_is_followed_by_fast_reads_until_the_car_has_let_go() -> None:
    slow = PROFILE.model_copy(
        update={"polling": Polling(interval_s=SLOW_POLL_S, unavailable_after_failures=2)}
    )
    async with ChargerSimulator.serving(PROFILE, speed=1.0) as sim:
        poller = poller_for(slow, sim, 0)
        seen: list[DeviceReading] = []
        async with poller:
            poller.subscribe(seen.append)
            await poller.wait_for(lambda s: s.online, 5.0)
            sim.car(0).plug(soc_pct=20.0)
            assert (await poller.enable(16.0)).confirmed
            # the car starts drawing after the enable: a follow-up read shows it, long
            # before the next regular poll (60 s away)
            charging = await poller.wait_for(lambda s: (s.power_w or 0) > 1000, 3.0)
            assert charging.power_w
            assert (await poller.stop()).confirmed
            stopped = await poller.wait_for(lambda s: (s.power_w or 0) == 0, 3.0)
            assert stopped.power_w == 0
            published = len(seen)
            await asyncio.sleep(FOLLOW_UP_S + 3 * FOLLOW_UP_INTERVAL_S)
            quiet = len(seen)
            await asyncio.sleep(1.0)
            # after the follow-up window the regular (slow) cadence is back: no reads
            assert len(seen) == quiet
            assert quiet > published  # the window itself kept reading


async def test_read_often_reads_a_meter_fast_for_a_while_then_slow_again() -> None:
    """Site power asks the grid meter to be read often while the site is near its limit."""
    meter = load_named_profile("eastron-sdm630")
    slow = meter.model_copy(
        update={"polling": Polling(interval_s=SLOW_POLL_S, unavailable_after_failures=2)}
    )
    async with ChargerSimulator.serving(meter, speed=1.0) as sim:
        poller = poller_for(slow, sim, 0)
        seen: list[DeviceReading] = []
        async with poller:
            poller.subscribe(seen.append)
            await poller.wait_for(lambda s: s.online, 5.0)
            await asyncio.sleep(0.5)
            assert len(seen) == 1  # the first read; the next regular one is 60 s away
            poller.read_often(1.0)
            await poller.wait_for(lambda _s: len(seen) >= 4, 2.0)  # 0.2 s apart
            await asyncio.sleep(1.0 + 2 * FOLLOW_UP_INTERVAL_S)
            quiet = len(seen)
            await asyncio.sleep(1.0)
            assert len(seen) == quiet  # the window is over: the regular cadence again
