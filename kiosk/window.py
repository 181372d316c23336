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
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.config import StationConfig

log = logging.getLogger(__name__)

T = TypeVar("T")

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


async def show_until_stopped(
    config: StationConfig,
    *,
    kiosk: bool,
    size: tuple[int, int] = (1280, 800),
    stop: asyncio.Event | None = None,
) -> None:
    """Build and start the station, show its screen, and run until ``stop`` or a signal."""
    from kiosk.app import build_station
    from kiosk.qml import build_ui

    stop = stop or asyncio.Event()
    station = await build_station(config)
    ui = None
    try:
        await station.start()
        ui = build_ui(station, kiosk=kiosk, size=size)
        with stop_on_signals(stop):
            await stop.wait()
        log.info("stopping")
    finally:
        if ui is not None:
            ui.quit()
        await station.aclose()


def run_window(config: StationConfig, *, kiosk: bool = True) -> int:
    """``kiosk run --config FILE``: the station fullscreen (``kiosk=False``: in a window)."""
    from kiosk.app import StationConfigError

    try:
        run_qt(lambda: show_until_stopped(config, kiosk=kiosk))
    except StationConfigError as error:
        print(f"configuration: {error}", file=sys.stderr)
        return 1
    return 0
