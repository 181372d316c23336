"""Transitions before the charge: connector tiles, budget, payment creation, approval, cancel.

The kiosk's own cancel always uses ``cancelTransactionOnly: true``. If Vipps refuses it
because the driver approved in the same moment (6060, ``CancelFailure.ALREADY_AUTHORIZED``),
the session releases the whole reservation with a full cancel: the driver has walked away,
so charging would be wrong and keeping the money would be worse (ADR 0003).
Handlers are pure; they reject (never raise) an event that does not fit.
"""

from __future__ import annotations

from dataclasses import replace

from .charging import authorized
from .effects import (
    CancelPayment,
    CreatePayment,
    GetPayment,
    Notice,
    Operation,
    WakeAt,
    idempotency_key,
)
from .events import (
    BudgetChosen,
    CancelFailed,
    CancelFailure,
    CancelSucceeded,
    CancelTapped,
    ChargerReading,
    ConnectorTapped,
    PaymentCreated,
    PaymentCreateFailed,
    PaymentQueryFailed,
    PaymentState,
    PaymentStatus,
    Tick,
)
from .phone import masked_phone, valid_phone
from .state import (
    PERSIST,
    Phase,
    SessionState,
    Step,
    accept,
    observe,
    reject,
)
from .steps import attention, ended, key, ref, schedule_retry, to_idle

_FAILED_NOTICE = {
    PaymentState.ABORTED: Notice.DECLINED,
    PaymentState.EXPIRED: Notice.EXPIRED,
    PaymentState.TERMINATED: Notice.CANCELLED,
}


# --- common ---------------------------------------------------------------------------------


# --- idle / car connected / budget ----------------------------------------------------------


def idle_on_reading(state: SessionState, event: ChargerReading) -> Step:
    seen = observe(state, event)
    plugged = seen.iec_state is not None and seen.iec_state.plugged
    phase = Phase.CAR_CONNECTED if plugged else Phase.IDLE
    if phase is state.phase:
        return accept(seen)
    moved = replace(seen, phase=phase)
    return accept(moved)


def on_connector_tapped(state: SessionState, event: ConnectorTapped) -> Step:
    out_of_order = state.charger_lost_since_ms is not None or (
        state.iec_state is not None and state.iec_state.fault
    )
    if out_of_order:
        return reject(state)
    at_ms = event.now_ms + state.policy.budget_screen_timeout_ms
    return accept(
        replace(state, phase=Phase.CHOOSING_BUDGET, deadline_ms=at_ms),
        WakeAt(at_ms),
    )


def budget_on_tick(state: SessionState, event: Tick) -> Step:
    if state.deadline_ms is not None and event.now_ms >= state.deadline_ms:
        return to_idle(state)
    return accept(state)


def on_budget_chosen(state: SessionState, event: BudgetChosen) -> Step:
    too_small = event.budget_ore <= max(0, event.tariff.start_fee_ore) or (
        event.budget_ore < event.tariff.minimum_ore
    )
    if too_small or len(event.reference) < 8:
        return reject(state)
    phone = event.phone_number
    if phone is not None and not valid_phone(phone):
        return reject(state)
    if phone is not None and event.return_url is not None:
        return reject(state)  # a push payment or a phone payment, never both
    try:
        create_key = idempotency_key(event.session_id, Operation.CREATE)
        idempotency_key(event.session_id, Operation.CANCEL_UNAPPROVED)
    except ValueError:
        return reject(state)
    creating = replace(
        state,
        phase=Phase.CREATING_PAYMENT,
        session_id=event.session_id,
        reference=event.reference,
        budget_ore=event.budget_ore,
        tariff=event.tariff,
        push_phone_masked=masked_phone(phone) if phone is not None else None,
        on_phone=event.return_url is not None,
        deadline_ms=None,
    )
    create = CreatePayment(
        event.session_id,
        event.reference,
        event.budget_ore,
        event.tariff.currency,
        create_key,
        phone_number=phone,
        return_url=event.return_url,
    )
    return accept(creating, PERSIST, create)


# --- payment creation and approval ----------------------------------------------------------


def on_payment_created(state: SessionState, event: PaymentCreated) -> Step:
    policy = state.policy
    poll_ms = event.now_ms + policy.payment_poll_interval_ms
    awaiting = replace(
        state,
        phase=Phase.AWAITING_APPROVAL,
        qr_url=event.qr_url,
        deadline_ms=event.now_ms + policy.approval_timeout_ms,
        next_poll_ms=poll_ms,
    )
    return accept(awaiting, PERSIST, WakeAt(poll_ms))


