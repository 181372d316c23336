"""The site-power allocator: table tests of sharing, and property tests of its promises."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.allocation import (
    ALL_PHASES,
    FOLLOW_SETTLE_MS,
    HOLD_MS,
    KEEP_TOLERANCE_A,
    MIN_CURRENT_A,
    STEADY_SPAN_A,
    AllocatorState,
    ConnectorDemand,
    Offer,
    SiteLimit,
    Steady,
    Turn,
    allocate,
    share_if_started_a,
)

LIMIT_40 = SiteLimit(supply_limit_a=40, margin_a=2, fallback_budget_a=38, turn_ms=60_000)


def car(
    cid: int,
    *,
    max_a: int = 32,
    setpoint_a: int = 0,
    phases: frozenset[int] = ALL_PHASES,
    drawn_a: float | None = None,
    wants: bool = True,
) -> ConnectorDemand:
    measured = (
        tuple(drawn_a if p in phases else 0.0 for p in range(3)) if drawn_a is not None else ()
    )
    return ConnectorDemand(cid, wants, max_a, setpoint_a, phases, measured)


def settled(cars: list[ConnectorDemand]) -> AllocatorState:
    """Every car's offer unchanged (not raised) for ``FOLLOW_SETTLE_MS`` before ``now_ms=0``."""
    return AllocatorState(
        offers={c.connector_id: Offer(c.setpoint_a, -FOLLOW_SETTLE_MS) for c in cars}
    )


@pytest.mark.parametrize(
    ("limit", "grid_a", "cars", "expected"),
    [
        # two cars on 38 A: an even split
        (LIMIT_40, None, [car(1), car(2)], {1: 19, 2: 19}),
        # one car alone gets its maximum, not more
        (LIMIT_40, None, [car(1), car(2, wants=False)], {1: 32, 2: 0}),
        # 14 A for three cars: two get 7, the third waits at 0 (never 1..5 A)
        (
            SiteLimit(16, 2, 14),
            None,
            [car(1), car(2), car(3)],
            {1: 7, 2: 7, 3: 0},
        ),
        # the grid meter shows 30 A of which our car draws 10: 20 A of other loads -> 18 A
        (
            LIMIT_40,
            (30.0, 30.0, 30.0),
            [car(1, setpoint_a=10, drawn_a=10.0)],
            {1: 18},
        ),
        # a car drawing 8 A of 16 offered keeps 10; the other gets the rest (up to its max)
        (
            LIMIT_40,
            None,
            [car(1, setpoint_a=16, drawn_a=8.0), car(2, setpoint_a=16, drawn_a=16.0)],
            {1: 10, 2: 28},
        ),
        # a one-phase car on L1 and a three-phase car: L1 is split, the three-phase car is
        # bound by L1 too
        (
            SiteLimit(20, 0, 20),
            None,
            [car(1, phases=frozenset({0})), car(2)],
            {1: 10, 2: 10},
        ),
        # two one-phase cars on different phases do not share
        (
            SiteLimit(20, 0, 20),
            None,
            [car(1, phases=frozenset({0})), car(2, phases=frozenset({1}))],
            {1: 20, 2: 20},
        ),
        # a budget under 6 A pauses everyone
        (SiteLimit(10, 5, 5), None, [car(1)], {1: 0}),
        # the grid meter lost one phase: the static fallback
        (
            replace(LIMIT_40, fallback_budget_a=12),
            (30.0, None, 30.0),
            [car(1), car(2)],
            {1: 6, 2: 6},
        ),
    ],
)
def test_shares(
    limit: SiteLimit,
    grid_a: tuple[float | None, ...] | None,
    cars: list[ConnectorDemand],
    expected: dict[int, int],
) -> None:
    allocation = allocate(limit, grid_a, cars, settled(cars), now_ms=0)
    assert dict(allocation.setpoints_a) == expected


