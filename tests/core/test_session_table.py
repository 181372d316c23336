"""The transition table, pair by pair.

Every (phase, event type) pair is tried on a realistic state of that phase (plus the later
settlement steps); it is either a row of ``EXPECTED`` (next phase and effect types) or an
explicit rejection: same state, no effects, ``rejected`` set.
"""

from __future__ import annotations

import pytest
from core_world import sample_events, settling_steps, states

from kiosk.core.events import (
    EVENT_TYPES,
    BudgetChosen,
    CancelFailed,
    CancelSucceeded,
    CancelTapped,
    CaptureFailed,
    CaptureSucceeded,
    ChargerReading,
    ChargerUnreachable,
    ConnectorTapped,
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
from kiosk.core.session import TABLE, transition
from kiosk.core.state import Phase, SessionState

STATES: dict[str, SessionState] = {phase.name: state for phase, state in states().items()}
STATES.update({f"SETTLING_{step.upper()}": state for step, state in settling_steps().items()})

# (sample state, event type): (next phase, effect types), for the sample events of core_world
EXPECTED: dict[tuple[str, type], tuple[Phase, tuple[str, ...]]] = {
    ("IDLE", ConnectorTapped): (Phase.CHOOSING_BUDGET, ("WakeAt",)),
    ("IDLE", ChargerReading): (Phase.CAR_CONNECTED, ()),
    ("IDLE", ChargerUnreachable): (Phase.IDLE, ()),
    ("IDLE", Rebooted): (Phase.IDLE, ()),
    ("CAR_CONNECTED", ConnectorTapped): (Phase.CHOOSING_BUDGET, ("WakeAt",)),
    ("CAR_CONNECTED", ChargerReading): (Phase.CAR_CONNECTED, ()),
    ("CAR_CONNECTED", ChargerUnreachable): (Phase.CAR_CONNECTED, ()),
    ("CAR_CONNECTED", Rebooted): (Phase.CAR_CONNECTED, ()),
    ("CHOOSING_BUDGET", BudgetChosen): (
        Phase.CREATING_PAYMENT,
        ("Persist", "CreatePayment"),
    ),
    ("CHOOSING_BUDGET", CancelTapped): (Phase.CAR_CONNECTED, ()),
    ("CHOOSING_BUDGET", ChargerReading): (Phase.CHOOSING_BUDGET, ()),
    ("CHOOSING_BUDGET", ChargerUnreachable): (Phase.CHOOSING_BUDGET, ()),
    ("CHOOSING_BUDGET", Tick): (Phase.CAR_CONNECTED, ()),
    ("CHOOSING_BUDGET", Rebooted): (Phase.CAR_CONNECTED, ()),
    ("CREATING_PAYMENT", CancelTapped): (
        Phase.CANCELLING_PAYMENT,
        ("Persist", "CancelPayment"),
    ),
    ("CREATING_PAYMENT", ChargerReading): (Phase.CREATING_PAYMENT, ()),
    ("CREATING_PAYMENT", ChargerUnreachable): (Phase.CREATING_PAYMENT, ()),
    ("CREATING_PAYMENT", PaymentCreated): (
        Phase.AWAITING_APPROVAL,
        ("Persist", "WakeAt"),
    ),
    ("CREATING_PAYMENT", PaymentCreateFailed): (
        Phase.CANCELLING_PAYMENT,
        ("Persist", "CancelPayment"),
    ),
    ("CREATING_PAYMENT", Rebooted): (
        Phase.RECOVERING,
        ("Persist", "GetPayment", "WakeAt"),
    ),
    ("AWAITING_APPROVAL", CancelTapped): (
        Phase.CANCELLING_PAYMENT,
        ("Persist", "CancelPayment"),
    ),
    ("AWAITING_APPROVAL", ChargerReading): (Phase.AWAITING_APPROVAL, ()),
    ("AWAITING_APPROVAL", ChargerUnreachable): (Phase.AWAITING_APPROVAL, ()),
    ("AWAITING_APPROVAL", PaymentStatus): (
        Phase.CHARGING,
        ("Persist", "SetCurrent", "EnableCharger"),
    ),
    ("AWAITING_APPROVAL", PaymentQueryFailed): (Phase.AWAITING_APPROVAL, ()),
    ("AWAITING_APPROVAL", Tick): (
        Phase.CANCELLING_PAYMENT,
        ("Persist", "CancelPayment"),
    ),
    ("AWAITING_APPROVAL", Rebooted): (
        Phase.RECOVERING,
        ("Persist", "GetPayment", "WakeAt"),
    ),
    ("CANCELLING_PAYMENT", ChargerReading): (Phase.CANCELLING_PAYMENT, ()),
    ("CANCELLING_PAYMENT", ChargerUnreachable): (Phase.CANCELLING_PAYMENT, ()),
    ("CANCELLING_PAYMENT", PaymentCreated): (Phase.CANCELLING_PAYMENT, ()),
    ("CANCELLING_PAYMENT", PaymentCreateFailed): (Phase.CANCELLING_PAYMENT, ()),
    ("CANCELLING_PAYMENT", PaymentStatus): (Phase.CANCELLING_PAYMENT, ()),
    ("CANCELLING_PAYMENT", PaymentQueryFailed): (Phase.CANCELLING_PAYMENT, ()),
    ("CANCELLING_PAYMENT", CancelSucceeded): (Phase.ENDED, ("Persist", "WakeAt")),
    ("CANCELLING_PAYMENT", CancelFailed): (Phase.CANCELLING_PAYMENT, ("Persist", "CancelPayment")),
    ("CANCELLING_PAYMENT", Tick): (Phase.CANCELLING_PAYMENT, ()),
    ("CANCELLING_PAYMENT", Rebooted): (
        Phase.RECOVERING,
        ("Persist", "GetPayment", "WakeAt"),
    ),
    ("ENDED", CancelTapped): (Phase.CAR_CONNECTED, ()),
    ("ENDED", ChargerReading): (Phase.ENDED, ()),
    ("ENDED", ChargerUnreachable): (Phase.ENDED, ()),
    ("ENDED", Tick): (Phase.CAR_CONNECTED, ()),
    ("ENDED", Rebooted): (Phase.CAR_CONNECTED, ()),
    ("WAITING_FOR_PLUG", CancelTapped): (
        Phase.SETTLING,
        ("Persist", "CancelPayment"),
    ),
    ("WAITING_FOR_PLUG", StopRequested): (
        Phase.SETTLING,
        ("Persist", "CancelPayment"),
    ),
    ("WAITING_FOR_PLUG", ChargerReading): (
        Phase.CHARGING,
        ("Persist", "SetCurrent", "EnableCharger"),
    ),
    ("WAITING_FOR_PLUG", ChargerUnreachable): (Phase.WAITING_FOR_PLUG, ("WakeAt",)),
    ("WAITING_FOR_PLUG", PaymentStatus): (Phase.WAITING_FOR_PLUG, ()),
    ("WAITING_FOR_PLUG", Tick): (Phase.SETTLING, ("Persist", "CancelPayment")),
    ("WAITING_FOR_PLUG", Rebooted): (
        Phase.RECOVERING,
        ("Persist", "GetPayment", "WakeAt"),
    ),
    ("CHARGING", StopRequested): (
        Phase.STOPPING,
        ("Persist", "DisableCharger", "WakeAt"),
    ),
    ("CHARGING", ChargerReading): (Phase.CHARGING, ()),
    ("CHARGING", ChargerUnreachable): (Phase.CHARGING, ("WakeAt",)),
    ("CHARGING", PaymentStatus): (Phase.CHARGING, ()),
    ("CHARGING", Tick): (Phase.CHARGING, ("Persist",)),
    ("CHARGING", Rebooted): (Phase.RECOVERING, ("Persist", "GetPayment", "WakeAt")),
    ("CAR_PAUSED", StopRequested): (
        Phase.STOPPING,
        ("Persist", "DisableCharger", "WakeAt"),
    ),
    ("CAR_PAUSED", ChargerReading): (Phase.CHARGING, ()),
    ("CAR_PAUSED", ChargerUnreachable): (Phase.CAR_PAUSED, ("WakeAt",)),
    ("CAR_PAUSED", PaymentStatus): (Phase.CAR_PAUSED, ()),
    ("CAR_PAUSED", Tick): (Phase.STOPPING, ("Persist", "DisableCharger", "WakeAt")),
    ("CAR_PAUSED", Rebooted): (Phase.RECOVERING, ("Persist", "GetPayment", "WakeAt")),
    ("STOPPING", StopRequested): (Phase.STOPPING, ()),
    ("STOPPING", ChargerReading): (Phase.STOPPING, ()),
    ("STOPPING", ChargerUnreachable): (Phase.STOPPING, ("WakeAt",)),
    ("STOPPING", PaymentStatus): (Phase.STOPPING, ()),
    ("STOPPING", Tick): (Phase.SETTLING, ("DisableCharger", "Persist", "Capture")),
    ("STOPPING", Rebooted): (Phase.RECOVERING, ("Persist", "GetPayment", "WakeAt")),
    ("SETTLING", StopRequested): (Phase.SETTLING, ()),
    ("SETTLING", ChargerReading): (Phase.SETTLING, ()),
    ("SETTLING", ChargerUnreachable): (Phase.SETTLING, ()),
    ("SETTLING", PaymentStatus): (Phase.SETTLING, ()),
    ("SETTLING", CaptureSucceeded): (Phase.SETTLING, ("Persist", "CancelPayment")),
    ("SETTLING", CaptureFailed): (Phase.SETTLING, ("Persist", "WakeAt")),
    ("SETTLING", Tick): (Phase.SETTLING, ()),
    ("SETTLING", Rebooted): (Phase.SETTLING, ("Persist", "Capture")),
    ("DONE", CancelTapped): (Phase.CAR_CONNECTED, ()),
    ("DONE", ChargerReading): (Phase.DONE, ()),
    ("DONE", ChargerUnreachable): (Phase.DONE, ()),
    ("DONE", Tick): (Phase.CAR_CONNECTED, ()),
    ("DONE", Rebooted): (Phase.CAR_CONNECTED, ()),
    ("ATTENTION", CancelTapped): (Phase.CAR_CONNECTED, ()),
    ("ATTENTION", ChargerReading): (Phase.ATTENTION, ()),
    ("ATTENTION", ChargerUnreachable): (Phase.ATTENTION, ()),
    ("ATTENTION", Tick): (Phase.CAR_CONNECTED, ()),
    ("ATTENTION", Rebooted): (Phase.CAR_CONNECTED, ()),
    ("RECOVERING", ChargerReading): (Phase.RECOVERING, ()),
    ("RECOVERING", ChargerUnreachable): (Phase.RECOVERING, ()),
    ("RECOVERING", PaymentStatus): (Phase.RECOVERING, ()),
    ("RECOVERING", PaymentQueryFailed): (Phase.RECOVERING, ("WakeAt",)),
    ("RECOVERING", Tick): (Phase.RECOVERING, ()),
    ("RECOVERING", Rebooted): (Phase.RECOVERING, ("Persist", "GetPayment", "WakeAt")),
    ("SETTLING_CANCEL", StopRequested): (Phase.SETTLING, ()),
    ("SETTLING_CANCEL", ChargerReading): (Phase.SETTLING, ()),
    ("SETTLING_CANCEL", ChargerUnreachable): (Phase.SETTLING, ()),
    ("SETTLING_CANCEL", PaymentStatus): (Phase.SETTLING, ()),
    ("SETTLING_CANCEL", CancelSucceeded): (Phase.SETTLING, ("Persist", "PostReceipt")),
    ("SETTLING_CANCEL", CancelFailed): (Phase.SETTLING, ("Persist", "GetPayment")),
    ("SETTLING_CANCEL", Tick): (Phase.SETTLING, ()),
    ("SETTLING_CANCEL", Rebooted): (Phase.SETTLING, ("Persist", "CancelPayment")),
    ("SETTLING_RECEIPT", StopRequested): (Phase.SETTLING, ()),
    ("SETTLING_RECEIPT", ChargerReading): (Phase.SETTLING, ()),
    ("SETTLING_RECEIPT", ChargerUnreachable): (Phase.SETTLING, ()),
    ("SETTLING_RECEIPT", PaymentStatus): (Phase.SETTLING, ()),
    ("SETTLING_RECEIPT", ReceiptPosted): (Phase.SETTLING, ("Persist", "GetPayment")),
    ("SETTLING_RECEIPT", ReceiptFailed): (Phase.SETTLING, ("Persist", "WakeAt")),
    ("SETTLING_RECEIPT", Tick): (Phase.SETTLING, ()),
    ("SETTLING_RECEIPT", Rebooted): (Phase.SETTLING, ("Persist", "PostReceipt")),
    ("SETTLING_VERIFY", StopRequested): (Phase.SETTLING, ()),
    ("SETTLING_VERIFY", ChargerReading): (Phase.SETTLING, ()),
    ("SETTLING_VERIFY", ChargerUnreachable): (Phase.SETTLING, ()),
    ("SETTLING_VERIFY", PaymentStatus): (Phase.ATTENTION, ("Persist", "WakeAt")),
    ("SETTLING_VERIFY", PaymentQueryFailed): (Phase.SETTLING, ("Persist", "WakeAt")),
    ("SETTLING_VERIFY", Tick): (Phase.SETTLING, ()),
    ("SETTLING_VERIFY", Rebooted): (Phase.SETTLING, ("Persist", "GetPayment")),
}

PAIRS = [(name, index) for name in STATES for index in range(len(EVENT_TYPES))]


def test_every_phase_has_a_sample_state() -> None:
    assert {state.phase for state in STATES.values()} == set(Phase)
    assert set(TABLE) == set(Phase)


@pytest.mark.parametrize(
    ("name", "index"), PAIRS, ids=[f"{n}-{EVENT_TYPES[i].__name__}" for n, i in PAIRS]
)
def test_pair(name: str, index: int) -> None:
    state = STATES[name]
    event = sample_events(state)[index]
    assert type(event) is EVENT_TYPES[index]
    step = transition(state, event)
    expected = EXPECTED.get((name, type(event)))
    if expected is None:
        assert step.rejected
        assert step.state is state
        assert step.effects == ()
    else:
        assert not step.rejected
        assert (step.state.phase, tuple(type(e).__name__ for e in step.effects)) == expected


def test_pairs_outside_the_table_are_rejected_in_every_phase() -> None:
    for name, state in STATES.items():
        for event in sample_events(state):
            if type(event) not in TABLE[state.phase]:
                assert (name, type(event)) not in EXPECTED


def test_every_table_row_is_accepted_by_some_sample() -> None:
    listed = {(phase, event_type) for phase, row in TABLE.items() for event_type in row}
    accepted = {(STATES[name].phase, event_type) for name, event_type in EXPECTED}
    assert listed == accepted


def test_persist_always_comes_first() -> None:
    for name, state in STATES.items():
        for event in sample_events(state):
            effects = [type(e).__name__ for e in transition(state, event).effects]
            if "Persist" in effects:
                before = effects[: effects.index("Persist")]
                assert set(before) <= {"DisableCharger"}, (name, type(event).__name__, effects)
