"""The station with its screen: one Qt application, one qasync loop, the station and the UI.

Qt and asyncio share the main thread through qasync, so the controller's tasks, the HTTP
client and the Modbus pollers run on the same loop as the screen; nothing on that loop blocks
(the database has its own thread, network and Modbus are asynchronous). ``kiosk run`` (a real
station, fullscreen kiosk) and ``kiosk demo`` (windowed) both come through here.

Errors: ``kiosk.app.StationConfigError`` for a configuration that cannot run, raised before
any window shows; the persistence errors when the database cannot be opened.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.config import StationConfig
from kiosk.gui.qt_import_scan import stop_source_caching
from kiosk.station.snapshot import StationSnapshot

if TYPE_CHECKING:
    from kiosk.app import StationParts
    from kiosk.gui.qml_engine import KioskUi

log = logging.getLogger(__name__)

T = TypeVar("T")

# The station's libraries are imported after the window is up, through PySide6's import hook.
stop_source_caching()

SIGNAL_POLL_MS = 200
"""Python runs signal handlers only between bytecodes; a timer gives it a chance to."""


def qt_application() -> QGuiApplication:
    """The process's one Qt application (created on first use)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("Ladeskjerm")
    app.setOrganizationName("Ladeskjerm")
    return app


@contextlib.contextmanager
def stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """Set ``stop`` on SIGINT/SIGTERM while the Qt loop runs (restores the old handlers)."""
    loop = asyncio.get_running_loop()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handle(_signum: int, _frame: object) -> None:
        loop.call_soon_threadsafe(stop.set)

    for sig in previous:
        signal.signal(sig, handle)
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(SIGNAL_POLL_MS)
    try:
        yield
    finally:
        wake.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_qt(main: Callable[[], Awaitable[T]]) -> T:
    """Run ``main()`` on a qasync loop over the Qt application until it returns."""
    import qasync

    app = qt_application()
    # The loop ends when ``main`` returns, never because a window (or a popup) closed.
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        result: T = loop.run_until_complete(main())
        return result
    finally:
        loop.close()
        asyncio.set_event_loop(None)


def initial_snapshot(config: StationConfig) -> StationSnapshot:
    """What the screen shows while the station starts: every connector waiting."""
    from kiosk.station.setup import station_info
    from kiosk.station.snapshot import ConnectorSnapshot, Screen
    from kiosk.station.starting_station import waiting_snapshot

    info = station_info(config)
    template = StationSnapshot(
        station_name=info.name,
        language=info.default_language,
        default_language=info.default_language,
        languages=info.languages,
        tariff=info.tariff_display(time.time_ns() // 1_000_000),
        budget=info.budget,
        payment_available=False,
        push_payment_allowed=info.push_payment_allowed,
        terms_url=info.terms_url,
        connectors=tuple(ConnectorSnapshot(c.id, c.name, Screen.IDLE) for c in config.connectors),
    )
    return waiting_snapshot(template)


FIRST_FRAME_WAIT_S = 2.0


async def first_frame(ui: KioskUi) -> None:
    """Wait until the window has put its first frame on the screen (or a short timeout)."""
    shown = asyncio.get_running_loop().create_future()

    def swapped() -> None:
        if not shown.done():
            shown.set_result(None)

    ui.window.frameSwapped.connect(swapped)
    try:
        await asyncio.wait_for(shown, FIRST_FRAME_WAIT_S)
    except TimeoutError:
        log.warning("no frame drawn after %.1f s; starting the station anyway", FIRST_FRAME_WAIT_S)
    finally:
        ui.window.frameSwapped.disconnect(swapped)


def attach_service_mode(
    ui: KioskUi, config: StationConfig, parts: StationParts
) -> Callable[[], None]:
    """Give the window PIN-protected service mode over ``parts``; returns its closer."""
    from kiosk.gui.viewmodels.service_vm import ServiceViewModel
    from kiosk.service.assembly import assemble, install_log_buffer

    buffer = install_log_buffer(config)
    access, service = assemble(
        config,
        parts.repository,
        parts.vipps,
        parts.station,
        parts.pollers,
        buffer,
        parts.meters,
        ocpp_health=parts.ocpp.link.health if parts.ocpp is not None else None,
    )
    ui.attach_service(ServiceViewModel(access, service, parts.station))

    def close() -> None:
        service.close()
        logging.getLogger().removeHandler(buffer)

    return close


async def show_until_stopped(
    config: StationConfig,
    *,
    kiosk: bool,
    size: tuple[int, int] = (1280, 800),
    stop: asyncio.Event | None = None,
    on_window: Callable[[KioskUi], None] | None = None,
    on_ready: Callable[[KioskUi, StationParts], None] | None = None,
) -> None:
    """Show the screen at once, start the station behind it, run until ``stop`` or a signal.

    ``on_window`` is called as soon as the window exists, ``on_ready`` once the station runs
    behind it with service mode attached (tests, benchmarks and the demo hook in there).

    The window comes first (built on a ``StartingStation`` that shows every connector as
    waiting), so a station computer shows its screen while the database opens and sessions
    are restored; then the real station takes over the same window.
    """
    from kiosk.gui.qml_engine import build_ui
    from kiosk.station.starting_station import StartingStation

    stop = stop or asyncio.Event()
    starting = StartingStation(initial_snapshot(config))
    ui = build_ui(starting, kiosk=kiosk, size=size)
    if on_window is not None:
        on_window(ui)
    try:
        with stop_on_signals(stop):
            await first_frame(ui)  # shown before the heavy imports and the database
            # The database, HTTP and Modbus libraries load on a worker thread, so the screen
            # keeps drawing meanwhile (the interpreter switches threads every few ms).
            await asyncio.to_thread(importlib.import_module, "kiosk.app")
            from kiosk.app import assemble_station

            parts = await assemble_station(config)
            try:
                await parts.start()
                starting.attach(parts.station)
                close_service = attach_service_mode(ui, config, parts)
                try:
                    if on_ready is not None:
                        on_ready(ui, parts)
                    await stop.wait()
                finally:
                    close_service()
                log.info("stopping")
            finally:
                starting.detach()
                await parts.aclose()
    finally:
        ui.quit()


def run_window(config: StationConfig, *, kiosk: bool = True) -> int:
    """``kiosk run --config FILE``: the station fullscreen (``kiosk=False``: in a window)."""
    try:
        run_qt(lambda: show_until_stopped(config, kiosk=kiosk))
    except Exception as error:
        from kiosk.app import StationConfigError  # loaded by now: the station was being built

        if not isinstance(error, StationConfigError):
            raise
        print(f"configuration: {error}", file=sys.stderr)
        return 1
    return 0
