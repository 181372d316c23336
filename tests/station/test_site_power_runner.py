"""SitePower and SharedCharger with hand-written chargers: the order of commands, pausing, and
a reduction that is not confirmed holding back every increase."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable

import pytest

from kiosk.core.allocation import SiteLimit
from kiosk.core.ports import TemporaryFailure
from kiosk.hardware.reading import DeviceReading
from kiosk.station.site_power import SharedCharger, SitePower


class FakeClock:
    now = 0

    def now_ms(self) -> int:
        return self.now


class RecordingCharger:
    """A ``Charger`` that records every command in one shared log."""

    def __init__(self, name: int, log: list[tuple[int, str, int]]) -> None:
        self.name = name
        self.log = log
        self.fail_set_current = False

    async def set_current(self, current_a: int) -> None:
        if self.fail_set_current:
            raise TemporaryFailure("not confirmed")
        self.log.append((self.name, "set", current_a))

    async def enable(self) -> None:
        self.log.append((self.name, "enable", 0))

    async def disable(self) -> None:
        self.log.append((self.name, "disable", 0))


def site(
    limit: SiteLimit, log: list[tuple[int, str, int]]
) -> tuple[SitePower, dict[int, SharedCharger]]:
    chargers = {n: SharedCharger(RecordingCharger(n, log), 16) for n in (1, 2)}
    return SitePower(limit, chargers, {}, clock=FakeClock()), chargers


async def test_a_session_waits_for_its_share_and_the_first_car_comes_down_first() -> None:
    log: list[tuple[int, str, int]] = []
    power, chargers = site(SiteLimit(20, 0, 20), log)
    await power.reallocate()  # at start every charger is brought to a known state
    assert sorted(log) == [(1, "disable", 0), (2, "disable", 0)]
    log.clear()

    await chargers[1].set_current(16)
    await chargers[1].enable()
    assert log == []  # no share yet: nothing offered
    await power.reallocate()
    assert log == [(1, "set", 16), (1, "enable", 0)]
    log.clear()

    await chargers[2].set_current(16)
    await chargers[2].enable()
    allocation = await power.reallocate()
    assert dict(allocation.setpoints_a) == {1: 10, 2: 10}
    assert log == [(1, "set", 10), (2, "set", 10), (2, "enable", 0)]  # down before up
    log.clear()

    await chargers[2].disable()  # the session ends: the charger is stopped at once
    assert log == [(2, "disable", 0)]
    await power.reallocate()
    assert log[-1] == (1, "set", 16)


async def test_an_unconfirmed_reduction_holds_back_the_increase() -> None:
    log: list[tuple[int, str, int]] = []
    power, chargers = site(SiteLimit(20, 0, 20), log)
    for charger in chargers.values():
        charger.wants_current = True
    chargers[1].offered_a = 16  # charging alone before the second car came
    chargers[1].share_a = 16
    chargers[2].offered_a = 0
    inner = chargers[1].inner
    assert isinstance(inner, RecordingCharger)
    inner.fail_set_current = True
    await power.reallocate()
    assert log == []  # neither the failed 10 A nor car 2's increase went out
    assert chargers[1].offered_a == 16  # still counted at what it may offer
    inner.fail_set_current = False
    await power.reallocate()
    assert log == [(1, "set", 10), (2, "set", 10), (2, "enable", 0)]


async def test_a_lost_grid_meter_falls_back_to_the_static_share() -> None:
    log: list[tuple[int, str, int]] = []
    chargers = {n: SharedCharger(RecordingCharger(n, log), 16) for n in (1, 2)}
    for charger in chargers.values():
        charger.wants_current = True
        charger.offered_a = 0
    grid = Grid()
    grid_subscribers = grid.subscribers
    power = SitePower(SiteLimit(40, 0, 12), chargers, {}, clock=FakeClock(), grid=grid)
    await power.start()
    try:
        (publish,) = grid_subscribers
        publish(DeviceReading("grid", 1, 0.0, True, currents_a=(8.0, 8.0, 8.0)))
        on_meter = await power.reallocate()
        assert on_meter.on_meter
        assert dict(on_meter.setpoints_a) == {1: 16, 2: 16}
        publish(DeviceReading("grid", 1, 0.0, False, error="unavailable: timeout"))
        lost = await power.reallocate()
        assert not lost.on_meter
        assert dict(lost.setpoints_a) == {1: 6, 2: 6}
    finally:
        await power.aclose()


class Grid:
    """A grid meter feed the test publishes on; records ``read_often`` requests."""

    def __init__(self) -> None:
        self.subscribers: list[Callable[[DeviceReading], None]] = []
        self.read_often_s: list[float] = []
        self.snapshot_measured_from_s = -math.inf  # the next reading's values are from then on

    async def start(self) -> None: ...

    async def aclose(self) -> None: ...

    def subscribe(self, subscriber: Callable[[DeviceReading], None]) -> Callable[[], None]:
        self.subscribers.append(subscriber)
        return lambda: None

    def read_often(self, for_s: float) -> None:
        self.read_often_s.append(for_s)


@pytest.mark.parametrize(
    ("building_a", "wanting", "fast"),
    [
        # 40 A, 8 A of building: 32 A for two 16 A cars, all of it offered: read often
        (8.0, (1, 2), True),
        # 0 A of building: 40 A, 32 A offered, 8 A to spare: the regular poll will do
        (0.0, (1, 2), False),
        # one car at 16 A of 32: far from the limit
        (8.0, (1,), False),
        # nobody charging: nothing can overshoot
        (38.0, (), False),
    ],
)
async def test_near_the_limit_the_grid_meter_is_read_often(
    building_a: float, wanting: tuple[int, ...], fast: bool
) -> None:
    log: list[tuple[int, str, int]] = []
    chargers = {n: SharedCharger(RecordingCharger(n, log), 16) for n in (1, 2)}
    for number, charger in chargers.items():
        charger.wants_current = number in wanting
        charger.offered_a = 0
    grid = Grid()
    power = SitePower(SiteLimit(40, 0, 12), chargers, {}, clock=FakeClock(), grid=grid)
    await power.start()
    try:
        (publish,) = grid.subscribers
        publish(DeviceReading("grid", 1, 0.0, True, currents_a=(building_a,) * 3))
        allocation = await power.reallocate()
        assert allocation.on_meter
        assert bool(grid.read_often_s) == fast
        # without a meter reading (the fallback budget) there is nothing to read often
        await asyncio.sleep(0.05)  # the runner's own rounds on the meter reading are done
        grid.read_often_s.clear()
        publish(DeviceReading("grid", 1, 0.0, False, error="unavailable: timeout"))
        await power.reallocate()
        assert grid.read_often_s == []
    finally:
        await power.aclose()


async def test_a_charger_reading_from_before_a_reduction_does_not_raise_the_budget() -> None:
    """Both cars were lowered to 9 A (confirmed) after the building went from 10 to 20 A. The
    grid meter already shows 20 + 9 + 9 = 38 A; the chargers' meters still show 14 A each.
    Counting 28 A as ours would leave 10 A of other loads and raise both cars back to 14 A:
    48 A on a 40 A fuse. A car draws at most what it is offered: ours is 18 A, they stay."""
    log, chargers, feeds = _two_charging(max_a=16, offered_a=9)
    grid = Grid()
    power = SitePower(SiteLimit(40, 2, 12), chargers, feeds, clock=FakeClock(), grid=grid)
    await power.start()
    try:
        for feed in feeds.values():
            for _ in range(2):  # the last two readings, both from before the reduction
                feed.publish(DeviceReading("charger", 1, 0.0, True, currents_a=(14.0,) * 3))
        (publish,) = grid.subscribers
        publish(DeviceReading("grid", 1, 0.0, True, currents_a=(38.0,) * 3))
        allocation = await power.reallocate()
        assert dict(allocation.setpoints_a) == {1: 9, 2: 9}
        assert allocation.budget_a == (18, 18, 18)
        assert log == []
    finally:
        await power.aclose()


async def test_a_car_ramping_up_is_counted_at_its_lowest_recent_draw() -> None:
    """Both cars were raised to 17 A and ramp up: their chargers read 9, 13, then 15 A. The
    grid meter's registers are a second older and show 10 A of building + 9 + 9. Counting
    ours as the last two readings' lower (13 + 13) would leave 2 A of other loads and raise
    both cars to 18 A: 10 + 36 on a 38 A ceiling. The lowest of the recent readings (9 + 9)
    leaves the building its 10 A: 14 A each."""
    _log, chargers, feeds = _two_charging(max_a=32, offered_a=17)
    grid = Grid()
    power = SitePower(SiteLimit(40, 2, 12), chargers, feeds, clock=FakeClock(), grid=grid)
    await power.start()
    try:
        for amps in (9.0, 13.0, 15.0):
            _read_all(feeds, amps)
        (publish,) = grid.subscribers
        publish(DeviceReading("grid", 1, 0.0, True, currents_a=(28.0,) * 3))
        allocation = await power.reallocate()
        assert allocation.budget_a == (28, 28, 28)
        assert dict(allocation.setpoints_a) == {1: 14, 2: 14}
    finally:
        await power.aclose()


async def test_our_draw_is_counted_from_the_reading_before_the_grid_meter_measured() -> None:
    """Both cars offered 17 A. Each charger read 4 A long ago (the car was paused), then 9 A
    just before the grid meter's poll was sent, then 13 and 15 A while the poll was on the
    line and the loop was late to hand it over. The grid meter's registers (up to 0.05 s
    older than the poll) show 10 A of building + 9 + 9 = 28 A. The readings that may overlap
    its instant are 9, 13 and 15 A: ours counts 9 A each, not 13 (a late loop or a fast
    simulator clock must not shrink the overlap) and not the 4 A of long before (that would
    call the building 10 A larger than it is and hold the cars back)."""
    _log, chargers, feeds = _two_charging(max_a=32, offered_a=17)
    grid = Grid()
    power = SitePower(
        SiteLimit(40, 2, 40),  # no meter reading yet: the runner's own rounds lower no one
        chargers,
        feeds,
        clock=FakeClock(),
        grid=grid,
    )
    loop = asyncio.get_running_loop()
    await power.start()
    try:
        _read_all(feeds, 4.0)
        await asyncio.sleep(0.2)
        _read_all(feeds, 9.0)
        await asyncio.sleep(0.1)
        # the grid meter's poll goes out; its registers are up to 0.05 s older
        grid.snapshot_measured_from_s = loop.time() - 0.05
        await asyncio.sleep(0.1)
        _read_all(feeds, 13.0)
        _read_all(feeds, 15.0)
        (publish,) = grid.subscribers
        publish(DeviceReading("grid", 1, 0.0, True, currents_a=(28.0,) * 3))
        allocation = await power.reallocate()
        assert allocation.budget_a == (28, 28, 28)
        assert dict(allocation.setpoints_a) == {1: 14, 2: 14}
    finally:
        await power.aclose()


async def test_an_arriving_car_is_raised_without_waiting_for_its_own_chargers_poll() -> None:
    """Car 1 charges at 28 A of 28 (10 A of building); car 2's session enables. The round
    lowers car 1 to 14 A; car 2 is raised once the grid meter and car 1's charger have been
    read after that: car 2's charger offers nothing (confirmed), so its car cannot draw and no
    reading of it is awaited. Car 1's charger not read yet holds the raise back."""
    log: list[tuple[int, str, int]] = []
    chargers = {n: SharedCharger(RecordingCharger(n, log), 32) for n in (1, 2)}
    feeds = {n: Feed() for n in (1, 2)}
    chargers[1].wants_current, chargers[1].offered_a, chargers[1].share_a = True, 28, 28
    chargers[2].wants_current, chargers[2].offered_a = True, 0
    grid = Grid()
    power = SitePower(SiteLimit(40, 2, 12), chargers, feeds, clock=FakeClock(), grid=grid)
    await power.start()
    try:
        (publish,) = grid.subscribers

        def read(number: int, amps: float) -> None:
            feeds[number].publish(DeviceReading("charger", 1, 0.0, True, currents_a=(amps,) * 3))

        read(1, 28.0)
        read(2, 0.0)
        publish(DeviceReading("grid", 1, 0.0, True, currents_a=(38.0,) * 3))
        await power.reallocate()
        assert log == [(1, "set", 14)]  # down first; up only on readings after it
        await asyncio.sleep(0.01)  # the loop's clock moves on: the readings below are newer
        publish(DeviceReading("grid", 1, 0.0, True, currents_a=(24.0,) * 3))
        await power.reallocate()
        assert log == [(1, "set", 14)]  # car 1's charger has not been read since
        read(1, 14.0)
        await power.reallocate()
        assert log == [(1, "set", 14), (2, "set", 14), (2, "enable", 0)]
    finally:
        await power.aclose()


