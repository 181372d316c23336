"""Site power: share the supply's current among the charging connectors (PRODUCT.md §5).

``allocate`` is called on every grid-meter reading, charger reading, arrival and departure. It
takes the site's limit per phase, the grid meter's per-phase currents (the whole building,
our chargers included) when there is a reading, and each connector's demand, and returns
every connector's new setpoint in whole amperes:

- The budget per phase is ``supply_limit_a - margin_a - other loads``, where the other loads are
  the grid meter's current minus what our connectors draw on that phase. Without a grid reading
  (no meter, or it stopped answering) the budget is the static ``fallback_budget_a``.
- What a connector drew at the grid meter's instant is known within a range: at least
  ``counted_a`` (the lowest of its readings that may overlap that instant: the safe side) and
  at most that plus ``draw_span_a``. A round where every range is narrow (``STEADY_SPAN_A``)
  is steady: its other loads are exact, and kept. While a car ramps (its own, after a raise or
  a reduction) the safe side would take the ramp for the building's load and lower the offers
  again, and they would swing for as long as cars ramp. So for ``HOLD_MS`` after a steady
  round the other loads are the steady value, or more where even the high end of the ranges
  shows more (the building grew); a building step that hides inside a ramp is seen when the
  ramp ends or the hold runs out, as one the meter has not read yet is.
- Hysteresis: offers already made stand while the other loads are at most
  ``KEEP_TOLERANCE_A`` (within the margin) more than would leave room for them; a raise needs
  the room itself. At a budget on a whole ampere, noise would otherwise lower and raise a car
  by 1 A every few readings.
- A setpoint is 0 or at least ``MIN_CURRENT_A`` (IEC 61851: a car cannot charge below 6 A).
  A connector that cannot get 6 A on each of its phases pauses (0) and waits for its turn.
- Fair share: every admitted connector gets 6 A, then the rest goes up 1 A at a time to each
  in turn, up to what it can use: its ``max_current_a``, or, when the car draws clearly less
  than it is offered, its draw plus ``FOLLOW_HEADROOM_A`` (so what it leaves goes to others).
  A car is followed only once its offer has not been raised for ``FOLLOW_SETTLE_MS``: a car
  still ramping up to a new offer draws less for a while, and cutting it then would hold it
  down (and make two cars' offers swing). Lowering an offer does not restart that time.
- Turns: a connector keeps running for ``turn_ms``; then a waiting connector goes ahead of it.
  Waiting connectors go in the order they began waiting, so no car starves. The turn state is
  passed in and returned (``AllocatorState``); the core reads no clock (``now_ms`` is given).
- Lower before raise: ``Allocation.lower_first`` must be applied (and confirmed) before
  ``Allocation.raise_after``; with the old setpoints on the raised connectors and the new on the
  lowered, the sum per phase is at most the new sum, which is within the budget.
- ``share_if_started_a``: what a car starting now on an idle connector would get (the budget
  screen's estimate), the same allocation with that connector's session added.

Pure; raises ``ValueError`` only for a connector on a phase outside 0..2.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

PHASES = 3
MIN_CURRENT_A = 6
"""IEC 61851-1: the lowest current a PWM pilot may offer."""
FOLLOW_SLACK_A = 1
"""A car drawing more than this below its offer is taken to want only what it draws. Less than
``FOLLOW_HEADROOM_A``, so that a car followed to its draw plus the headroom, drawing as before,
is still followed in the next round (equal, an offer of 10 A for a draw of 8 A would be judged
"wants more" and raised again: the offers would swing)."""
FOLLOW_HEADROOM_A = 2
"""What a car that draws less than offered keeps above its draw, to show it wants more."""
FOLLOW_SETTLE_MS = 15_000
"""How long after its offer was raised a car's draw is taken as what it wants (cars ramp up
over a few seconds after a new PWM duty cycle, some after a pause of their own)."""
ALL_PHASES = frozenset(range(PHASES))
STEADY_SPAN_A = 0.5
"""A connector's draw known within this at the grid meter's instant makes a steady reading."""
KEEP_TOLERANCE_A = 0.5
"""Offers already made are kept while the other loads are at most this (and never more than
the margin) above what would leave room for them; nothing is raised on it."""
HOLD_MS = 5_000
"""How long the other loads of the last steady round stand while cars ramp (IEC 61851-1: a car
follows a new PWM duty cycle within 5 s)."""


@dataclass(frozen=True, slots=True)
class SiteLimit:
    supply_limit_a: int
    """The main fuse's current per phase."""
    margin_a: int
    """Kept free below the limit (meter lag, rounding, a car overshooting its setpoint)."""
    fallback_budget_a: int
    """Per phase for all chargers together while there is no grid-meter reading."""
    turn_ms: int = 15 * 60_000
    """How long a connector charges before a waiting connector goes ahead of it."""

    @property
    def ceiling_a(self) -> int:
        return max(0, self.supply_limit_a - self.margin_a)


