"""The connectors page: live decoded values, link health, last errors, and the technician's
switches (out of order, test charge, stop). Values are read from memory (the pollers'
snapshots) on each refresh; the actions run as tasks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, Signal, Slot

from kiosk.core.number_format import NumberFormat
from kiosk.gui.viewmodels.qml_module import qml_view_model
from kiosk.gui.viewmodels.service_page import ServicePage
from kiosk.gui.viewmodels.service_text import local_time
from kiosk.service.control import ConnectorDiagnostics


def _amps(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} A"


def connector_item(d: ConnectorDiagnostics, fmt: NumberFormat) -> dict[str, Any]:
    return {
        "connectorId": d.connector_id,
        "name": d.name,
        "device": f"{d.profile} · {d.endpoint}",
        "online": d.online,
        "link": d.link,
        "screen": d.screen,
        "outOfOrder": d.out_of_order,
        "iecState": d.state_detail or d.iec_state or "–",
        "enabled": d.enabled is True,
        "currentLimit": _amps(d.current_limit_a),
        "meter": "–" if d.energy_wh is None else fmt.energy(d.energy_wh),
        "power": "–" if d.power_w is None else fmt.power(d.power_w),
        "age": "–" if d.age_s is None else f"{d.age_s:.0f} s",
        "registers": [{"name": name, "value": value} for name, value in d.registers],
        "errors": [f"{local_time(at)}  {text}" for at, text in d.last_errors],
    }


@qml_view_model
class ServiceConnectorsViewModel(ServicePage):
    changed = Signal()
    message = Property(str, ServicePage._get_message, notify=changed)
    ok = Property(bool, ServicePage._get_ok, notify=changed)
    working = Property(bool, ServicePage._get_working, notify=changed)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._items: list[dict[str, Any]] = []

    def refresh(self) -> None:
        items = [connector_item(d, self._fmt) for d in self._control.connectors()]
        if items != self._items:
            self._items = items
            self.changed.emit()

    def _get_items(self) -> list[dict[str, Any]]:
        return self._items

    items = Property(list, _get_items, notify=changed)

    @Slot(int, bool)
    def setOutOfOrder(self, connector_id: int, out_of_order: bool) -> None:
        self._act(
            "out of order", lambda: self._control.set_out_of_order(connector_id, out_of_order)
        )

    @Slot(int)
    def testCharge(self, connector_id: int) -> None:
        self._act("test charge", lambda: self._control.start_test_charge(connector_id))

    @Slot(int)
    def stop(self, connector_id: int) -> None:
        self._act("stop", lambda: self._control.stop_charge(connector_id))
