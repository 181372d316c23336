"""The access token: fetched once, cached, renewed before it expires; headers on every call."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from vipps_fakes import (
    FakeClock,
    ScriptedVipps,
    full_backoff,
    make_settings,
    payment_json,
    problem,
)

from kiosk.payments.client import VippsClient
from kiosk.payments.errors import VippsAuthError, VippsProtocolError
from kiosk.payments.token import AccessTokenResponse, TokenCache

REF = "st1-session-0001"


def ok_payment() -> httpx.Response:
    return httpx.Response(200, json=payment_json(REF))


async def test_token_is_fetched_once_and_reused(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    scripted.default = ok_payment()
    for _ in range(3):
        await client.epayment.get(REF)
    assert len(scripted.token_requests) == 1
    assert {r.headers["Authorization"] for r in scripted.requests} == {"Bearer token-1"}


async def test_token_request_carries_credentials_in_headers_and_an_empty_body(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    await client.connection.access_token()
    (request,) = scripted.token_requests
    assert request.method == "POST"
    assert request.content == b""
    assert request.headers["client_id"] == "client-id-1"
    assert request.headers["client_secret"] == "client-secret-1"
    assert request.headers["Ocp-Apim-Subscription-Key"] == "sub-key-1"
    assert request.headers["Merchant-Serial-Number"] == "123456"
    assert "Authorization" not in request.headers


async def test_every_api_call_carries_the_system_headers(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    scripted.default = ok_payment()
    await client.epayment.get(REF)
    (request,) = scripted.requests
    for name in (
        "Vipps-System-Name",
        "Vipps-System-Version",
        "Vipps-System-Plugin-Name",
        "Vipps-System-Plugin-Version",
    ):
        assert request.headers[name]
        assert len(request.headers[name]) <= 30
    assert request.headers["Merchant-Serial-Number"] == "123456"
    assert request.headers["Ocp-Apim-Subscription-Key"] == "sub-key-1"
    assert "Idempotency-Key" not in request.headers  # GET has none


async def test_token_is_renewed_before_it_expires(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock
) -> None:
    scripted.default = ok_payment()
    await client.epayment.get(REF)
    clock.now_s += 3600 - 300 - 1  # just inside the 300 s margin: still the same token
    await client.epayment.get(REF)
    assert len(scripted.token_requests) == 1
    clock.now_s += 2  # now within the margin: renew before Vipps would refuse it
    await client.epayment.get(REF)
    assert len(scripted.token_requests) == 2
    assert scripted.requests[-1].headers["Authorization"] == "Bearer token-2"


async def test_short_token_renews_at_half_its_life(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock
) -> None:
    scripted.expires_in = "60"  # shorter than the margin: renew after half of it
    scripted.default = ok_payment()
    await client.epayment.get(REF)
    clock.now_s += 29
    await client.epayment.get(REF)
    assert len(scripted.token_requests) == 1
    clock.now_s += 2
    await client.epayment.get(REF)
    assert len(scripted.token_requests) == 2


async def test_concurrent_calls_share_one_token_fetch(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    scripted.default = ok_payment()
    await asyncio.gather(*(client.epayment.get(REF) for _ in range(5)))
    assert len(scripted.token_requests) == 1


async def test_a_refused_token_is_renewed_once(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    scripted.script = [problem(401), ok_payment()]
    await client.epayment.get(REF)
    assert len(scripted.token_requests) == 2
    assert [r.headers["Authorization"] for r in scripted.requests] == [
        "Bearer token-1",
        "Bearer token-2",
    ]


async def test_a_second_401_is_an_auth_error(client: VippsClient, scripted: ScriptedVipps) -> None:
    scripted.default = problem(401)
    with pytest.raises(VippsAuthError):
        await client.epayment.get(REF)
    assert len(scripted.requests) == 2
    assert len(scripted.token_requests) == 2


async def test_bad_credentials_are_an_auth_error(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    scripted.token_status = 401
    with pytest.raises(VippsAuthError):
        await client.epayment.get(REF)
    assert scripted.requests == []


async def test_token_endpoint_5xx_is_retried(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock
) -> None:
    calls = {"n": 0}
    inner = scripted.__call__

    def flaky(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/accesstoken/get" and calls["n"] < 2:
            calls["n"] += 1
            return problem(503)
        return inner(request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(flaky)) as http:
        vipps = VippsClient.from_settings(
            make_settings(),
            http,
            sleep=clock.sleep,
            monotonic=clock.monotonic,
            jitter=full_backoff,
        )
        assert await vipps.connection.access_token() == "token-1"
    assert clock.sleeps == [0.5, 1.0]


async def test_malformed_token_answer_is_a_protocol_error(clock: FakeClock) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"token_type": "Bearer", "expires_in": "soon"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        vipps = VippsClient.from_settings(make_settings(), http, sleep=clock.sleep)
        with pytest.raises(VippsProtocolError):
            await vipps.connection.access_token()


def test_token_numbers_arrive_as_strings() -> None:
    answer = AccessTokenResponse.model_validate(
        {"token_type": "Bearer", "expires_in": "86398", "access_token": "abc", "expires_on": "1"}
    )
    assert answer.expires_in == 86398
    assert "abc" not in repr(answer)
    cache = TokenCache(margin_s=300)
    assert cache.store(answer, fetched_at_s=0.0) == "abc"
    assert cache.valid_token(86398 - 301) == "abc"
    assert cache.valid_token(86398 - 300) is None
    cache.store(answer, fetched_at_s=0.0)
    cache.invalidate()
    assert cache.valid_token(0.0) is None
