"""The customer's phone page (plain HTML forms) and the /_emulator control endpoints."""

from __future__ import annotations

import re

import httpx
from vipps_emulator_helpers import create, payment_body

from kiosk.sandbox.vipps import Emulator, PaymentState

REF = "st21-session-0001"


def _token(url: str) -> str:
    match = re.search(r"token=([^&]+)", url)
    assert match is not None
    return match.group(1)


async def test_phone_page_shows_the_payment_and_approves(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    url = (await create(client, payment_body())).json()["redirectUrl"]
    page = await client.get(url)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "350,00 NOK" in page.text
    assert "Temporary reservation of maximum amount" in page.text
    assert "<script" not in page.text
    posted = await client.post("/phone/approve", data={"token": _token(url)})
    assert posted.status_code == 303
    assert emulator.payment(REF).state is PaymentState.AUTHORIZED
    after = await client.get(posted.headers["location"])
    assert "id='state'>AUTHORIZED<" in after.text
    assert "id='approve'" not in after.text


async def test_phone_page_declines(client: httpx.AsyncClient, emulator: Emulator) -> None:
    url = (await create(client, payment_body())).json()["redirectUrl"]
    posted = await client.post("/phone/decline", data={"token": _token(url)})
    assert posted.status_code == 303
    assert emulator.payment(REF).state is PaymentState.ABORTED
    late = await client.post("/phone/approve", data={"token": _token(url)})
    assert late.status_code == 200
    assert "Approve not allowed" in late.text


async def test_phone_page_unknown_token_is_404(client: httpx.AsyncClient) -> None:
    assert (await client.get("/phone?token=nope")).status_code == 404
    assert (await client.post("/phone/approve", data={"token": "nope"})).status_code == 404


async def test_push_inbox_lists_payments_for_a_phone(client: httpx.AsyncClient) -> None:
    body = payment_body(userFlow="PUSH_MESSAGE", customer={"phoneNumber": "4791234567"})
    del body["qrFormat"]
    await create(client, body)
    inbox = await client.get("/phone/push/4791234567")
    assert "/phone?token=" in inbox.text
    assert "/phone?token=" not in (await client.get("/phone/push/4799999999")).text


async def test_control_endpoints_act_as_the_customer(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    for index, action in enumerate(["approve", "decline", "expire"]):
        ref = f"{REF}-{index}"
        await create(client, payment_body(ref))
        response = await client.post(f"/_emulator/payments/{ref}/{action}")
        assert response.status_code == 200
    states = [emulator.payment(f"{REF}-{i}").state.value for i in range(3)]
    assert states == ["AUTHORIZED", "ABORTED", "EXPIRED"]
    await create(client, payment_body(f"{REF}-3"))
    on = await client.post(f"/_emulator/payments/{REF}-3/authorizing", json={"authorizing": True})
    assert on.json()["userAuthorizing"] is True
    listed = (await client.get("/_emulator/payments")).json()
    assert len(listed) == 4
    assert listed[0]["phoneUrl"].startswith("http://vipps.test/phone?token=")
    assert (await client.post(f"/_emulator/payments/{REF}-0/approve")).status_code == 409
    assert (await client.post("/_emulator/payments/st21-unknown-1/approve")).status_code == 404
