"""Effects: what the session asks the world to do, as frozen dataclasses out.

The controller writes the step (state + event) to the store when ``Persist`` is among the
effects (always first); a stop or lower current goes to the charger at once, payment effects
and enables only after that write (ADR 0014). Each outcome comes back as an event
(``Capture`` -> ``CaptureSucceeded`` / ``CaptureFailed`` ...). Effects are plain data, so a
step can be written to the store as JSON and re-run after a crash. What a connector shows is
not an effect: the station derives the screen from the state (``kiosk.station.connector_display``).

Idempotency keys are derived, never random: ``idempotency_key(session_id, Operation.CAPTURE)``
is the same string before and after a crash, so a retried capture can never capture twice.
Errors: ``idempotency_key`` raises ``ValueError`` for an id that would make a key over 50 chars.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .tariff import AmountDue

MAX_IDEMPOTENCY_KEY_CHARS = 50


class Operation(StrEnum):
    """A state-changing payment operation; at most one of each per session."""

    CREATE = "create"
    CANCEL_UNAPPROVED = "cancel-tx"
    """The kiosk's cancel with ``cancelTransactionOnly: true``."""
    CAPTURE = "capture"
    CANCEL = "cancel"
    """A full cancel: releases everything not captured."""


def idempotency_key(session_id: str, operation: Operation) -> str:
    """The Idempotency-Key of ``operation`` in this session: ``<session_id>-<operation>``."""
    key = f"{session_id}-{operation.value}"
    if not session_id or len(key) > MAX_IDEMPOTENCY_KEY_CHARS:
        raise ValueError(f"session id {session_id!r} gives an invalid idempotency key")
    return key


class Notice(StrEnum):
    """The one-sentence "why" on the Ended and Done screens."""

    DECLINED = "declined"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    APPROVAL_TIMEOUT = "approval_timeout"
    PAYMENT_UNAVAILABLE = "payment_unavailable"
    RELEASED = "released"
    """The whole reservation was released (plug-in timeout, cancel after approval, no energy)."""
    SETTLEMENT_PENDING = "settlement_pending"
    """Charging ended; the payment service is unreachable and settlement will be retried."""
    NEEDS_ATTENTION = "needs_attention"


@dataclass(frozen=True, slots=True)
class Persist:
    """Write-ahead: commit this step's state before running the effects after it."""


@dataclass(frozen=True, slots=True)
class WakeAt:
    """Send a ``Tick`` no later than ``at_ms`` (a deadline or a retry is due then)."""

    at_ms: int


@dataclass(frozen=True, slots=True)
class CreatePayment:
    """POST /epayment/v1/payments for exactly the chosen budget: ``userFlow: QR``, or
    ``PUSH_MESSAGE`` to ``phone_number`` (full MSISDN, needed by Vipps; never in ``repr``), or
    ``WEB_REDIRECT`` back to ``return_url`` (a payment begun on the driver's phone)."""

    session_id: str
    reference: str
    amount_ore: int
    currency: str
    idempotency_key: str
    phone_number: str | None = field(default=None, repr=False)
    return_url: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class GetPayment:
    reference: str


@dataclass(frozen=True, slots=True)
class Capture:
    reference: str
    amount_ore: int
    currency: str
    idempotency_key: str


@dataclass(frozen=True, slots=True)
class CancelPayment:
    reference: str
    cancel_transaction_only: bool
    idempotency_key: str


@dataclass(frozen=True, slots=True)
class PostReceipt:
    """Order Management receipt (``ecom``) for the captured amount; ``amount_due`` carries the
    lines (energy in Wh, times in ms), their VAT and the VAT rate."""

    session_id: str
    reference: str
    amount_due: AmountDue


@dataclass(frozen=True, slots=True)
class SetCurrent:
    current_a: int


@dataclass(frozen=True, slots=True)
class EnableCharger:
    """Offer current (PWM on) as the charger's profile says."""


@dataclass(frozen=True, slots=True)
class DisableCharger:
    """Stop: current 0 / disable as the profile says, confirmed by reading back."""


Effect = (
    Persist
    | WakeAt
    | CreatePayment
    | GetPayment
    | Capture
    | CancelPayment
    | PostReceipt
    | SetCurrent
    | EnableCharger
    | DisableCharger
)

EFFECT_TYPES: tuple[type[Effect], ...] = (
    Persist,
    WakeAt,
    CreatePayment,
    GetPayment,
    Capture,
    CancelPayment,
    PostReceipt,
    SetCurrent,
    EnableCharger,
    DisableCharger,
)