def test_a_car_ramping_up_to_a_raised_offer_is_not_followed_until_it_has_settled() -> None:
    """Car 1's offer went from 10 to 16 A; it draws 8 A while it ramps up. Cut to its draw
    now, it would never get there (and the two cars' offers would swing): it keeps 16 until
    the offer has stood for ``FOLLOW_SETTLE_MS``, then what it still leaves goes to car 2."""
    before = AllocatorState(offers={1: Offer(10, 0), 2: Offer(16, 0)})
    cars = [car(1, setpoint_a=16, drawn_a=8.0), car(2, setpoint_a=16, drawn_a=16.0)]
    raised = allocate(LIMIT_40, None, cars, before, now_ms=20_000)
    assert dict(raised.setpoints_a) == {1: 19, 2: 19}  # an even split: car 1 is not followed
    assert raised.state.offers[1] == Offer(16, 20_000)
    assert raised.state.offers[2] == Offer(16, 0)
    still = allocate(LIMIT_40, None, cars, raised.state, now_ms=20_000 + FOLLOW_SETTLE_MS - 1)
    assert still.setpoints_a[1] == 19
    followed = allocate(LIMIT_40, None, cars, raised.state, now_ms=20_000 + FOLLOW_SETTLE_MS)
    assert dict(followed.setpoints_a) == {1: 10, 2: 28}


def test_a_followed_car_stays_followed_after_its_offer_is_lowered() -> None:
    """Lowering an offer (to the draw it follows) does not restart the settle time, so the
    next round does not raise it back: no swing."""
    cars = [car(1, setpoint_a=16, drawn_a=8.0), car(2, setpoint_a=16, drawn_a=16.0)]
    first = allocate(LIMIT_40, None, cars, settled(cars), now_ms=0)
    assert dict(first.setpoints_a) == {1: 10, 2: 28}
    lowered = [car(1, setpoint_a=10, drawn_a=8.0), car(2, setpoint_a=28, drawn_a=27.0)]
    second = allocate(LIMIT_40, None, lowered, first.state, now_ms=1_000)
    assert dict(second.setpoints_a) == {1: 10, 2: 28}
    assert second.state.offers[1] == Offer(10, -FOLLOW_SETTLE_MS)


def test_lower_before_raise() -> None:
    # car 1 had everything; car 2 arrives: car 1 must come down before car 2 goes up
    cars = [car(1, setpoint_a=32, drawn_a=32.0), car(2)]
    allocation = allocate(LIMIT_40, None, cars, AllocatorState(), now_ms=0)
    assert allocation.lower_first == (1,)
    assert allocation.raise_after == (2,)
    assert allocation.setpoints_a[1] + allocation.setpoints_a[2] <= 38


def test_limited_and_fallback_flags() -> None:
    shared = allocate(LIMIT_40, (10.0, 10.0, 10.0), [car(1), car(2)], AllocatorState(), 0)
    assert shared.limited == {1, 2}
    assert shared.on_meter
    alone = allocate(LIMIT_40, None, [car(1)], AllocatorState(), 0)
    assert alone.limited == frozenset()
    assert not alone.on_meter


def test_a_car_past_its_turn_gives_way_to_a_waiting_car() -> None:
    limit = SiteLimit(10, 0, 10, turn_ms=60_000)  # room for one car only
    state = AllocatorState({1: Turn(running=True, since_ms=0), 2: Turn(False, 5_000)})
    cars = [car(1, setpoint_a=10, drawn_a=10.0), car(2)]
    within = allocate(limit, None, cars, state, now_ms=59_999)
    assert dict(within.setpoints_a) == {1: 10, 2: 0}
    past = allocate(limit, None, cars, state, now_ms=60_000)
    assert dict(past.setpoints_a) == {1: 0, 2: 10}
    assert past.lower_first == (1,)
    assert past.raise_after == (2,)
    assert past.state.turns[2] == Turn(True, 60_000)
    assert past.state.turns[1] == Turn(False, 60_000)


