"""The kiosk window with service mode on a service world (not a test module)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QPoint,
    QPointF,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.gui.qml_engine import KioskUi, build_ui
from kiosk.gui.viewmodels.service_vm import ServiceViewModel
from kiosk.hardware.reading import DeviceReading
from kiosk.service.diagnostics import ConnectorWiring

from .service_world import ServiceWorld, service_world

LONG_PRESS_MS = 300
SCREENSHOTS_DIR = Path(__file__).resolve().parent.parent / "ui" / "screenshots"


class QtMessages:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            self.messages.append(text)


@contextmanager
def qt_messages() -> Iterator[QtMessages]:
    collector = QtMessages()
    previous = qInstallMessageHandler(collector)
    try:
        yield collector
    finally:
        qInstallMessageHandler(previous)


def spin(ms: int) -> None:
    """Run the Qt event loop for ``ms`` (asyncio tasks wait meanwhile)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class StaticCharger:
    """A connector whose poller always shows the same charging snapshot (screenshots)."""

    def __init__(self) -> None:
        self.snapshot = DeviceReading(
            device="sim#1@127.0.0.1:5020",
            connector_id=1,
            timestamp_s=1741082400.0,
            online=True,
            state="C",
            state_detail="C2",
            energy_wh=1234567,
            power_w=7245,
            currents_a=(10.5, 10.4, 10.6),
            voltages_v=(230.1, 229.8, 231.0),
            current_limit_a=16.0,
            setpoint_a=16.0,
            enabled=True,
            error="modbus timeout reading 0x1000",
        )

    def subscribe(self, subscriber: Callable[[DeviceReading], None]) -> Callable[[], None]:
        return lambda: None


def static_wiring() -> ConnectorWiring:
    return ConnectorWiring(1, "Kontakt A", "sim", "127.0.0.1:5020 unit 1", StaticCharger())


def layout_issues(window: QQuickWindow) -> list[str]:
    """Truncated texts anywhere; texts outside the window unless inside a scrolling view."""
    issues: list[str] = []
    stack: list[tuple[QQuickItem, bool]] = [(window.contentItem(), False)]
    while stack:
        item, scrolled = stack.pop()
        if not item.isVisible() or item.opacity() == 0:
            continue
        scrolled = scrolled or item.metaObject().className() == "QQuickFlickable"
        stack.extend((child, scrolled) for child in item.childItems())
        if item.metaObject().className() != "QQuickText" or not item.property("text"):
            continue
        text = str(item.property("text"))
        if item.property("truncated"):
            issues.append(f"truncated: {text!r}")
        corner = item.mapToScene(QPointF(0, 0))
        outside = (
            corner.x() < -1
            or corner.y() < -1
            or corner.x() + item.width() > window.width() + 1
            or corner.y() + item.height() > window.height() + 1
        )
        if outside and not scrolled:
            issues.append(f"outside the window: {text!r}")
    return issues


@dataclass
class ServiceUi:
    world: ServiceWorld
    vm: ServiceViewModel
    ui: KioskUi
    messages: QtMessages

    @property
    def window(self) -> QQuickWindow:
        assert isinstance(self.ui.window, QQuickWindow)
        return self.ui.window

    async def settle(self) -> None:
        """Let the service tasks finish, then let QML catch up."""
        for _ in range(3):
            await self.vm.tasks.drain()
            spin(30)
            await asyncio.sleep(0)

    def items(self) -> list[QQuickItem]:
        """Every item of the scene (visible or not), walking the visual tree."""
        found: list[QQuickItem] = []
        stack = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(item.childItems())
        return found

    def item(self, name: str) -> QQuickItem:
        matches = [i for i in self.items() if i.objectName() == name and i.isVisible()]
        assert matches, name
        return matches[0]

    def click(self, name: str) -> None:
        item = self.item(name)
        assert item.isVisible(), name
        centre = item.mapToScene(item.boundingRect().center()).toPoint()
        QTest.mouseClick(
            self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
        )

    def long_press_spot(self, ms: int) -> None:
        spot = self.item("serviceSpot")
        centre = spot.mapToScene(spot.boundingRect().center()).toPoint()
        button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QTest.mousePress(self.window, button, none, centre)
        spin(ms)
        QTest.mouseRelease(self.window, button, none, centre)

    def press_anywhere(self) -> None:
        QTest.mouseClick(
            self.window,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(5, self.window.height() - 5),
        )

    async def enter(self, pin: str) -> None:
        self.long_press_spot(LONG_PRESS_MS + 150)
        await self.settle()
        for digit in pin:
            self.vm.digit(int(digit))
        self.vm.submitPin()
        await self.settle()


@asynccontextmanager
async def service_ui(
    tmp_path: Path, size: tuple[int, int] = (800, 480), **world: Any
) -> AsyncIterator[ServiceUi]:
    with qt_messages() as messages:
        world.setdefault("wirings", [static_wiring()])
        async with service_world(tmp_path, **world) as w:
            vm = ServiceViewModel(w.access, w.service, w.station, long_press_ms=LONG_PRESS_MS)
            ui = build_ui(w.station, kiosk=False, size=size, service=vm)
            try:
                ui.settle()
                yield ServiceUi(w, vm, ui, messages)
            finally:
                await vm.tasks.close()
                ui.quit()
                ui.engine.deleteLater()
                spin(10)
