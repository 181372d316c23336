"""Fixtures for the driver's screens: a fake station, a UI on it, and QML warnings as failures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from kiosk.gui.qml_engine import KioskUi, build_ui
from kiosk.sandbox.preview.fake_station import FakeStation, base_station
from kiosk.station.snapshot import StationSnapshot

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


class QtMessages:
    """Every Qt message while installed; tests assert there are no QML warnings."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            self.messages.append(text)

    def take(self) -> list[str]:
        taken, self.messages = self.messages, []
        return taken


@pytest.fixture
def qt_messages(qapp: QApplication) -> Iterator[QtMessages]:
    collector = QtMessages()
    previous = qInstallMessageHandler(collector)
    yield collector
    qInstallMessageHandler(previous)


@pytest.fixture
def station() -> FakeStation:
    return FakeStation(base_station())


UiFactory = Callable[..., KioskUi]


@pytest.fixture
def make_ui(qapp: QApplication, qt_messages: QtMessages) -> Iterator[UiFactory]:
    """Build windowed UIs on fake stations; each is shut down after the test."""
    built: list[KioskUi] = []

    def factory(
        snapshot_or_station: StationSnapshot | FakeStation, size: tuple[int, int] = (800, 480)
    ) -> KioskUi:
        fake = (
            snapshot_or_station
            if isinstance(snapshot_or_station, FakeStation)
            else FakeStation(snapshot_or_station)
        )
        ui = build_ui(fake, kiosk=False, size=size)
        built.append(ui)
        ui.settle()
        return ui

    yield factory
    for ui in built:
        ui.quit()
    for ui in built:
        ui.engine.deleteLater()
    qapp.processEvents()
    leftover = qt_messages.take()
    assert leftover == [], f"Qt warnings while tearing down: {leftover}"
