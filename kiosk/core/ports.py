"""Ports: the interfaces the station runs effects through, as ``typing.Protocol`` classes.

The core never calls them; the station (``kiosk/station``) runs the core's effects through
them and turns what they return (or raise) into events. ``kiosk/adapters`` implements them on
real libraries (``VippsPayments``, ``DatabaseLedger``, ``PollerCharger``); tests use
hand-written fakes.

- ``PaymentGateway``: the payment service (create, GET, capture, cancel, receipt, check).
- ``Charger``: one connector's charger (current, enable, disable).
- ``Ledger``: the write-ahead record of session steps and payment operations.

Exception tree a payment or charger port raises (everything else is a bug)::

    PortError
    ├── TemporaryFailure        timeout, 5xx, 429, 423 - retry later with the same key
    └── Refused                 a definite "no" (4xx); ``code`` e.g. "6090"
        └── AlreadyAuthorized   6060: cancelTransactionOnly refused, the driver just approved

A ``Ledger`` raises ``LedgerError`` (``kiosk.persistence.errors.PersistenceError`` is one): the
step or operation was not committed; the station retries a failed commit and never runs the
money effects (or a charger enable) of an uncommitted step; stops do not wait (ADR 0014).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from .events import Event, PaymentState
from .state import SessionState
from .tariff import AmountDue


class PortError(Exception):
    """Base of what a payment or charger port may raise."""


class TemporaryFailure(PortError):
    """Try again later with the same request (and the same idempotency key)."""


class Refused(PortError):
    def __init__(self, code: str | None, message: str = "") -> None:
        super().__init__(message or f"refused ({code})")
        self.code = code


class AlreadyAuthorized(Refused):
    """A ``cancelTransactionOnly`` cancel met a payment the driver has just approved."""


class LedgerError(Exception):
    """The ledger did not commit (nothing half-written); retrying may succeed."""


@dataclass(frozen=True, slots=True)
class PaymentView:
    """The payment as Vipps reports it (GET, or the aggregate of a modification answer)."""

    state: PaymentState
    authorized_ore: int
    captured_ore: int
    cancelled_ore: int
    psp_reference: str | None = None
    """Vipps' ``pspReference`` of this answer: of the operation (capture, cancel), or of the
    payment (GET); None when the gateway does not say."""


class PaymentGateway(Protocol):
    async def create_payment(
        self,
        reference: str,
        amount_ore: int,
        currency: str,
        idempotency_key: str,
        *,
        session_id: str,
        connector_id: str,
        phone_number: str | None = None,
        return_url: str | None = None,
    ) -> str:
        """Create the ePayment; returns the QR content (``redirectUrl``), or "" for a push
        payment to ``phone_number``; with ``return_url`` (``WEB_REDIRECT``) the landing URL the
        phone's browser goes to."""
        ...

    async def get_payment(self, reference: str) -> PaymentView:
        """GET the payment; a 404 is ``PaymentView(PaymentState.NOT_FOUND, 0, 0, 0)``."""
        ...

    async def capture(
        self, reference: str, amount_ore: int, currency: str, idempotency_key: str
    ) -> PaymentView: ...

    async def cancel(
        self, reference: str, cancel_transaction_only: bool, idempotency_key: str
    ) -> PaymentView: ...

    async def post_receipt(self, session_id: str, reference: str, amount_due: AmountDue) -> None:
        """Post the Order Management receipt; a 409 (already posted) counts as success."""
        ...

    async def check(self) -> bool:
        """True when the payment service answers (token and a cheap call)."""
        ...


class Charger(Protocol):
    async def set_current(self, current_a: int) -> None: ...

    async def enable(self) -> None: ...

    async def disable(self) -> None:
        """Current 0 / disable as the profile says, confirmed by reading back."""
        ...


class OperationResult(StrEnum):
    SUCCEEDED = "succeeded"
    RETRY = "retry"
    """A temporary failure: the same request (same key) will be sent again."""
    FAILED = "failed"


class Ledger(Protocol):
    """What the station writes ahead: session steps and payment operations.

    The station commits each ``Persist`` step (the new ``SessionState`` and the event that made
    it) in order; the step's payment effects and charger enables wait for that commit, its stops
    and lower currents do not (ADR 0014). Each state-changing payment call is recorded (kind,
    idempotency key, request) before it is sent and its outcome after.
    """

    async def save_step(self, state: SessionState, event: Event) -> None:
        """Commit ``state`` (and journal ``event``) durably; the state has a session id."""
        ...

    async def load_unfinished(self) -> list[SessionState]:
        """Every stored session whose phase is in ``RESTORABLE_PHASES``, oldest first."""
        ...

    async def record_operation(
        self, session_id: str, kind: str, idempotency_key: str, request: dict[str, Any]
    ) -> None:
        """Write-ahead: the payment call is recorded before it is sent (same key: no-op)."""
        ...

    async def record_outcome(
        self, idempotency_key: str, result: OperationResult, outcome: dict[str, Any]
    ) -> None: ...
