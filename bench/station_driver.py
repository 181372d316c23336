"""Driving the real station from a benchmark, without importing the world it talks to.

The parts of the loopback rig that only touch the station: ``StationDriver`` (tap the tile,
choose a budget, wait for phases), ``ScreenProbe`` (when a connector's published snapshot first
shows a screen), ``poller_factory`` (the composition root's poller with the energy filter
widened for a sped-up simulator) and ``serve_webhook_receiver`` (a signed-webhook receiver on a
free loopback port, registered through a callback - with the emulator in this process or in a
child). ``bench.rig`` (world in-process) and ``bench.world_link`` (world in a child process)
both build on them, so a station-only process imports no emulator or simulator code.

Errors: ``TimeoutError`` from the waits; whatever ``register`` raises leaves
``serve_webhook_receiver`` with the server already pushed onto the exit stack (stopped there).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack, ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from kiosk.config import ConnectorSettings
from kiosk.core.state import Phase
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import load_named_profile
from kiosk.payments.models import WebhookEvent
from kiosk.station.snapshot import Screen, StationSnapshot
from kiosk.station.station import Station
from kiosk.web.server import start_server
from kiosk.web.webhook_receiver import WebhookReceiver


@dataclass
class ScreenProbe:
    """Times when a connector's snapshot first shows one of ``screens`` (after ``arm``)."""

    connector_id: int
    seen: dict[Screen, float] = field(default_factory=dict)
    armed_at: float = 0.0

    def arm(self) -> None:
        self.seen.clear()
        self.armed_at = time.perf_counter()

    def __call__(self, snapshot: StationSnapshot) -> None:
        connector = snapshot.connector(self.connector_id)
        if connector is not None and connector.screen not in self.seen:
            self.seen[connector.screen] = time.perf_counter()

    async def wait(self, screens: set[Screen], timeout_s: float) -> tuple[Screen, float] | None:
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            hits = [(at, s) for s, at in self.seen.items() if s in screens]
            if hits:
                at, screen = min(hits)
                return screen, at
            await asyncio.sleep(0.005)
        return None


class StationDriver:
    """What a driver does at the screen; needs a ``station`` attribute."""

    station: Station

    async def wait_phase(
        self, connector_id: int, phases: set[Phase], timeout_s: float = 10.0
    ) -> Phase:
        await self.station.wait_for(lambda s: s.session(connector_id).phase in phases, timeout_s)
        return self.station.session(connector_id).phase

    async def start_payment(self, connector_id: int, budget_ore: int = 20000) -> str:
        """Tap the tile, choose the budget; returns the payment reference once the QR shows."""
        station = self.station
        await self.wait_phase(connector_id, {Phase.IDLE, Phase.CAR_CONNECTED})
        station.select_connector(connector_id)
        await self.wait_phase(connector_id, {Phase.CHOOSING_BUDGET})
        station.choose_budget(connector_id, budget_ore)
        await self.wait_phase(connector_id, {Phase.AWAITING_APPROVAL})
        reference = station.session(connector_id).reference
        assert reference is not None
        return reference


def data_folder(stack: ExitStack | AsyncExitStack) -> Path:
    """A temporary folder for the station's database, removed when ``stack`` closes."""
    folder = stack.enter_context(
        tempfile.TemporaryDirectory(prefix="ladeskjerm-bench-", ignore_cleanup_errors=True)
    )
    return Path(folder)


def poller_factory(speed: float) -> Callable[[ConnectorSettings], DevicePoller]:
    """Like ``kiosk.app.default_poller``, with the energy filter's plausible power raised by
    the simulator's speed-up (a faster clock delivers energy faster than any real car)."""

    def make(connector: ConnectorSettings) -> DevicePoller:
        profile = load_named_profile(connector.profile)
        control = profile.control
        max_power_w = 3 * (control.max_current_a if control else 80) * 250.0
        return DevicePoller.for_connector(
            profile,
            connector.host,
            port=connector.port,
            unit_id=connector.unit_id,
            connector_id=connector.id,
            name=f"{connector.name} ({connector.profile})",
            plausible_power_w=max_power_w * max(1.0, speed) * 1.5,
        )

    return make


async def serve_webhook_receiver(
    stack: AsyncExitStack,
    register: Callable[[str], Awaitable[str]],
    on_event: Callable[[WebhookEvent], None],
) -> str:
    """Serve a ``WebhookReceiver`` on a free loopback port, register its URL with
    ``register(url) -> secret`` and return the URL. The server stops with ``stack``."""
    holder: dict[str, Any] = {}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            message = await receive()
            while message["type"] != "lifespan.shutdown":
                await send({"type": message["type"] + ".complete"})
                message = await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        await holder["app"](scope, receive, send)

    server = await start_server(app, "127.0.0.1", 0)
    stack.push_async_callback(server.stop)
    url = f"{server.base_url}/vipps/webhook"
    secret = await register(url)

    async def handle(event: WebhookEvent) -> None:
        on_event(event)

    receiver = WebhookReceiver(secret=SecretStr(secret), registered_url=url, on_event=handle)
    holder["app"] = receiver.app
    return url
