"""Recovery resumes a plugged car whose stored state still holds a pause from before the crash.

Charging is persisted only every so often, so the stored state can be the one written when the
charger was enabled (idle until the car draws) even though the car charged afterwards. The
outage must count neither towards the car-full stop nor as billed idle time.
"""

from __future__ import annotations

from core_world import BUDGET_ORE, START_WH, T0, reading, run, states

from kiosk.core.events import IecState, PaymentState, PaymentStatus, Rebooted, StopRequested
from kiosk.core.state import Phase, SessionState, StopReason

AUTHORIZED_AT = 5_000  # core_world's approval: the car was plugged, charging began then


def _resumed_after(down_ms: int) -> tuple[SessionState, int]:
    """The stored state of a session that had just started, restarted ``down_ms`` later."""
    stored = run(states()[Phase.AWAITING_APPROVAL], authorized_event()).state
    assert stored.phase is Phase.CHARGING
    assert stored.paused_since_ms == T0 + AUTHORIZED_AT  # idle until the car draws
    boot = AUTHORIZED_AT + down_ms
    recovering = run(stored, Rebooted(T0 + boot)).state
    status = PaymentStatus(T0 + boot + 100, PaymentState.AUTHORIZED, BUDGET_ORE)
    known = run(recovering, status).state
    # the charger's failsafe switched it off while the station was down: plugged, no power
    step = run(known, reading(boot + 200, IecState.B, START_WH + 40, 0))
    assert step.state.phase in (Phase.CHARGING, Phase.CAR_PAUSED)
    return step.state, boot + 200


def authorized_event() -> PaymentStatus:
    return PaymentStatus(T0 + AUTHORIZED_AT, PaymentState.AUTHORIZED, BUDGET_ORE)


def test_a_resumed_car_gets_the_whole_idle_time_before_car_full() -> None:
    idle_stop_ms = states()[Phase.CHARGING].policy.idle_stop_ms
    resumed, at = _resumed_after(idle_stop_ms + 60_000)
    still = run(resumed, reading(at + 100, IecState.B, START_WH + 40, 0))
    assert still.state.phase is Phase.CAR_PAUSED
    assert still.state.stop_reason is None
    full = run(still.state, reading(at + idle_stop_ms, IecState.B, START_WH + 40, 0))
    assert full.state.phase is Phase.STOPPING
    assert full.state.stop_reason is StopReason.CAR_FULL


def test_the_outage_is_not_billed_as_idle_time() -> None:
    resumed, at = _resumed_after(3_600_000)
    drawing = run(resumed, reading(at + 1_000, IecState.C, START_WH + 41, 7_000)).state
    assert drawing.phase is Phase.CHARGING
    assert drawing.idle_ms == 1_000  # from the resume until the car drew again
    stopping = run(drawing, StopRequested(T0 + at + 61_000)).state
    settling = run(stopping, reading(at + 61_500, IecState.B, START_WH + 150, 0)).state
    assert settling.phase is Phase.SETTLING
    assert settling.measured is not None
    assert settling.measured.idle_ms == 1_000
    assert settling.measured.energy_wh == 150
