"""The time the station was down is not billed: recovery bills time up to the last good reading.

While the station is down the charger's watchdog stops charging, so neither the time price nor
the idle fee may run on. A session settled after the outage (the car left) bills its times up
to the last good meter reading in the stored state; a session that resumes bills the time
before that reading and the time from the resume on, not the gap. Energy is the lifetime
counter difference as before (the counter read at recovery). The capture and the receipt carry
the same ``AmountDue``.
"""

from __future__ import annotations

from core_world import BUDGET_ORE, REFERENCE, SESSION_ID, START_WH, T0, drive, reading, run

from kiosk.core.effects import Capture, Persist, PostReceipt
from kiosk.core.events import (
    BudgetChosen,
    CancelSucceeded,
    CaptureSucceeded,
    ConnectorTapped,
    IecState,
    PaymentCreated,
    PaymentState,
    PaymentStatus,
    Rebooted,
    StopRequested,
)
from kiosk.core.state import Phase, SessionState, idle_state
from kiosk.core.tariff import LineKind, Measured, TariffSnapshot, amount_due

TIMED = TariffSnapshot(
    price_ore_per_kwh=350,
    start_fee_ore=500,
    price_ore_per_minute=50,
    idle_fee_ore_per_minute=100,
    idle_grace_s=0,
)
STARTED = 5_000  # authorized with the car plugged: the charger is enabled (idle until it draws)
DRAWING = 6_000  # the car draws: 1 s of idle time before it
LAST_GOOD = STARTED + 20 * 60_000  # the last reading the station persisted before it went down
HOUR_MS = 3_600_000


def _charging_stored() -> SessionState:
    """A session 20 minutes into charging, as the station persisted it just before going down."""
    charging = drive(
        idle_state("c1"),
        [
            reading(0, IecState.A),
            reading(1_000, IecState.B),
            ConnectorTapped(T0 + 2_000),
            BudgetChosen(T0 + 3_000, SESSION_ID, REFERENCE, BUDGET_ORE, TIMED),
            PaymentCreated(T0 + 4_000, "https://qr.example/1"),
            PaymentStatus(T0 + STARTED, PaymentState.AUTHORIZED, BUDGET_ORE),
            reading(DRAWING, IecState.C, START_WH + 1, 7_000),
        ],
    )
    step = run(charging, reading(LAST_GOOD, IecState.C, START_WH + 2_333, 7_000))
    assert Persist() in step.effects
    assert step.state.phase is Phase.CHARGING
    assert step.state.charging_started_ms == T0 + STARTED
    assert step.state.idle_ms == DRAWING - STARTED
    return step.state


def _paused_stored() -> tuple[SessionState, int]:
    """Charging, then the car full for 2 minutes, persisted; and the last good reading's time."""
    paused = drive(_charging_stored(), [reading(LAST_GOOD + 60_000, IecState.B, START_WH + 2_333)])
    assert paused.phase is Phase.CAR_PAUSED
    last_good = LAST_GOOD + 180_000
    step = run(paused, reading(last_good, IecState.B, START_WH + 2_333, 0))
    assert Persist() in step.effects
    return step.state, last_good


def _recover(stored: SessionState, boot: int, iec: IecState, meter_wh: int) -> SessionState:
    """Boot ``boot`` ms after T0: the payment is still authorized, the charger reads ``iec``."""
    recovering = run(stored, Rebooted(T0 + boot)).state
    known = run(recovering, PaymentStatus(T0 + boot + 100, PaymentState.AUTHORIZED, BUDGET_ORE))
    return run(known.state, reading(boot + 200, iec, meter_wh, 0)).state


def _assert_priced(settling: SessionState, expected: Measured) -> None:
    """Measured as expected; the capture and the receipt carry that price, times included."""
    assert settling.phase is Phase.SETTLING
    assert settling.measured == expected
    due = amount_due(TIMED, expected).limited_to(BUDGET_ORE)
    assert settling.amount_due == due
    assert due.total_ore < BUDGET_ORE  # not merely clamped to the authorized amount
    lines = {line.kind: line for line in due.lines}
    assert lines[LineKind.TIME].quantity == expected.duration_ms
    assert lines[LineKind.IDLE].quantity == expected.idle_ms
    captures = [e for e in _resent(settling) if isinstance(e, Capture)]
    assert [capture.amount_ore for capture in captures] == [due.total_ore]
    cancel = run(settling, CaptureSucceeded(T0 + 10 * HOUR_MS, due.total_ore)).state
    receipt = run(cancel, CancelSucceeded(T0 + 10 * HOUR_MS, BUDGET_ORE - due.total_ore))
    assert PostReceipt(SESSION_ID, REFERENCE, due) in receipt.effects


