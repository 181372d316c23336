"""Receipts, category links and webhooks against the Vipps emulator, in-process."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from decimal import Decimal
from typing import Any

import httpx
import pytest
from emulator_env import META, emulator_env
from pydantic import SecretStr

from kiosk.payments.errors import VippsConflict
from kiosk.payments.models import EventName, WebhookEvent
from kiosk.payments.order_management import CategoryType
from kiosk.payments.receipt import QuantityUnit, ReceiptLine, build_receipt
from kiosk.payments.settings import Currency
from kiosk.web.webhook_receiver import WebhookReceiver

REF = "st1-session-0001"
HOOK_URL = "https://kiosk.test/hooks/vipps"
TEMPLATE = "https://ladeskjerm.example/s/{session_id}"


def receipt(total_ore: int = 4321) -> Any:
    lines = [
        ReceiptLine("energy", "Lading", Decimal("12.345"), QuantityUnit.KWH, 350, total_ore, 2500)
    ]
    return build_receipt(lines, currency=Currency.NOK, expected_total_ore=total_ore, pos_id="st1")


async def test_receipt_and_category_link() -> None:
    async with emulator_env(receipt_url_template=TEMPLATE) as env:
        await env.vipps.send_receipt(REF, receipt(), session_id="session-0001")
        order = await env.vipps.orders.get_order(REF)
    assert order.receipt is not None
    assert order.receipt.order_lines == receipt().order_lines
    assert order.receipt.order_lines[0].unit_info is not None
    assert order.receipt.order_lines[0].unit_info.quantity_unit is QuantityUnit.KWH
    assert order.category is not None
    assert order.category.category is CategoryType.RECEIPT
    assert order.category.order_details_url == "https://ladeskjerm.example/s/session-0001"


async def test_receipt_posted_twice_is_accepted_when_it_is_the_same() -> None:
    async with emulator_env() as env:
        await env.vipps.orders.post_receipt(REF, receipt())
        await env.vipps.orders.post_receipt(REF, receipt())  # a retry after a lost answer
        with pytest.raises(VippsConflict):
            await env.vipps.orders.post_receipt(REF, receipt(4000))


async def test_receipt_with_a_lost_answer_is_posted_once() -> None:
    async with emulator_env() as env:
        env.emulator.faults.lose_response("receipt", count=1)
        await env.vipps.orders.post_receipt(REF, receipt())
        order = await env.vipps.orders.get_order(REF)
    assert order.receipt is not None
    assert order.receipt.total_ore == 4321


async def test_webhook_register_list_delete() -> None:
    async with emulator_env() as env:
        registration = await env.vipps.webhooks.register(HOOK_URL)
        assert registration.secret.get_secret_value()
        assert registration.id not in repr(registration.secret)
        (listed,) = await env.vipps.webhooks.list()
        assert listed.id == registration.id
        assert listed.url == HOOK_URL
        assert "epayments.payment.authorized.v1" in listed.events
        await env.vipps.webhooks.delete(registration.id)
        assert await env.vipps.webhooks.list() == []


async def test_webhook_register_refuses_plain_http_by_default() -> None:
    async with emulator_env() as env:
        with pytest.raises(ValueError, match="https"):
            await env.vipps.webhooks.register("http://kiosk.test/hooks")


Scope = MutableMapping[str, Any]
ASGI = Callable[[Scope, Any, Any], Awaitable[None]]


async def test_emulator_deliveries_pass_the_receiver() -> None:
    """The emulator signs with its secret; our receiver verifies and hands events over."""
    target: list[ASGI] = []

    async def late_bound(scope: Scope, receive: Any, send: Any) -> None:
        await target[0](scope, receive, send)

    seen: list[WebhookEvent] = []

    async def on_event(event: WebhookEvent) -> None:
        seen.append(event)

    transport = httpx.ASGITransport(app=late_bound)
    async with emulator_env(webhook_transport=transport) as env:
        registration = await env.vipps.webhooks.register(HOOK_URL)
        receiver = WebhookReceiver(
            secret=registration.secret, registered_url=HOOK_URL, on_event=on_event
        )
        target.append(receiver.app)
        await env.vipps.epayment.create(
            reference=REF, amount_ore=35000, idempotency_key="s1-create", metadata=META
        )
        env.emulator.approve(REF)
        await env.vipps.epayment.capture(REF, 1000, idempotency_key="s1-capture")
        await env.emulator.webhooks.drain()
    assert [e.name for e in seen] == [EventName.CREATED, EventName.AUTHORIZED, EventName.CAPTURED]
    assert receiver.rejected == 0


async def test_receiver_with_the_wrong_secret_rejects_emulator_deliveries() -> None:
    target: list[ASGI] = []

    async def late_bound(scope: Scope, receive: Any, send: Any) -> None:
        await target[0](scope, receive, send)

    seen: list[WebhookEvent] = []

    async def on_event(event: WebhookEvent) -> None:
        seen.append(event)

    transport = httpx.ASGITransport(app=late_bound)
    async with emulator_env(webhook_transport=transport) as env:
        await env.vipps.webhooks.register(HOOK_URL)
        receiver = WebhookReceiver(
            secret=SecretStr("not-the-secret"), registered_url=HOOK_URL, on_event=on_event
        )
        target.append(receiver.app)
        await env.vipps.epayment.create(
            reference=REF, amount_ore=35000, idempotency_key="s1-create", metadata=META
        )
        async with asyncio.timeout(5):
            while not receiver.rejected:  # the emulator keeps retrying a 401; one is enough
                await asyncio.sleep(0.01)
    assert seen == []
    assert receiver.rejected >= 1
