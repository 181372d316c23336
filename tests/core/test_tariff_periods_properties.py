"""Properties of billing by a frozen schedule: cutting a session at any instant changes the
total by at most 1 øre per period, no part is billed at a price the schedule did not show
before the start, a schedule of one price bills as the flat tariff, and merging the points
the session machine merges bills the same."""

from __future__ import annotations

import itertools
from dataclasses import replace
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.money import round_half_up
from kiosk.core.settlement import meter_points
from kiosk.core.state import SessionState, track
from kiosk.core.tariff import (
    Interval,
    LineKind,
    Measured,
    MeterPoint,
    PriceSlot,
    TariffSnapshot,
    amount_due,
    exact_cost,
)

T0 = 1_796_000_000_000
MIN = 60_000


@st.composite
def schedules(draw: st.DrawFn) -> TariffSnapshot:
    count = draw(st.integers(1, 5))
    gaps = draw(st.lists(st.integers(1, 240 * MIN), min_size=count - 1, max_size=count - 1))
    starts = [T0]
    for gap in gaps:
        starts.append(starts[-1] + gap)
    slots = tuple(
        PriceSlot(
            start,
            draw(st.integers(0, 2000)),
            draw(st.integers(0, 50)),
            draw(st.integers(0, 50)),
        )
        for start in starts
    )
    first = slots[0]
    return TariffSnapshot(
        price_ore_per_kwh=first.price_ore_per_kwh,
        price_ore_per_minute=first.price_ore_per_minute,
        idle_fee_ore_per_minute=first.idle_fee_ore_per_minute,
        slots=slots,
    )


@st.composite
def sessions(draw: st.DrawFn) -> tuple[MeterPoint, ...]:
    start = T0 + draw(st.integers(0, 60 * MIN))
    steps = draw(
        st.lists(
            st.tuples(
                st.integers(0, 90 * MIN),
                st.integers(0, 20_000),
                st.sampled_from(list(Interval)),
            ),
            min_size=1,
            max_size=12,
        )
    )
    points = [MeterPoint(start, draw(st.integers(0, 10**7)))]
    for gap_ms, wh, interval in steps:
        last = points[-1]
        points.append(MeterPoint(last.at_ms + gap_ms, last.meter_wh + wh, interval))
    return tuple(points)


def measured(points: tuple[MeterPoint, ...]) -> Measured:
    return Measured(
        points[-1].meter_wh - points[0].meter_wh, points[-1].at_ms - points[0].at_ms, 0, points
    )


def cut(
    points: tuple[MeterPoint, ...], at_ms: int
) -> tuple[tuple[MeterPoint, ...], tuple[MeterPoint, ...], tuple[MeterPoint, ...]]:
    """The session with a reading at ``at_ms`` (the meter interpolated, whole Wh), and its two
    halves before and after it."""
    index = next(i for i, p in enumerate(points) if p.at_ms >= at_ms)
    after = points[index]
    if after.at_ms == at_ms:
        whole = points
    else:
        before = points[index - 1]
        wh = before.meter_wh + (after.meter_wh - before.meter_wh) * (at_ms - before.at_ms) // (
            after.at_ms - before.at_ms
        )
        whole = (*points[:index], MeterPoint(at_ms, wh, after.interval), *points[index:])
    index = next(i for i, p in enumerate(whole) if p.at_ms == at_ms)
    return whole, whole[: index + 1], whole[index:]


@settings(max_examples=300, deadline=None)
@given(schedules(), sessions(), st.floats(0, 1))
def test_cutting_a_session_changes_the_total_by_at_most_one_ore_per_period(tariff, points, where):
    span = points[-1].at_ms - points[0].at_ms
    at_ms = points[0].at_ms + int(span * where)
    whole, first, second = cut(points, at_ms)
    total = amount_due(tariff, measured(whole)).total_ore
    parts = (
        amount_due(tariff, measured(first)).total_ore
        + amount_due(tariff, measured(second)).total_ore
    )
    periods = {tariff.slot_index(p.at_ms) for p in whole}
    assert abs(parts - total) <= len(periods)
    assert abs(parts - total) <= 1  # one rounding per session: stronger still
    # the exact amounts add up without any loss
    assert exact_cost(tariff, measured(first)) + exact_cost(tariff, measured(second)) == exact_cost(
        tariff, measured(whole)
    )


