"""Prices that change by the hour: the weekly periods frozen into slots (DST days included),
a session billed per slot, the minimum price, the spot rule, and the session machine keeping
its frozen schedule through the codec."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from fractions import Fraction

import pytest

from kiosk.core.codec import decode_state, encode
from kiosk.core.events import (
    BudgetChosen,
    ChargerReading,
    ConnectorTapped,
    IecState,
    PaymentCreated,
    PaymentState,
    PaymentStatus,
    Rebooted,
    StopRequested,
)
from kiosk.core.schedule import (
    OffsetSpan,
    ProblemKind,
    SpotPrice,
    SpotRule,
    WeeklyPeriod,
    check_week,
    freeze_slots,
    with_slots,
)
from kiosk.core.session import transition
from kiosk.core.state import Phase, SessionState, idle_state
from kiosk.core.tariff import (
    Interval,
    LineKind,
    Measured,
    MeterPoint,
    PriceSlot,
    TariffSnapshot,
    amount_due,
)

H = 3_600_000
MIN = 60_000
ALL_DAYS = (0, 1, 2, 3, 4, 5, 6)


def utc_ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


# Europe/Oslo in 2026 as data: CET (+60) until 29 March 01:00 UTC, CEST (+120) until
# 25 October 01:00 UTC, CET again. The shell derives these from the IANA rules.
OSLO_2026 = (
    OffsetSpan(utc_ms("2026-01-01T00:00:00"), 60),
    OffsetSpan(utc_ms("2026-03-29T01:00:00"), 120),
    OffsetSpan(utc_ms("2026-10-25T01:00:00"), 60),
)
DAY = WeeklyPeriod("day", ALL_DAYS, 6 * 60, 22 * 60, 390, price_ore_per_minute=10)
NIGHT = WeeklyPeriod("night", ALL_DAYS, 22 * 60, 6 * 60, 250, price_ore_per_minute=5)
DAY_NIGHT = (DAY, NIGHT)
BASE = TariffSnapshot(price_ore_per_kwh=0)


def frozen(from_utc: str, hours: int = 48, periods: tuple[WeeklyPeriod, ...] = DAY_NIGHT):
    start = utc_ms(from_utc)
    slots = freeze_slots(periods, OSLO_2026, from_ms=start, until_ms=start + hours * H)
    return with_slots(BASE, slots)


def steady(start_ms: int, hours: Fraction | int, power_w: int = 6000) -> Measured:
    """A car drawing ``power_w`` from ``start_ms`` for ``hours``, read every 15 minutes."""
    end_ms = start_ms + int(hours * H)
    times = [*range(start_ms, end_ms, 15 * MIN), end_ms]
    points = tuple(MeterPoint(at, 1_000_000 + power_w * (at - start_ms) // H) for at in times)
    energy = points[-1].meter_wh - points[0].meter_wh
    return Measured(energy, end_ms - start_ms, 0, points)


# --- freezing the weekly periods -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "from_utc", "expected"),
    [
        (  # 23-hour day: 02:00 CET jumps to 03:00 CEST; night ends 06:00 CEST = 04:00 UTC
            "spring",
            "2026-03-28T23:00:00",  # 00:00 local
            [
                ("2026-03-28T23:00:00", "night", 60),
                ("2026-03-29T01:00:00", "night", 120),
                ("2026-03-29T04:00:00", "day", 120),
                ("2026-03-29T20:00:00", "night", 120),
            ],
        ),
        (  # 25-hour day: 03:00 CEST falls back to 02:00 CET; 06:00 CET = 05:00 UTC
            "autumn",
            "2026-10-24T22:00:00",  # 00:00 local
            [
                ("2026-10-24T22:00:00", "night", 120),
                ("2026-10-25T01:00:00", "night", 60),
                ("2026-10-25T05:00:00", "day", 60),
                ("2026-10-25T21:00:00", "night", 60),
            ],
        ),
        (  # an ordinary winter day
            "winter",
            "2026-12-02T23:00:00",
            [
                ("2026-12-02T23:00:00", "night", 60),
                ("2026-12-03T05:00:00", "day", 60),
                ("2026-12-03T21:00:00", "night", 60),
            ],
        ),
    ],
)
def test_periods_freeze_into_slots_in_local_time(day, from_utc, expected):
    tariff = frozen(from_utc, hours=24)
    got = [(slot.start_ms, slot.name, slot.utc_offset_min) for slot in tariff.slots]
    assert got == [(utc_ms(at), name, offset) for at, name, offset in expected], day


@pytest.mark.parametrize(
    ("from_utc", "local_hours"),
    [
        ("2026-03-28T23:00:00", 23),  # Sunday 29 March, Oslo
        ("2026-10-24T22:00:00", 25),  # Sunday 25 October, Oslo
        ("2026-12-02T23:00:00", 24),
    ],
)
def test_a_whole_local_day_bills_its_real_length(from_utc, local_hours):
    """Midnight to midnight local time: the time price counts the day's real minutes, and the
    day's 16 hours at the day price stay 16 hours (the DST hour falls in the night)."""
    start = utc_ms(from_utc)
    tariff = frozen(from_utc)
    measured = steady(start, local_hours)
    due = amount_due(tariff, measured)
    night_h, day_h = local_hours - 16, 16
    # 6 kW: energy 6 kWh/h; time 60 min/h
    exact = night_h * (6 * 250 + 60 * 5) + day_h * (6 * 390 + 60 * 10)
    assert due.total_ore == exact
    day_lines = [
        line for line in due.lines if line.kind is LineKind.ENERGY and line.unit_price_ore == 390
    ]
    assert sum(line.quantity for line in day_lines) == 16 * 6000
    assert sum(line.quantity for line in due.lines if line.kind is LineKind.ENERGY) == (
        local_hours * 6000
    )


