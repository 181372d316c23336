"""Typed ePayment wire models: what we send and what Vipps answers, amounts as integer øre.

Python names carry units (``value_ore``); the JSON names are the API's (``value``), through
aliases. Response models ignore fields they do not know (the API adds fields over time, e.g.
``captureGuaranteedUntil``); request models forbid unknown fields, because Vipps rejects them.

Exceptions: parsing raises ``pydantic.ValidationError``; the client turns that into
``VippsProtocolError`` (see ``kiosk.payments.errors``).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from kiosk.payments.settings import Currency, QrFormat

REFERENCE_PATTERN = r"^[a-zA-Z0-9-]{8,50}$"  # the 1.4.1 spec's limit; newer docs allow 64
MAX_AMOUNT_ORE = 65_000_000


class _Request(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", frozen=True
    )

    def to_wire(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class _Response(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="ignore", frozen=True
    )


class PaymentState(StrEnum):
    """The five states of an ePayment; all but CREATED are final."""

    CREATED = "CREATED"
    AUTHORIZED = "AUTHORIZED"
    ABORTED = "ABORTED"
    EXPIRED = "EXPIRED"
    TERMINATED = "TERMINATED"

    @property
    def is_final(self) -> bool:
        return self is not PaymentState.CREATED


class EventName(StrEnum):
    CREATED = "CREATED"
    ABORTED = "ABORTED"
    EXPIRED = "EXPIRED"
    CANCELLED = "CANCELLED"
    CAPTURED = "CAPTURED"
    REFUNDED = "REFUNDED"
    AUTHORIZED = "AUTHORIZED"
    TERMINATED = "TERMINATED"


class UserFlow(StrEnum):
    QR = "QR"
    PUSH_MESSAGE = "PUSH_MESSAGE"
    WEB_REDIRECT = "WEB_REDIRECT"


class Amount(BaseModel):
    """``{currency, value}``; ``value_ore`` is in minor units (øre)."""

    model_config = ConfigDict(populate_by_name=True, frozen=True, extra="ignore")

    currency: Currency
    value_ore: int = Field(alias="value", ge=0, le=MAX_AMOUNT_ORE, strict=True)


class Aggregate(_Response):
    authorized_amount: Amount
    cancelled_amount: Amount
    captured_amount: Amount
    refunded_amount: Amount


class PaymentMethodRequest(_Request):
    type: str = "WALLET"


class CustomerPhone(_Request):
    phone_number: str = Field(pattern=r"^\d{10,15}$")


class QrFormatRequest(_Request):
    format: QrFormat
    size: int | None = Field(None, ge=100, le=2000)


class CreatePaymentRequest(_Request):
    amount: Amount
    payment_method: PaymentMethodRequest = PaymentMethodRequest()
    reference: str = Field(pattern=REFERENCE_PATTERN)
    user_flow: UserFlow
    customer: CustomerPhone | None = None
    customer_interaction: str = "CUSTOMER_PRESENT"
    qr_format: QrFormatRequest | None = None
    return_url: str | None = None
    payment_description: str = Field(min_length=3, max_length=100)
    metadata: dict[str, str] | None = Field(None, max_length=5)


class CreatePaymentResponse(_Response):
    reference: str
    redirect_url: str | None = None


class PaymentMethodResponse(_Response):
    type: str
    card_bin: str | None = None


class Payment(_Response):
    """``GET /epayment/v1/payments/{reference}``: the recommended snapshot of a payment."""

    aggregate: Aggregate
    amount: Amount
    state: PaymentState
    payment_method: PaymentMethodResponse
    psp_reference: str
    reference: str
    redirect_url: str | None = None
    metadata: dict[str, str] | None = None
    capture_guaranteed_until: str | None = None

    @property
    def authorized_ore(self) -> int:
        return self.aggregate.authorized_amount.value_ore

    @property
    def captured_ore(self) -> int:
        return self.aggregate.captured_amount.value_ore

    @property
    def cancelled_ore(self) -> int:
        return self.aggregate.cancelled_amount.value_ore

    @property
    def refunded_ore(self) -> int:
        return self.aggregate.refunded_amount.value_ore

    @property
    def remaining_ore(self) -> int:
        """What could still be captured: authorized − captured − cancelled."""
        return self.authorized_ore - self.captured_ore - self.cancelled_ore

    @property
    def is_settled(self) -> bool:
        """Authorized and nothing left open: captured + cancelled = authorized."""
        return self.state is PaymentState.AUTHORIZED and self.remaining_ore == 0


class ModificationResponse(_Response):
    """The answer to capture, cancel and refund."""

    amount: Amount
    state: PaymentState
    aggregate: Aggregate
    psp_reference: str
    reference: str


class PaymentEvent(_Response):
    """One entry of the event log (oldest first); ``amount`` is that operation's amount."""

    reference: str
    psp_reference: str
    name: EventName
    amount: Amount
    timestamp: str
    idempotency_key: str | None = None
    success: bool


class WebhookEvent(_Response):
    """The body of an ``epayments.payment.*.v1`` webhook delivery; a signal, not the truth."""

    msn: str
    reference: str
    psp_reference: str
    name: EventName
    amount: Amount
    timestamp: str
    idempotency_key: str | None = None
    success: bool

    @property
    def dedup_key(self) -> tuple[str, str, str]:
        """Vipps may deliver twice; (reference, name, pspReference) identifies one event."""
        return (self.reference, self.name.value, self.psp_reference)
