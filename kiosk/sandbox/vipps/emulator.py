"""The emulator's state and its Python control API (the "customer's phone" and test hooks).

``Emulator`` holds one sales unit's payments, tokens, Idempotency-Keys, faults, receipts,
QR codes and webhook registrations. The ASGI app (``app.create_app``) serves it over HTTP;
tests and the demo drive the customer's side directly through its methods.

Exceptions: control methods raise ``UnknownPaymentError`` (a ``LookupError``) for an unknown
reference and ``problem.ApiError`` when the payment's state forbids the action.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx

from kiosk.sandbox.vipps.clock import Clock, SystemClock
from kiosk.sandbox.vipps.config import EmulatorConfig
from kiosk.sandbox.vipps.faults import FaultPlan
from kiosk.sandbox.vipps.idempotency import IdempotencyStore
from kiosk.sandbox.vipps.merchant_qr import MerchantQrStore
from kiosk.sandbox.vipps.payment import Payment, PaymentEvent, PaymentState, new_psp_reference
from kiosk.sandbox.vipps.ratelimit import MODIFY_PER_MINUTE, READ_PER_MINUTE, RateLimiter
from kiosk.sandbox.vipps.receipts import OrderManagement
from kiosk.sandbox.vipps.strict import StrictViolation
from kiosk.sandbox.vipps.tokens import TokenIssuer
from kiosk.sandbox.vipps.validation import CreateRequest
from kiosk.sandbox.vipps.webhooks import WebhookHub

EventListener = Callable[[Payment, PaymentEvent], None]


class UnknownPaymentError(LookupError):
    """No payment with that reference (or phone token) exists in the emulator."""


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One API request as the emulator saw it (for tests of headers)."""

    method: str
    path: str
    at: datetime
    system_headers: dict[str, str]
    msn: str | None
    idempotency_key: str | None


