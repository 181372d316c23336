"""ePayment over HTTP against the in-process emulator: the EV lifecycle and the state machine."""

from __future__ import annotations

import httpx
from vipps_emulator_helpers import create, error_code, modify, payment_body

from kiosk.sandbox.vipps import Emulator

REF = "st21-session-0001"


async def _authorized(client: httpx.AsyncClient, emulator: Emulator, ref: str = REF) -> None:
    assert (await create(client, payment_body(ref))).status_code == 201
    emulator.approve(ref)


async def test_create_returns_a_target_url_on_the_emulator(client: httpx.AsyncClient) -> None:
    response = await create(client, payment_body())
    assert response.status_code == 201
    body = response.json()
    assert body["reference"] == REF
    assert body["redirectUrl"].startswith("http://vipps.test/phone?token=")
    payment = (await client.get(f"/epayment/v1/payments/{REF}")).json()
    assert payment["state"] == "CREATED"
    assert payment["metadata"] == {"station": "21", "connector": "1", "session": "s-0001"}
    assert payment["aggregate"]["authorizedAmount"] == {"currency": "NOK", "value": 0}


async def test_ev_lifecycle_partial_capture_then_cancel_the_rest(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await _authorized(client, emulator)
    captured = await modify(client, REF, "capture", 4321, "capture-1")
    assert captured.status_code == 200
    assert captured.json()["aggregate"]["capturedAmount"]["value"] == 4321
    cancelled = await modify(client, REF, "cancel", None, "cancel-1")
    assert cancelled.status_code == 200
    aggregate = cancelled.json()["aggregate"]
    assert aggregate["cancelledAmount"]["value"] == 35000 - 4321
    payment = (await client.get(f"/epayment/v1/payments/{REF}")).json()
    assert payment["state"] == "AUTHORIZED"
    agg = payment["aggregate"]
    total = agg["capturedAmount"]["value"] + agg["cancelledAmount"]["value"]
    assert total == agg["authorizedAmount"]["value"] == 35000
    events = (await client.get(f"/epayment/v1/payments/{REF}/events")).json()
    assert [e["name"] for e in events] == ["CREATED", "AUTHORIZED", "CAPTURED", "CANCELLED"]
    assert [e["amount"]["value"] for e in events] == [35000, 35000, 4321, 30679]
    assert len({e["pspReference"] for e in events}) == 4


async def test_capture_after_cancel_is_6070(client: httpx.AsyncClient, emulator: Emulator) -> None:
    await _authorized(client, emulator)
    await modify(client, REF, "capture", 1000, "capture-1")
    await modify(client, REF, "cancel", None, "cancel-1")
    response = await modify(client, REF, "capture", 1000, "capture-2")
    assert (response.status_code, error_code(response)) == (400, 6070)
