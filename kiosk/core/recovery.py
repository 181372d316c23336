"""Recovery after a restart: reconcile a restored session with the payment and the charger.

``Rebooted`` moves an unfinished session to ``RECOVERING`` and asks for the payment (GET);
the charger poller reports on its own. Once the payment is known, and the charger has
answered or ``recovery_timeout_ms`` has passed, ``decide`` picks the way on:

* payment never authorized -> ended (a still-CREATED payment is cancelled the kiosk way);
* the kiosk had cancelled -> finish that cancel (full cancel if it was approved meanwhile);
* a car still plugged, the charger healthy and money left -> charge on (or start);
* authorized but no car yet, before any charge -> wait for the plug again;
* anything else -> settle on the last good meter reading.

The charger's watchdog stops charging while the station is down, so billed time (time price,
idle fee) ends at the last good meter reading of the stored state: ``on_rebooted`` sets
``stopped_ms`` there (a stop requested earlier stays). A settled session is priced up to it; a
resumed one leaves the gap out (``charging.after_outage``), also when checking the budget.
Energy is the lifetime counter difference, read again if the charger answers; a meter that was
reset or replaced while the station was down (a lower counter) starts a new segment.

A session that was already settling simply repeats its current step (same idempotency key).
Pure; rejects, never raises.
"""

from __future__ import annotations

from dataclasses import replace

from .approval import start_cancel
from .charging import (
    after_outage,
    budget_reached,
    resume_charging,
    start_charging,
    wait_for_plug,
)
from .effects import DisableCharger, GetPayment, Notice, WakeAt
from .events import (
    ChargerReading,
    ChargerUnreachable,
    PaymentQueryFailed,
    PaymentState,
    PaymentStatus,
    Rebooted,
    Tick,
)
from .settlement import begin_settlement
from .state import (
    PERSIST,
    Phase,
    SessionState,
    Step,
    StopReason,
    accept,
    backoff_ms,
    lost_charger,
    observe,
)
from .steps import attention, ended, ref, to_idle

_BEFORE_CHARGE = (Phase.CREATING_PAYMENT, Phase.AWAITING_APPROVAL, Phase.WAITING_FOR_PLUG)
_METERED = (Phase.CHARGING, Phase.CAR_PAUSED, Phase.STOPPING)
_NOT_AUTHORIZED_NOTICE = {
    PaymentState.ABORTED: Notice.DECLINED,
    PaymentState.EXPIRED: Notice.EXPIRED,
    PaymentState.TERMINATED: Notice.CANCELLED,
    PaymentState.NOT_FOUND: Notice.CANCELLED,
}


def on_rebooted(state: SessionState, event: Rebooted) -> Step:
    """Start reconciling (also when the app died while reconciling)."""
    origin = state.recovered_from if state.phase is Phase.RECOVERING else state.phase
    at_ms = event.now_ms + state.policy.recovery_timeout_ms
    recovering = replace(
        state,
        phase=Phase.RECOVERING,
        recovered_from=origin,
        stopped_ms=_metered_until(state),
        meter_epoch=None,  # the new poller counts its epochs from 0 again
        recovered_payment=None,
        recovered_charger_known=False,
        deadline_ms=at_ms,
        next_poll_ms=None,
        retry_at_ms=None,
        retry_count=0,
    )
    return accept(recovering, PERSIST, GetPayment(ref(state)), WakeAt(at_ms))


def _metered_until(state: SessionState) -> int | None:
    """Where billed time ends if the station went down while metering: the last good meter
    reading (not before the charging start). A stop time already set stays."""
    started = state.charging_started_ms
    if state.stopped_ms is not None or started is None:
        return state.stopped_ms
    return started if state.last_meter_ms is None else max(started, state.last_meter_ms)


def on_status(state: SessionState, event: PaymentStatus) -> Step:
    known = replace(state, recovered_payment=event.state, retry_at_ms=None)
    if event.state is PaymentState.AUTHORIZED:
        known = replace(
            known,
            authorized_ore=event.authorized_ore,
            captured_ore=event.captured_ore,
            cancelled_ore=event.cancelled_ore,
        )
    if known.recovered_charger_known:
        return decide(known, event.now_ms)
    return accept(known)


def on_query_failed(state: SessionState, event: PaymentQueryFailed) -> Step:
    at_ms = event.now_ms + backoff_ms(state)
    return accept(
        replace(state, retry_at_ms=at_ms, retry_count=state.retry_count + 1), WakeAt(at_ms)
    )


def on_reading(state: SessionState, event: ChargerReading) -> Step:
    seen = replace(observe(state, event), recovered_charger_known=True)
    if seen.recovered_payment is not None:
        return decide(seen, event.now_ms)
    if seen.meter_resets != state.meter_resets:
        return accept(seen, PERSIST)  # the journal records the reset
    return accept(seen)


def on_unreachable(state: SessionState, event: ChargerUnreachable) -> Step:
    return accept(lost_charger(state, event.now_ms))


def on_tick(state: SessionState, event: Tick) -> Step:
    now_ms = event.now_ms
    timed_out = state.deadline_ms is not None and now_ms >= state.deadline_ms
    if state.recovered_payment is not None and timed_out:
        return decide(state, now_ms)
    if state.retry_at_ms is not None and now_ms >= state.retry_at_ms:
        return accept(replace(state, retry_at_ms=None), GetPayment(ref(state)))
    return accept(state)


def decide(state: SessionState, now_ms: int) -> Step:
    payment = state.recovered_payment
    origin = state.recovered_from
    base = replace(state, recovered_from=None, recovered_payment=None, deadline_ms=None)
    if payment is PaymentState.CREATED:
        return start_cancel(base, now_ms, Notice.CANCELLED)
    if payment is not PaymentState.AUTHORIZED:
        assert payment is not None
        if origin in _METERED:
            return attention(base, now_ms, f"payment {payment.value} after charging began")
        return ended(replace(base, authorized_ore=0), now_ms, _NOT_AUTHORIZED_NOTICE[payment])
    if base.captured_ore or base.cancelled_ore:
        return begin_settlement(base, now_ms, StopReason.RECOVERY, DisableCharger())
    if origin is Phase.CANCELLING_PAYMENT:
        return start_cancel(base, now_ms, Notice.RELEASED, cancel_all=True)
    healthy = (
        state.recovered_charger_known
        and base.charger_lost_since_ms is None
        and base.iec_state is not None
        and base.iec_state.plugged
    )
    fault = base.iec_state is not None and base.iec_state.fault
    if origin in _BEFORE_CHARGE and not fault:
        return start_charging(base, now_ms) if healthy else wait_for_plug(base, now_ms)
    if (
        origin in (Phase.CHARGING, Phase.CAR_PAUSED)
        and healthy
        and not budget_reached(after_outage(base, now_ms), now_ms)
    ):
        return resume_charging(base, now_ms)
    reason = StopReason.CHARGER_FAULT if fault else StopReason.RECOVERY
    return begin_settlement(base, now_ms, reason, DisableCharger())


def finished_on_rebooted(state: SessionState, event: Rebooted) -> Step:
    """No session in flight (idle, budget screen, done, ended): back to the tiles."""
    return to_idle(state, event)