class Emulator:
    def __init__(
        self,
        config: EmulatorConfig | None = None,
        *,
        clock: Clock | None = None,
        webhook_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config if config is not None else EmulatorConfig()
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.tokens = TokenIssuer(self.config)
        self.idempotency = IdempotencyStore()
        self.faults = FaultPlan()
        self.payments: dict[str, Payment] = {}
        self.requests: list[RequestRecord] = []
        self.strict_violations: list[StrictViolation] = []
        self.rate_limiter = RateLimiter()
        self.public_base_url: str | None = self.config.public_base_url
        self._by_token: dict[str, str] = {}
        self._listeners: list[EventListener] = []
        self._ticker: asyncio.Task[None] | None = None
        self.order_management = OrderManagement()
        self.merchant_qr = MerchantQrStore()
        self.webhooks = WebhookHub(self.config, self.clock, webhook_transport)
        self._listeners.append(lambda p, e: self.webhooks.on_event(self.config.msn, p, e))
        self._closed = False

    # ---- lifecycle -----------------------------------------------------------------------
    async def start(self) -> None:
        """Start the background expiry ticker (optional: every request also sweeps)."""
        if self._ticker is None and not self._closed:
            self._ticker = asyncio.create_task(self._tick(), name="vipps-emulator-expiry")

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self.config.expiry_tick_s)
            self.sweep()

    async def aclose(self) -> None:
        """Stop every background task; release hung requests. Idempotent."""
        self._closed = True
        self.faults.clear()
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
            self._ticker = None
        await self.webhooks.aclose()

    def add_listener(self, listener: EventListener) -> None:
        self._listeners.append(listener)

    def _publish(self, payment: Payment, events: list[PaymentEvent]) -> None:
        for event in events:
            for listener in self._listeners:
                listener(payment, event)

    # ---- lookups ---------------------------------------------------------------------------
    def base_url(self, request_base: str) -> str:
        return self.public_base_url or request_base.rstrip("/")

    def payment(self, reference: str) -> Payment:
        self.sweep()
        try:
            return self.payments[reference]
        except KeyError:
            raise UnknownPaymentError(reference) from None

    def payment_by_token(self, token: str) -> Payment:
        reference = self._by_token.get(token)
        if reference is None:
            raise UnknownPaymentError(token)
        return self.payment(reference)

    def events(self, reference: str) -> list[PaymentEvent]:
        return list(self.payment(reference).events)

    def receipt(self, reference: str, payment_type: str = "ecom") -> dict[str, Any] | None:
        """The receipt posted through Order Management for this order, if any."""
        record = self.order_management.orders.get((payment_type, reference))
        return record.receipt if record is not None else None

    def pending_push(self, phone_number: str) -> list[Payment]:
        """CREATED payments pushed to this phone number (what the app would show)."""
        self.sweep()
        return [
            p
            for p in self.payments.values()
            if p.customer_phone == phone_number and p.state is PaymentState.CREATED
        ]

    # ---- expiry ----------------------------------------------------------------------------
    def sweep(self) -> list[Payment]:
        """Expire every CREATED payment whose time is up; returns the ones expired now."""
        now = self.clock.now()
        expired = []
        for payment in self.payments.values():
            if payment.state is PaymentState.CREATED and now >= payment.expires_at:
                event = payment.expire(now)
                expired.append(payment)
                self._publish(payment, [event])
        return expired

    # ---- the merchant's side (called by the routes) ------------------------------------------
    def create_payment(self, request: CreateRequest, key: str, base_url: str) -> Payment:
        now = self.clock.now()
        token = secrets.token_urlsafe(24)
        expires_at = request.expires_at or now + timedelta(seconds=self.config.payment_expiry_s)
        payment = Payment(
            reference=request.reference,
            msn=self.config.msn,
            currency=request.currency,
            amount_value=request.amount_value,
            user_flow=request.user_flow,
            payment_method_type=request.payment_method_type,
            token=token,
            created_at=now,
            expires_at=expires_at,
            psp_reference=new_psp_reference(),
            description=request.description,
            metadata=request.metadata,
            customer_phone=request.customer_phone,
            customer_interaction=request.customer_interaction,
            return_url=request.return_url,
        )
        payment.redirect_url = self._redirect_url(request, token, base_url)
        self.payments[payment.reference] = payment
        self._by_token[token] = payment.reference
        self._publish(payment, [payment.record_created(now, key)])
        return payment

    def _redirect_url(self, request: CreateRequest, token: str, base_url: str) -> str | None:
        if request.user_flow == "PUSH_MESSAGE":
            return None
        if request.user_flow == "QR":
            if request.qr_format == "TEXT/TARGETURL":
                return f"{base_url}/phone?token={token}"
            if request.qr_format == "IMAGE/PNG":
                size = request.qr_size or 1024
                return f"{base_url}/qr-image/v1?token={token}&format=png&size={size}"
            return f"{base_url}/qr-image/v1?token={token}&format=svg"
        return f"{base_url}/landing?token={token}"

    def capture(
        self, reference: str, key: str, value: object, currency: object
    ) -> tuple[Payment, PaymentEvent]:
        payment = self.payment(reference)
        deadline = timedelta(days=self.config.capture_deadline_days)
        event = payment.capture(self.clock.now(), key, value, currency, deadline)
        self._publish(payment, [event])
        return payment, event

    def cancel(
        self, reference: str, key: str, *, transaction_only: bool
    ) -> tuple[Payment, PaymentEvent]:
        payment = self.payment(reference)
        deadline = timedelta(days=self.config.capture_deadline_days)
        event = payment.cancel(
            self.clock.now(), key, transaction_only=transaction_only, deadline=deadline
        )
        self._publish(payment, [event])
        return payment, event

    def refund(
        self, reference: str, key: str, value: object, currency: object
    ) -> tuple[Payment, PaymentEvent]:
        payment = self.payment(reference)
        deadline = timedelta(days=self.config.refund_deadline_days)
        event = payment.refund(self.clock.now(), key, value, currency, deadline)
        self._publish(payment, [event])
        return payment, event

    # ---- the customer's side (phone page, test approve, Python control API) -------------------
    def approve(self, reference: str) -> Payment:
        """The customer approves in the app: CREATED -> AUTHORIZED (or a magic-amount failure)."""
        payment = self.payment(reference)
        guarantee = timedelta(days=self.config.capture_guarantee_days)
        events = payment.authorize(
            self.clock.now(), guarantee, magic_amounts=self.config.magic_amounts
        )
        self._publish(payment, events)
        return payment

    def decline(self, reference: str) -> Payment:
        """The customer declines in the app: CREATED -> ABORTED."""
        payment = self.payment(reference)
        self._publish(payment, [payment.abort(self.clock.now())])
        return payment

    abort = decline

    def expire_now(self, reference: str) -> Payment:
        """Let the payment's time run out now: CREATED -> EXPIRED."""
        payment = self.payment(reference)
        self._publish(payment, [payment.expire(self.clock.now())])
        return payment

    def set_user_authorizing(self, reference: str, authorizing: bool = True) -> Payment:
        """The user is mid-authorization (3-D Secure): a cancel now gets 6250 / HTTP 423."""
        payment = self.payment(reference)
        if payment.state is not PaymentState.CREATED and authorizing:
            raise ValueError(f"payment is {payment.state}, not CREATED")
        payment.user_authorizing = authorizing
        return payment

    def rate_limit(self, operation: str, reference: str, subscription_key: str) -> None:
        """Count one call against §3.1's per-reference limits (when ``config.rate_limits``)."""
        if not self.config.rate_limits:
            return
        if operation in ("get", "events"):
            bucket, limit = ("read", reference, subscription_key), READ_PER_MINUTE
        else:
            bucket, limit = ("modify", reference, self.config.msn), MODIFY_PER_MINUTE
        self.rate_limiter.hit(bucket, limit, self.clock.now())

    def record_request(self, record: RequestRecord) -> None:
        self.requests.append(record)