def test_a_phase_outside_the_three_is_refused() -> None:
    with pytest.raises(ValueError, match="phases"):
        allocate(LIMIT_40, None, [car(1, phases=frozenset({3}))], AllocatorState(), 0)


# --- properties --------------------------------------------------------------------------


@dataclass
class SimCar:
    """A car in the property simulation: draws min(offered, what its charger can take)."""

    cid: int
    phases: frozenset[int]
    capacity_a: float
    max_a: int
    setpoint_a: int = 0

    def measured(self) -> tuple[float, ...]:
        drawn = min(float(self.setpoint_a), self.capacity_a)
        return tuple(drawn if p in self.phases else 0.0 for p in range(3))

    def demand(self) -> ConnectorDemand:
        return ConnectorDemand(
            self.cid, True, self.max_a, self.setpoint_a, self.phases, self.measured()
        )


PHASE_SETS = st.sampled_from(
    [ALL_PHASES, frozenset({0}), frozenset({1}), frozenset({2}), frozenset({0, 1})]
)
CARS = st.builds(
    SimCar,
    cid=st.integers(1, 4),
    phases=PHASE_SETS,
    capacity_a=st.floats(0, 40),
    max_a=st.integers(6, 32),
)
ROUNDS = st.lists(
    st.tuples(
        st.one_of(st.none(), CARS, st.integers(1, 4)),  # arrive, leave (by id) or nothing
        st.tuples(st.floats(0, 40), st.floats(0, 40), st.floats(0, 40)),  # other loads
        st.booleans(),  # the grid meter answers
    ),
    min_size=1,
    max_size=40,
)


def _phase_sum(cars: dict[int, SimCar], setpoints: dict[int, int], phase: int) -> int:
    return sum(setpoints[c.cid] for c in cars.values() if phase in c.phases)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    limit_a=st.integers(10, 63),
    margin_a=st.integers(0, 5),
    fallback_a=st.integers(0, 40),
    rounds=ROUNDS,
)
def test_never_over_the_limit_and_never_below_six(
    limit_a: int,
    margin_a: int,
    fallback_a: int,
    rounds: list[tuple[SimCar | int | None, tuple[float, float, float], bool]],
) -> None:
    limit = SiteLimit(limit_a, margin_a, fallback_a, turn_ms=5_000)
    ceiling = limit_a - margin_a
    cars: dict[int, SimCar] = {}
    state = AllocatorState()
    for n, (change, other_a, meter_ok) in enumerate(rounds):
        if isinstance(change, SimCar) and change.cid not in cars:
            cars[change.cid] = replace(change)
        elif isinstance(change, int):
            cars.pop(change, None)
        ours = [sum(c.measured()[p] for c in cars.values()) for p in range(3)]
        grid = tuple(other_a[p] + ours[p] for p in range(3)) if meter_ok else None
        before = {c.cid: c.setpoint_a for c in cars.values()}
        allocation = allocate(limit, grid, [c.demand() for c in cars.values()], state, n * 1000)
        new = dict(allocation.setpoints_a)
        for cid, amps in new.items():
            assert amps == 0 or MIN_CURRENT_A <= amps <= cars[cid].max_a
        # the instant after the reductions and before the increases, and after both
        halfway = {cid: new[cid] if cid in allocation.lower_first else before[cid] for cid in new}
        for phase in range(3):
            for setpoints in (halfway, new):
                total = _phase_sum(cars, setpoints, phase)
                assert total <= allocation.budget_a[phase] <= ceiling
                if meter_ok:  # other loads alone may be over the limit; then we add nothing
                    # offers already made stand up to KEEP_TOLERANCE_A over (within the
                    # margin); anything raised has the room itself
                    tolerance = min(KEEP_TOLERANCE_A, margin_a)
                    assert total == 0 or total + other_a[phase] <= ceiling + tolerance + 1e-9
                    if total > _phase_sum(cars, before, phase):
                        assert total + other_a[phase] <= ceiling + 1e-9
                else:
                    assert total <= fallback_a
        for cid, amps in new.items():
            cars[cid].setpoint_a = amps
        state = allocation.state


