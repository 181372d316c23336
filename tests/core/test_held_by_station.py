"""A car the station holds at 0 A for site power (waiting for its turn) is not pausing by itself:
no idle time is billed and the car-full stop does not end its session."""

from __future__ import annotations

import dataclasses

from core_world import START_WH, reading, run, states

from kiosk.core.events import IecState
from kiosk.core.state import Phase, StopReason


def test_a_held_car_is_neither_idle_nor_full() -> None:
    charging = states()[Phase.CHARGING]
    idle_stop_ms = charging.policy.idle_stop_ms
    at = 10_000
    state = run(charging, reading(at, IecState.C, START_WH + 10, 7_000)).state
    assert state.phase is Phase.CHARGING
    idle_before_ms = state.idle_ms  # from the enable until the car first drew
    for step_ms in range(1_000, 3 * idle_stop_ms, 1_000):
        held = dataclasses.replace(reading(at + step_ms, IecState.B, START_WH + 10, 0), held=True)
        step = run(state, held)
        assert not step.rejected
        state = step.state
        assert state.phase is Phase.CHARGING, step_ms
        assert state.paused_since_ms is None
    assert state.stop_reason is None
    assert state.idle_ms == idle_before_ms
    # its turn comes, it charges; when the car itself stops drawing, the idle clock runs again
    state = run(state, reading(at + 3 * idle_stop_ms, IecState.C, START_WH + 20, 7_000)).state
    paused = run(state, reading(at + 3 * idle_stop_ms + 1_000, IecState.B, START_WH + 20, 0))
    assert paused.state.phase is Phase.CAR_PAUSED
    later = at + 4 * idle_stop_ms + 2_000
    full = run(paused.state, reading(later, IecState.B, START_WH + 20, 0))
    assert full.state.stop_reason is StopReason.CAR_FULL
