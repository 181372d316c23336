"""Events: everything that happens to a connector session, as frozen dataclasses in.

Time enters only here: every event carries ``now_ms``, Unix epoch milliseconds from the
controller's injected clock (wall-clock, so it stays meaningful across a restart).
Events are plain data (ints, strings, enums, nested frozen dataclasses) so ``codec.py`` can
turn them into JSON and back. Constructing an event never raises.

Groups: driver taps, charger snapshots, payment facts (polling, webhooks, outcomes of the
effects the session asked for), timer ticks, and the restart marker.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from .phone import masked_phone
from .tariff import TariffSnapshot


class IecState(StrEnum):
    """IEC 61851-1 control-pilot state as the charger reports it (suffix 1/2 dropped)."""

    A = "A"  # no vehicle
    B = "B"  # vehicle connected, not requesting energy
    C = "C"  # vehicle requests energy / charging
    D = "D"  # as C, with ventilation
    E = "E"  # CP shorted / no supply: error
    F = "F"  # EVSE fault or unavailable

    @property
    def plugged(self) -> bool:
        return self in (IecState.B, IecState.C, IecState.D)

    @property
    def drawing(self) -> bool:
        return self in (IecState.C, IecState.D)

    @property
    def fault(self) -> bool:
        return self in (IecState.E, IecState.F)


class PaymentState(StrEnum):
    """The ePayment ``state`` from GET / webhooks, plus NOT_FOUND for a 404."""

    CREATED = "CREATED"
    AUTHORIZED = "AUTHORIZED"
    ABORTED = "ABORTED"
    EXPIRED = "EXPIRED"
    TERMINATED = "TERMINATED"
    NOT_FOUND = "NOT_FOUND"


class StopSource(StrEnum):
    """Who asked a running session to stop."""

    DRIVER = "driver"
    PHONE = "phone"
    """The driver, from the session page on a phone (not at the station's screen)."""
    TECHNICIAN = "technician"
    STATION_INPUT = "station_input"


class CancelFailure(StrEnum):
    """How a cancel failed, as the payment adapter classifies it."""

    RETRYABLE = "retryable"
    """Timeout, 5xx, 429, 423/6160 or 6250 (payment being processed): retry with the same key."""
    ALREADY_AUTHORIZED = "already_authorized"
    """6060: ``cancelTransactionOnly`` refused because the driver has just approved."""
    REJECTED = "rejected"
    """Any other 4xx: the payment is in a state that cannot be cancelled (or does not exist)."""


# --- driver ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConnectorTapped:
    """The driver tapped this connector's tile ("Tap to charge")."""

    now_ms: int


@dataclass(frozen=True, slots=True)
class BudgetChosen:
    """The driver chose a budget and tapped "Pay with Vipps".

    The controller supplies the new ids (``session_id`` ≤ 36 characters, ``reference`` 8–50
    characters matching Vipps' pattern) and the tariff snapshot in force right now.
    ``phone_number`` (MSISDN digits, e.g. ``4791234567``) makes it a push payment; it is
    left out of ``repr`` and replaced by its mask in the journal (``journal_form``).
    ``return_url`` makes it a phone payment (``userFlow: WEB_REDIRECT``): the app sends the
    driver back there (the session page; it holds the session's token, so it is left out of
    ``repr`` and of the journal).
    """

    now_ms: int
    session_id: str
    reference: str
    budget_ore: int
    tariff: TariffSnapshot
    phone_number: str | None = field(default=None, repr=False)
    return_url: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class CancelTapped:
    """The driver leaves the current screen: back on Budget, Cancel on Pay / Plug in, or
    dismiss on the Done and failure screens."""

    now_ms: int


@dataclass(frozen=True, slots=True)
class StopRequested:
    """Stop the charge: the driver's confirmed Stop, a technician, or the station's stop input."""

    now_ms: int
    source: StopSource = StopSource.DRIVER


# --- charger --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChargerReading:
    """One snapshot of the charger/meter poller. A failed reading is None, never 0."""

    now_ms: int
    iec_state: IecState | None
    energy_wh: int | None
    """The lifetime import counter of the meter."""
    power_w: int | None
    energy_epoch: int | None = None
    """The meter poller's counter epoch (``kiosk.hardware.energy_filter``): it changes at every
    reset, wrap, replacement or confirmed jump; None when the feed does not say. Only compared
    between readings of one poller run (it starts again at 0 when the station restarts)."""
    held: bool = False
    """The station holds this car below 6 A (site power: waiting for its turn), so a car that
    draws nothing is not pausing by itself: no idle time, no car-full stop."""


@dataclass(frozen=True, slots=True)
class ChargerUnreachable:
    """The poller lost the charger (timeouts, disconnect); published once per outage and may
    repeat; the next ``ChargerReading`` ends the outage."""

    now_ms: int


# --- payment --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PaymentCreated:
    """Outcome of ``CreatePayment``: 201, with the QR content to show."""

    now_ms: int
    qr_url: str


@dataclass(frozen=True, slots=True)
class PaymentCreateFailed:
    """Outcome of ``CreatePayment``: it failed or its answer never came."""

    now_ms: int
    retryable: bool


@dataclass(frozen=True, slots=True)
class PaymentStatus:
    """What Vipps says about the payment: a GET (polling, verify, boot) or a webhook."""

    now_ms: int
    state: PaymentState
    authorized_ore: int = 0
    captured_ore: int = 0
    cancelled_ore: int = 0


@dataclass(frozen=True, slots=True)
class PaymentQueryFailed:
    """Outcome of ``GetPayment``: no usable answer (timeout, 5xx, 429, garbage)."""

    now_ms: int


@dataclass(frozen=True, slots=True)
class CaptureSucceeded:
    """Outcome of ``Capture``: ``captured_ore`` is ``aggregate.capturedAmount`` of the answer."""

    now_ms: int
    captured_ore: int


@dataclass(frozen=True, slots=True)
class CaptureFailed:
    """Outcome of ``Capture``. Retryable: timeout, 5xx, 429, 423/6160, 6280."""

    now_ms: int
    retryable: bool
    error_code: str | None = None


@dataclass(frozen=True, slots=True)
class CancelSucceeded:
    """Outcome of ``CancelPayment``: ``cancelled_ore`` is ``aggregate.cancelledAmount``."""

    now_ms: int
    cancelled_ore: int


@dataclass(frozen=True, slots=True)
class CancelFailed:
    """Outcome of ``CancelPayment``."""

    now_ms: int
    reason: CancelFailure
    error_code: str | None = None


@dataclass(frozen=True, slots=True)
class ReceiptPosted:
    """Outcome of ``PostReceipt``: 201, or 409 (a receipt already exists: ours, from a retry)."""

    now_ms: int


@dataclass(frozen=True, slots=True)
class ReceiptFailed:
    """Outcome of ``PostReceipt``."""

    now_ms: int
    retryable: bool


# --- time and restart -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tick:
    """The clock moved. The controller sends one at least at every ``WakeAt`` it was given (and
    may send more; extra ticks are harmless)."""

    now_ms: int


@dataclass(frozen=True, slots=True)
class Rebooted:
    """The app restarted and restored this state from the store; sent once, first."""

    now_ms: int


Event = (
    ConnectorTapped
    | BudgetChosen
    | CancelTapped
    | StopRequested
    | ChargerReading
    | ChargerUnreachable
    | PaymentCreated
    | PaymentCreateFailed
    | PaymentStatus
    | PaymentQueryFailed
    | CaptureSucceeded
    | CaptureFailed
    | CancelSucceeded
    | CancelFailed
    | ReceiptPosted
    | ReceiptFailed
    | Tick
    | Rebooted
)

EVENT_TYPES: tuple[type[Event], ...] = (
    ConnectorTapped,
    BudgetChosen,
    CancelTapped,
    StopRequested,
    ChargerReading,
    ChargerUnreachable,
    PaymentCreated,
    PaymentCreateFailed,
    PaymentStatus,
    PaymentQueryFailed,
    CaptureSucceeded,
    CaptureFailed,
    CancelSucceeded,
    CancelFailed,
    ReceiptPosted,
    ReceiptFailed,
    Tick,
    Rebooted,
)


def journal_form(event: Event) -> Event:
    """``event`` as it may be stored: a push payment's phone number replaced by its mask, a
    phone payment's return URL (it holds the session page's token) left out."""
    if isinstance(event, BudgetChosen):
        if event.phone_number is not None:
            event = replace(event, phone_number=masked_phone(event.phone_number))
        if event.return_url is not None:
            event = replace(event, return_url=None)
    return event
