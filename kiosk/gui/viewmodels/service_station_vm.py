"""The station page: version, tariff in force, configuration summary (no secrets), the Vipps
check, the log view, the audit log and CSV export to a chosen folder (a USB stick)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, Signal, Slot

from kiosk.core.number_format import NumberFormat
from kiosk.core.schedule import WEEKDAYS, WeeklyPeriod
from kiosk.core.tariff import TariffSnapshot
from kiosk.gui.viewmodels.qml_module import qml_view_model
from kiosk.gui.viewmodels.service_page import ServicePage
from kiosk.gui.viewmodels.service_text import local_time
from kiosk.persistence.records import AuditEntry
from kiosk.station.snapshot import TariffDisplay

LOG_LINES = 200
AUDIT_LINES = 30


def _days(days: tuple[int, ...]) -> str:
    if days == tuple(range(7)):
        return "mon-sun"
    if len(days) > 2 and days == tuple(range(days[0], days[-1] + 1)):
        return f"{WEEKDAYS[days[0]]}-{WEEKDAYS[days[-1]]}"
    return ",".join(WEEKDAYS[day] for day in days)


def period_text(period: WeeklyPeriod, fmt: NumberFormat) -> str:
    """``day mon-fri 06:00-22:00: kr 3,90/kWh, kr 0,10/min``."""
    start, end = period.start_min, period.end_min
    window = f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
    prices = ["spot" if period.spot else fmt.money_per(period.price_ore_per_kwh, "kWh")]
    if period.price_ore_per_minute:
        prices.append(fmt.money_per(period.price_ore_per_minute, "min"))
    if period.idle_fee_ore_per_minute:
        prices.append(f"idle {fmt.money_per(period.idle_fee_ore_per_minute, 'min')}")
    return f"{period.name} {_days(period.days)} {window}: {', '.join(prices)}"


def tariff_items(
    t: TariffSnapshot | None,
    fmt: NumberFormat,
    periods: tuple[WeeklyPeriod, ...] = (),
    shown: TariffDisplay | None = None,
) -> list[dict[str, str]]:
    """(label key, value) rows; QML translates the keys it shows. With ``periods`` a row per
    period, and from ``shown`` (the driver's screens) the price now and the spot feed's state."""
    if t is None:
        return []
    rows: list[tuple[str, str]] = []
    if periods:
        rows += [("period", period_text(period, fmt)) for period in periods]
        if shown is not None:
            now = fmt.money_per(shown.price_ore_per_kwh, "kWh")
            if shown.next_change_at is not None and shown.next_price_ore_per_kwh is not None:
                following = fmt.money_per(shown.next_price_ore_per_kwh, "kWh")
                now = f"{now} -> {shown.next_change_at} {following}"
            rows.append(("price_now", now))
            if any(period.spot for period in periods):
                rows.append(("spot_feed", shown.feed_problem or "OK"))
    else:
        rows.append(("per_kwh", fmt.money_per(t.price_ore_per_kwh, "kWh")))
    if t.start_fee_ore:
        rows.append(("start_fee", fmt.money(t.start_fee_ore)))
    if t.price_ore_per_minute and not periods:
        rows.append(("per_minute", fmt.money_per(t.price_ore_per_minute, "min")))
    if t.idle_fee_ore_per_minute and not periods:
        idle = fmt.money_per(t.idle_fee_ore_per_minute, "min")
        rows.append(("idle_fee", f"{idle} (> {t.idle_grace_s // 60} min)"))
    if t.minimum_ore:
        rows.append(("minimum", fmt.money(t.minimum_ore)))
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
        self._shown: TariffDisplay | None = None

    def set_prices_shown(self, shown: TariffDisplay) -> None:
        """The prices the driver's screens show now (and the spot feed's state)."""
        if shown != self._shown:
            self._shown = shown
            self.changed.emit()

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
            "tariff": tariff_items(info.tariff, self._fmt, info.periods, self._shown),
            "configuration": [{"key": k, "value": v} for k, v in info.configuration],
            "storageFault": info.storage_fault,
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
    def verifyChain(self) -> None:
        self._act("records check", self._control.verify_chain)

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
