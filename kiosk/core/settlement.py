"""Settlement: capture the amount due, cancel the remainder, post the receipt, verify.

``begin_settlement`` fixes what the session measured (lifetime counter at stop minus at
start, charging and idle times), prices it once with ``amount_due`` and limits it to the
authorized amount. Below ``min_energy_wh`` (or with an unknown counter) nothing is captured
and the whole reservation is cancelled. Each step is persisted before its effect and carries
the session's idempotency key, so a retry (back-off while the payment service is down, or
after a crash) repeats the very same request. A capture is never sent after a cancel. A capture
or cancel that is refused or gets a conflicting answer (a 409 on a retry) is never followed by a
blind cancel: the payment is read (GET) and settlement goes on from its real captured and
cancelled amounts (``settle_query``).
Pure; a mismatch at the end goes to ``Phase.ATTENTION``, nothing raises.
"""

from __future__ import annotations

from dataclasses import replace

from .effects import (
    CancelPayment,
    Capture,
    Effect,
    GetPayment,
    Notice,
    Operation,
    PostReceipt,
    WakeAt,
)
from .events import (
    CancelFailed,
    CancelFailure,
    CancelSucceeded,
    CaptureFailed,
    CaptureSucceeded,
    ChargerReading,
    PaymentQueryFailed,
    PaymentStatus,
    Rebooted,
    ReceiptFailed,
    ReceiptPosted,
    Tick,
)
from .state import (
    PERSIST,
    Phase,
    SessionState,
    SettleStep,
    Step,
    StopReason,
    accept,
    backoff_ms,
    observe,
    reject,
)
from .steps import attention, key, ref, to_idle
from .tariff import Interval, Measured, MeterPoint, amount_due

_ORDER = (SettleStep.CAPTURE, SettleStep.CANCEL, SettleStep.RECEIPT, SettleStep.VERIFY)


def measure(state: SessionState, stopped_ms: int) -> Measured:
    """What the session measured up to ``stopped_ms`` (idle time closed at that moment);
    the time the station was down (``outage_ms``) is not part of the duration."""
    idle_ms = state.idle_ms
    if state.paused_since_ms is not None:
        idle_ms += max(0, stopped_ms - state.paused_since_ms)
    started = state.charging_started_ms
    duration_ms = max(0, stopped_ms - started - state.outage_ms) if started is not None else 0
    return Measured(
        state.delivered_wh or 0,
        duration_ms,
        min(idle_ms, duration_ms),
        meter_points(state, stopped_ms),
    )


def meter_points(state: SessionState, stopped_ms: int) -> tuple[MeterPoint, ...]:
    """A sliced tariff's session as meter points: the charging start, the tracked readings,
    and the last good reading at ``stopped_ms``, all on the session's continuous counter scale
    (``SessionState.session_meter_wh``, across meter resets); () for a flat tariff or an
    unknown counter."""
    tariff, started, start_wh = state.tariff, state.charging_started_ms, state.session_start_wh
    if tariff is None or not tariff.sliced or started is None or start_wh is None:
        return ()
    session_wh = state.session_meter_wh
    last_wh = session_wh if session_wh is not None else start_wh
    interval = Interval.IDLE if state.paused_since_ms is not None else Interval.CHARGING
    tracked = tuple(p for p in state.meter_points if started <= p.at_ms <= stopped_ms)
    end_ms = max(stopped_ms, tracked[-1].at_ms if tracked else started)
    return (MeterPoint(started, start_wh), *tracked, MeterPoint(end_ms, last_wh, interval))


def begin_settlement(state: SessionState, now_ms: int, reason: StopReason, *lead: Effect) -> Step:
    """Stop metering and start settling; ``lead`` effects (e.g. ``DisableCharger``) go first."""
    stopped_ms = state.stopped_ms if state.stopped_ms is not None else now_ms
    measured = measure(state, stopped_ms)
    due = None
    delivered = state.delivered_wh
    if delivered is not None and delivered >= state.policy.min_energy_wh:
        assert state.tariff is not None
        due = amount_due(state.tariff, measured).limited_to(state.authorized_ore)
    settling = replace(
        state,
        phase=Phase.SETTLING,
        stop_reason=state.stop_reason or reason,
        stopped_ms=stopped_ms,
        paused_since_ms=None,
        idle_ms=measured.idle_ms,
        measured=measured,
        amount_due=due,
        deadline_ms=None,
        next_poll_ms=None,
        settle_step=None,
    )
    step = advance(settling, None)
    return Step(step.state, (*lead, *step.effects))