class Feed:
    """A charger's feed the test publishes on."""

    def __init__(self) -> None:
        self.subscribers: list[Callable[[DeviceReading], None]] = []

    async def start(self) -> None: ...

    async def aclose(self) -> None: ...

    def subscribe(self, subscriber: Callable[[DeviceReading], None]) -> Callable[[], None]:
        self.subscribers.append(subscriber)
        return lambda: None

    def publish(self, reading: DeviceReading) -> None:
        for subscriber in self.subscribers:
            subscriber(reading)


def _two_charging(
    *, max_a: int, offered_a: int
) -> tuple[list[tuple[int, str, int]], dict[int, SharedCharger], dict[int, Feed]]:
    """Two connectors charging, each offered ``offered_a`` (confirmed): the log of the
    commands they get, the chargers and their feeds."""
    log: list[tuple[int, str, int]] = []
    chargers = {n: SharedCharger(RecordingCharger(n, log), max_a) for n in (1, 2)}
    for charger in chargers.values():
        charger.wants_current = True
        charger.offered_a = offered_a
        charger.share_a = offered_a
    return log, chargers, {n: Feed() for n in (1, 2)}


def _read_all(feeds: dict[int, Feed], amps: float) -> None:
    """Every charger reads ``amps`` on each phase."""
    for feed in feeds.values():
        feed.publish(DeviceReading("charger", 1, 0.0, True, currents_a=(amps,) * 3))
