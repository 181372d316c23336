"""amount_due: one rounding, the cap, lines that add up, and the budget helpers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.tariff import (
    AmountDue,
    Limit,
    LineKind,
    Measured,
    TariffSnapshot,
    amount_due,
    energy_within_budget_wh,
    estimate_energy_wh,
)

FULL = TariffSnapshot(
    price_ore_per_kwh=350,
    start_fee_ore=500,
    price_ore_per_minute=10,
    idle_fee_ore_per_minute=100,
    idle_grace_s=600,
)


def _line(due: AmountDue, kind: LineKind) -> int:
    return next(line.amount_ore for line in due.lines if line.kind is kind)


def test_energy_only_matches_the_digest_example() -> None:
    due = amount_due(TariffSnapshot(price_ore_per_kwh=350), Measured(energy_wh=12345))
    # 12.345 kWh * 3.50 = 43.2075 NOK -> 4321 øre, VAT 864 (the Vipps digest's receipt)
    assert due.total_ore == 4321
    assert due.vat_ore == 864
    assert due.net_ore == 3457
    assert [line.kind for line in due.lines] == [LineKind.ENERGY]
    assert due.lines[0].quantity == 12345
    assert due.limited_by is None


def test_rounds_once_on_the_total_not_per_line() -> None:
    # energy 0.5 øre + time 0.5 øre: per-line half-up would give 2, the total rule gives 1
    tariff = TariffSnapshot(price_ore_per_kwh=1000, price_ore_per_minute=1)
    due = amount_due(tariff, Measured(energy_wh=0, duration_ms=30_000))
    assert due.total_ore == 1
    due = amount_due(tariff, Measured(energy_wh=1, duration_ms=30_000))
    # 1 øre energy + 0.5 øre time = 1.5 -> 2
    assert due.total_ore == 2
    assert sum(line.amount_ore for line in due.lines) == 2


def test_half_ore_rounds_up() -> None:
    tariff = TariffSnapshot(price_ore_per_kwh=500)
    assert amount_due(tariff, Measured(energy_wh=1)).total_ore == 1  # 0.5 -> 1
    assert amount_due(tariff, Measured(energy_wh=3)).total_ore == 2  # 1.5 -> 2
    assert amount_due(TariffSnapshot(price_ore_per_kwh=499), Measured(1)).total_ore == 0


def test_all_lines() -> None:
    measured = Measured(energy_wh=10_000, duration_ms=60 * 60_000, idle_ms=15 * 60_000)
    due = amount_due(FULL, measured)
    assert _line(due, LineKind.ENERGY) == 3500
    assert _line(due, LineKind.START_FEE) == 500
    assert _line(due, LineKind.TIME) == 600
    assert _line(due, LineKind.IDLE) == 500  # 15 min idle - 10 min grace = 5 min
    assert due.total_ore == 5100
    assert sum(line.vat_ore for line in due.lines) == due.vat_ore == 1020


def test_idle_within_grace_is_free() -> None:
    due = amount_due(FULL, Measured(energy_wh=0, idle_ms=600_000))
    assert _line(due, LineKind.IDLE) == 0


def test_cap_limits_the_total_and_shows_as_discount() -> None:
    tariff = TariffSnapshot(price_ore_per_kwh=350, start_fee_ore=500, cap_ore=3000)
    due = amount_due(tariff, Measured(energy_wh=10_000))
    assert due.list_ore == 4000
    assert due.total_ore == 3000
    assert due.limited_by is Limit.CAP
    assert sum(line.amount_ore for line in due.lines) == 3000
    assert sum(line.discount_ore for line in due.lines) == 1000
    for line in due.lines:
        assert line.list_ore - line.discount_ore == line.amount_ore


def test_cap_above_price_changes_nothing() -> None:
    tariff = TariffSnapshot(price_ore_per_kwh=350, cap_ore=100_000)
    assert amount_due(tariff, Measured(energy_wh=10_000)).limited_by is None


def test_limited_to_authorized() -> None:
    due = amount_due(FULL, Measured(energy_wh=100_000))
    assert due.total_ore == 35_500
    limited = due.limited_to(35_000)
    assert limited.total_ore == 35_000
    assert limited.limited_by is Limit.AUTHORIZED
    assert sum(line.amount_ore for line in limited.lines) == 35_000
    assert sum(line.vat_ore for line in limited.lines) == limited.vat_ore == 7000
    assert due.limited_to(40_000) is due


def test_rejects_invalid_input() -> None:
    with pytest.raises(ValueError, match="negative"):
        TariffSnapshot(price_ore_per_kwh=-1)
    with pytest.raises(ValueError, match="VAT"):
        TariffSnapshot(price_ore_per_kwh=1, vat_rate_bp=20_000)
    with pytest.raises(ValueError, match="currency"):
        TariffSnapshot(price_ore_per_kwh=1, currency="nok")
    with pytest.raises(ValueError, match="negative"):
        Measured(energy_wh=-5)


def test_estimate_energy_without_a_time_price() -> None:
    # 350 NOK budget, 5 NOK start fee, 3.50 NOK/kWh -> 98.57 kWh, whole Wh that fit
    energy_only = TariffSnapshot(price_ore_per_kwh=350, start_fee_ore=500)
    wh = estimate_energy_wh(energy_only, 35_000, power_w=11_000)
    assert wh is not None
    assert amount_due(energy_only, Measured(energy_wh=wh)).total_ore <= 35_000
    assert amount_due(energy_only, Measured(energy_wh=wh + 1)).total_ore > 35_000
    assert estimate_energy_wh(energy_only, 35_000, power_w=3_700) == wh  # power does not matter
    assert estimate_energy_wh(TariffSnapshot(price_ore_per_kwh=0), 100, power_w=11_000) is None
    capped = TariffSnapshot(price_ore_per_kwh=1, cap_ore=50)
    assert estimate_energy_wh(capped, 100, power_w=11_000) is None
    fee_only = TariffSnapshot(price_ore_per_kwh=100, start_fee_ore=500)
    assert estimate_energy_wh(fee_only, 400, power_w=11_000) == 0


def _duration_ms(energy_wh: int, power_w: int, *, round_up: bool) -> int:
    exact_ms = energy_wh * 3_600_000
    return -(-exact_ms // power_w) if round_up else exact_ms // power_w


@pytest.mark.parametrize("power_w", [3_700, 7_400, 11_000, 22_000])
def test_estimate_energy_pays_the_time_price_at_the_stated_power(power_w: int) -> None:
    # FULL charges 0.10 NOK per minute: at 11 kW a kWh takes 5.45 min, 0.55 NOK on top
    wh = estimate_energy_wh(FULL, 35_000, power_w=power_w)
    assert wh is not None
    fits = Measured(energy_wh=wh, duration_ms=_duration_ms(wh, power_w, round_up=False))
    assert amount_due(FULL, fits).total_ore <= 35_000
    more = Measured(energy_wh=wh + 1, duration_ms=_duration_ms(wh + 1, power_w, round_up=True))
    assert amount_due(FULL, more).total_ore > 35_000
    ignoring_time = energy_within_budget_wh(FULL, Measured(energy_wh=0), 35_000)
    assert ignoring_time is not None
    assert wh < ignoring_time


def test_estimate_energy_is_less_for_a_slower_car_and_finite_with_only_a_time_price() -> None:
    fast = estimate_energy_wh(FULL, 35_000, power_w=11_000)
    slow = estimate_energy_wh(FULL, 35_000, power_w=3_700)
    assert fast is not None
    assert slow is not None
    assert slow < fast
    assert fast // 1000 == 85  # (350 - 5) / (3.50 + 0.10 * 60 / 11) = 85.3 kWh
    time_only = TariffSnapshot(price_ore_per_kwh=0, price_ore_per_minute=10)
    # 100 NOK buys 1000 minutes (and half an øre, rounded away) = 183 342 Wh at 11 kW
    assert estimate_energy_wh(time_only, 10_000, power_w=11_000) == 183_342
    with pytest.raises(ValueError, match="power"):
        estimate_energy_wh(FULL, 35_000, power_w=0)


tariffs = st.builds(
    TariffSnapshot,
    price_ore_per_kwh=st.integers(0, 2000),
    start_fee_ore=st.integers(0, 2000),
    price_ore_per_minute=st.integers(0, 100),
    idle_fee_ore_per_minute=st.integers(0, 500),
    idle_grace_s=st.integers(0, 3600),
    cap_ore=st.none() | st.integers(0, 100_000),
    vat_rate_bp=st.integers(0, 10_000),
)
measurements = st.builds(
    Measured,
    energy_wh=st.integers(0, 200_000),
    duration_ms=st.integers(0, 10 * 3_600_000),
    idle_ms=st.integers(0, 10 * 3_600_000),
)


@given(tariffs, measurements, st.integers(0, 100_000))
def test_receipt_always_adds_up(
    tariff: TariffSnapshot, measured: Measured, authorized_ore: int
) -> None:
    for due in (
        amount_due(tariff, measured),
        amount_due(tariff, measured).limited_to(authorized_ore),
    ):
        assert sum(line.amount_ore for line in due.lines) == due.total_ore
        assert sum(line.vat_ore for line in due.lines) == due.vat_ore
        assert due.total_ore <= due.list_ore
        assert tariff.cap_ore is None or due.total_ore <= tariff.cap_ore
        for line in due.lines:
            assert 0 <= line.vat_ore <= line.amount_ore
            assert line.discount_ore >= 0
            assert line.net_ore + line.vat_ore == line.amount_ore
    assert amount_due(tariff, measured).limited_to(authorized_ore).total_ore <= authorized_ore


@given(tariffs, measurements, st.integers(0, 100_000))
def test_energy_within_budget_is_the_largest_that_fits(
    tariff: TariffSnapshot, measured: Measured, budget_ore: int
) -> None:
    extra = energy_within_budget_wh(tariff, measured, budget_ore)
    if extra is None:
        return
    more = Measured(measured.energy_wh + extra, measured.duration_ms, measured.idle_ms)
    over = Measured(measured.energy_wh + extra + 1, measured.duration_ms, measured.idle_ms)
    if amount_due(tariff, measured).total_ore <= budget_ore:
        assert amount_due(tariff, more).total_ore <= budget_ore
    else:
        assert extra == 0
    assert amount_due(tariff, over).total_ore > budget_ore