@dataclass(frozen=True, slots=True)
class ConnectorDemand:
    connector_id: int
    wants_current: bool
    """A session is charging on it (car drawing or not)."""
    max_current_a: int
    setpoint_a: int
    """What the charger offers now (0: paused or off)."""
    phases: frozenset[int] = ALL_PHASES
    """The phases (0..2) the car draws on; all three when not known yet."""
    measured_a: tuple[float | None, ...] = ()
    """The charger's measured current per phase (L1, L2, L3); None or missing: unknown."""
    counted_a: tuple[float | None, ...] | None = None
    """What counts as its draw when the other loads are worked out from the grid meter's
    reading (the lowest of its recent readings: the meter's value may be older); None: the
    same as ``measured_a``."""
    draw_span_a: float = 0.0
    """How much more than ``counted_a`` it may have drawn at the grid meter's instant (the
    spread of the readings that may overlap it; ``math.inf`` while none of them was taken
    after it)."""

    def drawn_a(self) -> float | None:
        known = [a for a in self.measured_a if a is not None]
        return max(known) if known else None

    def on_phase_a(self, phase: int) -> float:
        """What counts as its draw on ``phase`` against the grid meter's reading."""
        currents = self.measured_a if self.counted_a is None else self.counted_a
        if phase < len(currents):
            return currents[phase] or 0.0
        return 0.0


@dataclass(frozen=True, slots=True)
class Turn:
    running: bool
    since_ms: int
    """When the connector began running, or waiting."""


@dataclass(frozen=True, slots=True)
class Offer:
    setpoint_a: int
    raised_ms: int
    """When the charger's offer last went up (or was first seen)."""


@dataclass(frozen=True, slots=True)
class Steady:
    other_a: tuple[float, ...]
    """The other loads per phase of the last steady grid-meter round."""
    at_ms: int


@dataclass(frozen=True, slots=True)
class AllocatorState:
    turns: Mapping[int, Turn] = field(default_factory=dict)
    offers: Mapping[int, Offer] = field(default_factory=dict)
    """Each connector's offer as the last round saw it, and when it was last raised."""
    steady: Steady | None = None


@dataclass(frozen=True, slots=True)
class Allocation:
    setpoints_a: Mapping[int, int]
    lower_first: tuple[int, ...]
    """Connectors whose setpoint goes down: apply and confirm these first."""
    raise_after: tuple[int, ...]
    """Connectors whose setpoint goes up: only after every ``lower_first`` is confirmed."""
    budget_a: tuple[int, ...]
    """The current per phase the chargers may draw together this round."""
    limited: frozenset[int]
    """Connectors that get less than they could use because the supply is shared."""
    on_meter: bool
    """False: the static fallback budget (no grid-meter reading)."""
    state: AllocatorState


