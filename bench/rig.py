"""The loopback world the end-to-end benchmarks run in, and probes that time it from outside.

``station_rig`` starts the demo's world (Vipps emulator on uvicorn, two-socket charger
simulator over Modbus TCP, both on 127.0.0.1 with free ports), builds the real station with
``kiosk.app.build_station`` on a temporary SQLite file and starts it. With ``webhook=True`` it
also serves a ``kiosk.web.webhook_receiver.WebhookReceiver`` on loopback, registers it
with the emulator (signed deliveries over HTTP) and pokes the station on every event - the
wiring the composition root is expected to do in production.

``EvseProbe`` wraps the simulator's socket write methods to record when a Modbus write landed
and what the socket offers afterwards; ``ScreenProbe`` records when the station's published
snapshot first shows a connector on a given screen (``bench.station_driver``, re-exported
here). Both only observe. ``bench.world_link`` runs the same world in a child process instead.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.station_driver import (
    ScreenProbe,
    StationDriver,
    data_folder,
    poller_factory,
    serve_webhook_receiver,
)
from kiosk.app import build_station
from kiosk.config import StationConfig
from kiosk.payments.models import WebhookEvent
from kiosk.sandbox.charger.evse import Evse
from kiosk.sandbox.demo.demo_config import demo_station_config
from kiosk.sandbox.demo.world import DemoWorld
from kiosk.sandbox.vipps.webhooks import EPAYMENT_EVENTS
from kiosk.station.station import Station

__all__ = ["EvseProbe", "Rig", "ScreenProbe", "payment_sums_ok", "poller_factory", "station_rig"]

MIN_OFFER_A = 6.0


class EvseProbe:
    """Records (perf_counter, offered current) after every setpoint/enable write on a socket."""

    def __init__(self, evse: Evse) -> None:
        self.evse = evse
        self.writes: list[tuple[float, float]] = []
        original_setpoint = evse.write_setpoint
        original_enabled = evse.write_enabled

        def write_setpoint(current_a: float) -> None:
            original_setpoint(current_a)
            self._record()

        def write_enabled(enabled: bool) -> None:
            original_enabled(enabled)
            self._record()

        evse.write_setpoint = write_setpoint  # type: ignore[method-assign]
        evse.write_enabled = write_enabled  # type: ignore[method-assign]

    def _record(self) -> None:
        self.writes.append((time.perf_counter(), self.evse.applied_limit_a()))

    def offering(self) -> bool:
        return self.evse.applied_limit_a() >= MIN_OFFER_A

    async def first_after(self, started: float, offering: bool, timeout_s: float) -> float | None:
        """perf_counter of the first write after ``started`` that left the socket offering
        (``offering=True``) or not offering current (False); None on timeout."""
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            for at, offered_a in self.writes:
                if at >= started and (offered_a >= MIN_OFFER_A) == offering:
                    return at
            await asyncio.sleep(0.005)
        return None


@dataclass
class Rig(StationDriver):
    world: DemoWorld
    station: Station
    config: StationConfig
    http: httpx.AsyncClient
    probes: dict[int, EvseProbe]
    data_dir: Path
    webhook_deliveries: list[float] = field(default_factory=list)

    @property
    def emulator(self) -> Any:
        return self.world.emulator

    def index_of(self, connector_id: int) -> int:
        return connector_id - 1

    async def approve_on_phone(self, reference: str) -> None:
        """What the driver's tap on "Approve" in the phone page sends."""
        token = self.emulator.payment(reference).token
        response = await self.http.post(
            f"{self.world.vipps_url}/phone/approve",
            data={"token": token},
            follow_redirects=False,
        )
        if response.status_code not in (200, 303):
            raise RuntimeError(f"phone page answered {response.status_code}")

    def plug(self, connector_id: int, **car: Any) -> None:
        self.world.simulator.car(self.index_of(connector_id)).plug(**car)

    def unplug(self, connector_id: int) -> None:
        sim_car = self.world.simulator.car(self.index_of(connector_id))
        if sim_car.plugged:
            sim_car.unplug()

    def settled_at_vipps(self, reference: str) -> bool:
        """captured + cancelled == authorized and a receipt is stored."""
        payment = self.emulator.payment(reference)
        return payment_sums_ok(payment) and self.emulator.receipt(reference) is not None


def payment_sums_ok(payment: Any) -> bool:
    captured = int(payment.captured_value)
    cancelled = int(payment.cancelled_value)
    return bool(payment.authorized_value > 0 and captured + cancelled == payment.authorized_value)


@asynccontextmanager
async def station_rig(
    *,
    speed: float = 1.0,
    webhook: bool = False,
    policy_overrides: dict[str, Any] | None = None,
    data_dir: Path | None = None,
    configure: Callable[[StationConfig], StationConfig] | None = None,
) -> AsyncIterator[Rig]:
    """The running world + station (see the module docstring); ``configure`` changes the
    demo's configuration before the station is built (``[site]``, prices)."""
    logging.getLogger("kiosk").setLevel(logging.WARNING)
    async with AsyncExitStack() as stack:
        data_dir = data_dir or data_folder(stack)
        world = await stack.enter_async_context(DemoWorld.running(speed=speed))
        config = demo_station_config(world, data_dir)
        if configure is not None:
            config = configure(config)
        station = await build_station(
            config, policy_overrides=policy_overrides, poller_factory=poller_factory(speed)
        )
        probes = {
            number: EvseProbe(world.simulator._evses[number - 1])
            for number in range(1, world.connector_count + 1)
        }
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=10.0))
        rig = Rig(world, station, config, http, probes, data_dir)
        if webhook:

            def poke(event: WebhookEvent) -> None:
                rig.webhook_deliveries.append(time.perf_counter())
                station.poke_payment(event.reference)

            async def register(url: str) -> str:
                return world.emulator.webhooks.register(url, list(EPAYMENT_EVENTS)).secret

            await serve_webhook_receiver(stack, register, poke)
        await station.start()
        stack.push_async_callback(station.aclose)
        yield rig
