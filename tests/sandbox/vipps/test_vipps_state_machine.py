"""State machine, aggregates, cancel semantics, refunds, magic amounts (digest §3.5–§3.15)."""

from __future__ import annotations

import httpx
import pytest
from vipps_emulator_helpers import create, error_code, modify, payment_body

from kiosk.sandbox.vipps import Emulator, ManualClock, PaymentState

REF = "st21-session-0001"


async def _get(client: httpx.AsyncClient, ref: str = REF) -> dict[str, object]:
    response = await client.get(f"/epayment/v1/payments/{ref}")
    assert response.status_code == 200
    body: dict[str, object] = response.json()
    return body


def _agg(payment: dict[str, object]) -> tuple[int, int, int, int]:
    agg = payment["aggregate"]
    assert isinstance(agg, dict)
    return tuple(
        agg[name]["value"]
        for name in ("authorizedAmount", "capturedAmount", "cancelledAmount", "refundedAmount")
    )


async def test_cancel_before_approval_terminates(client: httpx.AsyncClient) -> None:
    await create(client, payment_body())
    response = await modify(client, REF, "cancel", None, "cancel-1")
    assert response.status_code == 200
    assert response.json()["state"] == "TERMINATED"
    assert _agg(await _get(client)) == (0, 0, 35000, 0)


