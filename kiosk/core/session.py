"""The connector-session state machine: ONE explicit transition table.

``transition(state, event) -> Step`` looks up ``(state.phase, type(event))`` in ``TABLE``.
A pair that is not in the table is an explicit rejection: the same state, no effects,
``Step.rejected`` set - never an exception. Handlers may also reject an event that fits the
phase but not the moment (e.g. a capture answer while the session waits for a cancel).

The controller's contract (ADR 0001, 0003, 0014): hold one ``SessionState`` per connector, feed
it every event, and for each step (1) send a stop or lower current to the charger at once,
(2) write the new state if ``Persist`` is among the effects, (3) only then run its payment
effects and enables, (4) feed their outcomes back as events.
Phases and what moves them are documented in ADR 0003; handlers live in ``approval``,
``charging``, ``settlement`` and ``recovery``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import approval, charging, recovery, settlement, steps
from .events import (
    BudgetChosen,
    CancelFailed,
    CancelSucceeded,
    CancelTapped,
    CaptureFailed,
    CaptureSucceeded,
    ChargerReading,
    ChargerUnreachable,
    ConnectorTapped,
    Event,
    PaymentCreated,
    PaymentCreateFailed,
    PaymentQueryFailed,
    PaymentStatus,
    Rebooted,
    ReceiptFailed,
    ReceiptPosted,
    StopRequested,
    Tick,
)
from .state import Phase, SessionState, Step, accept, reject

Handler = Callable[[SessionState, Any], Step]


def _ignore(state: SessionState, _event: object) -> Step:
    """Accepted and changes nothing (a duplicate or late fact that no longer matters)."""
    return accept(state)


_IDLE: dict[type[Any], Handler] = {
    ChargerReading: approval.idle_on_reading,
    ChargerUnreachable: steps.on_unreachable,
    ConnectorTapped: approval.on_connector_tapped,
    Rebooted: recovery.finished_on_rebooted,
}
_CHARGING: dict[type[Any], Handler] = {
    ChargerReading: charging.charging_on_reading,
    ChargerUnreachable: charging.on_unreachable,
    Tick: charging.charging_on_tick,
    StopRequested: charging.charging_on_stop,
    PaymentStatus: _ignore,
    Rebooted: recovery.on_rebooted,
}
_FINISHED: dict[type[Any], Handler] = {
    CancelTapped: steps.to_idle,
    Tick: settlement.finished_on_tick,
    ChargerReading: settlement.finished_on_reading,
    ChargerUnreachable: steps.on_unreachable,
    Rebooted: recovery.finished_on_rebooted,
}

TABLE: Mapping[Phase, Mapping[type[Any], Handler]] = {
    Phase.IDLE: _IDLE,
    Phase.CAR_CONNECTED: _IDLE,
    Phase.CHOOSING_BUDGET: {
        BudgetChosen: approval.on_budget_chosen,
        CancelTapped: steps.to_idle,
        Tick: approval.budget_on_tick,
        ChargerReading: steps.on_reading,
        ChargerUnreachable: steps.on_unreachable,
        Rebooted: recovery.finished_on_rebooted,
    },
    Phase.CREATING_PAYMENT: {
        PaymentCreated: approval.on_payment_created,
        PaymentCreateFailed: approval.on_create_failed,
        CancelTapped: approval.on_cancel_tapped,
        ChargerReading: steps.on_reading,
        ChargerUnreachable: steps.on_unreachable,
        Rebooted: recovery.on_rebooted,
    },
    Phase.AWAITING_APPROVAL: {
        PaymentStatus: approval.awaiting_on_status,
        PaymentQueryFailed: approval.awaiting_on_query_failed,
        Tick: approval.awaiting_on_tick,
        CancelTapped: approval.on_cancel_tapped,
        ChargerReading: steps.on_reading,
        ChargerUnreachable: steps.on_unreachable,
        Rebooted: recovery.on_rebooted,
    },
    Phase.CANCELLING_PAYMENT: {
        CancelSucceeded: approval.cancelling_on_success,
        CancelFailed: approval.cancelling_on_failure,
        PaymentStatus: approval.cancelling_on_status,
        PaymentQueryFailed: _ignore,
        PaymentCreated: _ignore,
        PaymentCreateFailed: _ignore,
        Tick: approval.cancelling_on_tick,
        ChargerReading: steps.on_reading,
        ChargerUnreachable: steps.on_unreachable,
        Rebooted: recovery.on_rebooted,
    },
    Phase.WAITING_FOR_PLUG: {
        ChargerReading: charging.plug_on_reading,
        ChargerUnreachable: charging.on_unreachable,
        Tick: charging.plug_on_tick,
        CancelTapped: charging.plug_on_cancel,
        StopRequested: charging.plug_on_stop,
        PaymentStatus: _ignore,
        Rebooted: recovery.on_rebooted,
    },
    Phase.CHARGING: _CHARGING,
    Phase.CAR_PAUSED: _CHARGING,
    Phase.STOPPING: {
        ChargerReading: charging.stopping_on_reading,
        ChargerUnreachable: charging.on_unreachable,
        Tick: charging.stopping_on_tick,
        StopRequested: charging.stopping_on_stop,
        PaymentStatus: _ignore,
        Rebooted: recovery.on_rebooted,
    },
    Phase.SETTLING: {
        CaptureSucceeded: settlement.on_capture_succeeded,
        CaptureFailed: settlement.on_capture_failed,
        CancelSucceeded: settlement.on_cancel_succeeded,
        CancelFailed: settlement.on_cancel_failed,
        ReceiptPosted: settlement.on_receipt_posted,
        ReceiptFailed: settlement.on_receipt_failed,
        PaymentStatus: settlement.on_status,
        PaymentQueryFailed: settlement.on_query_failed,
        Tick: settlement.on_tick,
        ChargerReading: settlement.on_reading,
        ChargerUnreachable: steps.on_unreachable,
        StopRequested: _ignore,
        Rebooted: settlement.on_rebooted,
    },
    Phase.DONE: _FINISHED,
    Phase.ATTENTION: _FINISHED,
    Phase.ENDED: {
        CancelTapped: steps.to_idle,
        Tick: settlement.finished_on_tick,
        ChargerReading: steps.on_reading,
        ChargerUnreachable: steps.on_unreachable,
        Rebooted: recovery.finished_on_rebooted,
    },
    Phase.RECOVERING: {
        PaymentStatus: recovery.on_status,
        PaymentQueryFailed: recovery.on_query_failed,
        ChargerReading: recovery.on_reading,
        ChargerUnreachable: recovery.on_unreachable,
        Tick: recovery.on_tick,
        Rebooted: recovery.on_rebooted,
    },
}


def transition(state: SessionState, event: Event) -> Step:
    """The one entry point: the next state and the effects to run, or a rejection."""
    handler = TABLE[state.phase].get(type(event))
    if handler is None:
        return reject(state)
    return handler(state, event)
