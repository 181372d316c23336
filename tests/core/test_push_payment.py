"""Push payments in the core: the phone number goes to ``CreatePayment`` and nowhere it stays.

The full number is in the ``BudgetChosen`` event and the ``CreatePayment`` effect only (in
memory); the state keeps its mask, the journal form of the event too, and neither ``repr``
shows it. Every (phase, event) pair treats a push ``BudgetChosen`` like a QR one.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from core_world import (
    BUDGET_ORE,
    REFERENCE,
    SESSION_ID,
    T0,
    TARIFF,
    drive,
    run,
    states,
)
from test_session_table import STATES

from kiosk.core.codec import decode_effect, decode_event, decode_state, encode
from kiosk.core.effects import CreatePayment
from kiosk.core.events import BudgetChosen, PaymentCreated, Tick, journal_form
from kiosk.core.phone import masked_phone, valid_phone
from kiosk.core.state import Phase

PHONE = "4791234567"
S = states()


def push_chosen(t: int, phone: str = PHONE) -> BudgetChosen:
    return BudgetChosen(T0 + t, SESSION_ID, REFERENCE, BUDGET_ORE, TARIFF, phone_number=phone)


def test_mask_keeps_the_country_code_and_three_digits() -> None:
    assert masked_phone(PHONE) == "+47 *****567"
    assert masked_phone("4512345678901") == "+45 ********901"
    assert masked_phone("12ab") == "*****"
    assert valid_phone(PHONE)
    for bad in ("", "12345", "+4791234567", "47 91234567", "٤٧٩١٢٣٤٥٦٧", "1" * 16):
        assert not valid_phone(bad), bad


def test_budget_with_a_phone_creates_a_push_payment() -> None:
    step = run(S[Phase.CHOOSING_BUDGET], push_chosen(3000))
    assert step.state.phase is Phase.CREATING_PAYMENT
    creates = [e for e in step.effects if isinstance(e, CreatePayment)]
    assert len(creates) == 1
    assert creates[0].phone_number == PHONE
    assert creates[0].amount_ore == BUDGET_ORE
    assert step.state.push_phone_masked == "+47 *****567"
    assert PHONE not in json.dumps(encode(step.state))


def test_a_qr_budget_creates_no_push() -> None:
    step = run(S[Phase.CHOOSING_BUDGET], replace(push_chosen(3000), phone_number=None))
    create = next(e for e in step.effects if isinstance(e, CreatePayment))
    assert create.phone_number is None
    assert step.state.push_phone_masked is None


@pytest.mark.parametrize("phone", ["", "12ab", "+47 912 34 567", "9123"])
def test_an_invalid_phone_number_is_rejected(phone: str) -> None:
    state = S[Phase.CHOOSING_BUDGET]
    step = run(state, push_chosen(3000, phone))
    assert step.rejected
    assert step.state is state
    assert step.effects == ()


def test_the_number_never_shows_in_repr_or_the_journal() -> None:
    event = push_chosen(3000)
    for text in (repr(event), str(event), repr(run(S[Phase.CHOOSING_BUDGET], event).effects)):
        assert PHONE not in text
    stored = journal_form(event)
    assert isinstance(stored, BudgetChosen)
    assert stored.phone_number == "+47 *****567"
    assert PHONE not in json.dumps(encode(stored))
    assert journal_form(replace(event, phone_number=None)) == replace(event, phone_number=None)
    tick = Tick(T0)
    assert journal_form(tick) is tick


def test_push_event_effect_and_state_survive_json() -> None:
    event = push_chosen(3000)
    assert decode_event(json.loads(json.dumps(encode(event)))) == event
    step = run(S[Phase.CHOOSING_BUDGET], event)
    for effect in step.effects:
        assert decode_effect(json.loads(json.dumps(encode(effect)))) == effect
    created = drive(step.state, [PaymentCreated(T0 + 4000, "")])
    assert decode_state(json.loads(json.dumps(encode(created)))) == created
    old_row = encode(BudgetChosen(T0, SESSION_ID, REFERENCE, BUDGET_ORE, TARIFF))
    del old_row["phone_number"]  # a row journalled before push payments existed
    decoded = decode_event(old_row)
    assert isinstance(decoded, BudgetChosen)
    assert decoded.phone_number is None


def test_a_push_payment_waits_for_approval_like_a_qr_payment() -> None:
    created = drive(S[Phase.CHOOSING_BUDGET], [push_chosen(3000), PaymentCreated(T0 + 4000, "")])
    assert created.phase is Phase.AWAITING_APPROVAL
    assert created.push_phone_masked == "+47 *****567"
    assert created.qr_url == ""
    timed_out = drive(created, [Tick(T0 + 3_600_000)])  # approval timeout: the kiosk cancels
    assert timed_out.phase is Phase.CANCELLING_PAYMENT
    assert timed_out.push_phone_masked == "+47 *****567"


@pytest.mark.parametrize("name", sorted(STATES))
def test_every_phase_treats_a_push_budget_like_a_qr_budget(name: str) -> None:
    state = STATES[name]
    qr = run(state, BudgetChosen(T0 + 9000, SESSION_ID, REFERENCE, BUDGET_ORE, TARIFF))
    push = run(state, push_chosen(9000))
    assert push.rejected == qr.rejected
    assert push.state.phase is qr.state.phase
    assert [type(e) for e in push.effects] == [type(e) for e in qr.effects]
    if qr.rejected:
        assert push.state is state
    else:
        assert replace(push.state, push_phone_masked=None) == qr.state
