"""ePayment create validation: field errors (no ErrorCode) and domain ErrorCodes (§3.2, §3.12)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from vipps_emulator_helpers import KEY_HEADERS, TOKEN_HEADERS, create, error_code, payment_body

from kiosk.sandbox.vipps import Emulator, EmulatorConfig, ManualClock, create_app

CASES: list[tuple[str, dict[str, Any], int, int | None, str | None]] = [
    ("reference too short", {"reference": "short"}, 400, None, "reference"),
    ("reference bad chars", {"reference": "st21_session_0001"}, 400, None, "reference"),
    ("decimals", {"amount": {"currency": "NOK", "value": 350.5}}, 400, 4040, None),
    ("too small", {"amount": {"currency": "NOK", "value": 99}}, 400, 6010, None),
    ("other currency", {"amount": {"currency": "EUR", "value": 1000}}, 403, 5040, None),
    (
        "unknown currency",
        {"amount": {"currency": "SEK", "value": 1000}},
        400,
        None,
        "amount.currency",
    ),
    ("unknown field", {"tip": 5}, 400, None, "tip"),
    ("bad flow", {"userFlow": "SMS"}, 400, None, "userFlow"),
    (
        "qr format elsewhere",
        {"userFlow": "PUSH_MESSAGE", "customer": {"phoneNumber": "4791234567"}},
        400,
        None,
        "qrFormat",
    ),
    ("qr size", {"qrFormat": {"format": "IMAGE/PNG", "size": 50}}, 400, None, "qrFormat.size"),
    ("qr format value", {"qrFormat": {"format": "IMAGE/GIF"}}, 400, None, "qrFormat.format"),
    ("description short", {"paymentDescription": "ab"}, 400, None, "paymentDescription"),
    ("interaction", {"customerInteraction": "MAYBE"}, 400, None, "customerInteraction"),
    ("metadata capacity", {"metadata": {str(i): "v" for i in range(6)}}, 400, 4100, None),
    ("metadata key", {"metadata": {"k" * 101: "v"}}, 400, 4120, None),
    ("metadata value", {"metadata": {"k": "v" * 501}}, 400, 4130, None),
    ("metadata type", {"metadata": {"k": 1}}, 400, None, "metadata.k"),
    (
        "web redirect needs returnUrl",
        {"userFlow": "WEB_REDIRECT", "qrFormat": None},
        400,
        4140,
        None,
    ),
    (
        "http returnUrl",
        {"userFlow": "WEB_REDIRECT", "qrFormat": None, "returnUrl": "http://x.no"},
        400,
        4090,
        None,
    ),
    ("card passthrough", {"paymentMethod": {"type": "CARD_PASSTHROUGH"}}, 400, 4160, None),
    (
        "blocked sources",
        {"paymentMethod": {"type": "WALLET", "blockedSources": ["VISA"]}},
        403,
        5010,
        None,
    ),
    ("scope", {"profile": {"scope": "name shoeSize"}}, 400, 4080, None),
    ("nin", {"profile": {"scope": "name nin"}}, 403, 5030, None),
    ("long living", {"expiresAt": "2026-01-19T18:00:00Z"}, 403, 5050, None),
]


@pytest.mark.parametrize(
    ("overrides", "status", "code", "field"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
async def test_create_is_refused(
    client: httpx.AsyncClient,
    overrides: dict[str, Any],
    status: int,
    code: int | None,
    field: str | None,
) -> None:
    body = {k: v for k, v in payment_body(**overrides).items() if v is not None}
    response = await create(client, body, key="k-1")
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem["traceId"]
    assert error_code(response) == code
    if field is not None:
        assert [d["name"] for d in problem["extraDetails"]] == [field]


async def test_push_message_needs_a_customer(client: httpx.AsyncClient) -> None:
    body = payment_body(userFlow="PUSH_MESSAGE")
    del body["qrFormat"]
    assert error_code(await create(client, body)) == 4140
    body["customer"] = {"phoneNumber": "+47 912 34 567"}
    assert error_code(await create(client, body, key="k-2")) == 4070
    body["customer"] = {"phoneNumber": "4791234567", "personalQr": "abcdef"}
    assert (await create(client, body, key="k-3")).status_code == 400
    body["customer"] = {"phoneNumber": "4791234567"}
    ok = await create(client, body, key="k-4")
    assert ok.status_code == 201
    assert "redirectUrl" not in ok.json()


async def test_duplicate_metadata_keys_are_4110(client: httpx.AsyncClient) -> None:
    raw = (
        '{"amount":{"currency":"NOK","value":1000},"paymentMethod":{"type":"WALLET"},'
        '"reference":"st21-dup-00001","userFlow":"QR","metadata":{"a":"1","a":"2"}}'
    )
    response = await client.post(
        "/epayment/v1/payments",
        content=raw,
        headers={"Idempotency-Key": "dup", "Content-Type": "application/json"},
    )
    assert error_code(response) == 4110


async def test_missing_idempotency_key_and_bad_json(client: httpx.AsyncClient) -> None:
    response = await client.post("/epayment/v1/payments", json=payment_body())
    assert response.status_code == 400
    assert response.json()["extraDetails"][0]["name"] == "Idempotency-Key"
    garbage = await client.post(
        "/epayment/v1/payments", content=b"{not json", headers={"Idempotency-Key": "g"}
    )
    assert garbage.status_code == 400
    assert error_code(garbage) is None


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ({"format": "TEXT/TARGETURL"}, "http://vipps.test/phone?token="),
        ({"format": "IMAGE/SVG+XML"}, "http://vipps.test/qr-image/v1?token="),
        ({"format": "IMAGE/PNG", "size": 400}, "http://vipps.test/qr-image/v1?token="),
        (None, "http://vipps.test/qr-image/v1?token="),
    ],
)
async def test_qr_redirect_url_by_format(
    client: httpx.AsyncClient, fmt: dict[str, Any] | None, expected: str
) -> None:
    body = {k: v for k, v in payment_body(qrFormat=fmt).items() if v is not None}
    url = (await create(client, body)).json()["redirectUrl"]
    assert url.startswith(expected)
    if "qr-image" in url:
        image = await client.get(url)
        assert image.status_code == 200
        wanted = "image/png" if fmt and fmt["format"] == "IMAGE/PNG" else "image/svg+xml"
        assert image.headers["content-type"] == wanted


async def test_public_base_url_is_used_for_targets(clock: ManualClock) -> None:
    emulator = Emulator(
        EmulatorConfig(strict=False, public_base_url="http://192.0.2.1:9000"), clock=clock
    )
    transport = httpx.ASGITransport(app=create_app(emulator=emulator))
    async with httpx.AsyncClient(transport=transport, base_url="http://x.test") as client:
        token = (await client.post("/accesstoken/get", headers=TOKEN_HEADERS)).json()
        client.headers.update(KEY_HEADERS | {"Authorization": f"Bearer {token['access_token']}"})
        url = (await create(client, payment_body())).json()["redirectUrl"]
    assert url.startswith("http://192.0.2.1:9000/phone?token=")
    await emulator.aclose()
