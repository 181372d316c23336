"""Strict mode: the emulator's answers validated against the official OpenAPI files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from vipps_emulator_helpers import (
    BASE_URL,
    KEY_HEADERS,
    TOKEN_HEADERS,
    create,
    modify,
    payment_body,
)

from kiosk.sandbox.vipps import Emulator, EmulatorConfig, ManualClock, create_app
from kiosk.sandbox.vipps.strict import SpecValidator

REF = "st21-strict-0001"


@pytest.fixture
async def strict(shared_dir: Path) -> AsyncIterator[tuple[Emulator, httpx.AsyncClient]]:
    config = EmulatorConfig(strict=True, spec_dir=shared_dir / "vipps-api")
    emulator = Emulator(config, clock=ManualClock())
    transport = httpx.ASGITransport(app=create_app(emulator=emulator))
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        token = (await client.post("/accesstoken/get", headers=TOKEN_HEADERS)).json()
        client.headers.update(KEY_HEADERS | {"Authorization": f"Bearer {token['access_token']}"})
        yield emulator, client
    await emulator.aclose()


async def test_every_epayment_answer_matches_the_spec(
    strict: tuple[Emulator, httpx.AsyncClient],
) -> None:
    emulator, client = strict
    assert emulator.config.strict_enabled()
    statuses = []
    for fmt in ("TEXT/TARGETURL", "IMAGE/SVG+XML", "IMAGE/PNG"):
        ref = f"{REF}-{fmt[6:9].lower()}"
        statuses.append(
            (await create(client, payment_body(ref, qrFormat={"format": fmt}))).status_code
        )
    statuses.append((await create(client, payment_body(REF))).status_code)
    emulator.approve(REF)
    statuses.append((await client.get(f"/epayment/v1/payments/{REF}")).status_code)
    statuses.append((await modify(client, REF, "capture", 4321, "cap")).status_code)
    statuses.append((await modify(client, REF, "refund", 321, "ref")).status_code)
    statuses.append((await modify(client, REF, "cancel", None, "can")).status_code)
    statuses.append((await client.get(f"/epayment/v1/payments/{REF}/events")).status_code)
    # error answers: 400 with ErrorCode, 400 field error, 409 idempotency
    statuses.append((await modify(client, REF, "capture", 1, "cap-2")).status_code)
    statuses.append((await create(client, payment_body("bad"), key="k")).status_code)
    statuses.append((await create(client, payment_body(REF), key="other")).status_code)
    assert statuses == [201, 201, 201, 201, 200, 200, 200, 200, 200, 400, 400, 409]
    assert emulator.strict_violations == []


async def test_order_management_qr_and_webhooks_answers_match_the_spec(
    strict: tuple[Emulator, httpx.AsyncClient],
) -> None:
    emulator, client = strict
    receipt = {
        "orderLines": [
            {
                "name": "Lading",
                "id": "session-abc",
                "totalAmount": 4321,
                "totalAmountExcludingTax": 3457,
                "totalTaxAmount": 864,
                "taxRate": 2500,
                "unitInfo": {"unitPrice": 350, "quantity": "12.345", "quantityUnit": "KWH"},
            }
        ],
        "bottomLine": {"currency": "NOK", "posId": "station-21"},
    }
    assert (
        await client.post(f"/order-management/v2/ecom/receipts/{REF}", json=receipt)
    ).status_code == 201
    category = {"category": "RECEIPT", "orderDetailsUrl": "https://example.com/s/abc"}
    assert (
        await client.put(f"/order-management/v2/ecom/categories/{REF}", json=category)
    ).status_code == 200
    assert (await client.get(f"/order-management/v2/ecom/{REF}")).status_code == 200
    qr = await client.post(
        "/qr/v1/merchant-redirect",
        json={"id": "station-21", "redirectUrl": "https://example.com/station/21"},
        headers={"Accept": "image/svg+xml"},
    )
    assert qr.status_code == 200
    assert (await client.get("/qr/v1/merchant-redirect")).status_code == 200
    hook = await client.post(
        "/webhooks/v1/webhooks",
        json={"url": "https://example.com/hook", "events": ["epayments.payment.authorized.v1"]},
    )
    assert hook.status_code == 201
    assert (await client.get("/webhooks/v1/webhooks")).status_code == 200
    assert emulator.strict_violations == []


def test_the_validator_catches_a_wrong_response(shared_dir: Path) -> None:
    validator = SpecValidator(shared_dir / "vipps-api")
    path = "/epayment/v1/payments/st21-strict-0001"
    errors = validator.response_errors("GET", path, 200, {"state": "CAPTURED"})
    assert any("CAPTURED" in e for e in errors)
    assert any("aggregate" in e for e in errors)
    assert validator.request_errors("POST", "/epayment/v1/payments", payment_body(REF)) == []
    bad = payment_body(REF, amount={"currency": "SEK", "value": 100})
    assert validator.request_errors("POST", "/epayment/v1/payments", bad)
