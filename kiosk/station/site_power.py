"""Site power at run time: the connectors share the supply (``[site]``, issue 18, PRODUCT.md §5).

``SharedCharger`` sits between a session and its connector's ``Charger`` port. The session
asks as before (``set_current``, ``enable``, ``disable``); the charger gets at most the share
the allocator gave the connector, and nothing (paused) while that share is 0. A ``disable``
goes to the charger at once, whatever the share.

``SitePower`` re-runs ``kiosk.core.allocation.allocate`` whenever a charger or the grid meter
publishes a reading, a session enables or disables its charger, and at least every
``interval_s``, and applies the result: every reduction first (all confirmed), then the
increases, so the sum of what the chargers offer never exceeds the budget. A reduction that
is not confirmed holds back every increase of that round. On the grid meter, a round raises
only when the meter and every charger have been read since the last change was applied (an
older reading would count our own change as the building's load, or miss it). A grid meter
that does not answer, or has published nothing for ``grid_stale_s``, means the static
fallback budget. While the chargers are offered nearly the whole budget (``NEAR_LIMIT_A``)
the grid meter is read every 0.2 s instead of its profile's interval: a step in the
building's load overshoots the limit only until the meter has seen it.

The chargers' own draw, subtracted from the grid meter's reading to find the other loads, is
the lowest of each charger's readings that may overlap the instant the grid meter measured:
from the newest one received before that poll was sent less the meter's register refresh
(its profile's ``polling.register_refresh_s``), on. Both are ordered by the event loop's
clock, so neither the devices' clocks nor a loop that runs late can make a ramping car's
newer reading count against an older grid value. It is never more than the charger offers
(its meter may still show the current from before a reduction while the grid meter already
shows the lower one). How much more it may have drawn then (``draw_span_a``) is the spread
of those readings, or up to its offer while none of them is from after the grid meter's (the
allocator holds the last steady other loads while cars ramp). Following a car's draw uses
its last two readings. Each round also says
what a car starting now on each free connector would get (``on_available``), for the budget
screen.

What a charger offers is taken as its maximum until a command has set it (after a restart
the charger may still offer what it did before), so the first round writes every connector.
Raises nothing to its callers: a failed command is logged and retried next round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from kiosk.core.allocation import (
    ALL_PHASES,
    MIN_CURRENT_A,
    Allocation,
    AllocatorState,
    ConnectorDemand,
    SiteLimit,
    allocate,
    share_if_started_a,
)
from kiosk.core.ports import Charger, PortError
from kiosk.hardware.reading import DeviceReading
from kiosk.station.clock import WallClock
from kiosk.station.setup import NOMINAL_PHASE_VOLTAGE_V, ChargerFeed

log = logging.getLogger(__name__)

DRAWING_A = 1.0
"""A phase carrying more than this is one the car draws on."""
REALLOCATE_S = 1.0
GRID_STALE_S = 5.0
NEAR_LIMIT_A = 6
"""On the grid meter, chargers offered within this of the budget on a phase: a step in the
building's load of more than the margin would trip the fuse until the meter has seen it, so
the grid meter is read often (``GridFeed.read_often``) while it is so."""
READ_OFTEN_S = 3.0
KEEP_READINGS_S = 10.0
"""Charger readings older than this (loop time) are dropped; a grid reading older than
``GRID_STALE_S`` is not used."""

SharingCallback = Callable[[Mapping[int, int]], None]
"""Called with {connector: the power it may draw now, W} for each connector the sharing limits."""
PHASES = 3


class GridFeed(ChargerFeed, Protocol):
    """The grid meter's poller (``kiosk.hardware.poller.DevicePoller`` fits it)."""

    @property
    def snapshot_measured_from_s(self) -> float:
        """The loop's time from which the newest reading's values were measured."""
        ...

    def read_often(self, for_s: float) -> None: ...