@settings(max_examples=300, deadline=None)
@given(schedules(), sessions())
def test_no_part_is_billed_at_a_price_not_shown_before_the_start(tariff, points):
    due = amount_due(tariff, measured(points))
    shown = {
        LineKind.ENERGY: {s.price_ore_per_kwh for s in tariff.slots},
        LineKind.TIME: {s.price_ore_per_minute for s in tariff.slots},
        LineKind.IDLE: {s.idle_fee_ore_per_minute for s in tariff.slots},
    }
    for line in due.lines:
        assert line.unit_price_ore in shown[line.kind]
        assert line.from_ms is not None
        slot = tariff.slot_at(line.from_ms)  # each part at the price of its own slot
        price = {
            LineKind.ENERGY: slot.price_ore_per_kwh,
            LineKind.TIME: slot.price_ore_per_minute,
            LineKind.IDLE: slot.idle_fee_ore_per_minute,
        }[line.kind]
        assert line.unit_price_ore == price
    # never more than the dearest shown prices would cost, never less than the cheapest
    energy_wh = points[-1].meter_wh - points[0].meter_wh
    billed_ms = sum(
        b.at_ms - a.at_ms
        for a, b in itertools.pairwise(points)
        if b.interval is not Interval.OUTAGE
    )
    idle_ms = sum(
        b.at_ms - a.at_ms for a, b in itertools.pairwise(points) if b.interval is Interval.IDLE
    )

    def at(pick) -> int:  # type: ignore[no-untyped-def]
        return round_half_up(
            Fraction(pick(shown[LineKind.ENERGY]) * energy_wh, 1000)
            + Fraction(pick(shown[LineKind.TIME]) * billed_ms, MIN)
            + Fraction(pick(shown[LineKind.IDLE]) * idle_ms, MIN)
        )

    assert at(min) <= due.total_ore <= at(max)


@settings(max_examples=200, deadline=None)
@given(sessions(), st.integers(0, 2000), st.integers(0, 50), st.integers(0, 3600))
def test_one_price_schedule_bills_as_the_flat_tariff(points, price, per_minute, grace_s):
    flat = TariffSnapshot(
        price_ore_per_kwh=price,
        price_ore_per_minute=per_minute,
        idle_fee_ore_per_minute=per_minute,
        idle_grace_s=grace_s,
        start_fee_ore=300,
    )
    sliced = replace(flat, slots=(PriceSlot(T0, price, per_minute, per_minute),))
    pairs = list(itertools.pairwise(points))
    duration = sum(b.at_ms - a.at_ms for a, b in pairs if b.interval is not Interval.OUTAGE)
    idle = sum(b.at_ms - a.at_ms for a, b in pairs if b.interval is Interval.IDLE)
    energy = points[-1].meter_wh - points[0].meter_wh
    assert amount_due(sliced, measured(points)).total_ore == (
        amount_due(flat, Measured(energy, duration, idle)).total_ore
    )


@settings(max_examples=200, deadline=None)
@given(schedules(), sessions())
def test_the_points_a_session_keeps_bill_as_every_reading(tariff, points):
    """``state.track`` merges readings inside one slot; what it keeps (``meter_points``)
    bills exactly as all the readings."""
    first = points[0]
    state = SessionState(
        connector_id="1",
        tariff=tariff,
        charging_started_ms=first.at_ms,
        meter_start_wh=first.meter_wh,
        last_meter_wh=first.meter_wh,
    )
    for point in points[1:]:
        state = track(replace(state, last_meter_wh=point.meter_wh), point.at_ms, point.interval)
    assert len(state.meter_points) <= len(points) - 1
    last = points[-1]
    kept = meter_points(replace(state, paused_since_ms=None), last.at_ms)
    # the closing point repeats the last reading: a zero-length interval that bills nothing
    assert exact_cost(tariff, measured(kept)) == exact_cost(tariff, measured(points))
