"""The ePayment API as the kiosk uses it: reserve the budget, follow it, capture, cancel, refund.

A payment at the station is always ``paymentMethod: WALLET`` and
``customerInteraction: CUSTOMER_PRESENT`` (the customer stands at the station; that is
regulatory). ``userFlow`` is ``QR`` with the configured ``qrFormat`` (``TEXT/TARGETURL``: we
render the QR ourselves), or ``PUSH_MESSAGE`` with a phone number where the sales unit allows
it, or ``WEB_REDIRECT`` with a ``returnUrl`` for a payment begun on the driver's phone (the
session page; Vipps sends the browser back there after the decision). Every state-changing
call needs the caller's Idempotency-Key, derived from the session and the operation, so a retry
after a crash sends the same key.

Exceptions: the tree of ``kiosk.payments.errors``; ``ValueError`` for arguments the API would
refuse anyway (a phone number when push is not allowed, a non-positive amount).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from kiosk.payments.connection import VippsConnection, parse_json, parse_model
from kiosk.payments.errors import VippsProtocolError
from kiosk.payments.models import (
    Amount,
    CreatePaymentRequest,
    CreatePaymentResponse,
    CustomerPhone,
    ModificationResponse,
    Payment,
    PaymentEvent,
    QrFormatRequest,
    UserFlow,
)
from kiosk.payments.settings import QrFormat

PAYMENTS_PATH = "/epayment/v1/payments"
_EVENTS = TypeAdapter(list[PaymentEvent])


@dataclass(frozen=True, slots=True)
class PaymentMetadata:
    """Where the payment belongs; returned on GET (never personal data)."""

    station_id: str
    connector_id: str
    session_id: str

    def to_wire(self) -> dict[str, str]:
        return {
            "stationId": self.station_id,
            "connectorId": self.connector_id,
            "sessionId": self.session_id,
        }


@dataclass(frozen=True, slots=True)
class CreatedPayment:
    """A new payment: show ``qr_content`` (our QR) or ``qr_image_url``, or neither (push)."""

    reference: str
    redirect_url: str | None
    qr_format: QrFormat | None

    @property
    def qr_content(self) -> str | None:
        """The text to encode in our own QR (only for ``TEXT/TARGETURL``)."""
        return self.redirect_url if self.qr_format is QrFormat.TEXT_TARGET_URL else None

    @property
    def qr_image_url(self) -> str | None:
        """A Vipps-hosted QR image (only for the image formats)."""
        if self.qr_format in (QrFormat.IMAGE_SVG, QrFormat.IMAGE_PNG):
            return self.redirect_url
        return None


class EPaymentApi:
    """``/epayment/v1``: create, get, events, capture, cancel, refund (+ test approve)."""

    def __init__(self, connection: VippsConnection) -> None:
        self._conn = connection
        self._settings = connection.settings

    def _amount(self, amount_ore: int) -> Amount:
        if amount_ore <= 0:
            raise ValueError("amount_ore must be positive")
        return Amount(currency=self._settings.currency, value_ore=amount_ore)

    def create_request(
        self,
        *,
        reference: str,
        amount_ore: int,
        metadata: PaymentMetadata,
        phone_number: str | None = None,
        return_url: str | None = None,
    ) -> CreatePaymentRequest:
        """The create body for a reservation of ``amount_ore`` (exposed for schema tests)."""
        if phone_number is not None and return_url is not None:
            raise ValueError("a payment is either pushed to a phone number or redirected")
        if return_url is not None:
            return CreatePaymentRequest(
                amount=self._amount(amount_ore),
                reference=reference,
                user_flow=UserFlow.WEB_REDIRECT,
                return_url=return_url,
                payment_description=self._settings.payment_description,
                metadata=metadata.to_wire(),
            )
        if phone_number is not None:
            if not self._settings.push_message_allowed:
                raise ValueError("PUSH_MESSAGE is not allowed for this sales unit")
            return CreatePaymentRequest(
                amount=self._amount(amount_ore),
                reference=reference,
                user_flow=UserFlow.PUSH_MESSAGE,
                customer=CustomerPhone(phone_number=phone_number),
                payment_description=self._settings.payment_description,
                metadata=metadata.to_wire(),
            )
        size = self._settings.qr_size_px if self._settings.qr_format is QrFormat.IMAGE_PNG else None
        return CreatePaymentRequest(
            amount=self._amount(amount_ore),
            reference=reference,
            user_flow=UserFlow.QR,
            qr_format=QrFormatRequest(format=self._settings.qr_format, size=size),
            payment_description=self._settings.payment_description,
            metadata=metadata.to_wire(),
        )

    async def create(
        self,
        *,
        reference: str,
        amount_ore: int,
        idempotency_key: str,
        metadata: PaymentMetadata,
        phone_number: str | None = None,
        return_url: str | None = None,
    ) -> CreatedPayment:
        """Reserve ``amount_ore`` (the driver's budget, the maximum that may be captured)."""
        request = self.create_request(
            reference=reference,
            amount_ore=amount_ore,
            metadata=metadata,
            phone_number=phone_number,
            return_url=return_url,
        )
        response = await self._conn.call(
            "POST",
            PAYMENTS_PATH,
            operation="create payment",
            json_body=request.to_wire(),
            idempotency_key=idempotency_key,
            expect=(201,),
        )
        answer = parse_model(response, CreatePaymentResponse, "create payment")
        if answer.reference != reference:
            raise VippsProtocolError("create payment: the answer names another reference")
        return CreatedPayment(
            reference=answer.reference,
            redirect_url=answer.redirect_url,
            qr_format=request.qr_format.format if request.qr_format else None,
        )

    async def get(self, reference: str, *, max_attempts: int | None = None) -> Payment:
        """The payment's current state and aggregate (the recommended snapshot)."""
        response = await self._conn.call(
            "GET",
            f"{PAYMENTS_PATH}/{reference}",
            operation="get payment",
            max_attempts=max_attempts,
        )
        return parse_model(response, Payment, "get payment")

    async def events(self, reference: str) -> list[PaymentEvent]:
        """The event log, oldest first (the authoritative history)."""
        response = await self._conn.call(
            "GET", f"{PAYMENTS_PATH}/{reference}/events", operation="payment events"
        )
        data = parse_json(response, "payment events")
        try:
            return _EVENTS.validate_python(data)
        except ValidationError as exc:
            raise VippsProtocolError("payment events: unexpected answer") from exc

    async def _modify(
        self, reference: str, action: str, body: dict[str, object], idempotency_key: str
    ) -> ModificationResponse:
        operation = f"{action} payment"
        response = await self._conn.call(
            "POST",
            f"{PAYMENTS_PATH}/{reference}/{action}",
            operation=operation,
            json_body=body,
            idempotency_key=idempotency_key,
        )
        return parse_model(response, ModificationResponse, operation)

    async def capture(
        self, reference: str, amount_ore: int, *, idempotency_key: str
    ) -> ModificationResponse:
        """Capture ``amount_ore`` (partial captures allowed; never more than is left)."""
        amount = self._amount(amount_ore)
        body: dict[str, object] = {"modificationAmount": amount.model_dump(by_alias=True)}
        return await self._modify(reference, "capture", body, idempotency_key)

    async def cancel(
        self, reference: str, *, idempotency_key: str, transaction_only: bool = False
    ) -> ModificationResponse:
        """Release everything not captured. ``transaction_only=True`` refuses (ErrorCode 6060)
        when the customer already approved, so an approval in flight is not thrown away."""
        body: dict[str, object] = {"cancelTransactionOnly": transaction_only}
        return await self._modify(reference, "cancel", body, idempotency_key)

    async def refund(
        self, reference: str, amount_ore: int, *, idempotency_key: str
    ) -> ModificationResponse:
        """Give back ``amount_ore`` of what was captured."""
        amount = self._amount(amount_ore)
        body: dict[str, object] = {"modificationAmount": amount.model_dump(by_alias=True)}
        return await self._modify(reference, "refund", body, idempotency_key)

    async def force_approve(self, reference: str, *, phone_number: str) -> None:
        """Test environment only: approve as the test user with ``phone_number``."""
        await self._conn.call(
            "POST",
            f"/epayment/v1/test/payments/{reference}/approve",
            operation="force approve",
            json_body={"customer": {"phoneNumber": phone_number}},
        )
