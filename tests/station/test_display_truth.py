"""The screen tells the truth when things break (issue 14): table tests of the pure display
functions in ``kiosk.station.connector_display``.

* ``charging_why``: the one-line reason for every case of PRODUCT.md §2 step 5;
* ``tile_failure``: a charger reporting a fault (IEC E/F) is a fault, "not responding" only
  when the link is lost;
* ``with_storage_fault``: the station-problem line on a running charge's screens only;
* ``connector_view(...).settlement_pending``: "Done" while the money still waits for the
  payment service says what will be charged.

The states are reached through the core's transition table, as the controller gets them.
"""

from __future__ import annotations

import pytest

from kiosk.core.events import (
    BudgetChosen,
    CancelFailed,
    CancelFailure,
    CancelSucceeded,
    CaptureFailed,
    CaptureSucceeded,
    ChargerReading,
    ChargerUnreachable,
    ConnectorTapped,
    Event,
    IecState,
    PaymentCreated,
    PaymentState,
    PaymentStatus,
    ReceiptPosted,
    StopRequested,
)
from kiosk.core.session import transition
from kiosk.core.state import Phase, SessionPolicy, SessionState, idle_state
from kiosk.core.tariff import TariffSnapshot
from kiosk.station.connector_display import (
    charging_why,
    connector_view,
    tile_failure,
    with_storage_fault,
)
from kiosk.station.snapshot import ConnectorSnapshot, Failure, Screen, StorageFault, Why

T0 = 1_700_000_000_000
WH = 1_000_000
BUDGET_ORE = 35_000
POLICY = SessionPolicy(max_current_a=16)
TARIFF = TariffSnapshot(price_ore_per_kwh=350)
SESSION_ID = "5b0c2d6e9f1a4b7c8d3e2f10"


def _drive(state: SessionState, *events: Event) -> SessionState:
    for event in events:
        step = transition(state, event)
        assert not step.rejected, (state.phase, event)
        state = step.state
    return state


def _enabled() -> SessionState:
    """Approved and plugged: the charger was just enabled, the car has not drawn yet."""
    return _drive(
        idle_state("1", POLICY),
        ChargerReading(T0, IecState.B, WH, 0),
        ConnectorTapped(T0 + 1000),
        BudgetChosen(T0 + 2000, SESSION_ID, f"ls-{SESSION_ID}", BUDGET_ORE, TARIFF),
        PaymentCreated(T0 + 3000, "https://qr.example/1"),
        PaymentStatus(T0 + 4000, PaymentState.AUTHORIZED, BUDGET_ORE),
    )


ENABLED = _enabled()
DRAWING = _drive(ENABLED, ChargerReading(T0 + 5000, IecState.C, WH + 10, 7000))
PAUSED_C = _drive(DRAWING, ChargerReading(T0 + 6000, IecState.C, WH + 12, 0))
PAUSED_B = _drive(DRAWING, ChargerReading(T0 + 6000, IecState.B, WH + 12, 0))


def test_the_states_are_what_the_table_below_assumes() -> None:
    assert ENABLED.phase is Phase.CHARGING
    assert ENABLED.paused_since_ms is not None
    assert DRAWING.phase is Phase.CHARGING
    assert DRAWING.paused_since_ms is None
    assert PAUSED_C.phase is Phase.CAR_PAUSED
    assert PAUSED_B.phase is Phase.CAR_PAUSED


@pytest.mark.parametrize(
    ("state", "offered_a", "why"),
    [
        (ENABLED, 16.0, Why.WAITING_FOR_CAR),
        (ENABLED, None, Why.WAITING_FOR_CAR),
        (DRAWING, 16.0, Why.CHARGING),
        (DRAWING, None, Why.CHARGING),
        (DRAWING, 15.5, Why.CHARGING),  # within the margin: the charger's rounding
        (DRAWING, 10.0, Why.STATION_LIMITING),
        (PAUSED_C, 16.0, Why.CAR_PAUSED),
        (PAUSED_C, None, Why.CAR_PAUSED),
        (PAUSED_C, 0.0, Why.STATION_LIMITING),  # nothing offered: the station holds it back
        (PAUSED_B, 16.0, Why.CAR_FULL),  # the car stopped asking for energy
        (PAUSED_B, None, Why.CAR_FULL),
        (PAUSED_B, 5.0, Why.STATION_LIMITING),
        (idle_state("1", POLICY), 16.0, None),
        (_drive(DRAWING, StopRequested(T0 + 7000)), 16.0, None),  # STOPPING
    ],
)
def test_why_line(state: SessionState, offered_a: float | None, why: Why | None) -> None:
    assert charging_why(state, offered_a) is why


def test_every_why_of_the_product_spec_is_reachable() -> None:
    seen = {
        charging_why(state, offered)
        for state in (ENABLED, DRAWING, PAUSED_C, PAUSED_B)
        for offered in (None, 0.0, 10.0, 16.0)
    }
    assert seen == set(Why)


IDLE = _drive(idle_state("1", POLICY), ChargerReading(T0, IecState.A, WH, 0))
FAULT_F = _drive(IDLE, ChargerReading(T0 + 1, IecState.F, WH, 0))
FAULT_E = _drive(IDLE, ChargerReading(T0 + 1, IecState.E, WH, 0))


