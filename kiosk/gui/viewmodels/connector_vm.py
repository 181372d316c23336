"""One connector for QML: a ``ConnectorSnapshot`` as preformatted strings, taps as commands.

Every property notifies through the one ``changed`` signal, emitted only when some value did
change. Enum values go to QML as their lower-case string (``screen``, ``why``, ...); QML maps
them to translated sentences. Money and energy arrive as text in the station's language
because QML's ``int`` is 32-bit and formatting is not QML's job.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.number_format import NumberFormat
from kiosk.core.state import StopReason
from kiosk.gui.viewmodels.budget_entry import BudgetEntry
from kiosk.gui.viewmodels.qml_module import qml_view_model
from kiosk.gui.viewmodels.qr_image import qr_source
from kiosk.station.snapshot import ConnectorSnapshot, Screen, StationControl, StationSnapshot

# How a connector's lane reads to the other drivers (its tile on the overview, its place in the
# connector bar over another lane's screens).
TILE_STATE = {
    Screen.IDLE: "available",
    Screen.CAR_CONNECTED: "car_connected",
    Screen.BUDGET: "choosing",
    Screen.PAY: "paying",
    Screen.PLUG_IN: "waiting_for_car",
    Screen.CHARGING: "charging",
    Screen.STOPPING: "charging",
    Screen.SETTLING: "finishing",
    Screen.DONE: "finishing",
    Screen.DECLINED: "in_use",
    Screen.EXPIRED: "in_use",
    Screen.CANCELLED: "in_use",
    Screen.PLUG_IN_TIMEOUT: "in_use",
    Screen.FAILED: "in_use",
    Screen.PAYMENT_UNAVAILABLE: "payment_unavailable",
    Screen.OUT_OF_ORDER: "out_of_order",
    Screen.TEST_CHARGE: "test_charge",
    Screen.FAULT: "out_of_order",
    Screen.STARTING: "starting",
}

# The Done screen's word for why the charge ended (DoneScreen.qml's reasonText): the charger's
# faults read as one "fault", the station's own stops as "station"; a session that ended before
# any charge (cancelled, no car in time) has its own screen and no reason line.
STOP_WORD = {
    StopReason.DRIVER: "driver",
    StopReason.PHONE: "phone",
    StopReason.TECHNICIAN: "technician",
    StopReason.STATION_INPUT: "station",
    StopReason.RECOVERY: "station",
    StopReason.BUDGET_REACHED: "budget_reached",
    StopReason.CAR_FULL: "car_full",
    StopReason.UNPLUGGED: "unplugged",
    StopReason.CHARGER_FAULT: "fault",
    StopReason.CHARGER_UNREACHABLE: "fault",
    StopReason.STOP_UNCONFIRMED: "fault",
    StopReason.PLUG_IN_TIMEOUT: "",
    StopReason.CANCELLED: "",
}


def _text(key: str) -> Callable[[ConnectorViewModel], Any]:
    return lambda self: self._values[key]


def _values(station: StationSnapshot, c: ConnectorSnapshot, fmt: NumberFormat) -> dict[str, Any]:
    def money(value: int | None) -> str:
        return "" if value is None else fmt.money(value)

    left_ore = None
    fraction = 0.0
    if c.authorized_ore is not None and c.cost_ore is not None and c.authorized_ore > 0:
        left_ore = max(0, c.authorized_ore - c.cost_ore)
        fraction = min(1.0, max(0.0, c.cost_ore / c.authorized_ore))
    return {
        "connectorId": c.connector_id,
        "name": c.name,
        "screen": c.screen.value,
        "tileState": TILE_STATE[c.screen],
        "why": c.why.value if c.why else "",
        "failure": c.failure.value if c.failure else "",
        "stopReason": STOP_WORD[c.stop_reason] if c.stop_reason else "",
        "energyText": "" if c.energy_wh is None else fmt.energy(c.energy_wh),
        "powerText": "" if c.power_w is None else fmt.power(c.power_w),
        "sharedPowerText": "" if c.shared_power_w is None else fmt.power(c.shared_power_w),
        "elapsedText": "" if c.elapsed_s is None else fmt.duration(c.elapsed_s),
        "costText": money(c.cost_ore),
        "budgetText": "" if c.budget_ore is None else fmt.money(c.budget_ore, drop_zero_ore=True),
        "authorizedText": money(c.authorized_ore),
        "budgetLeftText": money(left_ore),
        "budgetUsedFraction": fraction,
        "paidText": money(c.paid_ore),
        "releasedText": money(c.released_ore),
        "hasReleased": bool(c.released_ore),
        "stationProblem": c.station_problem,
        "settlementPending": c.settlement_pending,
        "countdownText": "" if c.deadline_s is None else fmt.duration(c.deadline_s),
        "qrSource": qr_source(c.qr_text),
        "phoneText": fmt.phone(c.phone_number) if c.phone_number else "",
        "receiptUrl": c.receipt_url or "",
        "receiptQrSource": qr_source(c.receipt_url),
        "followQrSource": qr_source(c.session_url) if c.screen is Screen.CHARGING else "",
        "onPhone": c.on_phone,
        "label": c.label or str(c.connector_id),
        "colour": c.colour or "",
        "focused": station.focused_connector_id == c.connector_id,
    }


@qml_view_model
class ConnectorViewModel(QObject):
    changed = Signal()

    def __init__(
        self, control: StationControl, connector_id: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._control = control
        self._id = connector_id
        self._values: dict[str, Any] = {}
        self._entry = BudgetEntry(control, connector_id)
        self._entry.setParent(self)

    @property
    def connector_id(self) -> int:
        return self._id

    def apply(self, station: StationSnapshot, fmt: NumberFormat) -> None:
        connector = station.connector(self._id)
        if connector is None:
            return
        values = _values(station, connector, fmt)
        if connector.screen is not Screen.BUDGET:
            self._entry.reset()
        self._entry.update(
            station.budget, station.tariff_for(self._id), fmt, connector.available_power_w
        )
        if values != self._values:
            self._values = values
            self.changed.emit()

    def value(self, key: str) -> Any:
        """A property's current value by name (for tests and Python callers)."""
        return self._values[key]

    connectorId = Property(int, _text("connectorId"), notify=changed)
    name = Property(str, _text("name"), notify=changed)
    screen = Property(str, _text("screen"), notify=changed)
    tileState = Property(str, _text("tileState"), notify=changed)
    why = Property(str, _text("why"), notify=changed)
    failure = Property(str, _text("failure"), notify=changed)
    stopReason = Property(str, _text("stopReason"), notify=changed)
    energyText = Property(str, _text("energyText"), notify=changed)
    powerText = Property(str, _text("powerText"), notify=changed)
    sharedPowerText = Property(str, _text("sharedPowerText"), notify=changed)
    elapsedText = Property(str, _text("elapsedText"), notify=changed)
    costText = Property(str, _text("costText"), notify=changed)
    budgetText = Property(str, _text("budgetText"), notify=changed)
    authorizedText = Property(str, _text("authorizedText"), notify=changed)
    budgetLeftText = Property(str, _text("budgetLeftText"), notify=changed)
    budgetUsedFraction = Property(float, _text("budgetUsedFraction"), notify=changed)
    paidText = Property(str, _text("paidText"), notify=changed)
    releasedText = Property(str, _text("releasedText"), notify=changed)
    hasReleased = Property(bool, _text("hasReleased"), notify=changed)
    stationProblem = Property(bool, _text("stationProblem"), notify=changed)
    settlementPending = Property(bool, _text("settlementPending"), notify=changed)
    countdownText = Property(str, _text("countdownText"), notify=changed)
    qrSource = Property(str, _text("qrSource"), notify=changed)
    phoneText = Property(str, _text("phoneText"), notify=changed)
    receiptUrl = Property(str, _text("receiptUrl"), notify=changed)
    receiptQrSource = Property(str, _text("receiptQrSource"), notify=changed)
    followQrSource = Property(str, _text("followQrSource"), notify=changed)
    onPhone = Property(bool, _text("onPhone"), notify=changed)
    label = Property(str, _text("label"), notify=changed)
    colour = Property(str, _text("colour"), notify=changed)
    focused = Property(bool, _text("focused"), notify=changed)

    def _get_entry(self) -> BudgetEntry:
        return self._entry

    entry = Property(BudgetEntry, _get_entry, constant=True)

    # --- taps ------------------------------------------------------------------------------
    @Slot()
    def select(self) -> None:
        self._control.select_connector(self._id)

    @Slot()
    def cancel(self) -> None:
        self._control.cancel(self._id)

    @Slot()
    def stop(self) -> None:
        self._control.stop(self._id)

    @Slot()
    def dismiss(self) -> None:
        self._control.dismiss(self._id)
