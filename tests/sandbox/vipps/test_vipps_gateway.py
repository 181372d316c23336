"""Token endpoint and the gateway checks in front of every API (digest §2, §8.1–2)."""

from __future__ import annotations

import httpx
import pytest
from vipps_emulator_helpers import KEY_HEADERS, TOKEN_HEADERS, create, payment_body

from kiosk.sandbox.vipps import Emulator, ManualClock


async def test_token_numbers_are_strings(raw_client: httpx.AsyncClient, clock: ManualClock) -> None:
    response = await raw_client.post("/accesstoken/get", headers=TOKEN_HEADERS)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == "3600"
    assert body["ext_expires_in"] == "0"
    assert body["expires_on"] == str(int(clock.now().timestamp()) + 3600)
    assert body["not_before"] == str(int(clock.now().timestamp()))
    assert len(body["access_token"]) > 1000
    assert body["access_token"].count(".") == 2


@pytest.mark.parametrize(
    ("drop", "override", "status"),
    [
        ("client_id", None, 400),
        ("client_secret", None, 400),
        ("Ocp-Apim-Subscription-Key", None, 401),
        (None, {"client_secret": "wrong"}, 401),
        (None, {"Ocp-Apim-Subscription-Key": "wrong"}, 401),
    ],
)
async def test_token_checks_the_three_headers(
    raw_client: httpx.AsyncClient, drop: str | None, override: dict[str, str] | None, status: int
) -> None:
    headers = {k: v for k, v in TOKEN_HEADERS.items() if k != drop} | (override or {})
    response = await raw_client.post("/accesstoken/get", headers=headers)
    assert response.status_code == status
    assert "access_token" not in response.json()


async def test_secondary_subscription_key_works(raw_client: httpx.AsyncClient) -> None:
    headers = TOKEN_HEADERS | {"Ocp-Apim-Subscription-Key": "emulator-subscription-key-2"}
    assert (await raw_client.post("/accesstoken/get", headers=headers)).status_code == 200


async def test_api_calls_need_bearer_token_key_and_msn(
    client: httpx.AsyncClient, emulator: Emulator, clock: ManualClock
) -> None:
    url = "/epayment/v1/payments/st21-session-0001"
    token = client.headers["Authorization"].removeprefix("Bearer ")
    no_bearer = await client.get(url, headers={"Authorization": token})
    assert no_bearer.status_code == 401
    unknown = await client.get(url, headers={"Authorization": "Bearer nope"})
    assert unknown.status_code == 401
    assert (await client.get(url, headers={"Ocp-Apim-Subscription-Key": "x"})).status_code == 401
    assert (await client.get(url, headers={"Merchant-Serial-Number": "999999"})).status_code == 403
    client.headers.pop("Merchant-Serial-Number")
    missing_msn = await create(client, payment_body())
    assert missing_msn.status_code == 400
    assert missing_msn.json()["extraDetails"] == [
        {"name": "Merchant-Serial-Number", "reason": "header is required"}
    ]
    client.headers["Merchant-Serial-Number"] = KEY_HEADERS["Merchant-Serial-Number"]
    assert (await client.get(url)).status_code == 404  # token still good: unknown payment
    clock.advance(3600)
    expired = await client.get(url)
    assert expired.status_code == 401
    assert "expired" in expired.json()["message"]


async def test_system_headers_are_recorded_and_limited(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await create(client, payment_body())
    record = emulator.requests[-1]
    assert record.system_headers["vipps-system-name"] == "ladeskjerm"
    assert record.idempotency_key == "create-st21-session-0001"
    too_long = await client.get(
        "/epayment/v1/payments/st21-session-0001", headers={"Vipps-System-Name": "x" * 31}
    )
    assert too_long.status_code == 400


async def test_revoked_tokens_get_401(client: httpx.AsyncClient, emulator: Emulator) -> None:
    emulator.tokens.revoke_all()
    response = await client.get("/epayment/v1/payments/st21-session-0001")
    assert response.status_code == 401
