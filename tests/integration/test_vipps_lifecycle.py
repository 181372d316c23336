"""One full payment lifecycle over real HTTP on loopback: the client, the emulator, a phone.

create -> the customer approves on the phone page (an HTML form post, as a person would) ->
partial capture -> cancel the rest -> receipt -> GET shows captured + cancelled = authorized.
A second test runs the webhook receiver as a real server too: a webhook makes the follower
poll at once, long before its own cadence would.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from decimal import Decimal
from html import unescape
from typing import Any
from urllib.parse import urljoin

import httpx
import pytest

from kiosk.core.effects import Operation, idempotency_key
from kiosk.payments.client import VippsClient
from kiosk.payments.epayment import PaymentMetadata
from kiosk.payments.models import EventName, Payment, PaymentState, WebhookEvent
from kiosk.payments.receipt import QuantityUnit, ReceiptLine, build_receipt
from kiosk.payments.settings import Currency, VippsSettings
from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_MSN,
    DEFAULT_SUBSCRIPTION_KEY,
)
from kiosk.sandbox.vipps.server import RunningServer, serve
from kiosk.web.webhook_receiver import WebhookReceiver

SESSION = "session-0042"
REF = "st1-session-0042"
META = PaymentMetadata(station_id="st1", connector_id="2", session_id=SESSION)


def settings(base_url: str, **overrides: Any) -> VippsSettings:
    values: dict[str, Any] = {
        "base_url": base_url,
        "client_id": DEFAULT_CLIENT_ID,
        "client_secret": DEFAULT_CLIENT_SECRET,
        "subscription_key": DEFAULT_SUBSCRIPTION_KEY,
        "merchant_serial_number": DEFAULT_MSN,
        "receipt_url_template": "https://ladeskjerm.example/s/{session_id}",
        "request_timeout_s": 5.0,
        "poll_start_delay_s": 0.0,
        "poll_interval_present_s": 0.5,
    }
    values.update(overrides)
    return VippsSettings.model_validate(values)


@pytest.fixture
async def emulator() -> AsyncIterator[RunningServer]:
    async with serve(create_app()) as running:
        yield running


async def approve_on_the_phone(phone: httpx.AsyncClient, qr_content: str) -> str:
    """Open the QR's URL, press Approve (a form post), return the page shown after."""
    page = await phone.get(qr_content)
    assert page.status_code == 200
    form = re.search(r"<form method='post' action='([^']+approve)'>(.*?)</form>", page.text, re.S)
    assert form is not None, page.text
    fields = dict(re.findall(r"<input type='hidden' name='(\w+)' value='([^']*)'>", form[2]))
    answer = await phone.post(
        urljoin(str(page.url), form[1]),
        data={name: unescape(value) for name, value in fields.items()},
    )
    assert answer.status_code == 200, answer.text
    return answer.text


async def follow_until_final(vipps: VippsClient, reference: str) -> list[Payment]:
    return [payment async for payment in vipps.follow(reference)]


async def test_full_lifecycle_over_loopback(emulator: RunningServer) -> None:
    async with (
        httpx.AsyncClient() as http,
        httpx.AsyncClient(follow_redirects=True) as phone,
    ):
        vipps = VippsClient.from_settings(settings(emulator.base_url), http)
        assert (await vipps.ping()).ok

        created = await vipps.epayment.create(
            reference=REF,
            amount_ore=35000,
            idempotency_key=idempotency_key(SESSION, Operation.CREATE),
            metadata=META,
        )
        assert created.qr_content is not None
        following = asyncio.ensure_future(follow_until_final(vipps, REF))
        try:
            shown = await approve_on_the_phone(phone, created.qr_content)
            assert "AUTHORIZED" in shown
            async with asyncio.timeout(10):
                seen = await following
        finally:
            following.cancel()
        assert seen[-1].state is PaymentState.AUTHORIZED
        assert seen[-1].authorized_ore == 35000

        captured = await vipps.epayment.capture(
            REF, 4321, idempotency_key=idempotency_key(SESSION, Operation.CAPTURE)
        )
        assert captured.aggregate.captured_amount.value_ore == 4321
        cancelled = await vipps.epayment.cancel(
            REF, idempotency_key=idempotency_key(SESSION, Operation.CANCEL)
        )
        assert cancelled.aggregate.cancelled_amount.value_ore == 35000 - 4321

        receipt = build_receipt(
            [
                ReceiptLine(
                    "energy",
                    "Lading, ladepunkt 2",
                    Decimal("12.345"),
                    QuantityUnit.KWH,
                    350,
                    4321,
                    2500,
                )
            ],
            currency=Currency.NOK,
            expected_total_ore=4321,
            pos_id="st1",
        )
        await vipps.send_receipt(REF, receipt, session_id=SESSION)

        payment = await vipps.epayment.get(REF)
        assert payment.captured_ore + payment.cancelled_ore == payment.authorized_ore == 35000
        assert payment.captured_ore == 4321
        assert payment.is_settled
        order = await vipps.orders.get_order(REF)
        assert order.receipt is not None
        assert order.receipt.total_ore == 4321
        assert order.category is not None
        assert order.category.order_details_url == f"https://ladeskjerm.example/s/{SESSION}"
        names = [e.name for e in await vipps.epayment.events(REF)]
        assert names == [
            EventName.CREATED,
            EventName.AUTHORIZED,
            EventName.CAPTURED,
            EventName.CANCELLED,
        ]


async def test_a_webhook_makes_the_follower_poll_at_once(emulator: RunningServer) -> None:
    async with httpx.AsyncClient() as http, httpx.AsyncClient(follow_redirects=True) as phone:
        # A cadence so slow that only a webhook's poke can see the approval in time.
        vipps = VippsClient.from_settings(
            settings(emulator.base_url, poll_start_delay_s=120.0, poll_interval_present_s=120.0),
            http,
        )
        created = await vipps.epayment.create(
            reference=REF,
            amount_ore=20000,
            idempotency_key=idempotency_key(SESSION, Operation.CREATE),
            metadata=META,
        )
        assert created.qr_content is not None
        follower = vipps.follow(REF)
        events: list[WebhookEvent] = []

        async def on_event(event: WebhookEvent) -> None:
            events.append(event)
            follower.poke()

        holder: list[WebhookReceiver] = []

        async def app(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "lifespan":  # the receiver is built once the secret is known
                while (await receive())["type"] != "lifespan.shutdown":
                    await send({"type": "lifespan.startup.complete"})
                await send({"type": "lifespan.shutdown.complete"})
                return
            await holder[0].app(scope, receive, send)

        async with serve(app) as hooks:
            url = f"{hooks.base_url}/hooks/vipps"
            registration = await vipps.webhooks.register(url, require_https=False)
            holder.append(
                WebhookReceiver(secret=registration.secret, registered_url=url, on_event=on_event)
            )
            await approve_on_the_phone(phone, created.qr_content)
            async with asyncio.timeout(10):
                seen = [payment async for payment in follower]
        assert seen[-1].state is PaymentState.AUTHORIZED
        assert EventName.AUTHORIZED in [e.name for e in events]
        assert holder[0].rejected == 0
        assert follower.polls <= 3