async def test_cancel_transaction_only_races_an_approval_safely(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await create(client, payment_body())
    emulator.approve(REF)
    response = await client.post(
        f"/epayment/v1/payments/{REF}/cancel",
        json={"cancelTransactionOnly": True},
        headers={"Idempotency-Key": "cancel-1"},
    )
    assert (response.status_code, error_code(response)) == (400, 6060)
    assert _agg(await _get(client)) == (35000, 0, 0, 0)


async def test_cancel_transaction_only_before_approval_terminates(
    client: httpx.AsyncClient,
) -> None:
    await create(client, payment_body())
    response = await client.post(
        f"/epayment/v1/payments/{REF}/cancel",
        json={"cancelTransactionOnly": True},
        headers={"Idempotency-Key": "cancel-1"},
    )
    assert response.json()["state"] == "TERMINATED"


async def test_cancel_while_user_is_authorizing_is_423_6250(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await create(client, payment_body())
    emulator.set_user_authorizing(REF)
    blocked = await modify(client, REF, "cancel", None, "cancel-1")
    assert (blocked.status_code, error_code(blocked)) == (423, 6250)
    emulator.set_user_authorizing(REF, False)
    retried = await modify(client, REF, "cancel", None, "cancel-1")  # 423 is not sticky
    assert retried.status_code == 200


async def test_partial_captures_and_refunds_move_only_the_aggregate(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await create(client, payment_body())
    before = await modify(client, REF, "capture", 100, "cap-0")
    assert (before.status_code, error_code(before)) == (400, 6080)
    emulator.approve(REF)
    assert (await modify(client, REF, "capture", 10000, "cap-1")).status_code == 200
    assert (await modify(client, REF, "capture", 5000, "cap-2")).status_code == 200
    too_high = await modify(client, REF, "capture", 20001, "cap-3")
    assert error_code(too_high) == 6090
    zero = await modify(client, REF, "capture", 0, "cap-4")
    assert error_code(zero) == 6010
    assert error_code(await modify(client, REF, "refund", 15001, "ref-1")) == 6150
    assert (await modify(client, REF, "refund", 2000, "ref-2")).status_code == 200
    payment = await _get(client)
    assert payment["state"] == "AUTHORIZED"
    assert _agg(payment) == (35000, 15000, 0, 2000)
    cancel = await modify(client, REF, "cancel", None, "can-1")
    assert _agg(cancel.json()) == (35000, 15000, 20000, 2000)
    assert error_code(await modify(client, REF, "cancel", None, "can-2")) == 6190
    assert emulator.payment(REF).captured_value == 15000


async def test_full_capture_cannot_be_cancelled(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await create(client, payment_body())
    emulator.approve(REF)
    await modify(client, REF, "capture", 35000, "cap-1")
    assert error_code(await modify(client, REF, "cancel", None, "can-1")) == 6040
    assert error_code(await modify(client, REF, "capture", 1, "cap-2")) == 6170


async def test_currency_mismatch_in_modification(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await create(client, payment_body())
    emulator.approve(REF)
    response = await client.post(
        f"/epayment/v1/payments/{REF}/capture",
        json={"modificationAmount": {"currency": "EUR", "value": 100}},
        headers={"Idempotency-Key": "c"},
    )
    assert error_code(response) == 4040


@pytest.mark.parametrize("action", ["decline", "expire_now"])
async def test_final_states_refuse_everything(
    client: httpx.AsyncClient, emulator: Emulator, action: str
) -> None:
    await create(client, payment_body())
    getattr(emulator, action)(REF)
    state = (await _get(client))["state"]
    assert state == ("ABORTED" if action == "decline" else "EXPIRED")
    assert error_code(await modify(client, REF, "capture", 100, "c")) == 6200
    assert error_code(await modify(client, REF, "cancel", None, "x")) == 6050
    assert error_code(await modify(client, REF, "refund", 100, "r")) == 6210
    with pytest.raises(Exception, match="Approve not allowed"):
        emulator.approve(REF)


async def test_unknown_reference_is_404_5090(client: httpx.AsyncClient) -> None:
    for response in (
        await client.get("/epayment/v1/payments/st21-nothing-here"),
        await client.get("/epayment/v1/payments/st21-nothing-here/events"),
        await modify(client, "st21-nothing-here", "capture", 100, "c"),
    ):
        assert (response.status_code, error_code(response)) == (404, 5090)


@pytest.mark.parametrize("amount", [151, 182, 183, 184, 186, 187, 197, 202])
async def test_magic_amounts_fail_the_authorization(
    client: httpx.AsyncClient, emulator: Emulator, amount: int
) -> None:
    await create(client, payment_body(amount={"currency": "NOK", "value": amount}))
    emulator.approve(REF)
    assert (await _get(client))["state"] == "ABORTED"
    events = (await client.get(f"/epayment/v1/payments/{REF}/events")).json()
    assert [(e["name"], e["success"]) for e in events] == [
        ("CREATED", True),
        ("AUTHORIZED", False),
        ("ABORTED", True),
    ]
    assert emulator.payment(REF).failure_reason


async def test_magic_amount_201_stays_processing(
    client: httpx.AsyncClient, emulator: Emulator, clock: ManualClock
) -> None:
    await create(client, payment_body(amount={"currency": "NOK", "value": 201}))
    emulator.approve(REF)
    assert emulator.payment(REF).user_authorizing
    assert error_code(await modify(client, REF, "cancel", None, "c")) == 6250
    clock.advance(601)
    assert (await _get(client))["state"] == "CREATED"  # unknown result for an hour
    clock.advance(3600)  # (the access token has expired by now too)
    assert emulator.payment(REF).state is PaymentState.EXPIRED


async def test_magic_refund_amounts(client: httpx.AsyncClient, emulator: Emulator) -> None:
    await create(client, payment_body())
    emulator.approve(REF)
    await modify(client, REF, "capture", 1000, "c")
    assert error_code(await modify(client, REF, "refund", 123, "r1")) == 5100
    assert error_code(await modify(client, REF, "refund", 124, "r2")) == 6220


async def test_test_approve_endpoint(client: httpx.AsyncClient, emulator: Emulator) -> None:
    await create(client, payment_body())
    wrong = await client.post(
        f"/epayment/v1/test/payments/{REF}/approve", json={"token": "not-the-token"}
    )
    assert wrong.status_code == 400
    response = await client.post(
        f"/epayment/v1/test/payments/{REF}/approve",
        json={"customer": {"phoneNumber": "4791234567"}},
    )
    assert response.status_code == 200
    assert response.content == b""
    assert emulator.payment(REF).state is PaymentState.AUTHORIZED
    again = await client.post(f"/epayment/v1/test/payments/{REF}/approve")
    assert error_code(again) == 6230