def on_create_failed(state: SessionState, event: PaymentCreateFailed) -> Step:
    # The request may have reached Vipps with its answer lost: cancel it the kiosk way, so a
    # payment nobody can see on the screen can never stay reserved.
    return start_cancel(state, event.now_ms, Notice.PAYMENT_UNAVAILABLE)


def awaiting_on_status(state: SessionState, event: PaymentStatus) -> Step:
    if event.state is PaymentState.AUTHORIZED:
        return authorized(state, event.now_ms, event.authorized_ore)
    notice = _FAILED_NOTICE.get(event.state)
    if notice is not None:
        return ended(state, event.now_ms, notice)
    return accept(state)  # CREATED (still waiting) or NOT_FOUND (not visible yet)


def awaiting_on_query_failed(state: SessionState, _event: PaymentQueryFailed) -> Step:
    return accept(state)  # the next poll comes with the next tick


def awaiting_on_tick(state: SessionState, event: Tick) -> Step:
    if state.deadline_ms is not None and event.now_ms >= state.deadline_ms:
        return start_cancel(state, event.now_ms, Notice.APPROVAL_TIMEOUT)
    if state.next_poll_ms is not None and event.now_ms >= state.next_poll_ms:
        poll_ms = event.now_ms + state.policy.payment_poll_interval_ms
        nxt = min(poll_ms, state.deadline_ms or poll_ms)
        return accept(replace(state, next_poll_ms=poll_ms), GetPayment(ref(state)), WakeAt(nxt))
    return accept(state)


def on_cancel_tapped(state: SessionState, event: CancelTapped) -> Step:
    return start_cancel(state, event.now_ms, Notice.CANCELLED)


# --- the kiosk's cancel ---------------------------------------------------------------------


def start_cancel(
    state: SessionState, _now_ms: int, notice: Notice, *, cancel_all: bool = False
) -> Step:
    cancelling = replace(
        state,
        phase=Phase.CANCELLING_PAYMENT,
        notice=notice,
        cancel_all=cancel_all,
        deadline_ms=None,
        next_poll_ms=None,
        retry_at_ms=None,
        retry_count=0,
    )
    return accept(cancelling, PERSIST, _cancel_effect(cancelling))


def _cancel_effect(state: SessionState) -> CancelPayment:
    if state.cancel_all:
        return CancelPayment(ref(state), False, key(state, Operation.CANCEL))
    return CancelPayment(ref(state), True, key(state, Operation.CANCEL_UNAPPROVED))


def cancelling_on_success(state: SessionState, event: CancelSucceeded) -> Step:
    if not state.cancel_all:
        # TERMINATED: nothing was ever reserved (Vipps reports cancelled = amount, authorized 0).
        return ended(
            replace(state, authorized_ore=0, cancelled_ore=0),
            event.now_ms,
            state.notice or Notice.CANCELLED,
        )
    authorized_ore = state.authorized_ore or event.cancelled_ore
    released = replace(state, authorized_ore=authorized_ore, cancelled_ore=event.cancelled_ore)
    if event.cancelled_ore != authorized_ore:
        return attention(released, event.now_ms, "full cancel released a different amount")
    return ended(released, event.now_ms, Notice.RELEASED)


def cancelling_on_failure(state: SessionState, event: CancelFailed) -> Step:
    if event.reason is CancelFailure.RETRYABLE:
        return schedule_retry(state, event.now_ms)
    if event.reason is CancelFailure.ALREADY_AUTHORIZED and not state.cancel_all:
        full = replace(state, cancel_all=True, retry_at_ms=None, retry_count=0)
        return accept(full, PERSIST, _cancel_effect(full))
    if not state.cancel_all:
        # cannot cancel: ABORTED / EXPIRED / TERMINATED / never created. Nothing is reserved.
        return ended(state, event.now_ms, state.notice or Notice.CANCELLED)
    return attention(state, event.now_ms, f"full cancel refused ({event.error_code})")


def cancelling_on_status(state: SessionState, event: PaymentStatus) -> Step:
    if event.state is PaymentState.AUTHORIZED:
        return accept(replace(state, authorized_ore=event.authorized_ore))
    return accept(state)  # the cancel's own outcome decides


def cancelling_on_tick(state: SessionState, event: Tick) -> Step:
    if state.retry_at_ms is not None and event.now_ms >= state.retry_at_ms:
        again = replace(state, retry_at_ms=None)
        return accept(again, PERSIST, _cancel_effect(again))
    return accept(state)


def cancelling_ignores(state: SessionState, _event: object) -> Step:
    """A late answer to ``CreatePayment`` while the cancel runs: nothing to do."""
    return accept(state)
