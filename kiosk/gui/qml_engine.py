"""Building the kiosk window: QML engine, view-models, QR provider and translations.

The composition root (``kiosk.app``) creates the ``QApplication`` and the qasync loop, then
calls :func:`build_ui` with the controller (a ``StationControl``). The UI does not need the
loop: commands return at once and snapshots arrive through ``StationControl.subscribe`` on the
Qt thread (from any other thread they are queued to it).

View-models reach QML as *initial properties* of ``Main`` (``station``), not as global
singletons or context properties, so each engine (tests build many) has its own.

Errors: a QML module that fails to load raises :class:`UiLoadError` with the engine's
messages; nothing else here raises.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.gui.qt_import_scan import stop_source_caching
from kiosk.gui.screen_probe import attach_probe
from kiosk.gui.viewmodels.qr_image import PROVIDER_ID, QrImageProvider
from kiosk.gui.viewmodels.station_vm import StationViewModel
from kiosk.gui.viewmodels.translation import LanguageSwitcher
from kiosk.resources import ui_dir
from kiosk.station.snapshot import StationControl

if TYPE_CHECKING:
    # Service mode pulls in the database layer; the first frame must not wait for it.
    from kiosk.gui.viewmodels.service_vm import ServiceViewModel

log = logging.getLogger(__name__)

stop_source_caching()  # whatever loads behind the window comes through PySide6's import hook

QML_MODULE = "Kiosk"


class UiLoadError(RuntimeError):
    """The QML module could not be loaded (a bug or a broken install, never the driver's)."""


@dataclass
class KioskUi:
    """The running UI. Keep it alive as long as the window shows."""

    engine: QQmlApplicationEngine
    station: StationViewModel
    languages: LanguageSwitcher
    window: QQuickWindow
    kiosk: bool
    qr_provider: QrImageProvider
    service: ServiceViewModel | None = None
    _closed: bool = field(default=False)

    def quit(self) -> None:
        """Close the window on an orderly shutdown (the only way it closes)."""
        if self._closed:
            return
        self._closed = True
        self.window.setProperty("quitAllowed", True)
        self.window.close()
        self.station.close()
        if self.service is not None:
            self.service.close()
        self.languages.close()
        if self.kiosk:
            QGuiApplication.restoreOverrideCursor()

    def attach_service(self, service: ServiceViewModel) -> None:
        """Give the window its service mode (it may start without one, e.g. while starting)."""
        if self.service is not None:
            raise RuntimeError("service mode is already attached")
        service.setParent(self.engine)  # deleted with the engine
        self.service = service
        self.window.setProperty("service", service)
        service.watch(self.window)  # every press restarts service mode's inactivity time

    def pending_images(self) -> int:
        """Visible images with a source that have not finished loading (QR codes load async)."""
        pending = 0
        stack: list[QQuickItem] = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            if not item.isVisible():
                continue
            stack.extend(item.childItems())
            if item.inherits("QQuickImage"):
                source = item.property("source")
                if source is not None and source.toString() and item.property("progress") < 1.0:
                    pending += 1
        return pending

    def settle(self, timeout_s: float = 3.0) -> None:
        """Run the event loop until every visible image has loaded (previews and tests)."""
        deadline = time.monotonic() + timeout_s
        loop = QEventLoop()
        while True:
            QTimer.singleShot(20, loop.quit)
            loop.exec()
            if self.pending_images() == 0 or time.monotonic() > deadline:
                return

    def grab(self) -> QImage:
        """The window's pixels once settled."""
        self.settle()
        return self.window.grabWindow()

    def screen_item(self) -> QObject | None:
        """The QML item of the screen shown now (tests and previews)."""
        loader = self.window.findChild(QObject, "screenLoader")
        item = loader.property("item") if loader is not None else None
        return item if isinstance(item, QObject) else None


def build_ui(
    control: StationControl,
    *,
    kiosk: bool = True,
    size: tuple[int, int] = (1280, 800),
    service: ServiceViewModel | None = None,
) -> KioskUi:
    """Create the engine, the view-models and the window, and show it.

    ``kiosk=True``: fullscreen, frameless, no cursor, cannot be closed. ``kiosk=False`` is a
    normal window of ``size`` (demo, preview, tests). A ``QGuiApplication`` must exist.
    """
    if QGuiApplication.instance() is None:
        raise UiLoadError("create the QApplication (and the qasync loop) before build_ui()")
    engine = QQmlApplicationEngine()
    engine.addImportPath(str(ui_dir()))
    qr_provider = QrImageProvider()  # the engine owns it; the Python side must stay alive too
    engine.addImageProvider(PROVIDER_ID, qr_provider)
    errors: list[str] = []

    def collect(warnings: list[QQmlError]) -> None:
        for warning in warnings:
            errors.append(warning.toString())
            log.warning("QML: %s", warning.toString())

    engine.warnings.connect(collect)

    station = StationViewModel(control)
    station.setParent(engine)  # the engine deletes its QML objects first, then the view-models
    languages = LanguageSwitcher(engine)
    languages.switch(station.value("language"))
    station.languageChanged.connect(languages.switch)

    width, height = size
    screen = QGuiApplication.primaryScreen()
    if kiosk and screen is not None:
        # The whole screen even where no window manager honours "fullscreen" (a bare X server
        # on a station computer): the window is made the screen's size itself.
        width, height = screen.geometry().width(), screen.geometry().height()
    initial: dict[str, object] = {
        "station": station,
        "kiosk": kiosk,
        "width": width,
        "height": height,
    }
    engine.setInitialProperties(initial)
    engine.loadFromModule(QML_MODULE, "Main")
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        station.close()
        languages.close()
        raise UiLoadError("could not load Kiosk/Main.qml: " + "; ".join(errors))
    window = roots[0]
    attach_probe(window)  # only with KIOSK_SCREEN_PROBE set (tests of the real window)
    if kiosk:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
    ui = KioskUi(
        engine=engine,
        station=station,
        languages=languages,
        window=window,
        kiosk=kiosk,
        qr_provider=qr_provider,
    )
    if service is not None:
        ui.attach_service(service)
    return ui
