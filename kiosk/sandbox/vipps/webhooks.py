"""Webhook registrations and signed, ordered, retried delivery (digest §6).

Every registration gets a worker task fed by a queue, so deliveries to one registration go
out strictly in order: a failing event holds back later ones until it succeeds or its retry
schedule (``config.webhook_retry_delays_s``) runs out. Each POST is signed with
``kiosk.payments.signature.sign`` using the URL exactly as registered and ``x-ms-date`` from
the emulator's clock. ``aclose`` cancels the workers and closes the HTTP client.

Exceptions: ``register`` raises ``problem.FieldError``/``problem.ApiError`` (400) for a bad
URL or event list; delivery failures are recorded in ``attempts``, never raised.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from kiosk.payments.signature import format_http_date, sign
from kiosk.sandbox.vipps.clock import Clock
from kiosk.sandbox.vipps.config import EmulatorConfig
from kiosk.sandbox.vipps.payment import EventName, Payment, PaymentEvent, iso_timestamp
from kiosk.sandbox.vipps.problem import ApiError, FieldError

EPAYMENT_EVENTS = tuple(f"epayments.payment.{name.value.lower()}.v1" for name in EventName)
OTHER_EVENTS = ("user.checked-in.v1",)


def event_type(name: EventName) -> str:
    return f"epayments.payment.{name.value.lower()}.v1"


@dataclass(frozen=True, slots=True)
class Registration:
    id: str
    url: str
    events: tuple[str, ...]
    secret: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "events": list(self.events)}


@dataclass(frozen=True, slots=True)
class Delivery:
    registration_id: str
    url: str
    event_type: str
    reference: str
    body: bytes


@dataclass(frozen=True, slots=True)
class DeliveryAttempt:
    delivery: Delivery
    attempt: int
    at: datetime
    headers: dict[str, str]
    status: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def payload(msn: str, payment: Payment, event: PaymentEvent) -> dict[str, Any]:
    body = {
        "msn": msn,
        "reference": event.reference,
        "pspReference": event.psp_reference,
        "name": event.name.value,
        "amount": {"currency": event.currency, "value": event.amount_value},
        "timestamp": iso_timestamp(event.timestamp),
        "idempotencyKey": event.idempotency_key,
        "success": event.success,
    }
    if event.name is EventName.AUTHORIZED and payment.capture_guaranteed_until is not None:
        body["captureGuaranteedUntil"] = iso_timestamp(payment.capture_guaranteed_until)
    return body


class WebhookHub:
    def __init__(
        self,
        config: EmulatorConfig,
        clock: Clock,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._config = config
        self._clock = clock
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self.registrations: dict[str, Registration] = {}
        self._queues: dict[str, asyncio.Queue[Delivery]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._busy: set[str] = set()
        self._retired: list[asyncio.Task[None]] = []
        self.attempts: list[DeliveryAttempt] = []
        self._closed = False

    # ---- registration ---------------------------------------------------------------------
    def register(self, url: object, events: object) -> Registration:
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise FieldError("url", "must be an absolute URL")
        if self._config.webhook_require_https and not url.startswith("https://"):
            raise FieldError("url", "must use https")
        known = EPAYMENT_EVENTS + OTHER_EVENTS
        if not isinstance(events, list) or not events:
            raise FieldError("events", "must be a non-empty list")
        for name in events:
            if name not in known:
                raise FieldError("events", f"unknown event {name!r}")
        for name in events:
            used = sum(name in r.events for r in self.registrations.values())
            if used >= self._config.webhook_max_per_event:
                raise ApiError(400, "Bad Request", detail=f"too many registrations for {name}")
        secret = base64.b64encode(secrets.token_bytes(64)).decode("ascii")
        registration = Registration(str(uuid.uuid4()), url, tuple(dict.fromkeys(events)), secret)
        self.registrations[registration.id] = registration
        return registration

    def delete(self, registration_id: str) -> bool:
        removed = self.registrations.pop(registration_id, None)
        worker = self._workers.pop(registration_id, None)
        if worker is not None:
            worker.cancel()
            self._retired.append(worker)
        self._queues.pop(registration_id, None)
        return removed is not None

    # ---- delivery -----------------------------------------------------------------------
    def on_event(self, msn: str, payment: Payment, event: PaymentEvent) -> None:
        kind = event_type(event.name)
        body = json.dumps(payload(msn, payment, event), separators=(",", ":")).encode("utf-8")
        for registration in self.registrations.values():
            if kind in registration.events:
                delivery = Delivery(registration.id, registration.url, kind, event.reference, body)
                self._queue(registration.id).put_nowait(delivery)
                self._ensure_worker(registration.id)

    def _queue(self, registration_id: str) -> asyncio.Queue[Delivery]:
        return self._queues.setdefault(registration_id, asyncio.Queue())

    def _ensure_worker(self, registration_id: str) -> None:
        if self._closed or registration_id in self._workers:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # started by the next drain() or event inside a loop
        self._workers[registration_id] = asyncio.create_task(
            self._work(registration_id), name=f"vipps-webhook-{registration_id}"
        )

    async def _work(self, registration_id: str) -> None:
        queue = self._queue(registration_id)
        while True:
            delivery = await queue.get()
            self._busy.add(registration_id)
            try:
                await self._deliver(delivery)
            finally:
                self._busy.discard(registration_id)
                queue.task_done()

    async def _deliver(self, delivery: Delivery) -> None:
        registration = self.registrations.get(delivery.registration_id)
        if registration is None:
            return
        delays = self._config.webhook_retry_delays_s
        for attempt in range(1, len(delays) + 2):
            if await self._attempt(registration, delivery, attempt):
                return
            if attempt <= len(delays):
                await asyncio.sleep(delays[attempt - 1])

    async def _attempt(self, registration: Registration, delivery: Delivery, attempt: int) -> bool:
        now = self._clock.now()
        signed = sign(registration.secret, registration.url, delivery.body, format_http_date(now))
        headers = signed.as_dict() | {"Content-Type": "application/json"}
        status: int | None = None
        error: str | None = None
        try:
            response = await self._http().post(
                registration.url, content=delivery.body, headers=headers
            )
            status = response.status_code
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        result = DeliveryAttempt(delivery, attempt, now, headers, status, error)
        self.attempts.append(result)
        return result.ok

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                transport=self._transport,
                timeout=self._config.webhook_timeout_s,
                follow_redirects=False,
            )
        return self._client

    # ---- inspection and shutdown --------------------------------------------------------------
    @property
    def delivered(self) -> list[DeliveryAttempt]:
        return [a for a in self.attempts if a.ok]

    def pending(self) -> int:
        return sum(q.qsize() for q in self._queues.values()) + len(self._busy)

    async def drain(self, timeout_s: float = 5.0) -> None:
        """Wait until every queued delivery has succeeded or given up (TimeoutError after)."""
        for registration_id in list(self._queues):
            self._ensure_worker(registration_id)
        async with asyncio.timeout(timeout_s):
            for queue in list(self._queues.values()):
                await queue.join()

    async def aclose(self) -> None:
        self._closed = True
        workers = [*self._workers.values(), *self._retired]
        self._workers.clear()
        self._retired.clear()
        for worker in workers:
            worker.cancel()
        for worker in workers:
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        if self._client is not None:
            await self._client.aclose()
            self._client = None