def _needed(state: SessionState, step: SettleStep) -> bool:
    if step is SettleStep.CAPTURE:
        return (
            state.amount_due is not None
            and state.amount_due.total_ore > 0
            and state.captured_ore == 0
            and state.cancelled_ore == 0
        )
    if step is SettleStep.CANCEL:
        return state.authorized_ore - state.captured_ore - state.cancelled_ore > 0
    if step is SettleStep.RECEIPT:
        return state.captured_ore > 0 and state.amount_due is not None
    return True


def step_effect(state: SessionState) -> Effect:
    """The request of the current settlement step (the same one on every retry); the payment's
    GET while a refused or ambiguous capture/cancel is being checked."""
    if state.settle_query is not None:
        return GetPayment(ref(state))
    step = state.settle_step
    if step is SettleStep.CAPTURE:
        assert state.amount_due is not None
        due = state.amount_due
        return Capture(ref(state), due.total_ore, due.currency, key(state, Operation.CAPTURE))
    if step is SettleStep.CANCEL:
        return CancelPayment(ref(state), False, key(state, Operation.CANCEL))
    if step is SettleStep.RECEIPT:
        assert state.amount_due is not None
        assert state.session_id is not None
        return PostReceipt(state.session_id, ref(state), state.amount_due)
    return GetPayment(ref(state))


def advance(state: SessionState, done: SettleStep | None) -> Step:
    """Go to the first needed step after ``done`` and send its request."""
    start = 0 if done is None else _ORDER.index(done) + 1
    step = next(s for s in _ORDER[start:] if _needed(state, s))
    moved = replace(state, settle_step=step, retry_at_ms=None, retry_count=0)
    return accept(moved, PERSIST, step_effect(moved))


def _retry(state: SessionState, now_ms: int) -> Step:
    at_ms = now_ms + backoff_ms(state)
    waiting = replace(state, retry_at_ms=at_ms, retry_count=state.retry_count + 1)
    return Step(waiting, (PERSIST, WakeAt(at_ms)))


def _flag(state: SessionState, reason: str) -> SessionState:
    return replace(state, attention_reason=state.attention_reason or reason)


def on_capture_succeeded(state: SessionState, event: CaptureSucceeded) -> Step:
    if state.settle_step is not SettleStep.CAPTURE:
        return reject(state)
    captured = replace(state, captured_ore=event.captured_ore)
    if state.amount_due is None or event.captured_ore != state.amount_due.total_ore:
        captured = _flag(captured, "captured amount differs from the amount due")
    return advance(captured, SettleStep.CAPTURE)


def on_capture_failed(state: SessionState, event: CaptureFailed) -> Step:
    if state.settle_step is not SettleStep.CAPTURE:
        return reject(state)
    if event.retryable:
        return _retry(state, event.now_ms)
    # Refused (e.g. 6260 funds unavailable) or a conflicting answer to a retry (409): what did
    # the payment service really do? Read the payment before anything is cancelled.
    return _query(state, f"capture refused ({event.error_code})")


def _query(state: SessionState, reason: str) -> Step:
    querying = replace(state, settle_query=reason, retry_at_ms=None, retry_count=0)
    return accept(querying, PERSIST, GetPayment(ref(state)))


def _settle_from(state: SessionState, event: PaymentStatus) -> Step:
    """The payment as it really is after a refused or ambiguous capture/cancel: take its
    captured and cancelled amounts and go on from there (cancel only what is still reserved)."""
    reason = state.settle_query or "payment answer unclear"
    known = replace(
        state,
        settle_query=None,
        captured_ore=event.captured_ore,
        cancelled_ore=event.cancelled_ore,
        retry_at_ms=None,
    )
    step = state.settle_step
    assert step is not None
    if step is SettleStep.CAPTURE:
        due = state.amount_due.total_ore if state.amount_due is not None else 0
        if event.captured_ore == 0:
            known = _flag(known, reason)  # nothing was taken: release the rest, then a person
        elif event.captured_ore != due:
            known = _flag(known, "captured amount differs from the amount due")
    elif known.authorized_ore - known.captured_ore - known.cancelled_ore > 0:
        known = _flag(known, reason)
    return advance(known, step)


