"""A building's load for the simulated grid meter, and the meter's coupling to the chargers.

A load is a function of simulated time (seconds) to the per-phase current in A. ``constant``,
``steps`` and ``morning_peak`` make the usual shapes; ``grid_currents`` adds the live currents
of simulated charger sockets, so a meter simulator set with
``ConnectorControl.set_site_load(grid_currents(building, charger.connector(0), ...))`` reads
what the meter on a site's supply would: the building plus every car charging there.

Errors: ``ValueError`` for a negative current, steps out of time order or a non-positive
peak width.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Protocol

PhaseCurrents = tuple[float, float, float]
SiteLoad = Callable[[float], PhaseCurrents]


class LiveCurrents(Protocol):
    @property
    def currents_a(self) -> PhaseCurrents: ...


def _check(*currents_a: float) -> None:
    if any(a < 0 for a in currents_a):
        raise ValueError("a load current cannot be negative")


def constant(l1_a: float, l2_a: float | None = None, l3_a: float | None = None) -> SiteLoad:
    """The same current at every instant (one value: all three phases)."""
    currents = (l1_a, l1_a if l2_a is None else l2_a, l1_a if l3_a is None else l3_a)
    _check(*currents)
    return lambda _now_s: currents


def steps(start_a: float, changes: Sequence[tuple[float, float]]) -> SiteLoad:
    """``start_a`` on every phase, then each ``(at_s, current_a)`` from ``at_s`` on."""
    _check(start_a, *(a for _t, a in changes))
    times = [t for t, _a in changes]
    if times != sorted(times):
        raise ValueError("steps must be in time order")

    def load(now_s: float) -> PhaseCurrents:
        current = start_a
        for at_s, amps in changes:
            if now_s >= at_s:
                current = amps
        return (current, current, current)

    return load


def morning_peak(base_a: float, peak_a: float, at_s: float, width_s: float) -> SiteLoad:
    """``base_a`` with a bell-shaped rise to ``peak_a`` centred at ``at_s`` (``width_s`` wide)."""
    _check(base_a, peak_a)
    if width_s <= 0:
        raise ValueError("the peak needs a positive width")

    def load(now_s: float) -> PhaseCurrents:
        rise = (peak_a - base_a) * math.exp(-(((now_s - at_s) / (width_s / 2)) ** 2))
        current = base_a + rise
        return (current, current, current)

    return load


def grid_currents(building: SiteLoad, *sockets: LiveCurrents) -> SiteLoad:
    """What the grid meter sees: ``building`` plus the live currents of ``sockets``."""

    def load(now_s: float) -> PhaseCurrents:
        l1, l2, l3 = building(now_s)
        for socket in sockets:
            c1, c2, c3 = socket.currents_a
            l1, l2, l3 = l1 + c1, l2 + c2, l3 + c3
        return (l1, l2, l3)

    return load