def test_a_session_across_a_price_change_bills_each_part_at_its_price():
    """21:30 to 22:30 local (winter): half an hour at the day price, half at the night price,
    one energy and one time line each, with the part of the session they bill."""
    start = utc_ms("2026-12-03T20:30:00")
    tariff = frozen("2026-12-03T20:00:00")
    due = amount_due(tariff, steady(start, 1))
    lines = [(line.kind, line.quantity, line.unit_price_ore, line.amount_ore) for line in due.lines]
    assert lines == [
        (LineKind.ENERGY, 3000, 390, 1170),
        (LineKind.TIME, 30 * MIN, 10, 300),
        (LineKind.ENERGY, 3000, 250, 750),
        (LineKind.TIME, 30 * MIN, 5, 150),
    ]
    assert due.total_ore == 2370
    change = utc_ms("2026-12-03T21:00:00")
    assert [(line.from_ms, line.until_ms) for line in due.lines] == [
        (start, change),
        (start, change),
        (change, start + H),
        (change, start + H),
    ]


def test_a_session_across_midnight_into_the_weekend():
    """Friday 23:00 to Saturday 09:00 with a weekend day price: the night goes on past
    midnight, Saturday's day starts at 08:00 at the weekend price."""
    weekday = WeeklyPeriod("day", (0, 1, 2, 3, 4), 6 * 60, 22 * 60, 390)
    weekend = WeeklyPeriod("weekend", (5, 6), 8 * 60, 22 * 60, 300)
    nights = (
        WeeklyPeriod("night", (0, 1, 2, 3, 6), 22 * 60, 6 * 60, 250),  # into a weekday
        WeeklyPeriod("night", (4, 5), 22 * 60, 8 * 60, 250),  # into Saturday, Sunday
    )
    periods = (weekday, weekend, *nights)
    assert check_week(periods) == ()
    start = utc_ms("2026-12-04T22:00:00")  # Friday 23:00 Oslo
    tariff = frozen("2026-12-04T21:00:00", periods=periods)
    due = amount_due(tariff, steady(start, 10, power_w=3000))
    energy = [(line.unit_price_ore, line.quantity) for line in due.lines]
    assert energy == [(250, 9 * 3000), (300, 1 * 3000)]
    assert due.total_ore == 9 * 3 * 250 + 3 * 300


