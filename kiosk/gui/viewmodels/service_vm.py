"""Service mode for QML: the hidden long press, the PIN pad, the pages, the inactivity exit.

``mode`` picks what shows: ``"closed"`` (the driver's screens), ``"pin"`` (the pad) or
``"open"`` (the service pages, ``page`` = ``"connectors"`` / ``"sessions"`` / ``"station"``).
Every decision is ``kiosk.service.access.ServiceAccess``'s: this class forwards taps, runs the
async work as tasks (``ServiceTasks``), and checks once a second whether the access wants to
close (inactivity) - and on every station snapshot whether a driver needs the display.
Touches are seen by an event filter on the window (``watch``), so any tap anywhere counts.
The typed PIN lives only here, as digits, until it is submitted; it is never logged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from kiosk.config.pin import MAX_PIN_DIGITS
from kiosk.core.number_format import NumberFormat
from kiosk.gui.viewmodels.qml_module import qml_view_model
from kiosk.gui.viewmodels.service_connectors_vm import ServiceConnectorsViewModel
from kiosk.gui.viewmodels.service_sessions_vm import ServiceSessionsViewModel
from kiosk.gui.viewmodels.service_station_vm import ServiceStationViewModel
from kiosk.gui.viewmodels.service_tasks import ServiceTasks
from kiosk.gui.viewmodels.service_text import result_text
from kiosk.service.access import ExitReason, Mode, ServiceAccess
from kiosk.service.control import ServiceControl
from kiosk.station.snapshot import StationControl, StationSnapshot

LONG_PRESS_MS = 5000
TICK_MS = 1000
PAGES = ("connectors", "sessions", "station")
_TOUCHES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


@qml_view_model
class ServiceViewModel(QObject):
    changed = Signal()
    _snapshotArrived = Signal(object)

    def __init__(
        self,
        access: ServiceAccess,
        control: ServiceControl,
        station: StationControl,
        *,
        long_press_ms: int = LONG_PRESS_MS,
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__()
        self._access = access
        self._control = control
        self._long_press_ms = long_press_ms
        self._digits = ""
        self._page = PAGES[0]
        self._snapshot: StationSnapshot | None = None
        self._fmt = NumberFormat("nb", "NOK")
        self.tasks = ServiceTasks(lambda _busy: self.changed.emit())
        self.connectors_vm = ServiceConnectorsViewModel(control, self.tasks, self)
        self.sessions_vm = ServiceSessionsViewModel(control, self.tasks, self)
        self.station_vm = ServiceStationViewModel(control, self.tasks, self)
        access.on_change = self._access_changed
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self._watched: QObject | None = None
        self._snapshotArrived.connect(self._apply)
        self._unsubscribe: Callable[[], None] | None = station.subscribe(self._snapshotArrived.emit)

    # -- lifecycle -----------------------------------------------------------------------------

    def watch(self, window: QObject) -> None:
        """See every press on ``window`` (an inactivity timer restart, never a consumed event)."""
        if self._watched is not None:
            self._watched.removeEventFilter(self)
        self._watched = window
        window.installEventFilter(self)

    def close(self) -> None:
        self._timer.stop()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._access.on_change = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _TOUCHES and self._access.mode is not Mode.CLOSED:
            self._access.touch()
        return False

    # -- what QML binds ------------------------------------------------------------------------

    def _get_mode(self) -> str:
        return self._access.mode.value

    def _get_pin_dots(self) -> str:
        return "●" * len(self._digits)

    def _get_message(self) -> str:
        return result_text(self._access.message, self._fmt)

    def _get_locked(self) -> bool:
        return self._access.locked_until is not None

    def _get_busy(self) -> bool:
        return self.tasks.busy

    def _get_page(self) -> str:
        return self._page

    def _get_long_press_ms(self) -> int:
        return self._long_press_ms

    def _get_connectors(self) -> ServiceConnectorsViewModel:
        return self.connectors_vm

    def _get_sessions(self) -> ServiceSessionsViewModel:
        return self.sessions_vm

    def _get_station_page(self) -> ServiceStationViewModel:
        return self.station_vm

    mode = Property(str, _get_mode, notify=changed)
    pinDots = Property(str, _get_pin_dots, notify=changed)
    message = Property(str, _get_message, notify=changed)
    locked = Property(bool, _get_locked, notify=changed)
    busy = Property(bool, _get_busy, notify=changed)
    page = Property(str, _get_page, notify=changed)
    longPressMs = Property(int, _get_long_press_ms, constant=True)
    connectors = Property(ServiceConnectorsViewModel, _get_connectors, constant=True)
    sessions = Property(ServiceSessionsViewModel, _get_sessions, constant=True)
    stationPage = Property(ServiceStationViewModel, _get_station_page, constant=True)

    def value(self, key: str) -> Any:
        """A property's value by name (tests)."""
        return self.property(key)

    # -- taps ----------------------------------------------------------------------------------

    @Slot()
    def longPressed(self) -> None:
        self.tasks.spawn(self._access.request_entry(self._snapshot), "entry")

    @Slot(int)
    def digit(self, value: int) -> None:
        if self._access.mode is Mode.PIN and len(self._digits) < MAX_PIN_DIGITS:
            self._digits += str(value % 10)
            self.changed.emit()

    @Slot()
    def backspace(self) -> None:
        self._digits = self._digits[:-1]
        self.changed.emit()

    @Slot()
    def submitPin(self) -> None:
        pin, self._digits = self._digits, ""
        self.changed.emit()
        if pin:
            self.tasks.spawn(self._submit(pin), "pin")

    async def _submit(self, pin: str) -> None:
        if await self._access.submit_pin(pin):
            self._page = PAGES[0]
            self.connectors_vm.refresh()

    @Slot()
    def exit(self) -> None:
        self._digits = ""
        self.tasks.spawn(self._access.exit(ExitReason.TECHNICIAN), "exit")

    @Slot(str)
    def showPage(self, page: str) -> None:
        if page not in PAGES:
            return
        self._page = page
        self.changed.emit()
        if page == "sessions":
            self.sessions_vm.refresh()
        elif page == "station":
            self.station_vm.refresh()
        else:
            self.connectors_vm.refresh()

    @Slot()
    def tick(self) -> None:
        """Once a second while not closed: inactivity exit, live connector values."""
        if self._access.idle_expired():
            self._digits = ""
            self.tasks.spawn(self._access.exit(ExitReason.INACTIVITY), "inactivity exit")
        elif self._access.mode is Mode.OPEN and self._page == "connectors":
            self.connectors_vm.refresh()

    # -- internals -----------------------------------------------------------------------------

    @Slot(object)
    def _apply(self, snapshot: StationSnapshot) -> None:
        self._snapshot = snapshot
        self.station_vm.set_prices_shown(snapshot.tariff)
        fmt = NumberFormat(snapshot.language, snapshot.tariff.currency)
        if fmt.style != self._fmt.style:
            self._fmt = fmt
            for page in (self.connectors_vm, self.sessions_vm, self.station_vm):
                page.set_format(fmt)
            self.changed.emit()
        if self._access.must_yield(snapshot):
            self._digits = ""
            self.tasks.spawn(self._access.exit(ExitReason.DRIVER), "driver exit")

    def _access_changed(self) -> None:
        if self._access.mode is Mode.CLOSED:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()
        self.changed.emit()