def _resent(settling: SessionState) -> tuple[object, ...]:
    """The request of the settlement's current step, as a restart sends it again."""
    return run(settling, Rebooted(T0 + 10 * HOUR_MS)).effects


# --- settled after the outage ---------------------------------------------------------------


def test_settle_after_outage_bills_time_up_to_the_last_good_reading() -> None:
    settling = _recover(_charging_stored(), LAST_GOOD + HOUR_MS, IecState.A, START_WH + 2_400)
    assert settling.stopped_ms == T0 + LAST_GOOD
    _assert_priced(settling, Measured(2_400, LAST_GOOD - STARTED, DRAWING - STARTED))


def test_settle_after_outage_bills_idle_time_up_to_the_last_good_reading() -> None:
    stored, last_good = _paused_stored()
    settling = _recover(stored, last_good + HOUR_MS, IecState.A, START_WH + 2_333)
    assert settling.stopped_ms == T0 + last_good
    idle_ms = (DRAWING - STARTED) + (last_good - (LAST_GOOD + 60_000))
    _assert_priced(settling, Measured(2_333, last_good - STARTED, idle_ms))


def test_a_second_restart_while_recovering_keeps_the_last_good_reading() -> None:
    boot = LAST_GOOD + HOUR_MS
    recovering = run(_charging_stored(), Rebooted(T0 + boot)).state
    seen = run(recovering, reading(boot + 200, IecState.B, START_WH + 2_400, 0)).state
    assert seen.phase is Phase.RECOVERING  # the payment is not known yet: down again
    again = run(seen, Rebooted(T0 + boot + HOUR_MS)).state
    known = run(again, PaymentStatus(T0 + boot + HOUR_MS, PaymentState.AUTHORIZED, BUDGET_ORE))
    settling = run(known.state, reading(boot + HOUR_MS + 200, IecState.A, START_WH + 2_400)).state
    _assert_priced(settling, Measured(2_400, LAST_GOOD - STARTED, DRAWING - STARTED))


def test_a_session_stopped_before_the_outage_keeps_its_stop_time() -> None:
    stopping = run(_charging_stored(), StopRequested(T0 + LAST_GOOD + 500)).state
    assert stopping.phase is Phase.STOPPING
    settling = _recover(stopping, LAST_GOOD + HOUR_MS, IecState.A, START_WH + 2_340)
    _assert_priced(settling, Measured(2_340, LAST_GOOD + 500 - STARTED, DRAWING - STARTED))


# --- resumed after the outage ---------------------------------------------------------------


def _resumed(stored: SessionState, boot: int) -> tuple[SessionState, int]:
    resumed = _recover(stored, boot, IecState.B, START_WH + 2_400)
    assert resumed.phase in (Phase.CHARGING, Phase.CAR_PAUSED)
    assert resumed.meter_start_wh == START_WH  # same session, same start counter
    assert resumed.stopped_ms is None
    return resumed, boot + 200


def test_resume_after_outage_does_not_bill_the_down_time_as_charging_time() -> None:
    resumed, at = _resumed(_charging_stored(), LAST_GOOD + HOUR_MS)
    assert resumed.charging_started_ms == T0 + STARTED  # the real start is kept
    drawing = run(resumed, reading(at + 1_000, IecState.C, START_WH + 2_402, 7_000)).state
    stopping = run(drawing, StopRequested(T0 + at + 10 * 60_000)).state
    settling = run(stopping, reading(at + 10 * 60_000 + 500, IecState.B, START_WH + 3_567)).state
    charged_ms = (LAST_GOOD - STARTED) + 10 * 60_000
    _assert_priced(settling, Measured(3_567, charged_ms, DRAWING - STARTED))


def test_resume_of_a_paused_car_bills_idle_time_before_and_after_but_not_the_outage() -> None:
    stored, last_good = _paused_stored()
    resumed, at = _resumed(stored, last_good + HOUR_MS)
    assert resumed.phase is Phase.CAR_PAUSED
    stopping = run(resumed, StopRequested(T0 + at + 60_000)).state
    settling = run(stopping, reading(at + 60_500, IecState.B, START_WH + 2_400)).state
    before_ms = (DRAWING - STARTED) + (last_good - (LAST_GOOD + 60_000))
    charged_ms = (last_good - STARTED) + 60_000
    _assert_priced(settling, Measured(2_400, charged_ms, before_ms + 60_000))


def test_a_long_outage_does_not_use_up_the_budget() -> None:
    # 12 h at 50 øre/min would be 36 000 øre, more than the 35 000 authorized
    resumed, at = _resumed(_charging_stored(), LAST_GOOD + 12 * HOUR_MS)
    assert resumed.stop_reason is None
    drawing = run(resumed, reading(at + 1_000, IecState.C, START_WH + 2_402, 7_000)).state
    assert drawing.phase is Phase.CHARGING