def test_idle_time_and_outages_per_slot():
    """The idle fee after the grace time, in the slot where the car idled; an outage is
    neither time nor idle time."""
    idle_day = WeeklyPeriod("day", ALL_DAYS, 6 * 60, 22 * 60, 0, 0, idle_fee_ore_per_minute=20)
    idle_night = WeeklyPeriod("night", ALL_DAYS, 22 * 60, 6 * 60, 0, 0, idle_fee_ore_per_minute=0)
    tariff = frozen("2026-12-03T20:00:00", periods=(idle_day, idle_night))
    tariff = TariffSnapshot(**{**_fields(tariff), "idle_grace_s": 600})
    t = utc_ms("2026-12-03T20:00:00")  # 21:00 local
    points = (
        MeterPoint(t, 100),
        MeterPoint(t + 20 * MIN, 2100),
        MeterPoint(t + 50 * MIN, 2100, Interval.IDLE),  # 30 idle minutes, 10 free
        MeterPoint(t + 70 * MIN, 2100, Interval.OUTAGE),
        MeterPoint(t + 90 * MIN, 2100, Interval.IDLE),  # 22:30 local: night, free
    )
    due = amount_due(tariff, Measured(2000, 70 * MIN, 50 * MIN, points))
    idle = [line for line in due.lines if line.kind is LineKind.IDLE]
    assert [(line.quantity, line.amount_ore) for line in idle] == [(20 * MIN, 400)]  # night: no fee


def _fields(tariff: TariffSnapshot) -> dict[str, object]:
    return {name: getattr(tariff, name) for name in tariff.__slots__}  # type: ignore[attr-defined]


def test_flat_tariff_and_single_slot_schedule_price_alike():
    flat = TariffSnapshot(price_ore_per_kwh=390, start_fee_ore=500, price_ore_per_minute=7)
    one_slot = with_slots(flat, (PriceSlot(0, 390, 7),))
    measured = steady(utc_ms("2026-12-03T10:00:00"), Fraction(7, 3), power_w=7400)
    assert (
        amount_due(one_slot, measured).total_ore
        == amount_due(flat, Measured(measured.energy_wh, measured.duration_ms)).total_ore
    )


@pytest.mark.parametrize(
    ("energy_wh", "minimum_ore", "total", "lines"),
    [
        (1000, 1500, 1500, [("energy", 390), ("minimum", 1110)]),
        (5000, 1500, 1950, [("energy", 1950)]),
        (1000, 0, 390, [("energy", 390)]),
    ],
)
def test_minimum_price_tops_up_with_its_own_line(energy_wh, minimum_ore, total, lines):
    tariff = TariffSnapshot(price_ore_per_kwh=390, minimum_ore=minimum_ore)
    due = amount_due(tariff, Measured(energy_wh))
    assert due.total_ore == total
    assert [(line.kind.value, line.amount_ore) for line in due.lines] == lines


def test_minimum_then_cap():
    tariff = TariffSnapshot(price_ore_per_kwh=390, minimum_ore=1500, cap_ore=1200)
    due = amount_due(tariff, Measured(1000))
    assert (due.list_ore, due.total_ore, due.limited_by) == (1500, 1200, "cap")
    assert sum(line.amount_ore for line in due.lines) == 1200


# --- the week check ---------------------------------------------------------------------------


def test_check_week_finds_gaps_and_overlaps():
    day = WeeklyPeriod("day", (0, 1, 2, 3, 4), 6 * 60, 22 * 60, 390)
    night = WeeklyPeriod("night", ALL_DAYS, 21 * 60, 6 * 60, 250)
    problems = check_week((day, night))
    overlaps = [p for p in problems if p.kind is ProblemKind.OVERLAP]
    gaps = [p for p in problems if p.kind is ProblemKind.GAP]
    assert [p.describe() for p in overlaps[:1]] == [
        "periods #1 and #2 overlap at mon 21:00-mon 22:00"
    ]
    assert len(overlaps) == 5
    assert gaps[0].describe() == "sat 06:00-sat 21:00 is in no period"
    assert len(gaps) == 2
    assert check_week(DAY_NIGHT) == ()


def test_a_moment_without_period_cannot_be_frozen():
    day = WeeklyPeriod("day", ALL_DAYS, 6 * 60, 22 * 60, 390)
    start = utc_ms("2026-12-03T10:00:00")
    with pytest.raises(ValueError, match="no tariff period covers"):
        freeze_slots((day,), OSLO_2026, from_ms=start, until_ms=start + 24 * H)


