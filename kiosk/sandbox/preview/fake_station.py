"""A hand-written fake of the controller: scripted snapshots and a record of every command.

Used by the UI tests and by ``kiosk ui-preview``. It reacts to taps the simple way a driver
would expect (tile -> budget, budget -> pay, cancel -> idle, stop -> stopping, ...) so the
preview can be clicked through, but it decides nothing about money: the numbers come from the
scene. A scene is in NOK unless ``currency`` says otherwise; in EUR its amounts are a tenth
(cents for øre, so "€0.45/kWh" and a "€35" budget read like a real Finnish station; a
budget's step stays one whole unit). Pure Python (no Qt).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from kiosk.core.state import StopReason
from kiosk.station.snapshot import (
    BudgetLimits,
    ConnectorSnapshot,
    Failure,
    Screen,
    SnapshotCallback,
    StationSnapshot,
    TariffDisplay,
    Why,
)

LANGUAGES = ("nb", "en", "sv", "da", "fi", "de")
PAY_URL = "https://qr.vipps.no/28/2/01/031/4791234567?v=1&p=ladeskjerm-7f3c9a"
RECEIPT_URL = "https://vipps.no/receipt/ladeskjerm-7f3c9a"
_KRONER_PER_UNIT = {"EUR": 10}  # other currencies: the amounts as written


def _in_currency(amount_ore: int, currency: str) -> int:
    """A scene amount written in NOK øre, in ``currency``'s minor unit (whole cents)."""
    return round(amount_ore / _KRONER_PER_UNIT.get(currency, 1))


def base_station(
    connector_count: int = 1, *, language: str = "nb", currency: str = "NOK"
) -> StationSnapshot:
    """A station at rest with ``connector_count`` available connectors and a full tariff."""

    def ore(amount_ore: int) -> int:
        return _in_currency(amount_ore, currency)

    connectors = tuple(
        ConnectorSnapshot(connector_id=i + 1, name=_connector_name(i), screen=Screen.IDLE)
        for i in range(connector_count)
    )
    return StationSnapshot(
        station_name="Ladeskjerm Sentrum",
        language=language,
        default_language="nb",
        languages=LANGUAGES,
        tariff=TariffDisplay(
            price_ore_per_kwh=ore(450),
            start_fee_ore=ore(500),
            price_ore_per_minute=ore(10),
            idle_fee_ore_per_minute=ore(100),
            idle_grace_minutes=30,
            currency=currency,
        ),
        budget=BudgetLimits(
            presets_ore=(ore(20000), ore(35000), ore(50000)),
            custom_min_ore=ore(5000),
            custom_max_ore=ore(100000),
            custom_step_ore=100,
        ),
        payment_available=True,
        push_payment_allowed=True,
        terms_url="https://example.no/ladeskjerm/vilkar",
        connectors=connectors,
    )


def _connector_name(index: int) -> str:
    return f"Kontakt {chr(ord('A') + index)}"


SESSION_URL = "https://lade.example.no/s/q3VtZ9kR2xLw8PbN4cYhT1sJ6dFgA0eU7oMi5nXr"
"""A session page as the phone pages link it (the "follow on your phone" code)."""


def connector_in(
    screen: Screen, connector_id: int = 1, name: str = "Kontakt A", *, currency: str = "NOK"
) -> ConnectorSnapshot:
    """A connector showing ``screen`` with realistic numbers for that screen."""
    c = ConnectorSnapshot(connector_id=connector_id, name=name, screen=screen)
    replace = dataclasses.replace

    def ore(amount_ore: int) -> int:
        return _in_currency(amount_ore, currency)

    if screen is Screen.BUDGET:
        return c
    if screen is Screen.PAY:
        return replace(c, budget_ore=ore(35000), deadline_s=287, qr_text=PAY_URL)
    if screen is Screen.PLUG_IN:
        return replace(c, budget_ore=ore(35000), authorized_ore=ore(35000), deadline_s=164)
    if screen in (Screen.CHARGING, Screen.STOPPING, Screen.SETTLING):
        return replace(
            c,
            session_url=SESSION_URL,
            why=Why.CHARGING,
            energy_wh=12345,
            power_w=7360,
            elapsed_s=3723,
            cost_ore=ore(6426),
            budget_ore=ore(35000),
            authorized_ore=ore(35000),
        )
    if screen is Screen.DONE:
        return replace(
            c,
            stop_reason=StopReason.DRIVER,
            energy_wh=23456,
            elapsed_s=5400,
            cost_ore=ore(12095),
            budget_ore=ore(35000),
            authorized_ore=ore(35000),
            paid_ore=ore(12095),
            released_ore=ore(35000) - ore(12095),
            deadline_s=95,
            receipt_url=RECEIPT_URL,
        )
    if screen is Screen.PLUG_IN_TIMEOUT:
        held = ore(35000)
        return replace(c, budget_ore=held, authorized_ore=held, released_ore=held)
    if screen is Screen.FAILED:
        return replace(c, failure=Failure.PAYMENT_ERROR)
    if screen is Screen.FAULT:
        return replace(c, failure=Failure.CHARGER_NOT_RESPONDING)
    return c


