"""The one rounding rule, allocation and the VAT split."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.money import allocate, round_half_up, split_vat, vat_in_gross


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(0), 0),
        (Fraction(1, 2), 1),
        (Fraction(3, 2), 2),
        (Fraction(5, 2), 3),
        (Fraction(49, 100), 0),
        (Fraction(4999, 1000), 5),
        (Fraction(10), 10),
    ],
)
def test_round_half_up(value: Fraction, expected: int) -> None:
    assert round_half_up(value) == expected


def test_round_half_up_refuses_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        round_half_up(Fraction(-1, 2))


def test_allocate_gives_remainders_to_largest_fractions() -> None:
    # exact shares 3.333.., 3.333.., 3.333.. -> ties go to the earliest part
    assert allocate(10, [1, 1, 1]) == (4, 3, 3)
    # shares 6.6 and 3.4 -> the 0.6 gets the spare øre
    assert allocate(10, [66, 34]) == (7, 3)


def test_allocate_never_gives_to_zero_weight() -> None:
    assert allocate(5, [0, 1, 0, 1]) == (0, 3, 0, 2)


def test_allocate_zero_weights() -> None:
    assert allocate(0, [0, 0]) == (0, 0)
    with pytest.raises(ValueError, match="zero weights"):
        allocate(1, [0, 0])


@given(
    st.integers(min_value=0, max_value=10**7),
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=6),
)
def test_allocate_sums_and_stays_near_the_exact_share(total: int, weights: list[int]) -> None:
    if sum(weights) == 0:
        total = 0
    parts = allocate(total, weights)
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(weight * total, sum(weights)) if sum(weights) else Fraction(0)
        assert abs(part - exact) < 1


@pytest.mark.parametrize(
    ("gross", "rate_bp", "vat"),
    [
        (12500, 2500, 2500),  # 125.00 incl. 25 % -> 25.00 VAT
        (4321, 2500, 864),  # the receipt example of the Vipps digest
        (1, 2500, 0),  # 0.2 -> 0
        (3, 2500, 1),  # 0.6 -> 1
        (5, 2500, 1),  # exactly 1.0
        (1000, 0, 0),
        (1000, 1500, 130),  # 130.43.. -> 130
    ],
)
def test_vat_in_gross(gross: int, rate_bp: int, vat: int) -> None:
    assert vat_in_gross(gross, rate_bp) == vat
    split = split_vat(gross, rate_bp)
    assert (split.net_ore, split.vat_ore) == (gross - vat, vat)


def test_vat_half_rounds_up() -> None:
    # 25 % of net: gross 10 -> VAT exactly 2; gross 25 with 2500bp -> 5; find a .5 case:
    # rate 10000 bp (100 %): gross 3 -> VAT 1.5 -> 2
    assert vat_in_gross(3, 10000) == 2


def test_vat_rejects_bad_rate() -> None:
    with pytest.raises(ValueError, match="VAT rate"):
        split_vat(100, 10001)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10000))
def test_split_vat_adds_up(gross: int, rate_bp: int) -> None:
    split = split_vat(gross, rate_bp)
    assert split.net_ore + split.vat_ore == gross
    assert 0 <= split.vat_ore <= gross
    assert abs(split.vat_ore - Fraction(gross * rate_bp, 10000 + rate_bp)) <= Fraction(1, 2)
