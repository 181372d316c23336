"""One emulated ePayment: its state machine, aggregate and event log (digest §3.5–§3.15).

The state is final once it leaves ``CREATED``; capture, cancel and refund on an
``AUTHORIZED`` payment only move the aggregate. Invariants kept by every operation:
``captured + cancelled <= authorized`` and ``refunded <= captured``. Each event gets a fresh
``pspReference``. Operations raise ``problem.ApiError`` with the §3.12 ErrorCode when refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from kiosk.sandbox.vipps.problem import domain_error


class PaymentState(StrEnum):
    CREATED = "CREATED"
    AUTHORIZED = "AUTHORIZED"
    ABORTED = "ABORTED"
    EXPIRED = "EXPIRED"
    TERMINATED = "TERMINATED"


class EventName(StrEnum):
    CREATED = "CREATED"
    AUTHORIZED = "AUTHORIZED"
    ABORTED = "ABORTED"
    EXPIRED = "EXPIRED"
    TERMINATED = "TERMINATED"
    CANCELLED = "CANCELLED"
    CAPTURED = "CAPTURED"
    REFUNDED = "REFUNDED"


# Test magic amounts (§3.14): the approval fails with this reason.
AUTHORIZATION_FAILURES = {
    151: "Insufficient funds",
    182: "Refused by issuer",
    183: "Suspected fraud",
    184: "Withdrawal limit exceeded",
    186: "Expired card",
    187: "Invalid card",
    197: "3-D Secure denied",
    202: "SCA required",
}
UNKNOWN_RESULT_AMOUNT = 201  # the authorization stays "processing" for an hour


def iso_timestamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def new_psp_reference() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class PaymentEvent:
    reference: str
    name: EventName
    amount_value: int
    currency: str
    psp_reference: str
    timestamp: datetime
    idempotency_key: str | None
    success: bool

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "reference": self.reference,
            "pspReference": self.psp_reference,
            "name": self.name.value,
            "amount": {"currency": self.currency, "value": self.amount_value},
            "timestamp": iso_timestamp(self.timestamp),
            "success": self.success,
        }
        if self.idempotency_key is not None:
            body["idempotencyKey"] = self.idempotency_key
        return body


@dataclass(slots=True)
class Payment:
    reference: str
    msn: str
    currency: str
    amount_value: int
    user_flow: str
    payment_method_type: str
    token: str
    created_at: datetime
    expires_at: datetime
    psp_reference: str
    description: str | None = None
    metadata: dict[str, str] | None = None
    customer_phone: str | None = None
    redirect_url: str | None = None
    return_url: str | None = None
    """``WEB_REDIRECT``: where the landing page sends the browser after the decision."""
    customer_interaction: str = "CUSTOMER_NOT_PRESENT"
    state: PaymentState = PaymentState.CREATED
    authorized_value: int = 0
    captured_value: int = 0
    cancelled_value: int = 0
    refunded_value: int = 0
    authorized_at: datetime | None = None
    capture_guaranteed_until: datetime | None = None
    user_authorizing: bool = False
    failure_reason: str | None = None
    events: list[PaymentEvent] = field(default_factory=list)

    # ---- derived -------------------------------------------------------------------------
    @property
    def remaining_value(self) -> int:
        return self.authorized_value - self.captured_value - self.cancelled_value

    def _event(
        self, name: EventName, value: int, now: datetime, key: str | None, success: bool = True
    ) -> PaymentEvent:
        psp = self.psp_reference if name is EventName.CREATED else new_psp_reference()
        event = PaymentEvent(self.reference, name, value, self.currency, psp, now, key, success)
        self.events.append(event)
        return event

    # ---- lifecycle -----------------------------------------------------------------------
    def record_created(self, now: datetime, key: str | None) -> PaymentEvent:
        return self._event(EventName.CREATED, self.amount_value, now, key)

    def authorize(
        self, now: datetime, guarantee: timedelta, *, magic_amounts: bool
    ) -> list[PaymentEvent]:
        """The user approves in the app. Returns the events it produced."""
        if self.state is PaymentState.AUTHORIZED:
            raise domain_error(6230, "Payment is already reserved")
        if self.state is not PaymentState.CREATED:
            raise domain_error(10020, "Approve not allowed", detail=f"state is {self.state}")
        key = self.events[0].idempotency_key if self.events else None
        if magic_amounts and self.amount_value in AUTHORIZATION_FAILURES:
            self.failure_reason = AUTHORIZATION_FAILURES[self.amount_value]
            failed = self._event(EventName.AUTHORIZED, self.amount_value, now, key, False)
            self.state = PaymentState.ABORTED
            self.user_authorizing = False
            return [failed, self._event(EventName.ABORTED, self.amount_value, now, None)]
        if magic_amounts and self.amount_value == UNKNOWN_RESULT_AMOUNT:
            self.user_authorizing = True
            self.expires_at = max(self.expires_at, now + timedelta(hours=1))
            return []
        self.state = PaymentState.AUTHORIZED
        self.user_authorizing = False
        self.authorized_value = self.amount_value
        self.authorized_at = now
        self.capture_guaranteed_until = now + guarantee
        return [self._event(EventName.AUTHORIZED, self.amount_value, now, key)]

    def abort(self, now: datetime) -> PaymentEvent:
        """The user declines in the app."""
        if self.state is not PaymentState.CREATED:
            raise domain_error(10020, "Approve not allowed", detail=f"state is {self.state}")
        self.state = PaymentState.ABORTED
        self.user_authorizing = False
        return self._event(EventName.ABORTED, self.amount_value, now, None)

    def expire(self, now: datetime) -> PaymentEvent:
        if self.state is not PaymentState.CREATED:
            raise domain_error(10020, "Approve not allowed", detail=f"state is {self.state}")
        self.state = PaymentState.EXPIRED
        self.user_authorizing = False
        return self._event(EventName.EXPIRED, self.amount_value, now, None)

    # ---- merchant operations -------------------------------------------------------------
    def _check_amount(self, value: object, currency: object) -> int:
        if currency != self.currency:
            raise domain_error(4040, "Invalid amount", detail="currency differs from the payment")
        if not isinstance(value, int) or isinstance(value, bool):
            raise domain_error(4040, "Invalid amount", detail="value must be an integer")
        if value < 1:
            raise domain_error(6010, "Amount too small")
        return value

    def capture(
        self, now: datetime, key: str, value: object, currency: object, deadline: timedelta
    ) -> PaymentEvent:
        amount = self._check_amount(value, currency)
        if self.state is PaymentState.CREATED:
            raise domain_error(
                6080,
                "Cannot capture before reservation",
                detail="The amount you tried to capture is not reserved. The user must accept "
                "the payment before capture can be done.",
            )
        if self.state is not PaymentState.AUTHORIZED:
            raise domain_error(6200, "Payment cannot be captured", detail=f"state is {self.state}")
        if self.cancelled_value > 0:
            raise domain_error(6070, "Cannot capture a cancelled payment")
        assert self.authorized_at is not None
        if now > self.authorized_at + deadline:
            raise domain_error(6100, "Capture period expired")
        if self.captured_value == self.authorized_value:
            raise domain_error(6170, "Payment already captured")
        if amount > self.remaining_value:
            raise domain_error(6090, "Capture amount too high")
        self.captured_value += amount
        return self._event(EventName.CAPTURED, amount, now, key)

    def cancel(
        self, now: datetime, key: str, *, transaction_only: bool, deadline: timedelta
    ) -> PaymentEvent:
        if self.state is PaymentState.CREATED:
            if self.user_authorizing:
                raise domain_error(6250, "Cannot cancel processing payment", status=423)
            self.state = PaymentState.TERMINATED
            self.cancelled_value = self.amount_value
            return self._event(EventName.TERMINATED, self.amount_value, now, key)
        if self.state in (PaymentState.ABORTED, PaymentState.EXPIRED):
            raise domain_error(6050, "Cannot cancel a non-reserved payment")
        if self.state is PaymentState.TERMINATED:
            raise domain_error(6190, "Payment cannot be cancelled", detail="already terminated")
        if transaction_only:
            raise domain_error(6060, "Cannot cancel authorized payment")
        assert self.authorized_at is not None
        if now > self.authorized_at + deadline:
            raise domain_error(6030, "Cancel period expired")
        if self.captured_value == self.authorized_value:
            raise domain_error(6040, "Cannot cancel a captured payment")
        if self.cancelled_value > 0:
            raise domain_error(6190, "Payment cannot be cancelled", detail="already cancelled")
        released = self.remaining_value
        self.cancelled_value += released
        return self._event(EventName.CANCELLED, released, now, None)

    def refund(
        self, now: datetime, key: str, value: object, currency: object, deadline: timedelta
    ) -> PaymentEvent:
        amount = self._check_amount(value, currency)
        if self.state is PaymentState.CREATED:
            raise domain_error(6020, "Attempted refund before reservation")
        if self.state is not PaymentState.AUTHORIZED:
            raise domain_error(6210, "Payment cannot be refunded", detail=f"state is {self.state}")
        if amount == 123:
            raise domain_error(5100, "Refund not possible", status=403)
        assert self.authorized_at is not None
        if amount == 124 or now > self.authorized_at + deadline:
            raise domain_error(6220, "Refund period expired")
        if amount > self.captured_value - self.refunded_value:
            raise domain_error(6150, "Not enough refundable")
        self.refunded_value += amount
        return self._event(EventName.REFUNDED, amount, now, key)

    # ---- JSON ------------------------------------------------------------------------------
    def _amount(self, value: int) -> dict[str, Any]:
        return {"currency": self.currency, "value": value}

    def aggregate_json(self) -> dict[str, Any]:
        return {
            "authorizedAmount": self._amount(self.authorized_value),
            "cancelledAmount": self._amount(self.cancelled_value),
            "capturedAmount": self._amount(self.captured_value),
            "refundedAmount": self._amount(self.refunded_value),
        }

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "aggregate": self.aggregate_json(),
            "amount": self._amount(self.amount_value),
            "state": self.state.value,
            "paymentMethod": {"type": self.payment_method_type},
            "profile": {},
            "pspReference": self.psp_reference,
            "reference": self.reference,
        }
        if self.state is PaymentState.AUTHORIZED:
            body["paymentMethod"]["cardBin"] = "540185"
        if self.redirect_url is not None:
            body["redirectUrl"] = self.redirect_url
        if self.metadata is not None:
            body["metadata"] = dict(self.metadata)
        if self.capture_guaranteed_until is not None:
            body["captureGuaranteedUntil"] = iso_timestamp(self.capture_guaranteed_until)
        return body

    def modification_json(self, event: PaymentEvent) -> dict[str, Any]:
        return {
            "amount": self._amount(self.amount_value),
            "state": self.state.value,
            "aggregate": self.aggregate_json(),
            "pspReference": event.psp_reference,
            "reference": self.reference,
        }