def scene(
    name: str, *, connector_count: int = 1, language: str = "nb", currency: str = "NOK"
) -> StationSnapshot:
    """A named, scripted station state (``SCENES`` lists the names) in ``currency``."""
    station = base_station(connector_count, language=language, currency=currency)
    if name == "idle":
        return station
    if name in ("idle_periods", "budget_periods"):  # prices that change by the hour
        tariff = dataclasses.replace(
            station.tariff,
            price_ore_per_kwh=_in_currency(390, currency),
            minimum_ore=_in_currency(1500, currency),
            next_change_at="22:00",
            next_price_ore_per_kwh=_in_currency(250, currency),
        )
        station = dataclasses.replace(station, tariff=tariff)
        if name == "idle_periods":
            return station
        focused = connector_in(Screen.BUDGET, currency=currency)
        return dataclasses.replace(station, connectors=(focused,), focused_connector_id=1)
    if name == "overview":
        mix = (Screen.CHARGING, Screen.CAR_CONNECTED, Screen.IDLE, Screen.OUT_OF_ORDER)
        connectors = tuple(
            connector_in(mix[i], i + 1, _connector_name(i), currency=currency)
            for i in range(connector_count)
        )
        return dataclasses.replace(station, connectors=connectors)
    if name == "overview_test_charge":  # a technician's test charge (no payment) on the first
        connectors = (
            connector_in(Screen.TEST_CHARGE, 1, _connector_name(0), currency=currency),
            connector_in(Screen.IDLE, 2, _connector_name(1), currency=currency),
        )
        return dataclasses.replace(station, connectors=connectors)
    if name == "overview_phone":  # one connector's payment was begun on a phone
        phone = dataclasses.replace(
            connector_in(Screen.PAY, 1, _connector_name(0), currency=currency),
            qr_text=None,
            on_phone=True,
        )
        rest = tuple(
            connector_in(Screen.IDLE, i + 1, _connector_name(i), currency=currency)
            for i in range(1, connector_count)
        )
        return dataclasses.replace(station, connectors=(phone, *rest))
    if name == "idle_operator_message":  # the operator's message (OCPP SetDisplayMessage)
        text = _OPERATOR_MESSAGES.get(language, _OPERATOR_MESSAGES["en"])
        return dataclasses.replace(station, operator_messages=(text,))
    if name == "payment_unavailable_idle":
        connectors = tuple(
            dataclasses.replace(c, screen=Screen.PAYMENT_UNAVAILABLE) for c in station.connectors
        )
        return dataclasses.replace(station, payment_available=False, connectors=connectors)
    if name in _VARIANTS:
        screen, changes = _VARIANTS[name]
        focused = dataclasses.replace(connector_in(screen, currency=currency), **changes)
        return dataclasses.replace(
            station, connectors=(focused, *station.connectors[1:]), focused_connector_id=1
        )
    if name == "starting":
        connectors = tuple(
            dataclasses.replace(c, screen=Screen.STARTING) for c in station.connectors
        )
        return dataclasses.replace(station, payment_available=False, connectors=connectors)
    if name == "charging_shared":  # site power holds this car to 6.9 kW (10 A on 3 phases)
        shared = dataclasses.replace(
            connector_in(Screen.CHARGING, currency=currency),
            why=Why.STATION_LIMITING,
            power_w=6900,
            shared_power_w=6900,
        )
        return dataclasses.replace(station, connectors=(shared,), focused_connector_id=1)
    if name == "budget_shared":  # a car starting now would get 6.9 kW (10 A on 3 phases)
        shared = dataclasses.replace(
            connector_in(Screen.BUDGET, currency=currency), available_power_w=6900
        )
        return dataclasses.replace(station, connectors=(shared,), focused_connector_id=1)
    if name == "pay_on_phone":  # a payment begun on the driver's phone: no QR here
        focused = dataclasses.replace(
            connector_in(Screen.PAY, currency=currency), qr_text=None, on_phone=True
        )
        return dataclasses.replace(station, connectors=(focused,), focused_connector_id=1)
    screen = Screen(name)
    focused = connector_in(screen, currency=currency)
    # The other lanes are busy too, as on a real station: their states fill the connector bar.
    others = (Screen.PAY, Screen.CHARGING, Screen.OUT_OF_ORDER)
    rest = tuple(
        connector_in(others[i - 1], i + 1, _connector_name(i), currency=currency)
        for i in range(1, connector_count)
    )
    return dataclasses.replace(station, connectors=(focused, *rest), focused_connector_id=1)


