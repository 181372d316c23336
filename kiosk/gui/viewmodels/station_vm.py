"""The whole station for QML: which screen shows, the price, the language, the connectors.

QML picks the screen from one property, ``screen``: ``"idle"`` for the overview of all
connectors, otherwise the focused connector's screen (``"budget"``, ``"pay"``, ...), whose
view-model is ``active``. Snapshots may arrive from any thread; a queued signal brings them to
the Qt thread. ``languageChanged(code)`` tells the translator to switch; the language itself is
the controller's (``set_language``), so the station default returns after a session when the
controller publishes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.languages import LANGUAGE_NAMES
from kiosk.core.number_format import NumberFormat
from kiosk.core.payment_app import app_name
from kiosk.gui.viewmodels.connector_vm import ConnectorViewModel
from kiosk.gui.viewmodels.qml_module import qml_view_model
from kiosk.gui.viewmodels.qr_image import qr_source
from kiosk.station.snapshot import Screen, StationControl, StationSnapshot


def _text(key: str) -> Callable[[StationViewModel], Any]:
    return lambda self: self._values[key]


def _values(s: StationSnapshot, fmt: NumberFormat) -> dict[str, Any]:
    t = s.tariff
    focused = s.connector(s.focused_connector_id) if s.focused_connector_id is not None else None
    return {
        "stationName": s.station_name,
        "language": s.language,
        "languageName": LANGUAGE_NAMES.get(s.language, s.language),
        "languages": [{"code": c, "label": LANGUAGE_NAMES.get(c, c)} for c in s.languages],
        "screen": focused.screen.value if focused else "idle",
        "pricePerKwhText": fmt.money_per(t.price_ore_per_kwh, "kWh"),
        "startFeeText": "" if t.start_fee_ore is None else fmt.money(t.start_fee_ore),
        "pricePerMinuteText": (
            "" if t.price_ore_per_minute is None else fmt.money_per(t.price_ore_per_minute, "min")
        ),
        "idleFeeText": (
            ""
            if t.idle_fee_ore_per_minute is None
            else fmt.money_per(t.idle_fee_ore_per_minute, "min")
        ),
        "idleGraceMinutes": t.idle_grace_minutes or 0,
        "minimumText": "" if t.minimum_ore is None else fmt.money(t.minimum_ore),
        # prices that change by the hour: "kr 3,90/kWh until 22:00, then kr 2,50/kWh"
        "nextChangeAt": t.next_change_at or "",
        "nextChangeTomorrow": t.next_change_in_days > 0,
        "nextPricePerKwhText": (
            ""
            if t.next_price_ore_per_kwh is None
            else fmt.money_per(t.next_price_ore_per_kwh, "kWh")
        ),
        "appName": app_name(t.currency),  # the market's name of the driver's app
        "paymentAvailable": s.payment_available,
        # The first second after boot: every tile says "Starting…" and no warning shows.
        "starting": bool(s.connectors) and all(c.screen is Screen.STARTING for c in s.connectors),
        "pushAllowed": s.push_payment_allowed,
        "termsUrl": s.terms_url,
        "termsQrSource": qr_source(s.terms_url),
        "multiConnector": len(s.connectors) > 1,
        # the operator's messages (OCPP), in the screen's language; the idle screen cycles
        "operatorMessages": list(s.operator_messages),
    }


@qml_view_model
class StationViewModel(QObject):
    changed = Signal()
    activeChanged = Signal()
    languageChanged = Signal(str)
    _snapshotArrived = Signal(object)

    def __init__(self, control: StationControl) -> None:
        super().__init__()
        self._control = control
        self._values: dict[str, Any] = {}
        self._connectors: list[ConnectorViewModel] = []
        self._active: ConnectorViewModel | None = None
        self._language = ""
        self._snapshotArrived.connect(self._apply)
        self._unsubscribe: Callable[[], None] | None = control.subscribe(self._snapshotArrived.emit)

    def close(self) -> None:
        """Stop listening to the controller."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    @Slot(object)
    def _apply(self, snapshot: StationSnapshot) -> None:
        fmt = NumberFormat(snapshot.language, snapshot.tariff.currency)
        ids = [c.connector_id for c in snapshot.connectors]
        if ids != [vm.connector_id for vm in self._connectors]:
            for old in self._connectors:
                old.deleteLater()
            self._connectors = [ConnectorViewModel(self._control, i, self) for i in ids]
            self._values = {}  # the list itself changed: notify
        for vm in self._connectors:
            vm.apply(snapshot, fmt)
        values = _values(snapshot, fmt)
        active = next(
            (vm for vm in self._connectors if vm.connector_id == snapshot.focused_connector_id),
            None,
        )
        if snapshot.language != self._language:
            self._language = snapshot.language
            self.languageChanged.emit(snapshot.language)
        # A screen never sees ``active`` as null: set it before a connector screen shows and
        # clear it only after the overview shows.
        active_changed = active is not self._active
        if active_changed and active is not None:
            self._active = active
            self.activeChanged.emit()
        if values != self._values:
            self._values = values
            self.changed.emit()
        if active_changed and active is None:
            self._active = None
            self.activeChanged.emit()

    def value(self, key: str) -> Any:
        """A property's current value by name (for tests and Python callers)."""
        return self._values[key]

    @property
    def connector_view_models(self) -> list[ConnectorViewModel]:
        return list(self._connectors)

    stationName = Property(str, _text("stationName"), notify=changed)
    language = Property(str, _text("language"), notify=changed)
    languageName = Property(str, _text("languageName"), notify=changed)
    languages = Property(list, _text("languages"), notify=changed)
    screen = Property(str, _text("screen"), notify=changed)
    pricePerKwhText = Property(str, _text("pricePerKwhText"), notify=changed)
    startFeeText = Property(str, _text("startFeeText"), notify=changed)
    pricePerMinuteText = Property(str, _text("pricePerMinuteText"), notify=changed)
    idleFeeText = Property(str, _text("idleFeeText"), notify=changed)
    idleGraceMinutes = Property(int, _text("idleGraceMinutes"), notify=changed)
    minimumText = Property(str, _text("minimumText"), notify=changed)
    nextChangeAt = Property(str, _text("nextChangeAt"), notify=changed)
    nextChangeTomorrow = Property(bool, _text("nextChangeTomorrow"), notify=changed)
    nextPricePerKwhText = Property(str, _text("nextPricePerKwhText"), notify=changed)
    appName = Property(str, _text("appName"), notify=changed)
    paymentAvailable = Property(bool, _text("paymentAvailable"), notify=changed)
    starting = Property(bool, _text("starting"), notify=changed)
    pushAllowed = Property(bool, _text("pushAllowed"), notify=changed)
    termsUrl = Property(str, _text("termsUrl"), notify=changed)
    termsQrSource = Property(str, _text("termsQrSource"), notify=changed)
    multiConnector = Property(bool, _text("multiConnector"), notify=changed)
    operatorMessages = Property(list, _text("operatorMessages"), notify=changed)

    def _get_connectors(self) -> list[ConnectorViewModel]:
        return list(self._connectors)

    def _get_active(self) -> ConnectorViewModel | None:
        return self._active

    # QML types the elements in its delegate (``required property ConnectorViewModel modelData``)
    connectors = Property(list, _get_connectors, notify=changed)
    active = Property(ConnectorViewModel, _get_active, notify=activeChanged)

    # --- taps ------------------------------------------------------------------------------
    @Slot(str)
    def setLanguage(self, code: str) -> None:
        self._control.set_language(code)

    @Slot()
    def showOverview(self) -> None:
        self._control.show_overview()

    @Slot()
    def touched(self) -> None:
        """A touch anywhere on the screen (the focused lane keeps the screen a while longer)."""
        self._control.touched()
