"""The tariff in force now: weekly periods and spot prices frozen into a ``TariffSnapshot``.

``TariffPlan.at(now_ms, spot)`` is what the station hands the core when the driver pays (and
what the screens show before that): the configured periods frozen for the next 48 hours
(``kiosk.core.schedule.freeze_slots``) with the station's UTC offsets, which ``utc_offsets``
derives here from the IANA time zone rules (the core takes them as data, ADR 0016).
``SpotBoard`` holds the spot prices the feed adapter last read and what is wrong with the feed,
if anything; the plan reads it. Raises ``ValueError`` only for an unknown time zone.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.config import StationConfig
from kiosk.core.schedule import (
    OffsetSpan,
    SpotPrice,
    SpotRule,
    WeeklyPeriod,
    freeze_slots,
    with_slots,
)
from kiosk.core.tariff import TariffSnapshot
from kiosk.core.units import MS_PER_HOUR

FROZEN_HOURS = 48
"""How far ahead a session's schedule is frozen; its last slot goes on after that."""


def utc_offsets(time_zone: str, from_ms: int, until_ms: int) -> tuple[OffsetSpan, ...]:
    """The zone's UTC offsets over ``from_ms``..``until_ms`` as spans (exact to the ms)."""
    zone = ZoneInfo(time_zone)

    def offset_min(at_ms: int) -> int:
        moment = datetime.fromtimestamp(at_ms / 1000, tz=UTC).astimezone(zone)
        delta = moment.utcoffset() or timedelta(0)
        return int(delta.total_seconds()) // 60

    spans = [OffsetSpan(from_ms, offset_min(from_ms))]
    at_ms = from_ms
    while at_ms < until_ms:
        step_ms = min(MS_PER_HOUR, until_ms - at_ms)
        following = at_ms + step_ms
        if offset_min(following) != spans[-1].offset_min:
            low, high = at_ms, following  # offset(low) = old, offset(high) = new
            while high - low > 1:
                middle = (low + high) // 2
                if offset_min(middle) == spans[-1].offset_min:
                    low = middle
                else:
                    high = middle
            spans.append(OffsetSpan(high, offset_min(high)))
        at_ms = following
    return tuple(spans)


@dataclass(eq=False)
class SpotBoard:
    """The spot prices last read and the feed's problem ("" = none); shared by the feed
    adapter (writer) and the station (reader), so guarded by a lock."""

    _prices: tuple[SpotPrice, ...] = ()
    _problem: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, prices: tuple[SpotPrice, ...], problem: str = "") -> None:
        with self._lock:
            self._prices, self._problem = prices, problem

    def report(self, problem: str) -> None:
        """The feed failed; the prices read before stay (those still ahead remain valid)."""
        with self._lock:
            self._problem = problem

    @property
    def prices(self) -> tuple[SpotPrice, ...]:
        with self._lock:
            return self._prices

    @property
    def problem(self) -> str:
        with self._lock:
            return self._problem


@dataclass(frozen=True, slots=True)
class TariffPlan:
    """A tariff with periods: the flat parts (fees, cap, minimum, VAT, currency) and the
    weekly periods in ``time_zone``, with the spot rule where a period uses spot prices."""

    base: TariffSnapshot
    periods: tuple[WeeklyPeriod, ...]
    time_zone: str
    rule: SpotRule | None = None
    board: SpotBoard | None = None

    def at(self, now_ms: int) -> TariffSnapshot:
        """The schedule in force from ``now_ms``, frozen for ``FROZEN_HOURS``."""
        until_ms = now_ms + FROZEN_HOURS * MS_PER_HOUR
        offsets = utc_offsets(self.time_zone, now_ms, until_ms)
        spot = self.board.prices if self.board is not None else ()
        slots = freeze_slots(
            self.periods, offsets, from_ms=now_ms, until_ms=until_ms, spot=spot, rule=self.rule
        )
        return with_slots(self.base, slots)

    @property
    def board_key(self) -> object:
        """Changes whenever the board's prices or problem change (for caching)."""
        if self.board is None:
            return None
        return (id(self.board.prices), self.board.problem)

    @property
    def feed_problem(self) -> str:
        return self.board.problem if self.board is not None else ""


def tariff_plan(config: StationConfig, board: SpotBoard | None = None) -> TariffPlan | None:
    """The configured periods as a plan; None for a flat tariff."""
    tariff = config.tariff
    if not tariff.sliced:
        return None
    spot = tariff.spot
    return TariffPlan(
        base=tariff.snapshot(),
        periods=tariff.weekly_periods(),
        time_zone=tariff.time_zone,
        rule=spot.rule() if spot is not None else None,
        board=board if spot is not None else None,
    )
