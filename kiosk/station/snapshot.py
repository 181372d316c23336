"""The contract between the controller and the driver's screens.

Facts go up as immutable snapshots; commands come down as calls. The controller publishes a
:class:`StationSnapshot` whenever anything a driver can see changes (at least once a second
while a countdown or a charge runs) and implements :class:`StationControl`. The view-models in
``kiosk.gui.viewmodels`` adapt snapshots into Qt properties and forward taps; they never decide.

Rules both sides rely on:

- Pure Python, no Qt: the controller imports this module, the core does not need to.
- Money is integer øre, energy integer Wh, power integer W, times integer seconds. A value the
  station does not know (yet) is ``None``, never 0.
- Every :class:`StationControl` command returns at once (the controller does the work in
  asyncio tasks); the UI thread never waits for the network, the database or Modbus. A command
  that does not fit the current state is ignored by the controller (random and double taps).
- Subscribers are called on the Qt/asyncio thread (qasync), with the current snapshot first.

There are no exceptions here: nothing in the contract can fail in a way the UI must handle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Protocol

from kiosk.core.state import StopReason
from kiosk.core.tariff import TariffSnapshot, estimate_energy_wh

ESTIMATE_POWER_W = 11_000
"""The charging power the "≈ kWh" estimate assumes where the tariff has a time price and the
connectors' maximum current is not known (3 × 16 A, the most common AC charging power); a
configured station assumes its connectors' power (``kiosk.station.setup.assumed_power_w``).
The budget screen states it; a slower car gets less."""


class Screen(Enum):
    """What one connector shows when its flow has the screen (and how its tile reads)."""

    IDLE = "idle"  # available, no car
    CAR_CONNECTED = "car_connected"  # a car is plugged in without a session: tap to pay
    BUDGET = "budget"  # choosing the maximum amount
    PAY = "pay"  # QR shown, waiting for approval in the app
    PLUG_IN = "plug_in"  # approved, waiting for the cable
    CHARGING = "charging"
    STOPPING = "stopping"  # stop requested, waiting for the charger to confirm
    SETTLING = "settling"  # capture / release / receipt in progress
    DONE = "done"  # receipt, amounts, please unplug
    DECLINED = "declined"  # the payment was declined in the app (nothing reserved)
    EXPIRED = "expired"  # nobody approved in time (nothing reserved)
    CANCELLED = "cancelled"  # the driver cancelled before approval
    PLUG_IN_TIMEOUT = "plug_in_timeout"  # no car in time: the reservation was released
    FAILED = "failed"  # something went wrong; ``failure`` says what
    PAYMENT_UNAVAILABLE = "payment_unavailable"  # Vipps cannot be reached: no new payments
    OUT_OF_ORDER = "out_of_order"  # switched off by a technician
    TEST_CHARGE = "test_charge"  # a technician's test charge (no payment) runs: no driver starts
    FAULT = "fault"  # the charger reports a fault or does not answer
    STARTING = "starting"  # the station is still starting (the first second after boot)


class Why(Enum):
    """The one-line reason shown while a session is in CHARGING."""

    CHARGING = "charging"
    CAR_PAUSED = "car_paused"
    CAR_FULL = "car_full"
    STATION_LIMITING = "station_limiting"
    WAITING_FOR_CAR = "waiting_for_car"


class StorageFault(Enum):
    """Why the station cannot write its records now (charging and Stop go on regardless)."""

    BUSY = "busy"  # another program holds the database's lock past the busy timeout
    FULL = "full"  # the disk (or quota) is full
    UNAVAILABLE = "unavailable"  # read-only, missing or damaged, or the server is gone
    STALLED = "stalled"  # a write has been waiting for a while (a lock, a failing card)


class PhoneStartResult(Enum):
    """The answer to a phone's Pay (``Station.start_from_phone``)."""

    STARTED = "started"
    BUSY = "busy"  # the connector has a session, or another start just took it
    OUT_OF_ORDER = "out_of_order"  # switched off, or the charger has a fault
    PAYMENT_UNAVAILABLE = "payment_unavailable"
    BAD_AMOUNT = "bad_amount"  # not a preset and not an allowed custom amount
    UNKNOWN_CONNECTOR = "unknown_connector"


