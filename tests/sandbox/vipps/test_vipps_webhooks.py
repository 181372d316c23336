"""Webhook registration and signed, ordered, retried delivery, verified with payments.signature."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from vipps_emulator_helpers import (
    BASE_URL,
    KEY_HEADERS,
    TOKEN_HEADERS,
    create,
    modify,
    payment_body,
)

from kiosk.payments import signature
from kiosk.sandbox.vipps import Emulator, EmulatorConfig, ManualClock, create_app

HOOK_URL = "http://kiosk.test:8080/vipps/webhook?station=21"
REF = "st21-hooked-0001"


class Receiver:
    """A webhook endpoint that fails the first ``fail_first`` deliveries."""

    def __init__(self, fail_first: int = 0) -> None:
        self.fail_first = fail_first
        self.received: list[tuple[dict[str, str], bytes]] = []

    async def handle(self, request: Request) -> Response:
        body = await request.body()
        self.received.append((dict(request.headers), body))
        if len(self.received) <= self.fail_first:
            return Response(status_code=503)
        return Response(status_code=200)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/vipps/webhook", self.handle, methods=["POST"])])


async def _setup(
    receiver: Receiver, clock: ManualClock
) -> AsyncIterator[tuple[Emulator, httpx.AsyncClient, str]]:
    config = EmulatorConfig(strict=False, webhook_retry_delays_s=(0.01, 0.01, 0.01))
    emulator = Emulator(
        config, clock=clock, webhook_transport=httpx.ASGITransport(app=receiver.app())
    )
    transport = httpx.ASGITransport(app=create_app(emulator=emulator))
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        token = (await client.post("/accesstoken/get", headers=TOKEN_HEADERS)).json()
        client.headers.update(KEY_HEADERS | {"Authorization": f"Bearer {token['access_token']}"})
        registered = await client.post(
            "/webhooks/v1/webhooks",
            json={
                "url": HOOK_URL,
                "events": [
                    "epayments.payment.created.v1",
                    "epayments.payment.authorized.v1",
                    "epayments.payment.captured.v1",
                    "epayments.payment.cancelled.v1",
                ],
            },
        )
        assert registered.status_code == 201
        yield emulator, client, registered.json()["secret"]
    await emulator.aclose()


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
async def hooked(
    receiver: Receiver, clock: ManualClock
) -> AsyncIterator[tuple[Emulator, httpx.AsyncClient, str]]:
    async for item in _setup(receiver, clock):
        yield item


async def test_deliveries_are_signed_and_verify(
    hooked: tuple[Emulator, httpx.AsyncClient, str], receiver: Receiver, clock: ManualClock
) -> None:
    emulator, client, secret = hooked
    await create(client, payment_body(REF))
    emulator.approve(REF)
    await modify(client, REF, "capture", 1000, "cap-1")
    await emulator.webhooks.drain()
    names = [json.loads(body)["name"] for _, body in receiver.received]
    assert names == ["CREATED", "AUTHORIZED", "CAPTURED"]
    for headers, body in receiver.received:
        signature.verify(secret, HOOK_URL, body, headers, now=clock.now())
        assert headers["host"] == "kiosk.test:8080"
    authorized = json.loads(receiver.received[1][1])
    assert authorized["msn"] == "123456"
    assert authorized["amount"] == {"currency": "NOK", "value": 35000}
    assert authorized["success"] is True
    assert "captureGuaranteedUntil" in authorized
    with pytest.raises(signature.SignatureError):
        signature.verify(
            "other-secret",
            HOOK_URL,
            receiver.received[0][1],
            receiver.received[0][0],
            now=clock.now(),
        )


async def test_failed_delivery_is_retried_and_holds_back_later_events(clock: ManualClock) -> None:
    receiver = Receiver(fail_first=2)
    async for emulator, client, _secret in _setup(receiver, clock):
        await create(client, payment_body(REF))
        emulator.approve(REF)
        await emulator.webhooks.drain()
        names = [json.loads(body)["name"] for _, body in receiver.received]
        assert names == ["CREATED", "CREATED", "CREATED", "AUTHORIZED"]
        attempts = [
            (a.delivery.event_type, a.attempt, a.status) for a in emulator.webhooks.attempts
        ]
        assert attempts[:3] == [
            ("epayments.payment.created.v1", 1, 503),
            ("epayments.payment.created.v1", 2, 503),
            ("epayments.payment.created.v1", 3, 200),
        ]


async def test_delivery_gives_up_after_the_schedule(clock: ManualClock) -> None:
    receiver = Receiver(fail_first=100)
    async for emulator, client, _secret in _setup(receiver, clock):
        await create(client, payment_body(REF))
        await emulator.webhooks.drain()
        assert len(receiver.received) == 4  # first try + 3 retries
        assert emulator.webhooks.delivered == []


async def test_register_list_delete(hooked: tuple[Emulator, httpx.AsyncClient, str]) -> None:
    _emulator, client, _secret = hooked
    listed = (await client.get("/webhooks/v1/webhooks")).json()["webhooks"]
    assert [w["url"] for w in listed] == [HOOK_URL]
    assert "secret" not in listed[0]
    assert (await client.delete(f"/webhooks/v1/webhooks/{listed[0]['id']}")).status_code == 204
    assert (await client.get("/webhooks/v1/webhooks")).json() == {"webhooks": []}
    assert (await client.delete(f"/webhooks/v1/webhooks/{listed[0]['id']}")).status_code == 404
    bad = await client.post("/webhooks/v1/webhooks", json={"url": HOOK_URL, "events": ["nope"]})
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"
