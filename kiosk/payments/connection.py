"""One authenticated, retrying line to Vipps over an injected ``httpx.AsyncClient``.

Every call carries ``Merchant-Serial-Number``, ``Ocp-Apim-Subscription-Key`` and the four
``Vipps-System-*`` headers; API calls also carry ``Authorization: Bearer <token>`` from the
cached token. A state-changing call carries the caller's ``Idempotency-Key``, and every retry
of it sends the *same* key, so a lost answer never doubles an operation. A 401 on a call made
with a cached token forgets the token and tries once more with a fresh one.

Exceptions: the tree of ``kiosk.payments.errors`` (``VippsTransportError``,
``VippsProtocolError``, ``VippsApiError`` and its subclasses). ``ValueError`` for an
Idempotency-Key longer than 50 characters (a programming error).
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from kiosk.payments.errors import (
    VippsApiError,
    VippsAuthError,
    VippsError,
    VippsProtocolError,
    VippsTransportError,
    classify,
)
from kiosk.payments.retry import RetryPolicy, parse_retry_after, sleep_at_least
from kiosk.payments.settings import VippsSettings
from kiosk.payments.token import AccessTokenResponse, TokenCache

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]
Jitter = Callable[[], float]
ModelT = TypeVar("ModelT", bound=BaseModel)

TOKEN_PATH = "/accesstoken/get"  # noqa: S105 (a path, not a password)
MAX_IDEMPOTENCY_KEY_CHARS = 50


class VippsConnection:
    """Sends requests to one Vipps environment as one sales unit."""

    def __init__(
        self,
        settings: VippsSettings,
        http: httpx.AsyncClient,
        *,
        sleep: Sleep = sleep_at_least,
        monotonic: Clock = time.monotonic,
        wall_clock: Clock = time.time,
        jitter: Jitter = random.random,
    ) -> None:
        self.settings = settings
        self._http = http
        self.sleep = sleep
        self.monotonic = monotonic
        self.wall_clock = wall_clock
        self.policy = RetryPolicy(
            max_attempts=settings.max_attempts,
            base_delay_s=settings.retry_base_delay_s,
            max_delay_s=settings.retry_max_delay_s,
            jitter=jitter,
        )
        self.tokens = TokenCache(settings.token_refresh_margin_s)
        self._token_lock = asyncio.Lock()
        self.token_fetches = 0

    def _base_headers(self) -> dict[str, str]:
        s = self.settings
        return {
            "Ocp-Apim-Subscription-Key": s.subscription_key.get_secret_value(),
            "Merchant-Serial-Number": s.merchant_serial_number,
            "Vipps-System-Name": s.system_name,
            "Vipps-System-Version": s.system_version,
            "Vipps-System-Plugin-Name": s.plugin_name,
            "Vipps-System-Plugin-Version": s.plugin_version,
        }

    async def access_token(self) -> str:
        """A valid bearer token: the cached one, or a fresh one fetched once for all callers."""
        token = self.tokens.valid_token(self.monotonic())
        if token is not None:
            return token
        async with self._token_lock:
            token = self.tokens.valid_token(self.monotonic())
            if token is not None:
                return token
            sent_at_s = self.monotonic()
            headers = {
                "client_id": self.settings.client_id.get_secret_value(),
                "client_secret": self.settings.client_secret.get_secret_value(),
            }
            response = await self.call(
                "POST",
                TOKEN_PATH,
                operation="access token",
                extra_headers=headers,
                authenticated=False,
            )
            answer = parse_model(response, AccessTokenResponse, "access token")
            self.token_fetches += 1
            return self.tokens.store(answer, sent_at_s)

    async def call(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        json_body: object | None = None,
        idempotency_key: str | None = None,
        expect: Iterable[int] = (200,),
        max_attempts: int | None = None,
        authenticated: bool = True,
        extra_headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """Send one request (retrying as ``RetryPolicy`` says) and return the expected answer."""
        if (
            idempotency_key is not None
            and not 0 < len(idempotency_key) <= MAX_IDEMPOTENCY_KEY_CHARS
        ):
            raise ValueError("Idempotency-Key must be 1..50 characters")
        expected = frozenset(expect)
        url = self.settings.base_url + path
        attempt = 0
        renewed_token = False
        while True:
            attempt += 1
            headers = self._base_headers()
            if extra_headers:
                headers.update(extra_headers)
            if idempotency_key is not None:
                headers["Idempotency-Key"] = idempotency_key
            error: VippsError
            try:
                if authenticated:
                    headers["Authorization"] = f"Bearer {await self.access_token()}"
                response = await self._http.request(
                    method,
                    url,
                    json=json_body,
                    headers=headers,
                    timeout=self.settings.request_timeout_s,
                )
            except httpx.TimeoutException as exc:
                error = VippsTransportError(
                    f"{operation}: no answer in time ({type(exc).__name__})"
                )
                error.__cause__ = exc
            except httpx.TransportError as exc:
                error = VippsTransportError(
                    f"{operation}: connection failed ({type(exc).__name__})"
                )
                error.__cause__ = exc
            else:
                if response.status_code in expected:
                    return response
                error = self._api_error(response, operation)
                if (
                    authenticated
                    and not renewed_token
                    and isinstance(error, VippsAuthError)
                    and error.status == 401
                ):
                    log.info("%s: token refused, fetching a new one", operation)
                    self.tokens.invalidate()
                    renewed_token = True
                    attempt -= 1
                    continue
            delay_s = self.policy.delay_s(attempt, error, max_attempts)
            if delay_s is None:
                raise error
            log.warning(
                "%s: attempt %d failed (%s), retrying in %.1f s", operation, attempt, error, delay_s
            )
            await self.sleep(delay_s)

    def _api_error(self, response: httpx.Response, operation: str) -> VippsApiError:
        error_code: int | None = None
        title = detail = ""
        trace_id: str | None = None
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
        if isinstance(body, dict):
            error_code = _error_code(body.get("extraDetails"))
            title = _text(body.get("title"))
            detail = _text(body.get("detail"))
            trace_id = _text(body.get("traceId")) or None
        return classify(
            response.status_code,
            error_code,
            title=title,
            detail=detail,
            trace_id=trace_id,
            operation=operation,
            retry_after_s=parse_retry_after(response.headers.get("Retry-After"), self.wall_clock()),
        )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _error_code(extra_details: object) -> int | None:
    """The numeric ``ErrorCode`` from ``extraDetails: [{name, reason}]``, if any."""
    if not isinstance(extra_details, list):
        return None
    for item in extra_details:
        if isinstance(item, dict) and item.get("name") == "ErrorCode":
            reason = item.get("reason")
            if isinstance(reason, int):
                return reason
            if isinstance(reason, str) and reason.strip().isdigit():
                return int(reason.strip())
    return None


def parse_json(response: httpx.Response, operation: str) -> Any:
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise VippsProtocolError(f"{operation}: the answer is not JSON") from exc


def parse_model(response: httpx.Response, model: type[ModelT], operation: str) -> ModelT:
    """The answer's JSON as ``model``, or ``VippsProtocolError``."""
    data = parse_json(response, operation)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) or "body" for e in exc.errors())
        raise VippsProtocolError(f"{operation}: unexpected answer ({fields})") from exc
