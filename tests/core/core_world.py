"""Helpers for the core tests: drive a session through events, and one state per phase."""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.core.events import (
    BudgetChosen,
    CancelFailed,
    CancelFailure,
    CancelSucceeded,
    CancelTapped,
    CaptureFailed,
    CaptureSucceeded,
    ChargerReading,
    ChargerUnreachable,
    ConnectorTapped,
    Event,
    IecState,
    PaymentCreated,
    PaymentCreateFailed,
    PaymentQueryFailed,
    PaymentState,
    PaymentStatus,
    Rebooted,
    ReceiptFailed,
    ReceiptPosted,
    StopRequested,
    Tick,
)
from kiosk.core.session import transition
from kiosk.core.state import Phase, SessionState, Step, idle_state
from kiosk.core.tariff import TariffSnapshot

TARIFF = TariffSnapshot(price_ore_per_kwh=350, start_fee_ore=500)
BUDGET_ORE = 35_000
SESSION_ID = "3f1c9a52-9d1e-4c57-8a55-0c1b2f3e4d5a"
REFERENCE = "st1-3f1c9a529d1e4c57"
T0 = 1_700_000_000_000
START_WH = 1_000_000


def drive(state: SessionState, events: Iterable[Event]) -> SessionState:
    for event in events:
        step = transition(state, event)
        assert not step.rejected, f"{type(event).__name__} rejected in {state.phase}"
        state = step.state
    return state


def run(state: SessionState, event: Event) -> Step:
    return transition(state, event)


def reading(
    t: int, iec: IecState, wh: int | None = START_WH, power_w: int | None = 0
) -> ChargerReading:
    return ChargerReading(T0 + t, iec, wh, power_w)


def chosen(t: int) -> BudgetChosen:
    return BudgetChosen(T0 + t, SESSION_ID, REFERENCE, BUDGET_ORE, TARIFF)


def authorized(t: int) -> PaymentStatus:
    return PaymentStatus(T0 + t, PaymentState.AUTHORIZED, BUDGET_ORE)


def states() -> dict[Phase, SessionState]:
    """One realistic state per phase, each reached through the table from a fresh connector."""
    s: dict[Phase, SessionState] = {}
    s[Phase.IDLE] = drive(idle_state("c1"), [reading(0, IecState.A)])
    s[Phase.CAR_CONNECTED] = drive(s[Phase.IDLE], [reading(1000, IecState.B)])
    s[Phase.CHOOSING_BUDGET] = drive(s[Phase.CAR_CONNECTED], [ConnectorTapped(T0 + 2000)])
    s[Phase.CREATING_PAYMENT] = drive(s[Phase.CHOOSING_BUDGET], [chosen(3000)])
    s[Phase.AWAITING_APPROVAL] = drive(
        s[Phase.CREATING_PAYMENT], [PaymentCreated(T0 + 4000, "https://qr.example/1")]
    )
    s[Phase.CANCELLING_PAYMENT] = drive(s[Phase.AWAITING_APPROVAL], [CancelTapped(T0 + 5000)])
    s[Phase.ENDED] = drive(
        s[Phase.AWAITING_APPROVAL], [PaymentStatus(T0 + 5000, PaymentState.ABORTED)]
    )
    s[Phase.WAITING_FOR_PLUG] = drive(
        idle_state("c1"),
        [
            reading(0, IecState.A),
            ConnectorTapped(T0 + 2000),
            chosen(3000),
            PaymentCreated(T0 + 4000, "https://qr.example/1"),
            authorized(5000),
        ],
    )
    s[Phase.CHARGING] = drive(
        s[Phase.AWAITING_APPROVAL],
        [authorized(5000), reading(10_000, IecState.C, START_WH + 10, 7000)],
    )
    s[Phase.CAR_PAUSED] = drive(s[Phase.CHARGING], [reading(15_000, IecState.B, START_WH + 20, 0)])
    s[Phase.STOPPING] = drive(
        s[Phase.CHARGING],
        [reading(60_000, IecState.C, START_WH + 1000, 7000), StopRequested(T0 + 61_000)],
    )
    s[Phase.SETTLING] = drive(s[Phase.STOPPING], [reading(62_000, IecState.B, START_WH + 1000)])
    settling = s[Phase.SETTLING]
    assert settling.amount_due is not None
    captured = settling.amount_due.total_ore
    s[Phase.DONE] = drive(
        settling,
        [
            CaptureSucceeded(T0 + 63_000, captured),
            CancelSucceeded(T0 + 64_000, BUDGET_ORE - captured),
            ReceiptPosted(T0 + 65_000),
            PaymentStatus(
                T0 + 66_000, PaymentState.AUTHORIZED, BUDGET_ORE, captured, BUDGET_ORE - captured
            ),
        ],
    )
    s[Phase.ATTENTION] = drive(
        settling,
        [
            CaptureSucceeded(T0 + 63_000, captured),
            CancelSucceeded(T0 + 64_000, BUDGET_ORE - captured),
            ReceiptPosted(T0 + 65_000),
            PaymentStatus(T0 + 66_000, PaymentState.AUTHORIZED, BUDGET_ORE, captured, 0),
        ],
    )
    s[Phase.RECOVERING] = drive(s[Phase.CHARGING], [Rebooted(T0 + 20_000)])
    assert {phase: state.phase for phase, state in s.items()} == {p: p for p in s}
    return s


def settling_steps() -> dict[str, SessionState]:
    """The settling state at each later step (cancel, receipt, verify)."""
    settling = states()[Phase.SETTLING]
    assert settling.amount_due is not None
    captured = settling.amount_due.total_ore
    at_cancel = drive(settling, [CaptureSucceeded(T0 + 63_000, captured)])
    at_receipt = drive(at_cancel, [CancelSucceeded(T0 + 64_000, BUDGET_ORE - captured)])
    at_verify = drive(at_receipt, [ReceiptPosted(T0 + 65_000)])
    return {"cancel": at_cancel, "receipt": at_receipt, "verify": at_verify}


def sample_events(state: SessionState) -> list[Event]:
    """One representative event of every type, 1 s after the state's last event."""
    t = (state.last_meter_ms or T0) + 1000
    due = state.amount_due.total_ore if state.amount_due is not None else 0
    return [
        ConnectorTapped(t),
        BudgetChosen(t, SESSION_ID, REFERENCE, BUDGET_ORE, TARIFF),
        CancelTapped(t),
        StopRequested(t),
        ChargerReading(t, IecState.C, (state.last_meter_wh or START_WH) + 5, 7000),
        ChargerUnreachable(t),
        PaymentCreated(t, "https://qr.example/1"),
        PaymentCreateFailed(t, retryable=True),
        PaymentStatus(t, PaymentState.AUTHORIZED, BUDGET_ORE),
        PaymentQueryFailed(t),
        CaptureSucceeded(t, due),
        CaptureFailed(t, retryable=True, error_code="6280"),
        CancelSucceeded(t, BUDGET_ORE - due),
        CancelFailed(t, CancelFailure.ALREADY_AUTHORIZED, "6060"),
        ReceiptPosted(t),
        ReceiptFailed(t, retryable=True),
        Tick(t + 24 * 3_600_000),
        Rebooted(t),
    ]
