"""The demo's outside world on loopback: the Vipps emulator and a two-socket charger simulator.

``DemoWorld`` starts both as real servers on 127.0.0.1 with free ports, in the running event
loop, and stops them again (ports freed, tasks awaited)::

    async with DemoWorld.running(speed=1.0) as world:
        world.vipps_url, world.charger_url, world.modbus_port_of(0)

Errors: ``OSError`` when a server cannot listen, ``ServerStartError`` when uvicorn does not
start, ``ProfileError`` when the simulator's profile cannot be loaded. Whatever has started
is stopped again before the error leaves ``running``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import httpx

from kiosk.hardware.profile import load_named_profile
from kiosk.sandbox.charger.control_api import ControlServer
from kiosk.sandbox.charger.simulator import ChargerSimulator
from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.config import EmulatorConfig
from kiosk.sandbox.vipps.emulator import Emulator
from kiosk.web.server import RunningServer, start_server

LOOPBACK = "127.0.0.1"
DEMO_PROFILE = "sim"
DEMO_CONNECTORS = 2


@dataclass(frozen=True, slots=True)
class WorldAddresses:
    """Where the station reaches the outside world: the Vipps API, the simulator's control API
    and each connector's Modbus device (host, port, unit id) of one charger profile."""

    vipps_url: str
    charger_url: str
    profile: str
    modbus: tuple[tuple[str, int, int], ...]

    @property
    def connector_count(self) -> int:
        return len(self.modbus)


class ExternalWorldError(Exception):
    """An emulator or simulator given on the command line cannot be used (unreachable, or
    its control API does not say where its connectors are)."""


async def external_world(
    client: httpx.AsyncClient, vipps_url: str, charger_url: str
) -> WorldAddresses:
    """The addresses of an emulator and a simulator running elsewhere (``kiosk sim vipps``,
    ``kiosk sim charger``): the simulator's control API says its profile and where each
    connector's Modbus device is; the emulator must answer HTTP."""
    vipps, charger = vipps_url.rstrip("/"), charger_url.rstrip("/")
    try:
        await client.get(vipps + "/")
    except httpx.HTTPError as exc:
        raise ExternalWorldError(f"the Vipps emulator at {vipps} does not answer: {exc}") from exc
    try:
        response = await client.get(charger + "/api/status")
        response.raise_for_status()
        status = response.json()
        modbus = tuple(
            (str(status["host"]), int(item["port"]), int(item["unit_id"]))
            for item in status["connectors"]
        )
        profile = str(status["profile"])
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
        raise ExternalWorldError(
            f"the charger simulator's control API at {charger} does not say where its "
            f"connectors are: {exc}"
        ) from exc
    if not modbus:
        raise ExternalWorldError(f"the charger simulator at {charger} has no connectors")
    return WorldAddresses(vipps, charger, profile, modbus)


@dataclass(frozen=True, slots=True)
class DemoWorld:
    """The running emulator and simulator, and where to reach them."""

    emulator: Emulator
    vipps_server: RunningServer
    simulator: ChargerSimulator
    charger_control: ControlServer

    @property
    def vipps_url(self) -> str:
        """Base URL of the Vipps emulator (API, phone pages, ``/_emulator`` controls)."""
        return self.vipps_server.base_url

    @property
    def charger_url(self) -> str:
        """Base URL of the simulator's HTTP control API (``/api/...``)."""
        return self.charger_control.url

    @property
    def connector_count(self) -> int:
        return self.simulator.connector_count

    def modbus_port_of(self, index: int) -> int:
        return self.simulator.port_of(index)

    def unit_id_of(self, index: int) -> int:
        return self.simulator.unit_id(index)

    def addresses(self) -> WorldAddresses:
        return WorldAddresses(
            self.vipps_url,
            self.charger_url,
            self.simulator.profile.name,
            tuple(
                (self.simulator.host, self.modbus_port_of(i), self.unit_id_of(i))
                for i in range(self.connector_count)
            ),
        )

    @classmethod
    @asynccontextmanager
    async def running(
        cls,
        *,
        speed: float = 1.0,
        payment_expiry_s: int = 600,
    ) -> AsyncIterator[DemoWorld]:
        """Start the emulator and the simulator; stop both when the block ends."""
        async with AsyncExitStack() as stack:
            emulator = Emulator(
                EmulatorConfig(
                    strict=False,
                    payment_expiry_s=payment_expiry_s,
                    loopback_http_urls=True,  # the phone pages' return URL is on loopback
                    card_payments=True,
                ),
            )
            app = create_app(emulator=emulator)
            vipps_server = await start_server(
                app, LOOPBACK, 0, on_stop=emulator.faults.release_hung
            )
            stack.push_async_callback(vipps_server.stop)

            profile = load_named_profile(DEMO_PROFILE)
            simulator = ChargerSimulator(
                profile, connectors=DEMO_CONNECTORS, host=LOOPBACK, port=0, speed=speed
            )
            await simulator.start()
            stack.push_async_callback(simulator.aclose)

            control = ControlServer(simulator, host=LOOPBACK, port=0)
            await control.start()
            stack.push_async_callback(control.aclose)

            yield cls(emulator, vipps_server, simulator, control)
