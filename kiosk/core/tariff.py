"""Tariffs, what a session measured, and ``amount_due``: the one pure price function.

A ``TariffSnapshot`` is frozen into each session when the driver pays, so a tariff change
never touches a running session. ``amount_due(snapshot, measured)`` prices the session with
the rule of ``money.py``: exact line amounts, one half-up rounding of the total, then the
per-session cap; the receipt lines are allocated from that total so they add up to it exactly,
and the VAT of each line is allocated from the VAT of the total. Prices include VAT.

A tariff with prices that change by the hour carries its frozen schedule as ``slots``
(``PriceSlot``: absolute start instants, each slot lasting until the next; ADR 0016) and the
session's meter readings with their times (``Measured.points``); each part of the session is
billed at its own slot's prices, energy split over a slot boundary in proportion to time.
Without ``slots`` the tariff is flat and priced from ``Measured``'s totals as before.
A ``minimum_ore`` lifts a smaller total to it (an extra line), before the cap.

The tariff never knows the authorized amount: the session clamps with ``AmountDue.limited_to``.
Errors: ``ValueError`` for an invalid snapshot or measurement (negative numbers, bad VAT rate).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction

from .money import DEFAULT_VAT_RATE_BP, allocate, round_half_up, vat_in_gross
from .units import BP_PER_WHOLE, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_S, WH_PER_KWH


@dataclass(frozen=True, slots=True)
class PriceSlot:
    """One stretch of a frozen schedule: the prices from ``start_ms`` (Unix ms) until the next
    slot's start (the last slot has no end). ``utc_offset_min`` is the station's UTC offset
    throughout the slot (a DST change always starts a new slot), so the screens and the receipt
    show its local times without time zone rules. ``spot``: the energy price came from the
    spot price; ``fallback``: it should have, but the feed had none (the fallback price)."""

    start_ms: int
    price_ore_per_kwh: int
    price_ore_per_minute: int = 0
    idle_fee_ore_per_minute: int = 0
    utc_offset_min: int = 0
    name: str = ""
    spot: bool = False
    fallback: bool = False

    def __post_init__(self) -> None:
        prices = (self.price_ore_per_kwh, self.price_ore_per_minute, self.idle_fee_ore_per_minute)
        if any(value < 0 for value in prices):
            raise ValueError("slot prices must not be negative")
        if not -24 * 60 < self.utc_offset_min < 24 * 60:
            raise ValueError("UTC offset out of range")

    def same_prices(self, other: PriceSlot) -> bool:
        return (
            self.price_ore_per_kwh,
            self.price_ore_per_minute,
            self.idle_fee_ore_per_minute,
            self.utc_offset_min,
            self.name,
            self.spot,
            self.fallback,
        ) == (
            other.price_ore_per_kwh,
            other.price_ore_per_minute,
            other.idle_fee_ore_per_minute,
            other.utc_offset_min,
            other.name,
            other.spot,
            other.fallback,
        )


@dataclass(frozen=True, slots=True)
class TariffSnapshot:
    """The prices in force when the session was paid for; all amounts include VAT.

    With ``slots`` the per-kWh, per-minute and idle prices are the schedule's (the flat fields
    then hold the first slot's prices, the price at payment); start fee, grace, cap, minimum,
    VAT and currency hold for the whole session."""

    price_ore_per_kwh: int
    start_fee_ore: int = 0
    price_ore_per_minute: int = 0
    idle_fee_ore_per_minute: int = 0
    idle_grace_s: int = 0
    cap_ore: int | None = None
    vat_rate_bp: int = DEFAULT_VAT_RATE_BP
    currency: str = "NOK"
    slots: tuple[PriceSlot, ...] = ()
    minimum_ore: int = 0

    def __post_init__(self) -> None:
        amounts = (
            self.price_ore_per_kwh,
            self.start_fee_ore,
            self.price_ore_per_minute,
            self.idle_fee_ore_per_minute,
            self.idle_grace_s,
            self.minimum_ore,
        )
        if any(value < 0 for value in amounts):
            raise ValueError("tariff prices and times must not be negative")
        if self.cap_ore is not None and self.cap_ore < 0:
            raise ValueError("the cap must not be negative")
        if not 0 <= self.vat_rate_bp <= BP_PER_WHOLE:
            raise ValueError("VAT rate must be 0..10000 bp")
        if len(self.currency) != 3 or not self.currency.isupper():
            raise ValueError(f"currency must be an ISO 4217 code, got {self.currency!r}")
        starts = [slot.start_ms for slot in self.slots]
        if any(later <= earlier for earlier, later in itertools.pairwise(starts)):
            raise ValueError("slots must start in strictly increasing order")

    @property
    def sliced(self) -> bool:
        """Prices change during a session (a frozen schedule), not one flat set."""
        return bool(self.slots)

    def slot_index(self, at_ms: int) -> int:
        """The slot in force at ``at_ms`` (the first one for anything before it)."""
        starts = [slot.start_ms for slot in self.slots]
        return max(0, bisect.bisect_right(starts, at_ms) - 1)

    def slot_at(self, at_ms: int) -> PriceSlot:
        if not self.slots:
            return PriceSlot(
                at_ms,
                self.price_ore_per_kwh,
                self.price_ore_per_minute,
                self.idle_fee_ore_per_minute,
            )
        return self.slots[self.slot_index(at_ms)]

    def next_change(self, at_ms: int) -> PriceSlot | None:
        """The first later slot whose prices differ from those in force at ``at_ms``."""
        if not self.slots:
            return None
        index = self.slot_index(at_ms)
        now = self.slots[index]
        for slot in self.slots[index + 1 :]:
            if slot.start_ms > at_ms and _price_key(slot) != _price_key(now):
                return slot
        return None


def _price_key(slot: PriceSlot) -> tuple[int, int, int]:
    return (slot.price_ore_per_kwh, slot.price_ore_per_minute, slot.idle_fee_ore_per_minute)


class Interval(StrEnum):
    """What the car did between the previous meter point and this one."""

    CHARGING = "charging"
    IDLE = "idle"
    """Connected, drawing no power: billed time and idle time."""
    OUTAGE = "outage"
    """The station was down: neither charging nor idle time (its energy is still billed)."""


@dataclass(frozen=True, slots=True)
class MeterPoint:
    """A meter reading with its time; ``interval`` says what came since the previous point."""

    at_ms: int
    meter_wh: int
    interval: Interval = Interval.CHARGING


@dataclass(frozen=True, slots=True)
class Measured:
    """What a session measured: billed energy (meter difference) and its times."""

    energy_wh: int
    duration_ms: int = 0
    """From charging start (charger enabled) to stop."""
    idle_ms: int = 0
    """Time, within ``duration_ms``, the car was connected but drew no power."""
    points: tuple[MeterPoint, ...] = ()
    """The readings with their times, first = charging start, last = stop (a sliced tariff
    prices from these; a flat one from the totals above)."""

    def __post_init__(self) -> None:
        if self.energy_wh < 0 or self.duration_ms < 0 or self.idle_ms < 0:
            raise ValueError("measured energy and times must not be negative")
        times = [point.at_ms for point in self.points]
        if any(later < earlier for earlier, later in itertools.pairwise(times)):
            raise ValueError("meter points must be in time order")


class LineKind(StrEnum):
    """A priced component of a session; its ``quantity`` unit is in the comment."""

    ENERGY = "energy"  # Wh
    START_FEE = "start_fee"  # 1
    TIME = "time"  # ms
    IDLE = "idle"  # ms beyond the grace time
    MINIMUM = "minimum"  # 1: the top-up to the minimum price


class Limit(StrEnum):
    """Why a total is below the tariff's list price."""

    CAP = "cap"
    AUTHORIZED = "authorized"


