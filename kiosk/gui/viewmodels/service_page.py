"""What every service page view-model shares: the control, the task runner, a result message,
the number format, and one ``changed`` signal. Adapts only; decides nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import QObject

from kiosk.core.number_format import NumberFormat
from kiosk.gui.viewmodels.service_tasks import ServiceTasks
from kiosk.gui.viewmodels.service_text import result_text
from kiosk.service.control import ActionResult, ServiceControl


class ServicePage(QObject):
    """Base of the pages. Each subclass declares its own ``changed`` signal and, with it, the
    ``message`` / ``ok`` / ``working`` properties from the getters here (a property's notify
    signal must belong to the class that declares the property)."""

    changed: Any

    def __init__(self, control: ServiceControl, tasks: ServiceTasks, parent: QObject) -> None:
        super().__init__(parent)
        self._control = control
        self._tasks = tasks
        self._fmt = NumberFormat("nb", "NOK")
        self._result: ActionResult | None = None
        self._working = 0

    def set_format(self, fmt: NumberFormat) -> None:
        self._fmt = fmt
        self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows (override)."""

    def _get_message(self) -> str:
        return result_text(self._result, self._fmt)

    def _get_ok(self) -> bool:
        return self._result is None or self._result.ok

    def _get_working(self) -> bool:
        return self._working > 0

    def value(self, key: str) -> Any:
        return self.property(key)

    def _act(self, name: str, action: Callable[[], Awaitable[ActionResult]]) -> None:
        """Run ``action``; show its result and reload the page afterwards."""

        async def run() -> None:
            self._working += 1
            self.changed.emit()
            try:
                self._result = await action()
            finally:
                self._working -= 1
                self.changed.emit()
            self.refresh()

        self._tasks.spawn(run(), name)
