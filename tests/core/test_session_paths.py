"""Named paths through the session: the race, timeouts, zero energy, budget, faults, restart."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from core_world import (
    BUDGET_ORE,
    REFERENCE,
    SESSION_ID,
    START_WH,
    T0,
    TARIFF,
    authorized,
    reading,
    run,
    states,
)

from kiosk.core.codec import CodecError, decode_effect, decode_event, decode_state, encode
from kiosk.core.effects import (
    CancelPayment,
    Capture,
    DisableCharger,
    GetPayment,
    Notice,
    Operation,
    Persist,
    idempotency_key,
)
from kiosk.core.events import (
    CancelFailed,
    CancelFailure,
    CancelSucceeded,
    CaptureFailed,
    CaptureSucceeded,
    ChargerUnreachable,
    IecState,
    PaymentQueryFailed,
    PaymentState,
    PaymentStatus,
    Rebooted,
    Tick,
)
from kiosk.core.state import Phase, SettleStep, StopReason
from kiosk.core.tariff import Measured, amount_due

S = states()


def test_idempotency_keys_are_derived_and_stable() -> None:
    assert idempotency_key(SESSION_ID, Operation.CAPTURE) == f"{SESSION_ID}-capture"
    assert len(idempotency_key(SESSION_ID, Operation.CANCEL_UNAPPROVED)) <= 50
    with pytest.raises(ValueError, match="idempotency"):
        idempotency_key("x" * 45, Operation.CAPTURE)


def test_kiosk_cancel_uses_cancel_transaction_only() -> None:
    step = run(S[Phase.AWAITING_APPROVAL], Tick(T0 + 10 * 60_000))  # approval timeout
    assert step.state.phase is Phase.CANCELLING_PAYMENT
    cancel = next(e for e in step.effects if isinstance(e, CancelPayment))
    assert cancel.cancel_transaction_only
    assert cancel.idempotency_key == f"{SESSION_ID}-cancel-tx"
    assert step.state.notice is Notice.APPROVAL_TIMEOUT


def test_cancel_racing_a_late_approval_releases_everything() -> None:
    state = S[Phase.CANCELLING_PAYMENT]
    step = run(state, CancelFailed(T0 + 6000, CancelFailure.ALREADY_AUTHORIZED, "6060"))
    full = [e for e in step.effects if isinstance(e, CancelPayment)]
    assert [(c.cancel_transaction_only, c.idempotency_key) for c in full] == [
        (False, f"{SESSION_ID}-cancel")
    ]
    done = run(step.state, CancelSucceeded(T0 + 7000, BUDGET_ORE)).state
    assert done.phase is Phase.ENDED
    assert (done.authorized_ore, done.cancelled_ore, done.captured_ore) == (
        BUDGET_ORE,
        BUDGET_ORE,
        0,
    )
    assert done.notice is Notice.RELEASED


def test_cancel_before_approval_reserves_nothing() -> None:
    done = run(S[Phase.CANCELLING_PAYMENT], CancelSucceeded(T0 + 6000, BUDGET_ORE)).state
    assert done.phase is Phase.ENDED
    assert (done.authorized_ore, done.cancelled_ore) == (0, 0)


def test_cancel_retries_with_the_same_key() -> None:
    state = run(S[Phase.CANCELLING_PAYMENT], CancelFailed(T0 + 6000, CancelFailure.RETRYABLE)).state
    assert state.retry_at_ms is not None
    assert run(state, Tick(state.retry_at_ms - 1)).effects == ()
    again = run(state, Tick(state.retry_at_ms)).effects
    assert any(
        isinstance(e, CancelPayment) and e.idempotency_key == f"{SESSION_ID}-cancel-tx"
        for e in again
    )


def test_plug_in_timeout_cancels_all_without_capture() -> None:
    state = S[Phase.WAITING_FOR_PLUG]
    step = run(state, Tick(T0 + 5000 + 180_000))
    assert step.state.phase is Phase.SETTLING
    assert step.state.stop_reason is StopReason.PLUG_IN_TIMEOUT
    assert step.state.settle_step is SettleStep.CANCEL
    assert not any(isinstance(e, Capture) for e in step.effects)


def test_zero_energy_cancels_all() -> None:
    charging = run(S[Phase.AWAITING_APPROVAL], authorized(5000)).state
    assert charging.meter_start_wh == START_WH
    unplugged = run(charging, reading(11_000, IecState.A, START_WH + 9))
    assert unplugged.state.phase is Phase.SETTLING
    assert unplugged.state.settle_step is SettleStep.CANCEL
    assert unplugged.state.amount_due is None
    assert DisableCharger() in unplugged.effects
    assert not any(isinstance(e, Capture) for e in unplugged.effects)
    enough = run(charging, reading(11_000, IecState.A, START_WH + 10))
    assert enough.state.settle_step is SettleStep.CAPTURE


def test_budget_reached_stops_before_the_next_reading_could_pass_it() -> None:
    state = S[Phase.CHARGING]
    assert state.tariff is not None
    # find the energy where cost + 11 s at 7 kW reaches the budget
    fits = 0
    for wh in range(0, 200_000, 50):
        ahead = Measured(wh + 22, 0)
        if amount_due(TARIFF, ahead).total_ore >= BUDGET_ORE:
            fits = wh
            break
    start = state.meter_start_wh
    assert start is not None
    near = replace(state, last_meter_wh=start + fits - 100, last_meter_ms=T0 + 20_000)
    below = run(near, reading(25_000, IecState.C, start + fits - 50, 7000))
    assert below.state.phase is Phase.CHARGING
    step = run(below.state, reading(30_000, IecState.C, start + fits, 7000))
    assert step.state.phase is Phase.STOPPING
    assert step.state.stop_reason is StopReason.BUDGET_REACHED
    assert DisableCharger() in step.effects
    # the reading that follows the stop stays within the authorized amount
    final_wh = fits + 7000 * 11_000 // 3_600_000
    due = amount_due(TARIFF, Measured(final_wh, 0))
    assert due.total_ore <= BUDGET_ORE


def test_charger_unreachable_settles_on_the_last_good_reading_after_grace() -> None:
    state = run(S[Phase.CHARGING], reading(20_000, IecState.C, START_WH + 50, 7000)).state
    lost = run(state, ChargerUnreachable(T0 + 21_000)).state
    assert run(lost, Tick(T0 + 21_000 + 29_999)).state.phase is Phase.CHARGING
    step = run(lost, Tick(T0 + 21_000 + 30_000))
    assert step.state.phase is Phase.SETTLING
    assert step.state.stop_reason is StopReason.CHARGER_UNREACHABLE
    assert step.state.measured is not None
    assert step.state.measured.energy_wh == 50


def test_charger_fault_stops_and_settles() -> None:
    step = run(S[Phase.CHARGING], reading(20_000, IecState.F, START_WH + 300, 0))
    assert step.state.phase is Phase.SETTLING
    assert step.state.stop_reason is StopReason.CHARGER_FAULT
    assert step.effects[0] == DisableCharger()


def test_settlement_retries_with_back_off_and_the_same_key() -> None:
    state = S[Phase.SETTLING]
    first = run(state, CaptureFailed(T0 + 63_000, retryable=True)).state
    second = run(run(first, Tick(first.retry_at_ms or 0)).state, CaptureFailed(T0 + 70_000, True))
    # the delay doubles (2 s, 4 s) with "equal jitter": between half and all of it
    assert T0 + 63_000 + 1000 <= (first.retry_at_ms or 0) <= T0 + 63_000 + 2000
    assert T0 + 70_000 + 2000 <= (second.state.retry_at_ms or 0) <= T0 + 70_000 + 4000
    assert second.state.is_queued_settlement
    resend = run(second.state, Tick(T0 + 80_000)).effects
    captures = [e for e in resend if isinstance(e, Capture)]
    assert [c.idempotency_key for c in captures] == [f"{SESSION_ID}-capture"]


def test_refused_capture_reads_the_payment_then_releases_the_rest_and_needs_attention() -> None:
    state = S[Phase.SETTLING]
    step = run(state, CaptureFailed(T0 + 63_000, retryable=False, error_code="6260"))
    assert step.effects == (Persist(), GetPayment(REFERENCE))  # never a blind cancel
    assert step.state.settle_step is SettleStep.CAPTURE
    nothing = PaymentStatus(T0 + 64_000, PaymentState.AUTHORIZED, BUDGET_ORE, 0, 0)
    after = run(step.state, nothing)
    assert after.state.settle_step is SettleStep.CANCEL
    assert after.state.attention_reason == "capture refused (6260)"


@pytest.mark.parametrize("answer", ["409", None])
def test_a_conflict_on_a_retried_capture_settles_from_the_payment(answer: str | None) -> None:
    """A 409 (or any refusal) on a capture that in fact went through: only the rest is
    released, nothing is flagged."""
    state = S[Phase.SETTLING]
    assert state.amount_due is not None
    due = state.amount_due.total_ore
    step = run(state, CaptureFailed(T0 + 63_000, retryable=False, error_code=answer))
    assert step.effects == (Persist(), GetPayment(REFERENCE))
    failed_get = run(step.state, PaymentQueryFailed(T0 + 63_500))
    assert failed_get.state.retry_at_ms is not None
    retried = run(failed_get.state, Tick(failed_get.state.retry_at_ms))
    assert GetPayment(REFERENCE) in retried.effects  # the GET again, not the capture
    taken = PaymentStatus(T0 + 70_000, PaymentState.AUTHORIZED, BUDGET_ORE, due, 0)
    after = run(retried.state, taken)
    assert after.state.captured_ore == due
    assert after.state.settle_step is SettleStep.CANCEL
    assert after.state.attention_reason is None
    assert [type(e) for e in after.effects] == [Persist, CancelPayment]


def test_a_conflict_on_a_retried_cancel_settles_from_the_payment() -> None:
    state = S[Phase.SETTLING]
    assert state.amount_due is not None
    due = state.amount_due.total_ore
    cancelling = run(state, CaptureSucceeded(T0 + 63_000, due)).state
    assert cancelling.settle_step is SettleStep.CANCEL
    step = run(cancelling, CancelFailed(T0 + 64_000, CancelFailure.REJECTED, "409"))
    assert step.effects == (Persist(), GetPayment(REFERENCE))
    done = PaymentStatus(T0 + 65_000, PaymentState.AUTHORIZED, BUDGET_ORE, due, BUDGET_ORE - due)
    after = run(step.state, done)
    assert after.state.settle_step is SettleStep.RECEIPT
    assert after.state.cancelled_ore == BUDGET_ORE - due
    assert after.state.attention_reason is None


def test_recovery_resumes_a_plugged_car_with_money_left() -> None:
    recovering = S[Phase.RECOVERING]
    assert GetPayment(REFERENCE) in run(S[Phase.CHARGING], Rebooted(T0 + 20_000)).effects
    known = run(recovering, PaymentStatus(T0 + 21_000, PaymentState.AUTHORIZED, BUDGET_ORE)).state
    step = run(known, reading(21_500, IecState.B, START_WH + 15, 0))
    assert step.state.phase in (Phase.CHARGING, Phase.CAR_PAUSED)
    assert step.state.meter_start_wh == S[Phase.CHARGING].meter_start_wh


def test_recovery_settles_when_the_car_left() -> None:
    known = run(
        S[Phase.RECOVERING], PaymentStatus(T0 + 21_000, PaymentState.AUTHORIZED, BUDGET_ORE)
    ).state
    step = run(known, reading(21_500, IecState.A, START_WH + 150, 0))
    assert step.state.phase is Phase.SETTLING
    assert step.state.measured is not None
    assert step.state.measured.energy_wh == 150


def test_recovery_waits_for_the_charger_then_settles() -> None:
    known = run(
        S[Phase.RECOVERING], PaymentStatus(T0 + 21_000, PaymentState.AUTHORIZED, BUDGET_ORE)
    ).state
    assert known.phase is Phase.RECOVERING
    step = run(known, Tick(T0 + 20_000 + 15_000))
    assert step.state.phase is Phase.SETTLING
    assert step.state.stop_reason is StopReason.RECOVERY


def test_recovery_finishes_a_started_settlement() -> None:
    captured = PaymentStatus(T0 + 21_000, PaymentState.AUTHORIZED, BUDGET_ORE, 300, 0)
    known = run(S[Phase.RECOVERING], captured).state
    step = run(known, reading(21_500, IecState.B, START_WH + 15, 0))
    assert step.state.phase is Phase.SETTLING
    assert step.state.settle_step is SettleStep.CANCEL


def test_rejections_never_raise_and_change_nothing() -> None:
    state = S[Phase.DONE]
    step = run(state, CaptureSucceeded(T0, 100))
    assert step.rejected
    assert step.state is state
    assert step.effects == ()


def test_state_event_and_effect_survive_json() -> None:
    for state in S.values():
        assert decode_state(json.loads(json.dumps(encode(state)))) == state
    event = PaymentStatus(T0, PaymentState.AUTHORIZED, 1, 2, 3)
    assert decode_event(json.loads(json.dumps(encode(event)))) == event
    for effect in run(S[Phase.STOPPING], reading(62_000, IecState.B, START_WH + 1000)).effects:
        assert decode_effect(json.loads(json.dumps(encode(effect)))) == effect
    with pytest.raises(CodecError):
        decode_event({"type": "Nope"})
    with pytest.raises(CodecError):
        decode_event({"type": "Tick", "now_ms": "soon"})


@pytest.mark.parametrize(
    ("iec", "reason"), [(IecState.A, StopReason.UNPLUGGED), (IecState.F, StopReason.CHARGER_FAULT)]
)
def test_the_car_leaving_is_billed_from_the_meters_next_refresh(
    iec: IecState, reason: StopReason
) -> None:
    """Issue 20.3: the poll that sees the car leave still shows the meter's previous refresh."""
    charging = run(S[Phase.AWAITING_APPROVAL], authorized(5000)).state
    left = run(charging, reading(11_000, iec, START_WH + 8, 7000))
    assert left.state.phase is Phase.STOPPING  # the charger is told at once ...
    assert left.state.stop_reason is reason
    assert DisableCharger() in left.effects
    assert not any(isinstance(e, Capture) for e in left.effects)  # ... the money waits
    stale = run(left.state, reading(12_000, iec, START_WH + 9, 7000))
    assert stale.state.phase is Phase.STOPPING
    final = run(stale.state, reading(13_000, iec, START_WH + 11, 0))
    assert final.state.phase is Phase.SETTLING
    assert final.state.stop_reason is reason
    assert final.state.measured is not None
    assert final.state.measured.energy_wh == 11  # not 8: above the 10 Wh no-energy threshold
    assert final.state.settle_step is SettleStep.CAPTURE
    assert final.state.attention_reason is None


def test_a_meter_that_never_shows_zero_is_billed_at_the_deadline_without_attention() -> None:
    charging = run(S[Phase.AWAITING_APPROVAL], authorized(5000)).state
    left = run(charging, reading(11_000, IecState.A, START_WH + 50, 7000))
    deadline = left.state.deadline_ms
    assert deadline is not None
    timed_out = run(left.state, Tick(deadline))
    assert timed_out.state.phase is Phase.SETTLING
    assert timed_out.state.stop_reason is StopReason.UNPLUGGED
    assert timed_out.state.attention_reason is None
    assert timed_out.state.measured is not None
    assert timed_out.state.measured.energy_wh == 50


def test_a_car_leaving_at_zero_power_settles_at_once() -> None:
    charging = run(S[Phase.AWAITING_APPROVAL], authorized(5000)).state
    left = run(charging, reading(11_000, IecState.A, START_WH + 30, 0))
    assert left.state.phase is Phase.SETTLING
    assert DisableCharger() in left.effects