@dataclass(frozen=True, slots=True)
class ChargeLine:
    """One receipt line. ``amount_ore = list_ore - discount_ore``; ``vat_ore`` is inside it."""

    kind: LineKind
    quantity: int
    unit_price_ore: int
    """Per kWh, per minute or per start, as in the tariff."""
    list_ore: int
    discount_ore: int
    amount_ore: int
    vat_ore: int
    from_ms: int | None = None
    """Sliced tariff: the part of the session this line bills, ``from_ms``..``until_ms``."""
    until_ms: int | None = None
    utc_offset_min: int = 0
    """The station's UTC offset at ``from_ms`` (for showing local times)."""

    @property
    def net_ore(self) -> int:
        return self.amount_ore - self.vat_ore

    @property
    def local_span(self) -> str | None:
        """The part of the session a sliced line bills in the station's local time
        ("21:30-22:00"), as on the receipts; None for a line of a flat tariff."""
        if self.from_ms is None or self.until_ms is None:
            return None
        return (
            f"{local_hhmm(self.from_ms, self.utc_offset_min)}"
            f"-{local_hhmm(self.until_ms, self.utc_offset_min)}"
        )


def local_hhmm(at_ms: int, utc_offset_min: int) -> str:
    """``at_ms`` (Unix ms) as "HH:MM" at the UTC offset ``utc_offset_min``."""
    minutes = (at_ms // MS_PER_MINUTE + utc_offset_min) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True)
class AmountDue:
    """A priced session: the lines sum exactly to ``total_ore`` and their VAT to ``vat_ore``."""

    lines: tuple[ChargeLine, ...]
    list_ore: int
    """The rounded price before cap and authorization limit."""
    total_ore: int
    vat_ore: int
    vat_rate_bp: int
    currency: str
    limited_by: Limit | None = None

    @property
    def net_ore(self) -> int:
        return self.total_ore - self.vat_ore

    def limited_to(self, max_ore: int) -> AmountDue:
        """This amount, reduced to ``max_ore`` (the authorized amount) if it is above it."""
        if max_ore < 0:
            raise ValueError("limit must not be negative")
        if self.total_ore <= max_ore:
            return self
        return _distribute(self.lines, max_ore, self.vat_rate_bp, self.currency, Limit.AUTHORIZED)


def exact_cost(snapshot: TariffSnapshot, measured: Measured) -> Fraction:
    """The unrounded price of a session, in øre, before the minimum and the cap."""
    return sum((line.value for line in _exact_lines(snapshot, measured)), Fraction(0))


def amount_due(snapshot: TariffSnapshot, measured: Measured) -> AmountDue:
    """Price a session: round the exact total half up once, lift it to the minimum price,
    apply the cap, allocate the lines."""
    exact = _exact_lines(snapshot, measured)
    list_ore = round_half_up(sum((line.value for line in exact), Fraction(0)))
    list_parts = allocate(list_ore, [line.value for line in exact])
    lines = tuple(
        ChargeLine(
            line.kind,
            line.quantity,
            line.unit_price_ore,
            part,
            0,
            part,
            0,
            line.from_ms,
            line.until_ms,
            line.utc_offset_min,
        )
        for line, part in zip(exact, list_parts, strict=True)
    )
    if snapshot.minimum_ore > list_ore:
        top_up = snapshot.minimum_ore - list_ore
        lines = (
            *lines,
            ChargeLine(LineKind.MINIMUM, 1, snapshot.minimum_ore, top_up, 0, top_up, 0),
        )
        list_ore = snapshot.minimum_ore
    total_ore = list_ore
    limit = None
    if snapshot.cap_ore is not None and snapshot.cap_ore < list_ore:
        total_ore, limit = snapshot.cap_ore, Limit.CAP
    return _distribute(lines, total_ore, snapshot.vat_rate_bp, snapshot.currency, limit)


def energy_within_budget_wh(
    snapshot: TariffSnapshot, measured: Measured, budget_ore: int
) -> int | None:
    """The most extra Wh that keep ``amount_due`` at or below ``budget_ore``.

    None means unlimited: energy is free, or the session cap is at or below the budget.
    Times are held where ``measured`` has them; a sliced tariff's extra Wh are priced at the
    slot in force at the last meter point.
    """
    price_ore_per_kwh = snapshot.price_ore_per_kwh
    if snapshot.sliced and measured.points:  # the price at the end of what was measured
        price_ore_per_kwh = snapshot.slot_at(measured.points[-1].at_ms).price_ore_per_kwh
    if (snapshot.cap_ore is not None and snapshot.cap_ore <= budget_ore) or (
        price_ore_per_kwh == 0
    ):
        return None
    # round_half_up(x) <= budget  <=>  x < budget + 1/2
    headroom = Fraction(budget_ore) + Fraction(1, 2) - exact_cost(snapshot, measured)
    if headroom <= 0:
        return 0
    limit_wh = headroom * WH_PER_KWH / price_ore_per_kwh
    return max(0, math.ceil(limit_wh) - 1)


def estimate_energy_wh(snapshot: TariffSnapshot, budget_ore: int, *, power_w: int) -> int | None:
    """The "≈ N kWh" under a budget button: the most whole Wh the budget pays for when the car
    charges at a steady ``power_w``, the start fee first and the time price paid on the way
    (each Wh takes 1/``power_w`` h). A slower car pays more time per kWh and gets less. The
    idle fee is left out: it starts only after charging has stopped. None means unlimited
    (nothing is priced, or the session cap is at or below the budget)."""
    if power_w <= 0:
        raise ValueError("power must be positive")
    ore_per_wh = Fraction(snapshot.price_ore_per_kwh, WH_PER_KWH) + Fraction(
        snapshot.price_ore_per_minute * MS_PER_HOUR, power_w * MS_PER_MINUTE
    )
    if (snapshot.cap_ore is not None and snapshot.cap_ore <= budget_ore) or ore_per_wh == 0:
        return None
    # round_half_up(x) <= budget  <=>  x < budget + 1/2
    headroom = Fraction(budget_ore) + Fraction(1, 2) - snapshot.start_fee_ore
    if headroom <= 0:
        return 0
    return max(0, math.ceil(headroom / ore_per_wh) - 1)


@dataclass(frozen=True, slots=True)
class _Exact:
    kind: LineKind
    quantity: int
    unit_price_ore: int
    value: Fraction
    from_ms: int | None = None
    until_ms: int | None = None
    utc_offset_min: int = 0


def _exact_lines(snapshot: TariffSnapshot, measured: Measured) -> list[_Exact]:
    if snapshot.sliced and measured.points:
        return _sliced_lines(snapshot, measured)
    lines = [
        _Exact(
            LineKind.ENERGY,
            measured.energy_wh,
            snapshot.price_ore_per_kwh,
            Fraction(snapshot.price_ore_per_kwh * measured.energy_wh, WH_PER_KWH),
        )
    ]
    if snapshot.start_fee_ore:
        lines.append(
            _Exact(LineKind.START_FEE, 1, snapshot.start_fee_ore, Fraction(snapshot.start_fee_ore))
        )
    if snapshot.price_ore_per_minute:
        minutes = Fraction(measured.duration_ms, MS_PER_MINUTE)
        lines.append(
            _Exact(
                LineKind.TIME,
                measured.duration_ms,
                snapshot.price_ore_per_minute,
                snapshot.price_ore_per_minute * minutes,
            )
        )
    if snapshot.idle_fee_ore_per_minute:
        billed_ms = max(0, measured.idle_ms - snapshot.idle_grace_s * MS_PER_S)
        lines.append(
            _Exact(
                LineKind.IDLE,
                billed_ms,
                snapshot.idle_fee_ore_per_minute,
                snapshot.idle_fee_ore_per_minute * Fraction(billed_ms, MS_PER_MINUTE),
            )
        )
    return lines


@dataclass(slots=True)
class _SlotUse:
    """What a session did within one slot (exact)."""

    energy_wh: Fraction = Fraction(0)
    time_ms: int = 0
    idle_ms: int = 0
    from_ms: int | None = None
    until_ms: int | None = None


def slot_usage(snapshot: TariffSnapshot, points: tuple[MeterPoint, ...]) -> dict[int, _SlotUse]:
    """Per slot index: the energy (split over a slot boundary in proportion to time), the
    billed time (outages left out) and the billed idle time (the grace time goes to the
    earliest idle time first) of the session described by ``points``."""
    uses: dict[int, _SlotUse] = {}
    grace_ms = snapshot.idle_grace_s * MS_PER_S
    for before, after in itertools.pairwise(points):
        energy_wh = max(0, after.meter_wh - before.meter_wh)
        span_ms = after.at_ms - before.at_ms
        if span_ms == 0:
            use = uses.setdefault(snapshot.slot_index(before.at_ms), _SlotUse())
            use.energy_wh += energy_wh
            _widen(use, before.at_ms, after.at_ms)
            continue
        for index, from_ms, until_ms in _pieces(snapshot, before.at_ms, after.at_ms):
            use = uses.setdefault(index, _SlotUse())
            piece_ms = until_ms - from_ms
            use.energy_wh += Fraction(energy_wh * piece_ms, span_ms)
            _widen(use, from_ms, until_ms)
            if after.interval is Interval.OUTAGE:
                continue
            use.time_ms += piece_ms
            if after.interval is Interval.IDLE:
                free_ms = min(grace_ms, piece_ms)
                grace_ms -= free_ms
                use.idle_ms += piece_ms - free_ms
    return uses


def _widen(use: _SlotUse, from_ms: int, until_ms: int) -> None:
    use.from_ms = from_ms if use.from_ms is None else min(use.from_ms, from_ms)
    use.until_ms = until_ms if use.until_ms is None else max(use.until_ms, until_ms)


def _pieces(
    snapshot: TariffSnapshot, from_ms: int, until_ms: int
) -> Iterator[tuple[int, int, int]]:
    """``from_ms``..``until_ms`` cut at the slot starts: (slot index, from, until)."""
    index = snapshot.slot_index(from_ms)
    at_ms = from_ms
    while at_ms < until_ms:
        following = index + 1
        end_ms = until_ms
        if following < len(snapshot.slots):
            end_ms = min(until_ms, snapshot.slots[following].start_ms)
        yield index, at_ms, end_ms
        at_ms, index = end_ms, following


def _sliced_lines(snapshot: TariffSnapshot, measured: Measured) -> list[_Exact]:
    uses = slot_usage(snapshot, measured.points)
    order = sorted(uses)
    total_wh = max(0, measured.points[-1].meter_wh - measured.points[0].meter_wh)
    energy_sum = sum((uses[index].energy_wh for index in order), Fraction(0))
    whole_wh = allocate(total_wh if energy_sum else 0, [uses[index].energy_wh for index in order])
    lines: list[_Exact] = []
    if snapshot.start_fee_ore:
        lines.append(
            _Exact(LineKind.START_FEE, 1, snapshot.start_fee_ore, Fraction(snapshot.start_fee_ore))
        )
    for index, energy_wh in zip(order, whole_wh, strict=True):
        slot, use = snapshot.slots[index], uses[index]
        span = (use.from_ms, use.until_ms, slot.utc_offset_min)
        lines.append(
            _Exact(
                LineKind.ENERGY,
                energy_wh,
                slot.price_ore_per_kwh,
                slot.price_ore_per_kwh * use.energy_wh / WH_PER_KWH,
                *span,
            )
        )
        if slot.price_ore_per_minute:
            lines.append(
                _Exact(
                    LineKind.TIME,
                    use.time_ms,
                    slot.price_ore_per_minute,
                    slot.price_ore_per_minute * Fraction(use.time_ms, MS_PER_MINUTE),
                    *span,
                )
            )
        if slot.idle_fee_ore_per_minute:
            lines.append(
                _Exact(
                    LineKind.IDLE,
                    use.idle_ms,
                    slot.idle_fee_ore_per_minute,
                    slot.idle_fee_ore_per_minute * Fraction(use.idle_ms, MS_PER_MINUTE),
                    *span,
                )
            )
    return lines


def _distribute(
    lines: tuple[ChargeLine, ...],
    total_ore: int,
    vat_rate_bp: int,
    currency: str,
    limit: Limit | None,
) -> AmountDue:
    list_ore = sum(line.list_ore for line in lines)
    amounts = (
        allocate(total_ore, [line.list_ore for line in lines]) if list_ore else (0,) * len(lines)
    )
    vat_ore = vat_in_gross(total_ore, vat_rate_bp)
    vats = allocate(vat_ore, list(amounts)) if total_ore else (0,) * len(lines)
    new_lines = tuple(
        replace(line, amount_ore=amount, discount_ore=line.list_ore - amount, vat_ore=vat)
        for line, amount, vat in zip(lines, amounts, vats, strict=True)
    )
    return AmountDue(new_lines, list_ore, total_ore, vat_ore, vat_rate_bp, currency, limit)
