"""``run_demo(options)``: the demo in the foreground until Ctrl-C, SIGTERM or the window closes.

Headless it runs on a plain asyncio loop; with a window it runs on the Qt event loop through
qasync. Either way SIGINT and SIGTERM set one stop event, ``serve_demo`` stops every part in
order and the process exits 0 without a traceback.

Errors: none escape; a part that cannot start is reported on stderr and gives exit status 2.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from kiosk.config import StationConfig
from kiosk.sandbox.demo.runner import DemoAddresses, DemoOptions, DemoStartError, serve_demo
from kiosk.sandbox.demo.station_link import open_demo_parts, open_demo_station
from kiosk.station.snapshot import StationControl

if TYPE_CHECKING:
    from kiosk.app import StationParts

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
WINDOW_SIZE = (1280, 800)


def _announce(addresses: DemoAddresses) -> None:
    print(addresses.banner(), flush=True)


def run_demo(options: DemoOptions) -> int:
    """Run the demo; return the process exit status."""
    try:
        if options.headless:
            asyncio.run(_headless(options))
        else:
            _windowed(options)
    except DemoStartError as exc:
        print(f"kiosk demo: {exc}", file=sys.stderr)
        return 2
    print("Ladeskjerm demo stopped.", flush=True)
    return 0


async def _headless(options: DemoOptions) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in _SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    try:
        await serve_demo(options, stop, station_factory=open_demo_station, announce=_announce)
    finally:
        for sig in _SIGNALS:
            loop.remove_signal_handler(sig)


def _windowed(options: DemoOptions) -> None:
    from kiosk.gui.window import qt_application, run_qt, stop_on_signals

    async def main() -> None:
        stop = asyncio.Event()
        qt_application().lastWindowClosed.connect(stop.set)  # closing the window ends the demo
        opened: list[tuple[StationConfig, StationParts]] = []

        @asynccontextmanager
        async def station_factory(config: StationConfig) -> AsyncIterator[StationControl]:
            async with open_demo_parts(config) as parts:
                opened.append((config, parts))
                yield parts.station

        with stop_on_signals(stop):
            await serve_demo(
                options,
                stop,
                station_factory=station_factory,
                window_factory=_window_factory(options, opened),
                announce=_announce,
            )

    run_qt(main)


def _window_factory(
    options: DemoOptions, opened: list[tuple[StationConfig, StationParts]]
) -> Callable[[StationControl], Callable[[], None]]:
    def show(station: StationControl) -> Callable[[], None]:
        from kiosk.gui.qml_engine import UiLoadError, build_ui
        from kiosk.gui.window import attach_service_mode

        try:
            ui = build_ui(station, kiosk=options.fullscreen, size=WINDOW_SIZE)
        except UiLoadError as exc:
            raise DemoStartError(f"the kiosk window could not be shown: {exc}") from exc
        ui.window.setTitle("Ladeskjerm demo")
        if not options.fullscreen:
            ui.window.setProperty("quitAllowed", True)
        close_service = None
        if opened:
            config, parts = opened[-1]
            close_service = attach_service_mode(ui, config, parts)

        def close() -> None:
            if close_service is not None:
                close_service()
            ui.quit()

        return close

    return show