def on_cancel_succeeded(state: SessionState, event: CancelSucceeded) -> Step:
    if state.settle_step is not SettleStep.CANCEL:
        return reject(state)
    return advance(replace(state, cancelled_ore=event.cancelled_ore), SettleStep.CANCEL)


def on_cancel_failed(state: SessionState, event: CancelFailed) -> Step:
    if state.settle_step is not SettleStep.CANCEL:
        return reject(state)
    if event.reason is CancelFailure.RETRYABLE:
        return _retry(state, event.now_ms)
    return _query(state, f"cancel refused ({event.error_code})")


def on_receipt_posted(state: SessionState, _event: ReceiptPosted) -> Step:
    if state.settle_step is not SettleStep.RECEIPT:
        return reject(state)
    return advance(state, SettleStep.RECEIPT)


def on_receipt_failed(state: SessionState, event: ReceiptFailed) -> Step:
    if state.settle_step is not SettleStep.RECEIPT:
        return reject(state)
    if event.retryable:
        return _retry(state, event.now_ms)
    return advance(_flag(state, "receipt refused"), SettleStep.RECEIPT)


def on_status(state: SessionState, event: PaymentStatus) -> Step:
    """Verify: the payment must show exactly our capture and the rest cancelled (or, after a
    refused or ambiguous capture/cancel, settle from what it shows)."""
    if state.settle_query is not None:
        return _settle_from(state, event)
    if state.settle_step is not SettleStep.VERIFY:
        return accept(state)  # a status during an earlier step changes nothing
    checked = replace(
        state, captured_ore=event.captured_ore, cancelled_ore=event.cancelled_ore, retry_at_ms=None
    )
    adds_up = (
        event.captured_ore + event.cancelled_ore == event.authorized_ore == state.authorized_ore
        and event.captured_ore == state.captured_ore
    )
    if not adds_up:
        checked = _flag(checked, "payment does not add up after settlement")
    if checked.attention_reason is not None:
        return attention(checked, event.now_ms, checked.attention_reason)
    at_ms = event.now_ms + state.policy.done_timeout_ms
    notice = None if checked.captured_ore else Notice.RELEASED
    done = replace(checked, phase=Phase.DONE, notice=notice, deadline_ms=at_ms, settle_step=None)
    return accept(done, PERSIST, WakeAt(at_ms))


def on_query_failed(state: SessionState, event: PaymentQueryFailed) -> Step:
    if state.settle_step is not SettleStep.VERIFY and state.settle_query is None:
        return reject(state)
    return _retry(state, event.now_ms)


def on_tick(state: SessionState, event: Tick) -> Step:
    if state.retry_at_ms is not None and event.now_ms >= state.retry_at_ms:
        again = replace(state, retry_at_ms=None)
        return accept(again, PERSIST, step_effect(again))
    return accept(state)


def on_rebooted(state: SessionState, _event: Rebooted) -> Step:
    """Send the current step again: its idempotency key makes a repeat harmless."""
    again = replace(state, retry_at_ms=None)
    return accept(again, PERSIST, step_effect(again))


def on_reading(state: SessionState, event: ChargerReading) -> Step:
    """The counter is frozen for billing; only the plug state matters now."""
    seen = observe(state, event)
    return accept(
        replace(seen, last_meter_wh=state.last_meter_wh, last_meter_ms=state.last_meter_ms)
    )


# --- after the session ----------------------------------------------------------------------


def finished_on_reading(state: SessionState, event: ChargerReading) -> Step:
    """Done / attention: unplugging frees the connector."""
    seen = observe(state, event)
    if seen.iec_state is not None and not seen.iec_state.plugged and not seen.iec_state.fault:
        return to_idle(seen)
    return accept(seen)


def finished_on_tick(state: SessionState, event: Tick) -> Step:
    if state.deadline_ms is not None and event.now_ms >= state.deadline_ms:
        return to_idle(state)
    return accept(state)
