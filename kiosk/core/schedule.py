"""Weekly price periods and the spot rule, frozen into absolute ``PriceSlot`` s (ADR 0016).

An operator prices by windows of the week in the station's local time (``WeeklyPeriod``: days,
start and end minute, prices; a window whose end is not after its start runs past midnight).
The core reads no clock and no time zone database: the caller passes the station's UTC offsets
as data (``OffsetSpan``: from this instant on, this offset; the shell computes them from the
IANA rules), so a 23- or 25-hour DST day is just another list of spans. ``freeze_slots`` turns
the periods, the offsets and the spot prices known now into the schedule a session keeps: a
new slot wherever the period, the spot hour or the UTC offset changes, equal neighbours merged.

A period with ``spot`` prices its energy as spot × factor + margin, clamped to the floor and
ceiling, rounded half up to whole øre per kWh (the price shown is the price billed); an hour
without a spot price gets the rule's fallback price (``PriceSlot.fallback``).
Errors: ``ValueError`` for invalid periods or rules, or a moment no period covers.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction

from .money import round_half_up
from .tariff import PriceSlot, TariffSnapshot
from .units import BP_PER_WHOLE, MS_PER_MINUTE

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
MS_PER_DAY = MINUTES_PER_DAY * MS_PER_MINUTE
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EPOCH_WEEKDAY = 3
"""1970-01-01 was a Thursday (Monday = 0)."""


@dataclass(frozen=True, slots=True)
class WeeklyPeriod:
    """Prices for a window of the week, local time. ``days``: 0 = Monday; the window starts on
    each of them at ``start_min`` and ends at ``end_min`` (1440 = midnight), on the next day
    when ``end_min <= start_min``."""

    name: str
    days: tuple[int, ...]
    start_min: int
    end_min: int
    price_ore_per_kwh: int
    price_ore_per_minute: int = 0
    idle_fee_ore_per_minute: int = 0
    spot: bool = False

    def __post_init__(self) -> None:
        if not self.days or any(not 0 <= day < 7 for day in self.days):
            raise ValueError("days must be 0 (Monday) .. 6 (Sunday), at least one")
        if not 0 <= self.start_min < MINUTES_PER_DAY or not 0 < self.end_min <= MINUTES_PER_DAY:
            raise ValueError("start must be 00:00..23:59 and end 00:01..24:00")
        prices = (self.price_ore_per_kwh, self.price_ore_per_minute, self.idle_fee_ore_per_minute)
        if any(value < 0 for value in prices):
            raise ValueError("period prices must not be negative")

    @property
    def length_min(self) -> int:
        length = self.end_min - self.start_min
        return length if length > 0 else length + MINUTES_PER_DAY

    def week_ranges(self) -> tuple[tuple[int, int], ...]:
        """The minutes of the week (Monday 00:00 = 0) it covers, as [from, until) ranges."""
        ranges: list[tuple[int, int]] = []
        for day in sorted(set(self.days)):
            start = day * MINUTES_PER_DAY + self.start_min
            end = start + self.length_min
            if end <= MINUTES_PER_WEEK:
                ranges.append((start, end))
            else:  # Sunday night into Monday morning
                ranges.extend(((start, MINUTES_PER_WEEK), (0, end - MINUTES_PER_WEEK)))
        return tuple(ranges)

    def covers(self, week_min: int) -> bool:
        return any(start <= week_min < end for start, end in self.week_ranges())


class ProblemKind(StrEnum):
    OVERLAP = "overlap"
    GAP = "gap"


@dataclass(frozen=True, slots=True)
class WeekProblem:
    """Part of the week covered by no period (``GAP``; ``periods`` = the one it follows, if
    any) or by more than one (``OVERLAP``, ``periods`` = their indexes)."""

    kind: ProblemKind
    from_min: int
    until_min: int
    periods: tuple[int, ...] = ()

    def describe(self) -> str:
        span = f"{week_time(self.from_min)}-{week_time(self.until_min)}"
        if self.kind is ProblemKind.GAP:
            return f"{span} is in no period"
        numbers = " and ".join(f"#{index + 1}" for index in self.periods)
        return f"periods {numbers} overlap at {span}"


def week_time(week_min: int) -> str:
    """``mon 06:00`` for a minute of the week."""
    day, minute = divmod(week_min % MINUTES_PER_WEEK, MINUTES_PER_DAY)
    if week_min == MINUTES_PER_WEEK:
        day, minute = 6, MINUTES_PER_DAY
    return f"{WEEKDAYS[day]} {minute // 60:02d}:{minute % 60:02d}"


def check_week(periods: tuple[WeeklyPeriod, ...]) -> tuple[WeekProblem, ...]:
    """Every gap and every overlap of the periods over one week, in week order."""
    cover: list[tuple[int, ...]] = [() for _ in range(MINUTES_PER_WEEK)]
    for index, period in enumerate(periods):
        for start, end in period.week_ranges():
            for minute in range(start, end):
                cover[minute] = (*cover[minute], index)
    problems: list[WeekProblem] = []
    minute = 0
    while minute < MINUTES_PER_WEEK:
        who = cover[minute]
        end = minute
        while end < MINUTES_PER_WEEK and cover[end] == who:
            end += 1
        if not who:
            before = cover[minute - 1]  # the period(s) the gap follows (Sunday night at 0)
            problems.append(WeekProblem(ProblemKind.GAP, minute, end, before))
        elif len(who) > 1:
            problems.append(WeekProblem(ProblemKind.OVERLAP, minute, end, who))
        minute = end
    return tuple(problems)


@dataclass(frozen=True, slots=True)
class OffsetSpan:
    """From ``start_ms`` on (until the next span) the station's clock is UTC + ``offset_min``."""

    start_ms: int
    offset_min: int