@pytest.mark.parametrize(
    ("state", "failure", "screen"),
    [
        (IDLE, None, Screen.IDLE),
        (_drive(IDLE, ChargerReading(T0 + 1, IecState.B, WH, 0)), None, Screen.CAR_CONNECTED),
        (
            _drive(IDLE, ChargerReading(T0 + 1, IecState.F, WH, 0)),
            Failure.CHARGER_FAULT,
            Screen.FAULT,
        ),
        (
            _drive(IDLE, ChargerReading(T0 + 1, IecState.E, WH, 0)),
            Failure.CHARGER_FAULT,
            Screen.FAULT,
        ),
        (_drive(IDLE, ChargerUnreachable(T0 + 1)), Failure.CHARGER_NOT_RESPONDING, Screen.FAULT),
    ],
)
def test_a_fault_is_a_fault_and_not_responding_is_a_lost_link(
    state: SessionState, failure: Failure | None, screen: Screen
) -> None:
    assert tile_failure(state) is failure
    view = connector_view(state, connector_id=1, name="K1", now_ms=T0 + 2, out_of_order=False)
    assert view.screen is screen
    assert view.failure is failure


def test_out_of_order_hides_the_fault() -> None:
    faulty = _drive(IDLE, ChargerReading(T0 + 1, IecState.F, WH, 0))
    view = connector_view(faulty, connector_id=1, name="K1", now_ms=T0 + 2, out_of_order=True)
    assert (view.screen, view.failure) == (Screen.OUT_OF_ORDER, None)


def _plain(screen: Screen) -> ConnectorSnapshot:
    return ConnectorSnapshot(1, "K1", screen, energy_wh=120, power_w=7000)


@pytest.mark.parametrize(
    ("screen", "fault", "problem"),
    [
        (Screen.CHARGING, StorageFault.BUSY, True),
        (Screen.CHARGING, StorageFault.FULL, True),
        (Screen.CHARGING, StorageFault.UNAVAILABLE, True),
        (Screen.CHARGING, StorageFault.STALLED, True),
        (Screen.STOPPING, StorageFault.BUSY, True),
        (Screen.CHARGING, None, False),
        (Screen.IDLE, StorageFault.BUSY, False),
        (Screen.PAY, StorageFault.FULL, False),
        (Screen.DONE, StorageFault.STALLED, False),
    ],
)
def test_station_problem_line(screen: Screen, fault: StorageFault | None, problem: bool) -> None:
    shown = with_storage_fault(_plain(screen), fault)
    assert shown.station_problem is problem
    assert (shown.energy_wh, shown.power_w) == (120, 7000)  # the live numbers stay


def test_station_problem_line_goes_when_records_are_written_again() -> None:
    shown = with_storage_fault(_plain(Screen.CHARGING), StorageFault.BUSY)
    assert with_storage_fault(shown, None).station_problem is False


SETTLING = _drive(
    DRAWING,
    ChargerReading(T0 + 60_000, IecState.C, WH + 1000, 7000),
    StopRequested(T0 + 61_000),
    ChargerReading(T0 + 62_000, IecState.B, WH + 1000, 0),
)
DUE = SETTLING.amount_due.total_ore if SETTLING.amount_due is not None else 0
CAPTURE_QUEUED = _drive(SETTLING, CaptureFailed(T0 + 63_000, True, None))
CANCEL_QUEUED = _drive(
    SETTLING, CaptureSucceeded(T0 + 63_000, DUE), CancelFailed(T0 + 64_000, CancelFailure.RETRYABLE)
)
SETTLED = _drive(
    SETTLING,
    CaptureSucceeded(T0 + 63_000, DUE),
    CancelSucceeded(T0 + 64_000, BUDGET_ORE - DUE),
    ReceiptPosted(T0 + 65_000),
    PaymentStatus(T0 + 66_000, PaymentState.AUTHORIZED, BUDGET_ORE, DUE, BUDGET_ORE - DUE),
)


@pytest.mark.parametrize(
    ("state", "screen", "pending", "paid_ore"),
    [
        (CAPTURE_QUEUED, Screen.DONE, True, None),
        (CANCEL_QUEUED, Screen.DONE, True, None),
        (SETTLED, Screen.DONE, False, DUE),
        (SETTLING, Screen.SETTLING, False, None),  # settling in the foreground: no "Done" yet
        (DRAWING, Screen.CHARGING, False, None),
    ],
)
def test_done_says_what_will_be_charged_while_the_money_is_pending(
    state: SessionState, screen: Screen, pending: bool, paid_ore: int | None
) -> None:
    view = connector_view(state, connector_id=1, name="K1", now_ms=T0 + 70_000, out_of_order=False)
    assert view.screen is screen
    assert view.settlement_pending is pending
    assert view.paid_ore == paid_ore
    if pending:
        assert 0 < DUE < BUDGET_ORE
        assert view.cost_ore == DUE  # "NOK X will be charged"
        assert view.authorized_ore == BUDGET_ORE  # "... and the rest released"