def budget_a(
    limit: SiteLimit,
    grid_a: Sequence[float | None] | None,
    connectors: Sequence[ConnectorDemand],
    steady: Steady | None = None,
    now_ms: int = 0,
) -> tuple[tuple[int, ...], bool, Steady | None]:
    """The per-phase budget for our chargers, whether it came from the grid meter, and the
    steady other loads to keep (see the module docstring)."""
    ceiling = limit.ceiling_a
    if grid_a is None or len(grid_a) < PHASES or any(a is None for a in grid_a[:PHASES]):
        fallback = max(0, min(limit.fallback_budget_a, ceiling))
        return (fallback,) * PHASES, False, steady
    totals = [grid_a[p] or 0.0 for p in range(PHASES)]
    ours = [sum(c.on_phase_a(p) for c in connectors) for p in range(PHASES)]
    safe_other = [max(0.0, totals[p] - ours[p]) for p in range(PHASES)]
    other = safe_other
    if all(c.draw_span_a <= STEADY_SPAN_A for c in connectors):
        steady = Steady(tuple(safe_other), now_ms)
    elif steady is not None and now_ms - steady.at_ms <= HOLD_MS:
        # at least what the high end of our ranges leaves; at most the safe side
        spans = [sum(c.draw_span_a for c in connectors if p in c.phases) for p in range(PHASES)]
        other = [
            min(safe_other[p], max(steady.other_a[p], totals[p] - ours[p] - spans[p]))
            for p in range(PHASES)
        ]
    tolerance_a = min(KEEP_TOLERANCE_A, float(limit.margin_a))
    budget = []
    for p in range(PHASES):
        raise_to = _within(ceiling, other[p])
        offered = sum(c.setpoint_a for c in connectors if p in c.phases)
        # offers already made stand against a reading a little over (a ramp the readings
        # did not bracket, meter noise): no swing around a whole ampere
        budget.append(max(raise_to, min(offered, _within(ceiling, other[p] - tolerance_a))))
    return tuple(budget), True, steady


def _within(ceiling: int, other_a: float) -> int:
    return max(0, min(ceiling, math.floor(ceiling - max(0.0, other_a))))


def _offers(
    connectors: Sequence[ConnectorDemand], state: AllocatorState, now_ms: int
) -> dict[int, Offer]:
    """Each connector's offer now, with when it was last raised (now, if it just went up)."""
    offers = {}
    for connector in connectors:
        before = state.offers.get(connector.connector_id)
        if before is None or connector.setpoint_a > before.setpoint_a:
            offers[connector.connector_id] = Offer(connector.setpoint_a, now_ms)
        else:
            offers[connector.connector_id] = Offer(connector.setpoint_a, before.raised_ms)
    return offers


def _usable_a(connector: ConnectorDemand, settled: bool) -> int:
    """What the connector can use: its maximum, or a bit above its draw if it draws less
    while its offer is ``settled`` (not raised for ``FOLLOW_SETTLE_MS``)."""
    drawn = connector.drawn_a()
    offered_a = connector.setpoint_a
    if (
        settled
        and drawn is not None
        and offered_a >= MIN_CURRENT_A
        and drawn < offered_a - FOLLOW_SLACK_A
    ):
        wanted = math.ceil(drawn) + FOLLOW_HEADROOM_A
        return max(MIN_CURRENT_A, min(connector.max_current_a, wanted))
    return connector.max_current_a


def _order(
    wanting: Sequence[ConnectorDemand], state: AllocatorState, limit: SiteLimit, now_ms: int
) -> list[ConnectorDemand]:
    """Running within their turn, then waiting (longest first), then running past their turn."""

    def key(connector: ConnectorDemand) -> tuple[int, int, int]:
        turn = state.turns.get(connector.connector_id)
        if turn is None:
            return (1, now_ms, connector.connector_id)  # new: waits from now
        if not turn.running:
            return (1, turn.since_ms, connector.connector_id)
        if now_ms - turn.since_ms < limit.turn_ms:
            return (0, turn.since_ms, connector.connector_id)
        return (2, turn.since_ms, connector.connector_id)

    return sorted(wanting, key=key)


