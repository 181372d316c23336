"""Shared constants and request helpers of the Vipps emulator tests."""

from __future__ import annotations

from typing import Any

import httpx

from kiosk.sandbox.vipps import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_MSN,
    DEFAULT_SUBSCRIPTION_KEY,
)

BASE_URL = "http://vipps.test"
KEY_HEADERS = {
    "Ocp-Apim-Subscription-Key": DEFAULT_SUBSCRIPTION_KEY,
    "Merchant-Serial-Number": DEFAULT_MSN,
    "Vipps-System-Name": "ladeskjerm",
    "Vipps-System-Version": "0.1.0",
    "Vipps-System-Plugin-Name": "ladeskjerm",
    "Vipps-System-Plugin-Version": "0.1.0",
}
TOKEN_HEADERS = {
    "client_id": DEFAULT_CLIENT_ID,
    "client_secret": DEFAULT_CLIENT_SECRET,
    "Ocp-Apim-Subscription-Key": DEFAULT_SUBSCRIPTION_KEY,
}


def payment_body(reference: str = "st21-session-0001", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "amount": {"currency": "NOK", "value": 35000},
        "paymentMethod": {"type": "WALLET"},
        "reference": reference,
        "userFlow": "QR",
        "qrFormat": {"format": "TEXT/TARGETURL"},
        "customerInteraction": "CUSTOMER_PRESENT",
        "paymentDescription": "Temporary reservation of maximum amount",
        "metadata": {"station": "21", "connector": "1", "session": "s-0001"},
    }
    body.update(overrides)
    return body


async def create(
    client: httpx.AsyncClient, body: dict[str, Any], key: str | None = None
) -> httpx.Response:
    return await client.post(
        "/epayment/v1/payments",
        json=body,
        headers={"Idempotency-Key": key or f"create-{body.get('reference')}"},
    )


async def modify(
    client: httpx.AsyncClient, reference: str, operation: str, value: int | None, key: str
) -> httpx.Response:
    body = None if value is None else {"modificationAmount": {"currency": "NOK", "value": value}}
    return await client.post(
        f"/epayment/v1/payments/{reference}/{operation}",
        json=body,
        headers={"Idempotency-Key": key},
    )


def error_code(response: httpx.Response) -> int | None:
    for item in response.json().get("extraDetails") or []:
        if item["name"] == "ErrorCode":
            return int(item["reason"])
    return None