class SharedCharger:
    """A connector's ``Charger`` as the session sees it, held within the allocator's share."""

    def __init__(self, inner: Charger, max_current_a: int) -> None:
        self.inner = inner
        self.max_current_a = max_current_a
        self.requested_a = max_current_a
        self.wants_current = False
        self.share_a = 0
        self.offered_a: int | None = None
        """What the charger offers now; None: not known (taken as ``max_current_a``)."""
        self.on_wish: Callable[[], None] = lambda: None
        self._lock = asyncio.Lock()

    @property
    def offered_or_max_a(self) -> int:
        return self.max_current_a if self.offered_a is None else self.offered_a

    async def set_current(self, current_a: int) -> None:
        self.requested_a = current_a
        await self._apply()
        self.on_wish()

    async def enable(self) -> None:
        self.wants_current = True
        await self._apply()
        self.on_wish()

    async def disable(self) -> None:
        self.wants_current = False
        try:
            async with self._lock:
                self.share_a = 0  # a next enable waits for a new allocation
                await self.inner.disable()  # unconfirmed: offered_a stays what it was
                self.offered_a = 0
        finally:
            self.on_wish()

    async def apply_share(self, share_a: int) -> None:
        """Offer ``min(requested, share_a)`` (0 below 6 A); raises the port's ``PortError``."""
        self.share_a = share_a
        await self._apply(raising=True)

    async def _apply(self, *, raising: bool = False) -> None:
        async with self._lock:
            target = min(self.requested_a, self.share_a) if self.wants_current else 0
            if target < MIN_CURRENT_A:
                target = 0
            if target == self.offered_a:
                return
            before = self.offered_or_max_a
            try:
                if target == 0:
                    await self.inner.disable()
                else:
                    await self.inner.set_current(target)
                    if not self.offered_a:
                        await self.inner.enable()
            except PortError:
                # unconfirmed: the charger offers the old or the new value; count the higher
                self.offered_a = max(before, target)
                if raising:
                    raise
                log.warning("charger command to %s A not confirmed", target)
                return
            self.offered_a = target


@dataclass(frozen=True, slots=True)
class _Seen:
    reading: DeviceReading
    at_s: float


def _overlapping(readings: Sequence[_Seen], measured_from_s: float) -> Sequence[_Seen]:
    """A charger's readings (oldest first) from the newest one received by ``measured_from_s``
    on: the one measured before the grid meter did, and every one since. A car's draw at the
    grid meter's instant is at least the lowest of them while it ramps either way."""
    start = 0
    for index, seen in enumerate(readings):
        if seen.at_s > measured_from_s:
            break
        start = index
    return readings[start:]


def _per_phase(
    readings: Sequence[_Seen], pick: Callable[[float, float], float]
) -> tuple[float | None, ...]:
    """Per phase, the lowest (``pick=min``) or highest (``max``) current of a charger's
    readings (newest last). The grid meter and the chargers are read at different instants;
    while a car ramps up, its newer readings would make the other loads look smaller than they
    are. Counting our draw low is the safe side."""
    if not readings or not readings[-1].reading.online:
        return ()
    lowest = list(readings[-1].reading.currents_a)
    for seen in readings[:-1]:
        older = seen.reading
        if not older.online or len(older.currents_a) != len(lowest):
            continue
        lowest = [
            None if a is None else (a if b is None else pick(a, b))
            for a, b in zip(lowest, older.currents_a, strict=True)
        ]
    return tuple(lowest)


def _span_a(
    low: tuple[float | None, ...],
    high: tuple[float | None, ...],
    phases: frozenset[int],
    offered_a: float | None,
) -> float:
    """How much more than ``low`` a charger may have drawn on its phases at the grid meter's
    instant: up to ``high``, or up to its offer (``offered_a``) when none of its readings was
    taken after that instant (a car ramping up is seen by the grid meter first)."""
    if len(low) < len(ALL_PHASES) or len(high) < len(ALL_PHASES):
        return math.inf
    span = 0.0
    for phase in phases:
        lowest, highest = low[phase], high[phase]
        if lowest is None or highest is None:
            return math.inf
        if offered_a is not None:
            highest = max(highest, offered_a)
        span = max(span, highest - lowest)
    return span


def _near_limit(demands: list[ConnectorDemand], allocation: Allocation) -> bool:
    """Are the chargers offered within ``NEAR_LIMIT_A`` of the budget on some phase?"""
    for phase, budget_a in enumerate(allocation.budget_a):
        offered_a = sum(
            allocation.setpoints_a[d.connector_id] for d in demands if phase in d.phases
        )
        if offered_a > 0 and budget_a - offered_a < NEAR_LIMIT_A:
            return True
    return False