# --- spot ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spot", "price"),
    [
        (Fraction(100), 100 * 125 // 100 + 50),  # 100 øre x 1.25 + 50
        (Fraction(-80), 40),  # negative spot: the floor
        (Fraction(2000), 900),  # the ceiling
        (Fraction(1234, 10), 204),  # 154.25 + 50 = 204.25 -> 204
        (Fraction(1236, 10), 205),  # 154.5 + 50 = 204.5 -> 205 (half up)
    ],
)
def test_spot_rule(spot, price):
    rule = SpotRule(
        300, factor_bp=12500, margin_ore_per_kwh=50, floor_ore_per_kwh=40, ceiling_ore_per_kwh=900
    )
    assert rule.price_ore_per_kwh(spot) == price


def test_spot_slots_follow_the_hours_and_fall_back_where_the_feed_has_none():
    spot_period = WeeklyPeriod("spot", ALL_DAYS, 0, 24 * 60, 0, price_ore_per_minute=2, spot=True)
    start = utc_ms("2026-12-03T10:00:00")
    prices = (
        SpotPrice(start, start + H, Fraction(100)),
        SpotPrice(start + H, start + 2 * H, Fraction(200)),
        # 12:00-13:00 UTC missing
        SpotPrice(start + 3 * H, start + 4 * H, Fraction(200)),
    )
    rule = SpotRule(fallback_ore_per_kwh=333, margin_ore_per_kwh=10)
    slots = freeze_slots(
        (spot_period,), OSLO_2026, from_ms=start, until_ms=start + 6 * H, spot=prices, rule=rule
    )
    got = [(s.start_ms - start, s.price_ore_per_kwh, s.fallback) for s in slots]
    assert got == [
        (0, 110, False),
        (H, 210, False),
        (2 * H, 333, True),
        (3 * H, 210, False),
        (4 * H, 333, True),
    ]
    tariff = with_slots(BASE, slots)
    assert tariff.price_ore_per_kwh == 110
    assert tariff.next_change(start + 30 * MIN) == slots[1]
    assert tariff.next_change(start + 4 * H) is None


# --- the session machine keeps its frozen schedule --------------------------------------------


T0 = utc_ms("2026-12-03T20:00:00")  # 21:00 Oslo
SESSION_ID = "3f1c9a52-9d1e-4c57-8a55-0c1b2f3e4d5a"


def reading(t_ms: int, iec: IecState, wh: int, power_w: int) -> ChargerReading:
    return ChargerReading(T0 + t_ms, iec, wh, power_w)


def charging_session(tariff: TariffSnapshot) -> SessionState:
    state = idle_state("c1")
    events = [
        reading(0, IecState.B, 1_000_000, 0),
        ConnectorTapped(T0 + 1000),
        BudgetChosen(T0 + 2000, SESSION_ID, "st1-3f1c9a529d1e4c57", 100_000, tariff),
        PaymentCreated(T0 + 3000, "https://qr.example/1"),
        PaymentStatus(T0 + 4000, PaymentState.AUTHORIZED, 100_000),
    ]
    for event in events:
        step = transition(state, event)
        assert not step.rejected
        state = step.state
    return state


