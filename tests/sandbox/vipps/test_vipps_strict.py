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


async def _vanishing_post(
    emulator: Emulator, client: httpx.AsyncClient, path: str, key: str, body: bytes, sent_b: int
) -> list[dict[str, object]]:
    """POST ``body`` straight into the ASGI app as a client that dies after sending its
    headers and ``sent_b`` bytes of it (then ``http.disconnect``); what the app sent back."""
    app = create_app(emulator=emulator)
    headers = [(k.lower().encode(), v.encode()) for k, v in client.headers.items()]
    headers += [(b"idempotency-key", key.encode()), (b"content-type", b"application/json")]
    headers.append((b"content-length", str(len(body)).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    incoming: list[dict[str, object]] = [{"type": "http.disconnect"}]
    if sent_b:
        incoming.insert(0, {"type": "http.request", "body": body[:sent_b], "more_body": True})
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


@pytest.mark.parametrize("sent", ["headers_only", "half_the_body"])
@pytest.mark.parametrize("operation", ["capture", "cancel"])
async def test_a_retry_after_the_client_vanished_mid_request_is_not_a_conflict(
    strict: tuple[Emulator, httpx.AsyncClient], operation: str, sent: str
) -> None:
    """Issue 14: a station that died with a capture/cancel on the wire retries it after its
    restart with the same key and body; strict mode answers it like Vipps (and like the
    non-strict emulator), never 409."""
    emulator, client = strict
    assert (await create(client, payment_body(REF))).status_code == 201
    emulator.approve(REF)
    value = 4321
    body = b'{"modificationAmount":{"currency":"NOK","value":4321}}'
    path = f"/epayment/v1/payments/{REF}/{operation}"
    sent_b = 0 if sent == "headers_only" else len(body) // 2
    await _vanishing_post(emulator, client, path, f"{operation}-1", body, sent_b)
    retry = await modify(client, REF, operation, value, f"{operation}-1")
    assert retry.status_code == 200, retry.text
    again = await modify(client, REF, operation, value, f"{operation}-1")
    assert again.status_code == 200
    assert again.json() == retry.json()  # the stored result
    payment = emulator.payment(REF)
    if operation == "capture":
        assert payment.captured_value == 4321  # captured once
    assert emulator.strict_violations == []