@dataclass(frozen=True, slots=True)
class PhoneStart:
    result: PhoneStartResult
    session_id: str | None = None


class Failure(Enum):
    """What went wrong, for FAILED and FAULT screens."""

    PAYMENT_ERROR = "payment_error"  # Vipps answered with an error creating the payment
    CHARGER_ERROR = "charger_error"  # the charger refused to start
    CHARGER_NOT_RESPONDING = "charger_not_responding"  # the link to the charger is lost
    CHARGER_FAULT = "charger_fault"  # the charger answers and reports a fault (IEC E/F)
    INTERNAL = "internal"


@dataclass(frozen=True, slots=True)
class PriceStep:
    """A coming price change of a tariff with periods (station's local time)."""

    at: str
    """"HH:MM"."""
    in_days: int
    """0: today, 1: tomorrow (local days)."""
    price_ore_per_kwh: int
    price_ore_per_minute: int | None = None
    fallback: bool = False
    """The spot feed had no price for it: the fallback price."""


@dataclass(frozen=True, slots=True)
class TariffDisplay:
    """The full price before start, all including VAT. ``None`` = the tariff has no such part."""

    price_ore_per_kwh: int
    start_fee_ore: int | None = None
    price_ore_per_minute: int | None = None
    idle_fee_ore_per_minute: int | None = None
    idle_grace_minutes: int | None = None
    estimate_power_w: int = ESTIMATE_POWER_W
    currency: str = "NOK"  # ISO 4217; the sales unit's market (``kiosk.core.numbering``)
    minimum_ore: int | None = None
    # Prices that change by the hour (``[[tariff.periods]]``): the prices above are those in
    # force now; these say when they next change (station's local time) and to what.
    next_change_at: str | None = None
    """"HH:MM" local time of the next price change; None: the prices do not change."""
    next_change_in_days: int = 0
    """0: today, 1: tomorrow (local days), ..."""
    next_price_ore_per_kwh: int | None = None
    next_price_ore_per_minute: int | None = None
    fallback_price: bool = False
    """The energy price now is the spot feed's fallback (the feed has no good price)."""
    feed_problem: str = ""
    """What is wrong with the spot price feed ("" = nothing), for the service screen."""
    upcoming: tuple[PriceStep, ...] = ()
    """Every price change of the next 24 hours (the first is ``next_change_at``), so a page
    can show all prices a session started now could be billed at."""

    @property
    def estimate_needs_power(self) -> bool:
        """The estimate depends on how fast the car charges (there is a time price)."""
        return bool(self.price_ore_per_minute)

    def energy_wh_for(self, amount_ore: int) -> int | None:
        """≈ energy a budget buys: start fee first, then energy and time at
        ``estimate_power_w`` (see ``kiosk.core.tariff.estimate_energy_wh``); None = unlimited."""
        tariff = TariffSnapshot(
            price_ore_per_kwh=self.price_ore_per_kwh,
            start_fee_ore=self.start_fee_ore or 0,
            price_ore_per_minute=self.price_ore_per_minute or 0,
        )
        return estimate_energy_wh(tariff, amount_ore, power_w=self.estimate_power_w)


@dataclass(frozen=True, slots=True)
class BudgetLimits:
    """Budget presets and the range of a custom amount, all in øre."""

    presets_ore: tuple[int, ...]
    custom_min_ore: int
    custom_max_ore: int
    custom_step_ore: int = 100

    def accepts(self, amount_ore: int) -> bool:
        """A custom amount the driver may choose."""
        return (
            self.custom_min_ore <= amount_ore <= self.custom_max_ore
            and amount_ore % self.custom_step_ore == 0
        )


