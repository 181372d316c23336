"""Idempotency-Key store (§3.11) and the expiry timer on an injected clock (§3.10)."""

from __future__ import annotations

import asyncio

import httpx
from vipps_emulator_helpers import (
    KEY_HEADERS,
    TOKEN_HEADERS,
    create,
    error_code,
    modify,
    payment_body,
)

from kiosk.sandbox.vipps import Emulator, EmulatorConfig, ManualClock, PaymentState, create_app

REF = "st21-session-0001"


async def test_same_key_same_body_replays_the_outcome(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    first = await create(client, payment_body(), key="create-1")
    again = await create(client, payment_body(), key="create-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json() == again.json()
    emulator.approve(REF)
    capture_1 = await modify(client, REF, "capture", 1000, "capture-1")
    capture_2 = await modify(client, REF, "capture", 1000, "capture-1")
    assert capture_1.json() == capture_2.json()
    assert emulator.payment(REF).captured_value == 1000
    assert [e.name.value for e in emulator.events(REF)].count("CAPTURED") == 1


async def test_same_key_different_body_is_409_with_the_operation_code(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await create(client, payment_body(), key="create-1")
    changed = await create(
        client, payment_body(amount={"currency": "NOK", "value": 500}), key="create-1"
    )
    assert (changed.status_code, error_code(changed)) == (409, 4020)
    emulator.approve(REF)
    await modify(client, REF, "capture", 1000, "capture-1")
    capture = await modify(client, REF, "capture", 2000, "capture-1")
    assert (capture.status_code, error_code(capture)) == (409, 4010)
    await modify(client, REF, "refund", 100, "refund-1")
    refund = await modify(client, REF, "refund", 200, "refund-1")
    assert (refund.status_code, error_code(refund)) == (409, 4150)
    assert emulator.payment(REF).captured_value == 1000


async def test_new_key_with_a_used_reference_is_refused(client: httpx.AsyncClient) -> None:
    await create(client, payment_body(), key="create-1")
    reused = await create(client, payment_body(), key="create-2")
    assert (reused.status_code, error_code(reused)) == (409, 4150)


async def test_a_4xx_sticks_to_its_key(client: httpx.AsyncClient, emulator: Emulator) -> None:
    await create(client, payment_body())
    early = await modify(client, REF, "capture", 1000, "capture-1")
    assert error_code(early) == 6080
    emulator.approve(REF)
    same_key = await modify(client, REF, "capture", 1000, "capture-1")
    assert error_code(same_key) == 6080
    new_key = await modify(client, REF, "capture", 1000, "capture-2")
    assert new_key.status_code == 200


async def test_keys_are_scoped_per_operation(client: httpx.AsyncClient, emulator: Emulator) -> None:
    await create(client, payment_body(), key="same-key")
    emulator.approve(REF)
    assert (await modify(client, REF, "capture", 1000, "same-key")).status_code == 200
    assert (await modify(client, REF, "cancel", None, "same-key")).status_code == 200


async def test_payment_expires_after_ten_minutes_on_the_clock(
    client: httpx.AsyncClient, emulator: Emulator, clock: ManualClock
) -> None:
    await create(client, payment_body())
    clock.advance(599)
    assert (await client.get(f"/epayment/v1/payments/{REF}")).json()["state"] == "CREATED"
    clock.advance(1)
    assert (await client.get(f"/epayment/v1/payments/{REF}")).json()["state"] == "EXPIRED"
    events = (await client.get(f"/epayment/v1/payments/{REF}/events")).json()
    assert [e["name"] for e in events] == ["CREATED", "EXPIRED"]


async def test_background_ticker_expires_without_any_request() -> None:
    clock = ManualClock()
    emulator = Emulator(EmulatorConfig(strict=False, expiry_tick_s=0.01), clock=clock)
    expired: list[str] = []
    emulator.add_listener(lambda p, e: expired.append(e.name.value))
    transport = httpx.ASGITransport(app=create_app(emulator=emulator))
    async with httpx.AsyncClient(transport=transport, base_url="http://vipps.test") as client:
        token = (await client.post("/accesstoken/get", headers=TOKEN_HEADERS)).json()
        client.headers.update(KEY_HEADERS | {"Authorization": f"Bearer {token['access_token']}"})
        await create(client, payment_body())
    await emulator.start()
    clock.advance(600)
    async with asyncio.timeout(2):
        while "EXPIRED" not in expired:
            await asyncio.sleep(0.01)
    assert emulator.payments[REF].state is PaymentState.EXPIRED
    await emulator.aclose()


async def test_qr_image_answers_404_once_the_payment_expired(
    client: httpx.AsyncClient, clock: ManualClock
) -> None:
    body = payment_body(qrFormat={"format": "IMAGE/SVG+XML"})
    url = (await create(client, body)).json()["redirectUrl"]
    assert (await client.get(url)).status_code == 200
    clock.advance(600)
    assert (await client.get(url)).status_code == 404