@settings(max_examples=200, deadline=None)
@given(
    fleet=st.lists(CARS, min_size=1, max_size=4, unique_by=lambda c: c.cid),
    budget_a=st.integers(MIN_CURRENT_A, 40),
    turn_s=st.integers(1, 10),
)
def test_every_waiting_car_gets_its_turn(fleet: list[SimCar], budget_a: int, turn_s: int) -> None:
    """With a steady budget that fits at least one car, every car charges within N rounds."""
    limit = SiteLimit(budget_a, 0, budget_a, turn_ms=turn_s * 1000)
    state = AllocatorState()
    served: set[int] = set()
    rounds = len(fleet) * (turn_s + 1) + 1
    for n in range(rounds):
        allocation = allocate(limit, None, [c.demand() for c in fleet], state, n * 1000)
        for c in fleet:
            c.setpoint_a = allocation.setpoints_a[c.cid]
            if c.setpoint_a > 0:
                served.add(c.cid)
        state = allocation.state
    assert served == {c.cid for c in fleet}


@pytest.mark.parametrize(
    ("limit", "grid_a", "cars", "expected_a"),
    [
        # alone on the site: its own maximum
        (LIMIT_40, None, [car(1, wants=False), car(2, wants=False)], 32.0),
        # a car charging at 32 A on 38 A: the newcomer gets an even split, as it would
        (LIMIT_40, None, [car(1, wants=False), car(2, setpoint_a=32, drawn_a=32.0)], 19.0),
        # a 16 A connector beside a charging car: its own maximum is what limits it
        (LIMIT_40, None, [car(1, max_a=16, wants=False), car(2, setpoint_a=32)], 16.0),
        # the building takes 26 A of 40 (grid 36 = 10 ours + 26): 12 A left for two cars -> 6
        (
            LIMIT_40,
            (36.0, 36.0, 36.0),
            [car(1, wants=False), car(2, setpoint_a=10, drawn_a=10.0)],
            6.0,
        ),
        # the building takes everything: nothing now, nothing on average
        (LIMIT_40, (45.0, 45.0, 45.0), [car(1, wants=False)], 0.0),
        # the grid meter is lost: the static fallback budget, shared
        (
            SiteLimit(40, 2, 20),
            (None, 30.0, 30.0),
            [car(1, wants=False), car(2, setpoint_a=20, drawn_a=20.0)],
            10.0,
        ),
    ],
)
def test_share_if_started(
    limit: SiteLimit,
    grid_a: tuple[float | None, ...] | None,
    cars: list[ConnectorDemand],
    expected_a: float,
) -> None:
    share_a = share_if_started_a(limit, grid_a, cars, 1, AllocatorState(), now_ms=0)
    assert share_a == pytest.approx(expected_a)


def test_share_if_started_while_others_have_their_turn_is_the_average_over_the_turns() -> None:
    # 14 A and two cars within their turn: the newcomer would wait; over the turns 14 / 3 A
    running = AllocatorState({2: Turn(True, 0), 3: Turn(True, 0)})
    cars = [car(1, wants=False), car(2, setpoint_a=7), car(3, setpoint_a=7)]
    share_a = share_if_started_a(SiteLimit(16, 2, 14, turn_ms=60_000), None, cars, 1, running, 1)
    assert share_a == pytest.approx(14 / 3)
    # past their turn, the newcomer goes first and gets a real setpoint
    assert (
        share_if_started_a(SiteLimit(16, 2, 14, turn_ms=60_000), None, cars, 1, running, 60_000)
        == 7
    )


def test_share_if_started_of_an_unknown_connector_is_refused() -> None:
    with pytest.raises(ValueError, match="connector 9"):
        share_if_started_a(LIMIT_40, None, [car(1)], 9, AllocatorState(), now_ms=0)


