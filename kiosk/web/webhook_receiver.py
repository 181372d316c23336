"""An ASGI (Starlette) endpoint that receives Vipps ePayment webhooks.

Each delivery is authenticated with ``kiosk.payments.signature.verify`` against the URL *as
registered* (content hash, constant-time signature compare, ``x-ms-date`` within the allowed
skew), then parsed as a ``WebhookEvent``. Anything that fails (bad or missing signature, stale
date, a body that is not a JSON object, an ePayment event with missing or wrong fields) is
answered 401 and never reaches the callback. A correctly signed JSON object that is not an
ePayment event (another event type) is answered 202 and ignored, so it blocks nothing.
Vipps may deliver an event twice; deliveries are de-duplicated on
``(reference, name, pspReference)`` and a duplicate is answered 200 without a second callback.
If the callback raises, the answer is 500 so that Vipps delivers the event again later.

A webhook is a signal, not the truth: the callback should only make the payment follower poll
at once (``PaymentFollower.poke``), never move money on the event's word.

Exceptions: none escape; the outcome is the HTTP status.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from pydantic import SecretStr, ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kiosk.payments.models import WebhookEvent
from kiosk.payments.signature import SignatureError, verify

log = logging.getLogger(__name__)

EPAYMENT_KEYS = frozenset({"reference", "pspReference", "name"})

EventHandler = Callable[[WebhookEvent], Awaitable[None]]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class WebhookReceiver:
    """Verifies, de-duplicates and hands over webhook deliveries; ``app`` is the ASGI app."""

    def __init__(
        self,
        *,
        secret: SecretStr,
        registered_url: str,
        on_event: EventHandler,
        now: Callable[[], datetime] = _utc_now,
        max_skew_s: float = 900.0,
        remembered_events: int = 4096,
        path: str | None = None,
    ) -> None:
        self._secret = secret
        self._registered_url = registered_url
        self._on_event = on_event
        self._now = now
        self._max_skew = timedelta(seconds=max_skew_s)
        self._capacity = remembered_events
        self._seen: OrderedDict[tuple[str, str, str], None] = OrderedDict()
        self.accepted = 0
        self.duplicates = 0
        self.rejected = 0
        self.ignored = 0
        route_path = path if path is not None else (urlsplit(registered_url).path or "/")
        self.app = Starlette(routes=[Route(route_path, self._handle, methods=["POST"])])

    def _reject(self, reason: str) -> Response:
        self.rejected += 1
        log.warning("webhook rejected: %s", reason)
        return Response("unauthorized", status_code=401, media_type="text/plain")

    async def _handle(self, request: Request) -> Response:
        body = await request.body()
        try:
            verify(
                self._secret.get_secret_value(),
                self._registered_url,
                body,
                request.headers,
                now=self._now(),
                max_skew=self._max_skew,
            )
        except SignatureError as exc:
            return self._reject(type(exc).__name__)
        try:
            data = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return self._reject("body is not JSON")
        if not isinstance(data, dict):
            return self._reject("body is not a JSON object")
        if not data.keys() >= EPAYMENT_KEYS:
            self.ignored += 1  # signed, but another kind of event: answer 2xx so nothing blocks
            return JSONResponse({"ignored": True}, status_code=202)
        try:
            event = WebhookEvent.model_validate(data)
        except ValidationError:
            return self._reject("malformed ePayment event")
        key = event.dedup_key
        if key in self._seen:
            self.duplicates += 1
            return JSONResponse({"duplicate": True})
        self._remember(key)
        try:
            await self._on_event(event)
        except Exception:
            self._seen.pop(key, None)
            log.exception("webhook handler failed for %s %s", event.reference, event.name)
            return Response("handler failed", status_code=500, media_type="text/plain")
        self.accepted += 1
        return JSONResponse({"accepted": True})

    def _remember(self, key: tuple[str, str, str]) -> None:
        self._seen[key] = None
        while len(self._seen) > self._capacity:
            self._seen.popitem(last=False)
