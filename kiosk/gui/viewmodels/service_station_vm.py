"""The station page: version, tariff in force, configuration summary (no secrets), the Vipps
check, the log view, the audit log and CSV export to a chosen folder (a USB stick)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, Signal, Slot

from kiosk.core.number_format import NumberFormat
from kiosk.core.tariff import TariffSnapshot
from kiosk.gui.viewmodels.qml_module import qml_view_model
from kiosk.gui.viewmodels.service_page import ServicePage
from kiosk.gui.viewmodels.service_text import local_time
from kiosk.persistence.records import AuditEntry

LOG_LINES = 200
AUDIT_LINES = 30


def tariff_items(t: TariffSnapshot | None, fmt: NumberFormat) -> list[dict[str, str]]:
    """(label key, value) rows; QML translates the keys it shows."""
    if t is None:
        return []
    rows = [("per_kwh", fmt.money_per(t.price_ore_per_kwh, "kWh"))]
    if t.start_fee_ore:
        rows.append(("start_fee", fmt.money(t.start_fee_ore)))
    if t.price_ore_per_minute:
        rows.append(("per_minute", fmt.money_per(t.price_ore_per_minute, "min")))
    if t.idle_fee_ore_per_minute:
        idle = fmt.money_per(t.idle_fee_ore_per_minute, "min")
        rows.append(("idle_fee", f"{idle} (> {t.idle_grace_s // 60} min)"))
    if t.cap_ore is not None:
        rows.append(("cap", fmt.money(t.cap_ore)))
    rows.append(("vat", f"{t.vat_rate_bp / 100:g} %"))
    return [{"key": key, "value": value} for key, value in rows]


def audit_text(entry: AuditEntry) -> str:
    details = ", ".join(f"{k}={v}" for k, v in entry.details.items())
    return f"{local_time(entry.recorded_at)}  {entry.action}  {details}"


@qml_view_model
class ServiceStationViewModel(ServicePage):
    changed = Signal()
    message = Property(str, ServicePage._get_message, notify=changed)
    ok = Property(bool, ServicePage._get_ok, notify=changed)
    working = Property(bool, ServicePage._get_working, notify=changed)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._folders: list[Path] = []
        self._log: list[str] = []
        self._audit: list[str] = []

    def refresh(self) -> None:
        self._log = self._control.log_lines()
        self.changed.emit()
        self._tasks.spawn(self._load(), "station page")

    async def _load(self) -> None:
        self._audit = [audit_text(e) for e in await self._control.audit_log(AUDIT_LINES)]
        self.changed.emit()

    def _get_info(self) -> dict[str, Any]:
        info = self._control.station_info()
        return {
            "version": info.version,
            "station": f"{info.station_id} – {info.station_name}".strip(" –"),
            "tariff": tariff_items(info.tariff, self._fmt),
            "configuration": [{"key": k, "value": v} for k, v in info.configuration],
        }

    def _get_log(self) -> str:
        return "\n".join(self._log[-LOG_LINES:])

    def _get_audit(self) -> str:
        return "\n".join(self._audit)

    def _get_folders(self) -> list[str]:
        return [str(folder) for folder in self._folders]

    info = Property(dict, _get_info, notify=changed)
    logText = Property(str, _get_log, notify=changed)
    auditText = Property(str, _get_audit, notify=changed)
    folders = Property(list, _get_folders, notify=changed)

    @Slot()
    def checkVipps(self) -> None:
        self._act("vipps check", self._control.check_vipps)

    @Slot()
    def findFolders(self) -> None:
        async def find() -> None:
            self._folders = await asyncio.to_thread(self._control.export_folders)
            self.changed.emit()

        self._tasks.spawn(find(), "folders")

    @Slot(int)
    def exportTo(self, index: int) -> None:
        if 0 <= index < len(self._folders):
            folder = self._folders[index]
            self._act("export", lambda: self._control.export_sessions(folder))