def offset_at(offsets: tuple[OffsetSpan, ...], at_ms: int) -> int:
    """The UTC offset in force at ``at_ms`` (the first span's before it; 0 without spans)."""
    if not offsets:
        return 0
    index = bisect.bisect_right([span.start_ms for span in offsets], at_ms) - 1
    return offsets[max(0, index)].offset_min


def week_minute(offsets: tuple[OffsetSpan, ...], at_ms: int) -> int:
    """The local minute of the week (Monday 00:00 = 0) at the instant ``at_ms``."""
    local_ms = at_ms + offset_at(offsets, at_ms) * MS_PER_MINUTE
    day, in_day_ms = divmod(local_ms, MS_PER_DAY)
    weekday = (day + _EPOCH_WEEKDAY) % 7
    return weekday * MINUTES_PER_DAY + in_day_ms // MS_PER_MINUTE


def period_at(
    periods: tuple[WeeklyPeriod, ...], offsets: tuple[OffsetSpan, ...], at_ms: int
) -> WeeklyPeriod:
    """The period in force at ``at_ms`` (the first one that covers it)."""
    minute = week_minute(offsets, at_ms)
    for period in periods:
        if period.covers(minute):
            return period
    raise ValueError(f"no tariff period covers {week_time(minute)}")


@dataclass(frozen=True, slots=True)
class SpotPrice:
    """The day-ahead spot price for ``start_ms``..``end_ms``, in øre per kWh (exact, excl. any
    VAT: the rule's factor and margin make it the price the driver pays)."""

    start_ms: int
    end_ms: int
    ore_per_kwh: Fraction

    def __post_init__(self) -> None:
        if self.end_ms <= self.start_ms:
            raise ValueError("a spot price must cover a positive time")


@dataclass(frozen=True, slots=True)
class SpotRule:
    """Energy price = spot × ``factor_bp`` / 10000 + ``margin_ore_per_kwh``, clamped to
    ``floor`` .. ``ceiling``, rounded half up; ``fallback_ore_per_kwh`` where no spot price
    is known."""

    fallback_ore_per_kwh: int
    factor_bp: int = BP_PER_WHOLE
    margin_ore_per_kwh: int = 0
    floor_ore_per_kwh: int = 0
    ceiling_ore_per_kwh: int | None = None

    def __post_init__(self) -> None:
        if min(self.fallback_ore_per_kwh, self.factor_bp, self.floor_ore_per_kwh) < 0:
            raise ValueError("spot factor, floor and fallback must not be negative")
        if self.ceiling_ore_per_kwh is not None and self.ceiling_ore_per_kwh < max(
            self.floor_ore_per_kwh, 0
        ):
            raise ValueError("the spot ceiling must not be below the floor")

    def price_ore_per_kwh(self, spot_ore_per_kwh: Fraction) -> int:
        exact = spot_ore_per_kwh * self.factor_bp / BP_PER_WHOLE + self.margin_ore_per_kwh
        price = round_half_up(max(exact, Fraction(self.floor_ore_per_kwh)))
        if self.ceiling_ore_per_kwh is not None:
            price = min(price, self.ceiling_ore_per_kwh)
        return price


