"""Fakes for the Vipps client tests: settings, a fake clock, a scripted Vipps over MockTransport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx

from kiosk.payments.settings import VippsSettings

BASE_URL = "https://vipps.test"


def make_settings(**overrides: Any) -> VippsSettings:
    values: dict[str, Any] = {
        "base_url": BASE_URL,
        "client_id": "client-id-1",
        "client_secret": "client-secret-1",
        "subscription_key": "sub-key-1",
        "merchant_serial_number": "123456",
        "retry_base_delay_s": 0.5,
        "retry_max_delay_s": 8.0,
        "max_attempts": 4,
    }
    values.update(overrides)
    return VippsSettings.model_validate(values)


def full_backoff() -> float:
    """A jitter that always picks the whole doubled delay, so sleeps are exact in tests."""
    return 1.0


class FakeClock:
    """Time that moves only when the code under test sleeps; records every sleep."""

    def __init__(self, start_s: float = 1_000.0) -> None:
        self.now_s = start_s
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now_s

    def wall(self) -> float:
        return 1_700_000_000.0 + self.now_s

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now_s += seconds
        await asyncio.sleep(0)


def problem(status: int, code: int | None = None, title: str = "Problem") -> httpx.Response:
    body: dict[str, Any] = {
        "type": f"https://httpstatuses.io/{status}",
        "title": title,
        "status": status,
        "traceId": "trace-1",
    }
    if code is not None:
        body["extraDetails"] = [{"name": "ErrorCode", "reason": str(code)}]
    return httpx.Response(
        status, content=json.dumps(body), headers={"content-type": "application/problem+json"}
    )


def payment_json(
    reference: str = "st1-session-0001",
    state: str = "CREATED",
    *,
    amount: int = 35000,
    authorized: int = 0,
    captured: int = 0,
    cancelled: int = 0,
    refunded: int = 0,
) -> dict[str, Any]:
    def nok(value: int) -> dict[str, Any]:
        return {"currency": "NOK", "value": value}

    return {
        "aggregate": {
            "authorizedAmount": nok(authorized),
            "cancelledAmount": nok(cancelled),
            "capturedAmount": nok(captured),
            "refundedAmount": nok(refunded),
        },
        "amount": nok(amount),
        "state": state,
        "paymentMethod": {"type": "WALLET"},
        "profile": {},
        "pspReference": "psp-1",
        "reference": reference,
    }


Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class ScriptedVipps:
    """A MockTransport handler: the token endpoint always works; API calls answer from a script.

    ``script`` holds responses (or exceptions to raise, or functions of the request) in order;
    when it runs out, ``default`` answers.
    """

    def __init__(self) -> None:
        self.script: list[Answer] = []
        self.default: Answer | None = None
        self.requests: list[httpx.Request] = []
        self.token_requests: list[httpx.Request] = []
        self.expires_in = "3600"
        self.token_status = 200

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/accesstoken/get":
            self.token_requests.append(request)
            if self.token_status != 200:
                return problem(self.token_status)
            n = len(self.token_requests)
            return httpx.Response(
                200,
                json={
                    "token_type": "Bearer",
                    "expires_in": self.expires_in,
                    "ext_expires_in": "0",
                    "expires_on": "1495271273",
                    "not_before": "1495184574",
                    "resource": "00000002-0000-0000-c000-000000000000",
                    "access_token": f"token-{n}",
                },
            )
        self.requests.append(request)
        answer = self.script.pop(0) if self.script else self.default
        if answer is None:
            raise AssertionError(f"unscripted request {request.method} {request.url}")
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        return answer

    def bodies(self) -> list[Any]:
        return [json.loads(r.content) if r.content else None for r in self.requests]


class ManualClock:
    """Time that moves only when the test calls ``advance``; sleepers wait for it."""

    def __init__(self) -> None:
        self.now_s = 0.0
        self._waiters: list[tuple[float, asyncio.Future[None]]] = []

    def monotonic(self) -> float:
        return self.now_s

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (self.now_s + seconds, future)
        self._waiters.append(entry)
        try:
            await future
        finally:
            self._waiters.remove(entry)

    @property
    def sleeping(self) -> int:
        return len(self._waiters)

    async def advance(self, seconds: float) -> None:
        self.now_s += seconds
        for deadline, future in list(self._waiters):
            if deadline <= self.now_s and not future.done():
                future.set_result(None)
        for _ in range(5):
            await asyncio.sleep(0)