def allocate(
    limit: SiteLimit,
    grid_a: Sequence[float | None] | None,
    connectors: Sequence[ConnectorDemand],
    state: AllocatorState,
    now_ms: int,
) -> Allocation:
    """Every connector's new setpoint; see the module docstring."""
    for connector in connectors:
        if not connector.phases or not connector.phases <= ALL_PHASES:
            raise ValueError(f"connector {connector.connector_id}: phases must be within 0..2")
    budget, on_meter, steady = budget_a(limit, grid_a, connectors, state.steady, now_ms)
    remaining = list(budget)
    wanting = [c for c in connectors if c.wants_current and c.max_current_a >= MIN_CURRENT_A]
    setpoints = {c.connector_id: 0 for c in connectors}
    offers = _offers(connectors, state, now_ms)
    usable = {
        c.connector_id: _usable_a(c, now_ms - offers[c.connector_id].raised_ms >= FOLLOW_SETTLE_MS)
        for c in wanting
    }
    admitted: list[ConnectorDemand] = []
    for connector in _order(wanting, state, limit, now_ms):
        if all(remaining[p] >= MIN_CURRENT_A for p in connector.phases):
            admitted.append(connector)
            setpoints[connector.connector_id] = MIN_CURRENT_A
            for p in connector.phases:
                remaining[p] -= MIN_CURRENT_A
    growing = True
    while growing:
        growing = False
        for connector in admitted:
            cid = connector.connector_id
            if setpoints[cid] < usable[cid] and all(remaining[p] >= 1 for p in connector.phases):
                setpoints[cid] += 1
                for p in connector.phases:
                    remaining[p] -= 1
                growing = True
    turns: dict[int, Turn] = {}
    for connector in wanting:
        cid = connector.connector_id
        running = setpoints[cid] > 0
        before = state.turns.get(cid)
        keep = before is not None and before.running == running
        turns[cid] = before if keep and before is not None else Turn(running, now_ms)
    previous = {c.connector_id: c.setpoint_a for c in connectors}
    return Allocation(
        setpoints_a=setpoints,
        lower_first=tuple(cid for cid, a in setpoints.items() if a < previous[cid]),
        raise_after=tuple(cid for cid, a in setpoints.items() if a > previous[cid]),
        budget_a=budget,
        limited=frozenset(
            c.connector_id for c in wanting if setpoints[c.connector_id] < usable[c.connector_id]
        ),
        on_meter=on_meter,
        state=AllocatorState(turns, offers, steady),
    )


def share_if_started_a(
    limit: SiteLimit,
    grid_a: Sequence[float | None] | None,
    connectors: Sequence[ConnectorDemand],
    connector_id: int,
    state: AllocatorState,
    now_ms: int,
) -> float:
    """What a car whose session starts now on ``connector_id`` can get, in A per phase (the
    budget screen's "≈ kWh" and "sharing power" use it).

    The setpoint ``allocate`` would give it with its session wanting current (its car's phases
    not known yet: all three; nothing offered yet), the other connectors as they are. When it
    would wait for its turn (0 A now), its average over the turns instead: the tightest
    phase's budget shared evenly by every connector that wants current, this one included.
    At most its ``max_current_a``; 0 when the supply leaves nothing. Raises ``ValueError``
    like ``allocate``, and for an unknown ``connector_id``.
    """
    mine = [c for c in connectors if c.connector_id == connector_id]
    if not mine:
        raise ValueError(f"connector {connector_id} is not one of the site's connectors")
    joining = ConnectorDemand(
        connector_id=connector_id,
        wants_current=True,
        max_current_a=mine[0].max_current_a,
        setpoint_a=0,
    )
    demands = [joining if c.connector_id == connector_id else c for c in connectors]
    allocation = allocate(limit, grid_a, demands, state, now_ms)
    share_a = allocation.setpoints_a[connector_id]
    if share_a > 0:
        return float(share_a)
    if joining.max_current_a < MIN_CURRENT_A:
        return 0.0
    wanting = sum(1 for c in demands if c.wants_current and c.max_current_a >= MIN_CURRENT_A)
    return min(float(joining.max_current_a), min(allocation.budget_a) / wanting)
