"""The demo's asyncio side: start the world, the station and the world page; stop them in order.

``serve_demo(options, stop)`` runs in whatever event loop is current (plain asyncio when
headless, qasync under the window) until ``stop`` is set, then stops everything in reverse
order of starting (the window first, the world last) and frees every port.

Errors: ``DemoStartError`` (with a one-line reason) when a part cannot start; whatever has
started by then is stopped again first.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager, AsyncExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from kiosk.config import StationConfig
from kiosk.sandbox.demo.demo_config import DEMO_SERVICE_PIN, demo_station_config
from kiosk.sandbox.demo.page_server import PageServer
from kiosk.sandbox.demo.upstream import Upstream
from kiosk.sandbox.demo.world import LOOPBACK, DemoWorld, ExternalWorldError, external_world
from kiosk.sandbox.demo.world_page import build_world_app
from kiosk.station.snapshot import StationControl
from kiosk.station.snapshot_json import SnapshotHolder

log = logging.getLogger(__name__)

StationFactory = Callable[[StationConfig], AbstractAsyncContextManager[StationControl]]
WindowFactory = Callable[[StationControl], Callable[[], None]]
"""Shows the kiosk window for a station and returns the function that closes it."""


class DemoStartError(RuntimeError):
    """A part of the demo could not start (the message says which and why)."""


@dataclass(frozen=True, slots=True)
class DemoOptions:
    headless: bool = False
    fullscreen: bool = False
    world_port: int = 0
    speed: float = 1.0
    data_dir: Path | None = None
    """Keep the database here; ``None``: a temporary folder removed at exit."""
    vipps_url: str | None = None
    """A Vipps emulator running elsewhere (``kiosk sim vipps``); with ``charger_url``."""
    charger_url: str | None = None
    """A charger simulator's control API running elsewhere (``kiosk sim charger``): its
    ``/api/status`` says where each connector's Modbus device is. Both set: the demo starts
    neither, so killing the station leaves the payment service's memory and the cars alone."""


@dataclass(frozen=True, slots=True)
class DemoAddresses:
    """Where the running demo can be reached (printed at start, used by tests)."""

    world_url: str
    vipps_url: str
    charger_url: str
    modbus: tuple[tuple[str, int, int], ...]  # (host, port, unit id) per connector
    database_url: str
    stickers: tuple[tuple[str, str], ...] = ()
    """(connector name, URL) of each connector's sticker QR: its page on the driver's phone."""

    def banner(self) -> str:
        sockets = ", ".join(f"{host}:{port} unit {unit}" for host, port, unit in self.modbus)
        return "\n".join(
            [
                "Ladeskjerm demo is running. Ctrl-C stops it.",
                f"  World page (the driver's phone and the cars): {self.world_url}",
                f"  Vipps emulator: {self.vipps_url}",
                f"  Charger simulator: Modbus TCP {sockets}; control API {self.charger_url}",
                f"  Database: {self.database_url}",
                *(
                    f"  Sticker of {name} (the driver's phone): {url}"
                    for name, url in self.stickers
                ),
                "  Service mode: hold the top centre of the kiosk screen for 5 s; "
                f"PIN {DEMO_SERVICE_PIN}",
            ]
        )


def _stickers(holder: SnapshotHolder) -> tuple[tuple[str, str], ...]:
    """Each connector's phone page, from the terms link the station publishes with its pages."""
    snapshot = holder.latest
    if snapshot is None or not snapshot.terms_url.endswith("/terms"):
        return ()
    base = snapshot.terms_url.removesuffix("/terms")
    return tuple((c.name, f"{base}/c/{c.connector_id}") for c in snapshot.connectors)


@contextmanager
def _data_folder(data_dir: Path | None) -> Iterator[Path]:
    if data_dir is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        yield data_dir
        return
    with tempfile.TemporaryDirectory(
        prefix="ladeskjerm-demo-", ignore_cleanup_errors=True
    ) as folder:
        yield Path(folder)


async def serve_demo(
    options: DemoOptions,
    stop: asyncio.Event,
    *,
    station_factory: StationFactory,
    window_factory: WindowFactory | None = None,
    announce: Callable[[DemoAddresses], None] | None = None,
) -> None:
    """Run the demo until ``stop`` is set (see the module docstring)."""
    async with AsyncExitStack() as stack:
        try:
            world_server = PageServer.bind(LOOPBACK, options.world_port)
        except OSError as exc:
            raise DemoStartError(
                f"the world page cannot listen on {LOOPBACK}:{options.world_port}: {exc}"
            ) from exc
        stack.push_async_callback(world_server.close)
        if options.vipps_url is not None and options.charger_url is not None:
            try:
                async with httpx.AsyncClient(timeout=5.0) as probe:
                    world = await external_world(probe, options.vipps_url, options.charger_url)
            except ExternalWorldError as exc:
                raise DemoStartError(str(exc)) from exc
        else:
            try:
                own = await stack.enter_async_context(DemoWorld.running(speed=options.speed))
            except (OSError, RuntimeError, ValueError) as exc:
                raise DemoStartError(f"the simulated world did not start: {exc}") from exc
            world = own.addresses()
        data_dir = stack.enter_context(_data_folder(options.data_dir))
        config = demo_station_config(world, data_dir)
        station = await stack.enter_async_context(station_factory(config))
        holder = SnapshotHolder(station)
        stack.callback(holder.close)

        # closed before the world's servers (its sockets' TIME_WAIT stays on this side)
        client = await stack.enter_async_context(httpx.AsyncClient(timeout=5.0))
        upstream = Upstream(client, world.vipps_url, world.charger_url)
        try:
            await world_server.serve(build_world_app(upstream, holder))
        except RuntimeError as exc:
            raise DemoStartError(f"the world page did not start: {exc}") from exc

        if window_factory is not None:
            stack.callback(window_factory(station))

        addresses = DemoAddresses(
            world_url=f"{world_server.base_url}/",
            vipps_url=world.vipps_url,
            charger_url=world.charger_url,
            modbus=tuple(
                (connector.host, connector.port, connector.unit_id)
                for connector in config.connectors
            ),
            database_url=config.database.url or "",
            stickers=_stickers(holder),
        )
        if announce is not None:
            announce(addresses)
        await stop.wait()
        log.info("demo stopping")