_VARIANTS: dict[str, tuple[Screen, dict[str, Any]]] = {
    # the station cannot write its records: the live numbers stay, one line says so
    "charging_station_problem": (Screen.CHARGING, {"station_problem": True}),
    "charging_waiting_for_car": (Screen.CHARGING, {"why": Why.WAITING_FOR_CAR, "power_w": 0}),
    "charging_car_full": (Screen.CHARGING, {"why": Why.CAR_FULL, "power_w": 0}),
    "charging_station_limiting": (Screen.CHARGING, {"why": Why.STATION_LIMITING}),
    # the payment service did not answer: what will be charged, nothing paid yet
    "done_pending": (
        Screen.DONE,
        {"settlement_pending": True, "paid_ore": None, "released_ore": None, "receipt_url": None},
    ),
    "fault_charger": (Screen.FAULT, {"failure": Failure.CHARGER_FAULT}),
}

_OPERATOR_MESSAGES = {
    "nb": "Stengt for vedlikehold tirsdag 8. desember kl. 08–12.",
    "en": "Closed for maintenance on Tuesday 8 December, 08–12.",
}
"""An operator's message as a CSMS might send it."""

SCENES: tuple[str, ...] = (
    "idle",
    "idle_operator_message",
    "overview",
    "overview_phone",
    "overview_test_charge",
    "payment_unavailable_idle",
    "starting",
    "pay_on_phone",
    *_VARIANTS,
    *(s.value for s in Screen if s not in (Screen.IDLE, Screen.STARTING)),
    "charging_shared",
    "budget_shared",
    "idle_periods",
    "budget_periods",
)


class FakeStation:
    """Implements ``StationControl``; records calls in ``calls`` as ``(name, *args)`` tuples."""

    def __init__(self, snapshot: StationSnapshot | None = None) -> None:
        self.snapshot = snapshot or base_station()
        self.calls: list[tuple[object, ...]] = []
        self.touches = 0  # touches anywhere on the screen (``touched``)
        self._subscribers: list[SnapshotCallback] = []

    # --- the test/preview side -----------------------------------------------------------
    def publish(self, snapshot: StationSnapshot) -> None:
        self.snapshot = snapshot
        for callback in list(self._subscribers):
            callback(snapshot)

    def update_connector(self, connector_id: int, **changes: object) -> None:
        connectors = tuple(
            dataclasses.replace(c, **changes) if c.connector_id == connector_id else c  # type: ignore[arg-type]
            for c in self.snapshot.connectors
        )
        self.publish(dataclasses.replace(self.snapshot, connectors=connectors))

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    # --- StationControl ------------------------------------------------------------------
    def subscribe(self, callback: SnapshotCallback) -> Callable[[], None]:
        self._subscribers.append(callback)
        callback(self.snapshot)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def select_connector(self, connector_id: int) -> None:
        self.calls.append(("select_connector", connector_id))
        current = self.snapshot.connector(connector_id)
        if current is None:
            return
        if (
            current.screen in (Screen.IDLE, Screen.CAR_CONNECTED)
            and self.snapshot.payment_available
        ):
            self.update_connector(connector_id, screen=Screen.BUDGET)
        self.publish(dataclasses.replace(self.snapshot, focused_connector_id=connector_id))

    def show_overview(self) -> None:
        self.calls.append(("show_overview",))
        self.publish(dataclasses.replace(self.snapshot, focused_connector_id=None))

    def touched(self) -> None:
        self.touches += 1  # not a command: kept apart from ``calls``

    def choose_budget(
        self, connector_id: int, amount_ore: int, phone_number: str | None = None
    ) -> None:
        self.calls.append(("choose_budget", connector_id, amount_ore, phone_number))
        self.update_connector(
            connector_id,
            screen=Screen.PAY,
            budget_ore=amount_ore,
            deadline_s=300,
            qr_text=None if phone_number else PAY_URL,
            phone_number=phone_number,
        )

    def cancel(self, connector_id: int) -> None:
        self.calls.append(("cancel", connector_id))
        self._back_to_idle(connector_id)

    def stop(self, connector_id: int) -> None:
        self.calls.append(("stop", connector_id))
        self.update_connector(connector_id, screen=Screen.STOPPING)

    def dismiss(self, connector_id: int) -> None:
        self.calls.append(("dismiss", connector_id))
        self._back_to_idle(connector_id)

    def set_language(self, code: str) -> None:
        self.calls.append(("set_language", code))
        if code in self.snapshot.languages:
            self.publish(dataclasses.replace(self.snapshot, language=code))

    def _back_to_idle(self, connector_id: int) -> None:
        current = self.snapshot.connector(connector_id)
        if current is None:
            return
        idle = ConnectorSnapshot(connector_id=connector_id, name=current.name, screen=Screen.IDLE)
        connectors = tuple(
            idle if c.connector_id == connector_id else c for c in self.snapshot.connectors
        )
        self.publish(
            dataclasses.replace(self.snapshot, connectors=connectors, focused_connector_id=None)
        )