@dataclass(frozen=True, slots=True)
class ConnectorSnapshot:
    """One connector as the driver sees it. Fields that do not apply to ``screen`` are None."""

    connector_id: int
    name: str
    screen: Screen
    why: Why | None = None
    failure: Failure | None = None
    stop_reason: StopReason | None = None  # why the session's charge ended (the core's reason)
    energy_wh: int | None = None
    power_w: int | None = None
    elapsed_s: int | None = None
    cost_ore: int | None = None
    budget_ore: int | None = None  # the amount chosen (BUDGET..PAY) / authorized afterwards
    authorized_ore: int | None = None
    paid_ore: int | None = None  # captured
    released_ore: int | None = None  # cancelled / given back
    deadline_s: int | None = None  # countdown on PAY, PLUG_IN and DONE
    qr_text: str | None = None  # the payment's target URL (PAY); None with a push payment
    phone_number: str | None = None  # masked number a push payment went to
    receipt_url: str | None = None
    # CHARGING/STOPPING: the station cannot write its records now (charge and Stop go on).
    station_problem: bool = False
    # DONE: charging is over but the money is not settled yet (the payment service did not
    # answer): ``cost_ore`` will be charged and the rest of ``authorized_ore`` released.
    settlement_pending: bool = False
    label: str = ""  # the connector's number/letter as printed on the hardware
    colour: str | None = None  # its colour as marked on the hardware ("#RRGGBB")
    session_url: str | None = None  # the session page on the driver's phone (follow, receipt)
    on_phone: bool = False  # the payment was begun on a phone: the station shows no QR
    shared_power_w: int | None = None  # why STATION_LIMITING: what the car may draw now
    # IDLE, CAR_CONNECTED, BUDGET while the site's supply is shared: the power a car starting
    # now would get, below the connector's own maximum (its "≈ kWh" assumes no more); None:
    # the connector's maximum.
    available_power_w: int | None = None


@dataclass(frozen=True, slots=True)
class StationSnapshot:
    """Everything the driver's screens show, at one instant."""

    station_name: str
    language: str  # the language in force now ("nb", "en", "sv", "da", "fi", "de")
    default_language: str
    languages: tuple[str, ...]
    tariff: TariffDisplay
    budget: BudgetLimits
    payment_available: bool
    push_payment_allowed: bool
    terms_url: str
    connectors: tuple[ConnectorSnapshot, ...]
    # The connector whose flow has the screen; None shows the overview of all connectors.
    focused_connector_id: int | None = None
    # Set while the station cannot write its records (the screens say so; Stop still works).
    storage_fault: StorageFault | None = None
    # The operator's messages for the idle screen (OCPP SetDisplayMessage), already in the
    # screen's language, the first first; the screen cycles through several. Empty: none.
    operator_messages: tuple[str, ...] = ()

    def connector(self, connector_id: int) -> ConnectorSnapshot | None:
        for item in self.connectors:
            if item.connector_id == connector_id:
                return item
        return None

    def tariff_for(self, connector_id: int) -> TariffDisplay:
        """The prices as ``connector_id``'s budget choice shows them: its "≈ kWh" assumes at
        most the power a car starting there now would get (``available_power_w``). That
        changes the estimate only where the tariff has a time price."""
        connector = self.connector(connector_id)
        if connector is None or connector.available_power_w is None:
            return self.tariff
        power_w = min(self.tariff.estimate_power_w, max(1, connector.available_power_w))
        return replace(self.tariff, estimate_power_w=power_w)


SnapshotCallback = Callable[[StationSnapshot], None]


class StationControl(Protocol):
    """What the screens may ask of the station. Every call returns at once."""

    def subscribe(self, callback: SnapshotCallback) -> Callable[[], None]:
        """Call ``callback`` with the current snapshot now and with every new one.

        Returns a function that unsubscribes."""
        ...

    def select_connector(self, connector_id: int) -> None:
        """A tile was tapped: give that connector the screen (IDLE/CAR_CONNECTED go to BUDGET)."""
        ...

    def show_overview(self) -> None:
        """Back to the overview without changing any session (only with 2+ connectors)."""
        ...

    def touched(self) -> None:
        """Someone touched the screen: the lane in focus keeps it a while longer."""
        ...

    def choose_budget(
        self, connector_id: int, amount_ore: int, phone_number: str | None = None
    ) -> None:
        """Start the payment for exactly ``amount_ore``; with a phone number as a push payment."""
        ...

    def cancel(self, connector_id: int) -> None:
        """Leave BUDGET, or cancel the payment on PAY / the reservation on PLUG_IN."""
        ...

    def stop(self, connector_id: int) -> None:
        """The driver confirmed Stop on CHARGING."""
        ...

    def dismiss(self, connector_id: int) -> None:
        """Acknowledge DONE or a message screen; the connector goes back to the overview."""
        ...

    def set_language(self, code: str) -> None:
        """Switch the screens' language (the controller returns to the default after a session)."""
        ...
