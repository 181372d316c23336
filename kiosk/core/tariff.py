"""Tariffs, what a session measured, and ``amount_due``: the one pure price function.

A ``TariffSnapshot`` is frozen into each session when the driver pays, so a tariff change
never touches a running session. ``amount_due(snapshot, measured)`` prices the session with
the rule of ``money.py``: exact line amounts, one half-up rounding of the total, then the
per-session cap; the receipt lines are allocated from that total so they add up to it exactly,
and the VAT of each line is allocated from the VAT of the total. Prices include VAT.

The tariff never knows the authorized amount: the session clamps with ``AmountDue.limited_to``.
Errors: ``ValueError`` for an invalid snapshot or measurement (negative numbers, bad VAT rate).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction

from .money import DEFAULT_VAT_RATE_BP, allocate, round_half_up, vat_in_gross
from .units import BP_PER_WHOLE, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_S, WH_PER_KWH


@dataclass(frozen=True, slots=True)
class TariffSnapshot:
    """The prices in force when the session was paid for; all amounts include VAT."""

    price_ore_per_kwh: int
    start_fee_ore: int = 0
    price_ore_per_minute: int = 0
    idle_fee_ore_per_minute: int = 0
    idle_grace_s: int = 0
    cap_ore: int | None = None
    vat_rate_bp: int = DEFAULT_VAT_RATE_BP
    currency: str = "NOK"

    def __post_init__(self) -> None:
        amounts = (
            self.price_ore_per_kwh,
            self.start_fee_ore,
            self.price_ore_per_minute,
            self.idle_fee_ore_per_minute,
            self.idle_grace_s,
        )
        if any(value < 0 for value in amounts):
            raise ValueError("tariff prices and times must not be negative")
        if self.cap_ore is not None and self.cap_ore < 0:
            raise ValueError("the cap must not be negative")
        if not 0 <= self.vat_rate_bp <= BP_PER_WHOLE:
            raise ValueError("VAT rate must be 0..10000 bp")
        if len(self.currency) != 3 or not self.currency.isupper():
            raise ValueError(f"currency must be an ISO 4217 code, got {self.currency!r}")


@dataclass(frozen=True, slots=True)
class Measured:
    """What a session measured: billed energy (meter difference) and its times."""

    energy_wh: int
    duration_ms: int = 0
    """From charging start (charger enabled) to stop."""
    idle_ms: int = 0
    """Time, within ``duration_ms``, the car was connected but drew no power."""

    def __post_init__(self) -> None:
        if self.energy_wh < 0 or self.duration_ms < 0 or self.idle_ms < 0:
            raise ValueError("measured energy and times must not be negative")


class LineKind(StrEnum):
    """A priced component of a session; its ``quantity`` unit is in the comment."""

    ENERGY = "energy"  # Wh
    START_FEE = "start_fee"  # 1
    TIME = "time"  # ms
    IDLE = "idle"  # ms beyond the grace time


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

    @property
    def net_ore(self) -> int:
        return self.amount_ore - self.vat_ore


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
    """The unrounded, uncapped price of a session, in øre."""
    return sum((value for _, _, _, value in _exact_lines(snapshot, measured)), Fraction(0))


def amount_due(snapshot: TariffSnapshot, measured: Measured) -> AmountDue:
    """Price a session: round the exact total half up once, apply the cap, allocate the lines."""
    exact = _exact_lines(snapshot, measured)
    list_ore = round_half_up(sum((value for _, _, _, value in exact), Fraction(0)))
    list_parts = allocate(list_ore, [value for _, _, _, value in exact])
    lines = tuple(
        ChargeLine(kind, quantity, unit_price, part, 0, part, 0)
        for (kind, quantity, unit_price, _), part in zip(exact, list_parts, strict=True)
    )
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
    Times are held where ``measured`` has them.
    """
    if (snapshot.cap_ore is not None and snapshot.cap_ore <= budget_ore) or (
        snapshot.price_ore_per_kwh == 0
    ):
        return None
    # round_half_up(x) <= budget  <=>  x < budget + 1/2
    headroom = Fraction(budget_ore) + Fraction(1, 2) - exact_cost(snapshot, measured)
    if headroom <= 0:
        return 0
    limit_wh = headroom * WH_PER_KWH / snapshot.price_ore_per_kwh
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


def _exact_lines(
    snapshot: TariffSnapshot, measured: Measured
) -> list[tuple[LineKind, int, int, Fraction]]:
    lines = [
        (
            LineKind.ENERGY,
            measured.energy_wh,
            snapshot.price_ore_per_kwh,
            Fraction(snapshot.price_ore_per_kwh * measured.energy_wh, WH_PER_KWH),
        )
    ]
    if snapshot.start_fee_ore:
        lines.append(
            (LineKind.START_FEE, 1, snapshot.start_fee_ore, Fraction(snapshot.start_fee_ore))
        )
    if snapshot.price_ore_per_minute:
        minutes = Fraction(measured.duration_ms, MS_PER_MINUTE)
        lines.append(
            (
                LineKind.TIME,
                measured.duration_ms,
                snapshot.price_ore_per_minute,
                snapshot.price_ore_per_minute * minutes,
            )
        )
    if snapshot.idle_fee_ore_per_minute:
        billed_ms = max(0, measured.idle_ms - snapshot.idle_grace_s * MS_PER_S)
        lines.append(
            (
                LineKind.IDLE,
                billed_ms,
                snapshot.idle_fee_ore_per_minute,
                snapshot.idle_fee_ore_per_minute * Fraction(billed_ms, MS_PER_MINUTE),
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