class SitePower:
    """Re-allocates the supply on every reading, arrival and departure, and applies it."""

    def __init__(
        self,
        limit: SiteLimit,
        chargers: Mapping[int, SharedCharger],
        feeds: Mapping[int, ChargerFeed],
        *,
        clock: WallClock,
        grid: GridFeed | None = None,
        interval_s: float = REALLOCATE_S,
        grid_stale_s: float = GRID_STALE_S,
    ) -> None:
        self.limit = limit
        self.chargers = dict(chargers)
        self._feeds = dict(feeds)
        self._grid = grid
        self._clock = clock
        self._interval_s = interval_s
        self._grid_stale_s = grid_stale_s
        self._state = AllocatorState()
        self._recent: dict[int, list[_Seen]] = {}
        self._read_at_s: dict[int, float] = {}
        self._changed_at_s = -math.inf
        self._grid_seen: _Seen | None = None
        self._grid_measured_from_s = -math.inf
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        self.on_sharing: SharingCallback = lambda sharing: None
        self.on_available: SharingCallback = lambda available: None
        """Called with {connector: the power a car starting now would get, W} for each connector
        without a charging session whose share would be below its maximum (the budget screen's
        "≈ kWh" and "sharing power"); three phases at 230 V, as the estimate assumes."""
        self.last: Allocation | None = None
        self.rounds = 0
        for charger in self.chargers.values():
            charger.on_wish = self.poke

    def holds(self, number: int) -> bool:
        """Does site power hold ``number``'s car below 6 A while its session wants current?"""
        charger = self.chargers.get(number)
        return charger is not None and charger.wants_current and charger.share_a < MIN_CURRENT_A

    def poke(self) -> None:
        """Re-allocate now (a reading, an arrival or a departure)."""
        self._wake.set()

    async def start(self) -> None:
        """Listen to the chargers' feeds (the station starts those) and start the grid meter."""
        for number, feed in self._feeds.items():
            self._unsubscribe.append(feed.subscribe(self._on_reading(number)))
        if self._grid is not None:
            self._unsubscribe.append(self._grid.subscribe(self._on_grid))
            await self._grid.start()
        self._task = asyncio.create_task(self._run(), name="site power")

    async def aclose(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._grid is not None:
            await self._grid.aclose()

    def _on_reading(self, number: int) -> Callable[[DeviceReading], None]:
        def handle(reading: DeviceReading) -> None:
            now_s = asyncio.get_running_loop().time()
            recent = self._recent.setdefault(number, [])
            recent.append(_Seen(reading, now_s))
            while len(recent) > 2 and now_s - recent[0].at_s > KEEP_READINGS_S:
                del recent[0]
            self._read_at_s[number] = now_s
            self.poke()

        return handle

    def _on_grid(self, reading: DeviceReading) -> None:
        now_s = asyncio.get_running_loop().time()
        self._grid_seen = _Seen(reading, now_s)
        measured_from_s = self._grid.snapshot_measured_from_s if self._grid is not None else now_s
        self._grid_measured_from_s = min(measured_from_s, now_s)
        self.poke()

    async def _run(self) -> None:
        while True:
            # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a cancel that meets
            # a wake-up, and aclose would wait for this task forever
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._interval_s):
                    await self._wake.wait()
            self._wake.clear()
            try:
                await self.reallocate()
            except Exception:
                log.exception("site power: re-allocation failed")

    def grid_currents_a(self) -> tuple[float | None, ...] | None:
        """The grid meter's per-phase currents, or None when lost, silent or not configured."""
        seen = self._grid_seen
        if seen is None or not seen.reading.online:
            return None
        if asyncio.get_running_loop().time() - seen.at_s > self._grid_stale_s:
            return None
        return seen.reading.currents_a or None

    def demand(self, number: int) -> ConnectorDemand:
        charger = self.chargers[number]
        # a car draws at most what it is offered: a charger's reading from before a confirmed
        # reduction (its meter lags) must not count our draw high against a fresher grid
        # reading, or the other loads look smaller than they are and the round raises too much
        cap_a = float(charger.offered_or_max_a)
        recent = self._recent.get(number, [])

        def capped(currents: tuple[float | None, ...]) -> tuple[float | None, ...]:
            return tuple(None if a is None else min(a, cap_a) for a in currents)

        measured = capped(_per_phase(recent[-2:], min))  # what the car draws now, for following it
        # against the grid meter's (older) reading: the readings that may overlap its instant
        overlapping = _overlapping(recent, self._grid_measured_from_s)
        counted = capped(_per_phase(overlapping, min))
        drawing = frozenset(
            i for i, a in enumerate(measured[:3]) if a is not None and a > DRAWING_A
        )
        phases = drawing or ALL_PHASES
        seen = self._grid_seen
        read_since_grid = seen is not None and self._read_at_s.get(number, -math.inf) > seen.at_s
        span_a = _span_a(
            counted, _per_phase(overlapping, max), phases, None if read_since_grid else cap_a
        )
        return ConnectorDemand(
            connector_id=number,
            wants_current=charger.wants_current,
            max_current_a=min(charger.max_current_a, charger.requested_a),
            setpoint_a=charger.offered_or_max_a,
            phases=phases,
            measured_a=measured,
            counted_a=counted,
            draw_span_a=span_a,
        )

    async def reallocate(self) -> Allocation:
        """One round: allocate, then lower (confirmed) before raising."""
        demands = [self.demand(number) for number in self.chargers]
        grid_a, now_ms = self.grid_currents_a(), self._clock.now_ms()
        allocation = allocate(self.limit, grid_a, demands, self._state, now_ms)
        available_w = self._available_w(grid_a, demands, allocation.state, now_ms)
        self._state = allocation.state
        self.last = allocation
        self.rounds += 1
        for number, share_a in allocation.setpoints_a.items():
            if number not in allocation.lower_first and number not in allocation.raise_after:
                self.chargers[number].share_a = share_a  # unchanged: nothing to write
        lowered = await self._apply(allocation, allocation.lower_first)
        if allocation.lower_first:
            self._changed_at_s = asyncio.get_running_loop().time()
        if not lowered:
            log.warning("site power: a reduction is not confirmed; no increase this round")
        elif allocation.raise_after and self._fresh(allocation):
            await self._apply(allocation, allocation.raise_after)
            self._changed_at_s = asyncio.get_running_loop().time()
        phases = {d.connector_id: len(d.phases) for d in demands}
        self.on_sharing(
            {
                number: allocation.setpoints_a[number] * phases[number] * NOMINAL_PHASE_VOLTAGE_V
                for number in allocation.limited
            }
        )
        self.on_available(available_w)
        if self._grid is not None and allocation.on_meter and _near_limit(demands, allocation):
            self._grid.read_often(READ_OFTEN_S)
        return allocation

    def _available_w(
        self,
        grid_a: tuple[float | None, ...] | None,
        demands: list[ConnectorDemand],
        state: AllocatorState,
        now_ms: int,
    ) -> dict[int, int]:
        available: dict[int, int] = {}
        for number, charger in self.chargers.items():
            if charger.wants_current:
                continue
            share_a = share_if_started_a(self.limit, grid_a, demands, number, state, now_ms)
            if share_a < charger.max_current_a:
                available[number] = round(share_a * PHASES * NOMINAL_PHASE_VOLTAGE_V)
        return available

    def _fresh(self, allocation: Allocation) -> bool:
        """May this round raise? On the grid meter only when it and every charger have been
        read since the last change was applied (an older reading would count our own change
        as the building's load, or miss it). A charger confirmed to offer nothing needs no new
        reading: its car cannot draw, and its draw is never counted above its offer (a car
        arriving is raised a grid reading after the others came down, not a charger poll)."""
        if not allocation.on_meter:
            return True
        seen = self._grid_seen
        if seen is None or seen.at_s <= self._changed_at_s:
            return False
        return all(
            self._read_at_s.get(number, -math.inf) > self._changed_at_s or charger.offered_a == 0
            for number, charger in self.chargers.items()
        )

    async def _apply(self, allocation: Allocation, numbers: tuple[int, ...]) -> bool:
        async def one(number: int) -> bool:
            try:
                await self.chargers[number].apply_share(allocation.setpoints_a[number])
            except PortError as error:
                log.warning("site power: connector %s: %s", number, error)
                return False
            return True

        results = await asyncio.gather(*(one(number) for number in numbers))
        return all(results)