def test_the_draw_counted_against_the_grid_meter_may_differ_from_the_draw_followed() -> None:
    """A car ramping up: it draws 13 A now (followed: 15 A usable) but its recent readings
    went as low as 9 A, and the grid meter's reading may be that old: 28 - 9 = 19 A of other
    loads counted, not 28 - 13 = 15."""
    ramping = replace(car(1, setpoint_a=17, drawn_a=13.0), counted_a=(9.0, 9.0, 9.0))
    allocation = allocate(LIMIT_40, (28.0, 28.0, 28.0), [ramping], settled([ramping]), now_ms=0)
    assert allocation.budget_a == (19, 19, 19)
    assert dict(allocation.setpoints_a) == {1: 15}
    plain = allocate(
        LIMIT_40, (28.0, 28.0, 28.0), [car(1, setpoint_a=17, drawn_a=13.0)], AllocatorState(), 0
    )
    assert plain.budget_a == (23, 23, 23)


LIMIT_32 = SiteLimit(supply_limit_a=32, margin_a=2, fallback_budget_a=12, turn_ms=60_000)


def ramping(cid: int, offered_a: int, counted_a: float, span_a: float) -> ConnectorDemand:
    """A car offered ``offered_a`` whose lowest reading that may overlap the grid meter's
    instant is ``counted_a``; it may have drawn up to ``span_a`` more then."""
    demand = car(cid, max_a=16, setpoint_a=offered_a, drawn_a=counted_a)
    return replace(demand, counted_a=(counted_a,) * 3, draw_span_a=span_a)


@pytest.mark.parametrize(
    ("grid_a", "span_a", "steady", "now_ms", "budget", "setpoints"),
    [
        # 8 A of building (the last steady round), car 2 raised from 10 to 11 A and ramping:
        # the meter shows it at 10.6 A, its reading from before says 10. The safe side alone
        # (8.6 A of other loads, 21 A) would lower it again: the steady 8 A stand
        (29.6, 1.0, 8.0, 1_000, 22, {1: 11, 2: 11}),
        # ... also while none of car 2's readings is from after the meter's (span unknown)
        (29.6, math.inf, 8.0, 1_000, 22, {1: 11, 2: 11}),
        # the building grew by more than the ranges can hide (at least 9.5 A, 20.5 A left):
        # lowered, to within the tolerance offers already made have (21 A)
        (31.5, 1.0, 8.0, 1_000, 21, {1: 11, 2: 10}),
        # a step the ranges can hide (31.5 - 21 - 3 = 7.5 A at least) waits for a steady
        # round or the end of the hold, as one the meter has not read yet waits for the meter
        (31.5, 3.0, 8.0, 1_000, 22, {1: 11, 2: 11}),
        # the hold runs out after HOLD_MS: the safe side
        (29.6, 1.0, 8.0, HOLD_MS + 1_000, 21, {1: 11, 2: 10}),
        # no steady round yet: the safe side
        (29.6, 1.0, None, 1_000, 21, {1: 11, 2: 10}),
        # a steady round (every range narrow) is exact and becomes the new steady value
        (29.6, 0.5, 8.0, 1_000, 21, {1: 11, 2: 10}),
    ],
)
def test_while_cars_ramp_the_last_steady_other_loads_stand(
    grid_a: float,
    span_a: float,
    steady: float | None,
    now_ms: int,
    budget: int,
    setpoints: dict[int, int],
) -> None:
    cars = [ramping(1, 11, 11.0, 0.0), ramping(2, 11, 10.0, span_a)]
    state = replace(
        settled(cars), steady=None if steady is None else Steady((steady,) * 3, at_ms=0)
    )
    allocation = allocate(LIMIT_32, (grid_a,) * 3, cars, state, now_ms)
    assert allocation.budget_a == (budget,) * 3
    assert dict(allocation.setpoints_a) == setpoints
    kept = allocation.state.steady
    if span_a <= STEADY_SPAN_A:
        assert kept == Steady((grid_a - 21.0,) * 3, now_ms)
    else:
        assert kept == state.steady  # a ramping round keeps the last steady value
