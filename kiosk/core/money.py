"""Money as integer øre, THE one rounding rule, fair allocation and the VAT split.

The rule (ADR 0002): prices are exact rationals until the single session total, which is
rounded **half up** to whole øre exactly once (``round_half_up``). Everything else that needs
whole øre (receipt lines, their VAT) is *allocated* from an already rounded integer with the
largest-remainder method (``allocate``), so the parts always add up to the whole.

Formatting ("NOK 43,21") is not here; it belongs to the view side.
Errors: ``ValueError`` for negative amounts or rates out of range; nothing else is raised.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .units import BP_PER_WHOLE

DEFAULT_VAT_RATE_BP = 2500
"""Norwegian VAT, 25 %, in basis points (the unit Vipps' receipt ``taxRate`` uses)."""

_HALF = Fraction(1, 2)


def round_half_up(value_ore: Fraction) -> int:
    """Round a non-negative exact amount to whole øre, halves going up (0.5 -> 1, 2.5 -> 3)."""
    if value_ore < 0:
        raise ValueError(f"amount must not be negative: {value_ore}")
    return math.floor(value_ore + _HALF)


def allocate(total_ore: int, weights: Sequence[Fraction | int]) -> tuple[int, ...]:
    """Split ``total_ore`` into whole parts proportional to ``weights`` that sum to it exactly.

    Largest remainder: each part gets the floor of its exact share, and the øre left over go one
    each to the parts with the largest fractional remainders (ties: the earlier part). A zero
    weight always gets 0. With all weights zero the parts are all zero, so ``total_ore`` must be 0.
    """
    if total_ore < 0 or any(w < 0 for w in weights):
        raise ValueError("total and weights must not be negative")
    weight_sum = sum((Fraction(w) for w in weights), Fraction(0))
    if weight_sum == 0:
        if total_ore != 0:
            raise ValueError("cannot allocate a non-zero total over zero weights")
        return tuple(0 for _ in weights)
    shares = [Fraction(w) * total_ore / weight_sum for w in weights]
    parts = [math.floor(share) for share in shares]
    left = total_ore - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - parts[i]), i))
    for index in by_remainder[:left]:
        parts[index] += 1
    return tuple(parts)


@dataclass(frozen=True, slots=True)
class VatSplit:
    """A VAT-inclusive amount split into its net part and its VAT; ``net + vat == gross``."""

    gross_ore: int
    net_ore: int
    vat_ore: int
    vat_rate_bp: int


def vat_in_gross(gross_ore: int, vat_rate_bp: int = DEFAULT_VAT_RATE_BP) -> int:
    """The VAT contained in a VAT-inclusive amount: ``gross * rate / (1 + rate)``, half up."""
    _check_rate(vat_rate_bp)
    if gross_ore < 0:
        raise ValueError("gross must not be negative")
    return round_half_up(Fraction(gross_ore * vat_rate_bp, BP_PER_WHOLE + vat_rate_bp))


def split_vat(gross_ore: int, vat_rate_bp: int = DEFAULT_VAT_RATE_BP) -> VatSplit:
    """Split a VAT-inclusive amount; the VAT is rounded half up, the net is the rest."""
    vat_ore = vat_in_gross(gross_ore, vat_rate_bp)
    return VatSplit(gross_ore, gross_ore - vat_ore, vat_ore, vat_rate_bp)


def _check_rate(vat_rate_bp: int) -> None:
    if not 0 <= vat_rate_bp <= BP_PER_WHOLE:
        raise ValueError(f"VAT rate must be 0..10000 bp, got {vat_rate_bp}")
