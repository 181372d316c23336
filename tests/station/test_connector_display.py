"""``display.connector_view``: the push number and the receipt link on the driver's screens.

The states are reached through the core's transition table, the way the controller gets them.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.core.events import (
    BudgetChosen,
    CancelFailed,
    CancelFailure,
    CancelSucceeded,
    CaptureSucceeded,
    ChargerReading,
    ConnectorTapped,
    Event,
    IecState,
    PaymentCreated,
    PaymentState,
    PaymentStatus,
    ReceiptFailed,
    ReceiptPosted,
    StopRequested,
)
from kiosk.core.session import transition
from kiosk.core.state import Phase, SessionState, idle_state
from kiosk.core.tariff import TariffSnapshot
from kiosk.payments.settings import VippsSettings
from kiosk.station.connector_display import connector_view
from kiosk.station.snapshot import ConnectorSnapshot, Screen

TEMPLATE = "https://ladeskjerm.example/s/{session_id}"
SESSION_ID = "5b0c2d6e9f1a4b7c8d3e2f10"
REFERENCE = f"ls-{SESSION_ID}"
TARIFF = TariffSnapshot(price_ore_per_kwh=350)
BUDGET_ORE = 35_000
T0 = 1_700_000_000_000
WH = 1_000_000


def _drive(*events: Event, state: SessionState | None = None) -> SessionState:
    state = state or idle_state("1")
    for event in events:
        step = transition(state, event)
        assert not step.rejected, (state.phase, event)
        state = step.state
    return state


def _budget(phone: str | None = None) -> SessionState:
    return _drive(
        ChargerReading(T0, IecState.B, WH, 0),
        ConnectorTapped(T0 + 1000),
        BudgetChosen(T0 + 2000, SESSION_ID, REFERENCE, BUDGET_ORE, TARIFF, phone_number=phone),
    )


def _phases() -> dict[Phase, SessionState]:
    creating = _budget()
    awaiting = _drive(PaymentCreated(T0 + 3000, "https://qr.example/1"), state=creating)
    charging = _drive(
        PaymentStatus(T0 + 4000, PaymentState.AUTHORIZED, BUDGET_ORE),
        ChargerReading(T0 + 5000, IecState.C, WH + 10, 7000),
        ChargerReading(T0 + 60_000, IecState.C, WH + 1000, 7000),
        state=awaiting,
    )
    settling = _drive(
        StopRequested(T0 + 61_000),
        ChargerReading(T0 + 62_000, IecState.B, WH + 1000, 0),
        state=charging,
    )
    assert settling.amount_due is not None
    due = settling.amount_due.total_ore
    done = _drive(
        CaptureSucceeded(T0 + 63_000, due),
        CancelSucceeded(T0 + 64_000, BUDGET_ORE - due),
        ReceiptPosted(T0 + 65_000),
        PaymentStatus(T0 + 66_000, PaymentState.AUTHORIZED, BUDGET_ORE, due, BUDGET_ORE - due),
        state=settling,
    )
    found = {s.phase: s for s in (creating, awaiting, charging, settling, done)}
    assert set(found) == {
        Phase.CREATING_PAYMENT,
        Phase.AWAITING_APPROVAL,
        Phase.CHARGING,
        Phase.SETTLING,
        Phase.DONE,
    }
    return found


S = _phases()


def _view(state: SessionState, template: str | None = TEMPLATE) -> ConnectorSnapshot:
    return connector_view(
        state,
        connector_id=1,
        name="Kontakt 1",
        now_ms=T0 + 100_000,
        out_of_order=False,
        receipt_url_template=template,
    )


def test_done_with_a_capture_links_the_same_page_as_the_receipt() -> None:
    done = S[Phase.DONE]
    assert done.captured_ore > 0
    view = _view(done)
    assert view.screen is Screen.DONE
    settings = VippsSettings(
        client_id="id",
        client_secret="secret",
        subscription_key="key",
        merchant_serial_number="123456",
        receipt_url_template=TEMPLATE,
    )
    assert view.receipt_url == settings.receipt_url(SESSION_ID)
    assert view.receipt_url == f"https://ladeskjerm.example/s/{SESSION_ID}"


def _not_done() -> dict[str, SessionState]:
    settling = S[Phase.SETTLING]
    assert settling.amount_due is not None
    due = settling.amount_due.total_ore
    captured = _drive(CaptureSucceeded(T0 + 63_000, due), state=settling)
    return {
        **{phase.value: state for phase, state in S.items() if phase is not Phase.DONE},
        # the payment service is down after the capture: "Done" shows, no receipt yet
        "queued": _drive(CancelFailed(T0 + 64_000, CancelFailure.RETRYABLE), state=captured),
        "attention": _drive(
            CancelSucceeded(T0 + 64_000, BUDGET_ORE - due),
            ReceiptFailed(T0 + 65_000, retryable=False),
            PaymentStatus(T0 + 66_000, PaymentState.AUTHORIZED, BUDGET_ORE, due, BUDGET_ORE - due),
            state=captured,
        ),
        "declined": _drive(
            PaymentStatus(T0 + 4000, PaymentState.ABORTED), state=S[Phase.AWAITING_APPROVAL]
        ),
    }


NOT_DONE = _not_done()


@pytest.mark.parametrize("name", sorted(NOT_DONE))
def test_no_link_unless_settled_with_the_receipt_posted(name: str) -> None:
    state = NOT_DONE[name]
    assert state.phase is not Phase.DONE
    assert _view(state).receipt_url is None


def test_the_queued_and_attention_samples_are_what_they_say() -> None:
    assert NOT_DONE["queued"].is_queued_settlement
    assert _view(NOT_DONE["queued"]).screen is Screen.DONE
    assert NOT_DONE["attention"].phase is Phase.ATTENTION
    assert NOT_DONE["attention"].captured_ore > 0
    assert NOT_DONE["declined"].phase is Phase.ENDED


def test_no_link_without_a_capture_or_a_template() -> None:
    released = replace(S[Phase.DONE], captured_ore=0)
    assert _view(released).receipt_url is None
    assert _view(S[Phase.DONE], None).receipt_url is None


def test_a_push_payment_shows_the_masked_number_and_no_qr() -> None:
    creating = _budget("4791234567")
    awaiting = _drive(PaymentCreated(T0 + 3000, ""), state=creating)
    for state in (creating, awaiting):
        view = _view(state)
        assert view.screen is Screen.PAY
        assert (view.qr_text, view.phone_number) == (None, "+47 *****567")
    view = _view(S[Phase.AWAITING_APPROVAL])
    assert (view.qr_text, view.phone_number) == ("https://qr.example/1", None)


def test_the_time_shown_is_the_time_billed_without_an_outage() -> None:
    charging = S[Phase.CHARGING]
    now_ms = T0 + 100_000
    assert _view(charging).elapsed_s == (now_ms - (charging.charging_started_ms or 0)) // 1000
    after_outage = replace(charging, outage_ms=30_000)
    assert _view(after_outage).elapsed_s == (_view(charging).elapsed_s or 0) - 30