def test_a_session_across_the_22_oclock_change_keeps_its_schedule_through_the_codec():
    tariff = frozen("2026-12-03T20:00:00")
    state = charging_session(tariff)
    assert state.phase is Phase.CHARGING
    start_ms = state.charging_started_ms
    assert start_ms == T0 + 4000
    # 7.2 kW read every 20 s for 2 h: 21:00..23:00 local
    meter = 1_000_000
    for t_ms in range(24_000, 2 * H + 4000 + 1, 20_000):
        meter = 1_000_000 + 7200 * (t_ms - 4000) // H
        state = transition(state, reading(t_ms, IecState.C, meter, 7200)).state
        restored = decode_state(json.loads(json.dumps(encode(state))))
        assert restored == state  # a restored session keeps its schedule and its points
    assert len(state.meter_points) <= 6  # merged inside each slot
    state = transition(state, StopRequested(T0 + 2 * H + 4000)).state
    state = transition(state, reading(2 * H + 5000, IecState.B, meter, 0)).state
    assert state.phase is Phase.SETTLING
    due = state.amount_due
    assert due is not None
    energy = [
        (line.unit_price_ore, line.quantity) for line in due.lines if line.kind is LineKind.ENERGY
    ]
    # charging 21:00:04..23:00:04 local at 7.2 kW: 3596 s before 22:00, 3604 s after
    assert energy == [(390, 7192), (250, 7208)]
    exact = (
        Fraction(7192 * 390, 1000)
        + Fraction(3596, 60) * 10
        + Fraction(7208 * 250, 1000)
        + Fraction(3604, 60) * 5
    )
    assert due.total_ore == int(exact + Fraction(1, 2))


def test_a_flat_tariff_session_tracks_no_points():
    state = charging_session(TariffSnapshot(price_ore_per_kwh=390))
    state = transition(state, reading(60_000, IecState.C, 1_000_100, 7200)).state
    assert state.meter_points == ()


def test_an_old_stored_session_without_schedule_fields_decodes():
    state = charging_session(TariffSnapshot(price_ore_per_kwh=390))
    data = encode(state)
    for name in ("meter_points",):
        del data[name]
    for name in ("slots", "minimum_ore"):
        del data["tariff"][name]
    restored = decode_state(json.loads(json.dumps(data)))
    assert restored == state
    assert restored.tariff is not None
    assert not restored.tariff.sliced


def test_a_budget_below_the_minimum_price_is_rejected():
    tariff = TariffSnapshot(price_ore_per_kwh=390, minimum_ore=5000)
    state = idle_state("c1")
    for event in (reading(0, IecState.B, 1_000_000, 0), ConnectorTapped(T0 + 1000)):
        state = transition(state, event).state
    low = BudgetChosen(T0 + 2000, SESSION_ID, "st1-3f1c9a529d1e4c57", 4_999, tariff)
    assert transition(state, low).rejected
    enough = BudgetChosen(T0 + 2000, SESSION_ID, "st1-3f1c9a529d1e4c57", 5_000, tariff)
    assert transition(state, enough).state.phase is Phase.CREATING_PAYMENT


def test_an_outage_across_the_price_change_is_not_billed_time():
    """Charging 21:00-21:40, the station down until 22:20 (across the 22:00 change), charging
    again until 22:50: the time price runs 40 min at the day price and 30 at the night price,
    never through the outage; a restored session keeps its schedule."""
    tariff = frozen("2026-12-03T20:00:00")
    state = charging_session(tariff)
    meter = 1_000_000
    for minute in range(1, 41):
        meter += 120
        state = transition(state, reading(4000 + minute * MIN, IecState.C, meter, 7200)).state
    stored = decode_state(json.loads(json.dumps(encode(state))))
    boot = 4000 + 80 * MIN  # 22:20:04 local
    for event in (
        Rebooted(T0 + boot),
        PaymentStatus(T0 + boot + 100, PaymentState.AUTHORIZED, 100_000),
        reading(boot + 200, IecState.C, meter, 7200),
    ):
        step = transition(stored, event)
        assert not step.rejected
        stored = step.state
    assert stored.phase is Phase.CHARGING
    assert stored.tariff == tariff
    for minute in range(1, 30):
        meter += 120
        stored = transition(
            stored, reading(boot + 200 + minute * MIN, IecState.C, meter, 7200)
        ).state
    end = boot + 200 + 30 * MIN
    stored = transition(stored, StopRequested(T0 + end)).state
    stored = transition(stored, reading(end + 1000, IecState.B, meter, 0)).state
    due = stored.amount_due
    assert due is not None
    times = [
        (line.unit_price_ore, line.quantity) for line in due.lines if line.kind is LineKind.TIME
    ]
    assert times == [(10, 40 * MIN), (5, 30 * MIN)]
    energy = [
        (line.unit_price_ore, line.quantity) for line in due.lines if line.kind is LineKind.ENERGY
    ]
    assert energy == [(390, 40 * 120), (250, 29 * 120)]