def _spot_at(spot: tuple[SpotPrice, ...], at_ms: int) -> SpotPrice | None:
    index = bisect.bisect_right([price.start_ms for price in spot], at_ms) - 1
    if index >= 0 and spot[index].start_ms <= at_ms < spot[index].end_ms:
        return spot[index]
    return None


def freeze_slots(
    periods: tuple[WeeklyPeriod, ...],
    offsets: tuple[OffsetSpan, ...],
    *,
    from_ms: int,
    until_ms: int,
    spot: tuple[SpotPrice, ...] = (),
    rule: SpotRule | None = None,
) -> tuple[PriceSlot, ...]:
    """The schedule from ``from_ms`` on, cut wherever the period, the spot hour or the UTC
    offset changes before ``until_ms``; the last slot goes on after ``until_ms``."""
    if until_ms <= from_ms:
        raise ValueError("until must be after from")
    if any(period.spot for period in periods) and rule is None:
        raise ValueError("a spot period needs a spot rule")
    spot = tuple(sorted(spot, key=lambda price: price.start_ms))
    cuts = {from_ms}
    cuts.update(span.start_ms for span in offsets if from_ms < span.start_ms < until_ms)
    for price in spot:
        cuts.update(at for at in (price.start_ms, price.end_ms) if from_ms < at < until_ms)
    boundaries = sorted(
        {p.start_min for p in periods} | {p.end_min % MINUTES_PER_DAY for p in periods}
    )
    for span_from, span_until, offset_min in _offset_pieces(offsets, from_ms, until_ms):
        offset_ms = offset_min * MS_PER_MINUTE
        first_day = (span_from + offset_ms) // MS_PER_DAY
        last_day = (span_until + offset_ms) // MS_PER_DAY
        for day in range(first_day, last_day + 1):
            for minute in boundaries:
                at = day * MS_PER_DAY + minute * MS_PER_MINUTE - offset_ms
                if span_from < at < span_until:
                    cuts.add(at)
    slots: list[PriceSlot] = []
    for at in sorted(cuts):
        slot = _slot_at(periods, offsets, spot, rule, at)
        if not slots or not slots[-1].same_prices(slot):
            slots.append(slot)
    return tuple(slots)


def _offset_pieces(
    offsets: tuple[OffsetSpan, ...], from_ms: int, until_ms: int
) -> list[tuple[int, int, int]]:
    starts = sorted({from_ms, *(s.start_ms for s in offsets if from_ms < s.start_ms < until_ms)})
    ends = [*starts[1:], until_ms]
    return [
        (start, end, offset_at(offsets, start)) for start, end in zip(starts, ends, strict=True)
    ]


def _slot_at(
    periods: tuple[WeeklyPeriod, ...],
    offsets: tuple[OffsetSpan, ...],
    spot: tuple[SpotPrice, ...],
    rule: SpotRule | None,
    at_ms: int,
) -> PriceSlot:
    period = period_at(periods, offsets, at_ms)
    price, fallback = period.price_ore_per_kwh, False
    if period.spot and rule is not None:
        known = _spot_at(spot, at_ms)
        if known is None:
            price, fallback = rule.fallback_ore_per_kwh, True
        else:
            price = rule.price_ore_per_kwh(known.ore_per_kwh)
    return PriceSlot(
        start_ms=at_ms,
        price_ore_per_kwh=price,
        price_ore_per_minute=period.price_ore_per_minute,
        idle_fee_ore_per_minute=period.idle_fee_ore_per_minute,
        utc_offset_min=offset_at(offsets, at_ms),
        name=period.name,
        spot=period.spot,
        fallback=fallback,
    )


def with_slots(base: TariffSnapshot, slots: tuple[PriceSlot, ...]) -> TariffSnapshot:
    """``base`` (fees, cap, minimum, VAT, currency) frozen with ``slots``; its flat prices
    become the first slot's, the prices in force at payment."""
    if not slots:
        raise ValueError("a frozen schedule needs at least one slot")
    first = slots[0]
    return replace(
        base,
        slots=slots,
        price_ore_per_kwh=first.price_ore_per_kwh,
        price_ore_per_minute=first.price_ore_per_minute,
        idle_fee_ore_per_minute=first.idle_fee_ore_per_minute,
    )
