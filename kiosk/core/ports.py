"""Ports: the small interfaces the controller needs, as ``typing.Protocol`` classes.

The core never calls them; the controller runs effects through them and turns what they
return (or raise) into events. Adapters (``kiosk/payments``, ``kiosk/hardware``,
``kiosk/persistence``) implement them; tests use hand-written fakes.

Exception tree an adapter raises (everything else is a bug)::

    PortError
    ├── TemporaryFailure        timeout, 5xx, 429, 423 - retry later with the same key
    └── Refused                 a definite "no" (4xx); ``code`` e.g. "6090"
        └── AlreadyAuthorized   6060: cancelTransactionOnly refused, the driver just approved
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .effects import Effect
from .events import Event, IecState, PaymentState
from .state import SessionState
from .tariff import AmountDue


class PortError(Exception):
    """Base of what a port may raise."""


class TemporaryFailure(PortError):
    """Try again later with the same request (and the same idempotency key)."""


class Refused(PortError):
    def __init__(self, code: str | None, message: str = "") -> None:
        super().__init__(message or f"refused ({code})")
        self.code = code


class AlreadyAuthorized(Refused):
    """A ``cancelTransactionOnly`` cancel met a payment the driver has just approved."""


@dataclass(frozen=True, slots=True)
class PaymentView:
    """The payment as Vipps reports it (GET, or the aggregate of a modification answer)."""

    state: PaymentState
    authorized_ore: int
    captured_ore: int
    cancelled_ore: int


@dataclass(frozen=True, slots=True)
class ChargerSnapshot:
    """What the poller read; None for anything it could not read."""

    iec_state: IecState | None
    energy_wh: int | None
    power_w: int | None


class PaymentService(Protocol):
    async def create_payment(
        self,
        reference: str,
        amount_ore: int,
        currency: str,
        idempotency_key: str,
        phone_number: str | None = None,
    ) -> str:
        """Create the ePayment; returns the QR content (``redirectUrl``), or "" for a push
        payment to ``phone_number``."""
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


class Charger(Protocol):
    async def set_current(self, current_a: int) -> None: ...

    async def enable(self) -> None: ...

    async def disable(self) -> None:
        """Current 0 / disable as the profile says, confirmed by reading back."""
        ...


class SessionStore(Protocol):
    async def save(self, state: SessionState) -> None:
        """Commit the state durably before any effect of its step runs."""
        ...

    async def load_unfinished(self) -> list[SessionState]:
        """Every stored session that is not idle, done or ended."""
        ...


class EffectRunner(Protocol):
    async def run(self, effect: Effect) -> list[Event]:
        """Carry out one effect; return the events describing its outcome (maybe none)."""
        ...
