"""A whole station on loopback for the session tests (not a test module).

The Vipps emulator runs as a real uvicorn server on 127.0.0.1 port 0, the charger simulator
serves the ``sim`` profile over Modbus TCP on port 0 (10x time), the database is a SQLite file
(or ``KIOSK_TEST_PG_URL``). The station is built by ``kiosk.app.build_station`` with short
policy timeouts and a steep test tariff so whole sessions take seconds.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from hardware_rig import fast
from pydantic import SecretStr

from kiosk.app import build_station, vipps_settings
from kiosk.config import ConnectorSettings, Secrets, StationConfig
from kiosk.core.state import Phase, SessionState
from kiosk.hardware.link import Endpoint
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import Transport, load_named_profile
from kiosk.payments.settings import VippsSettings
from kiosk.sandbox.charger import ChargerSimulator
from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_SUBSCRIPTION_KEY,
    EmulatorConfig,
)
from kiosk.sandbox.vipps.emulator import Emulator
from kiosk.sandbox.vipps.payment import EventName
from kiosk.sandbox.vipps.server import RunningServer, start_server
from kiosk.station.station import Station

SPEED = 10.0
SIM_FAILSAFE_S = 10.0
PRICE_ORE_PER_KWH = 100_000  # steep, so a small budget is spent in seconds
BUDGET_ORE = 20_000  # 200 Wh at the test price

FAST_POLICY: dict[str, Any] = {
    "budget_screen_timeout_ms": 30_000,
    "approval_timeout_ms": 6_000,
    "payment_poll_interval_ms": 500,
    "plug_in_timeout_ms": 2_500,
    "meter_poll_interval_ms": 100,
    "stop_latency_ms": 700,
    "stop_confirm_timeout_ms": 3_000,
    "idle_stop_ms": 1_500,
    "charger_grace_ms": 1_000,
    "max_power_w": 10_000_000,
    "persist_interval_ms": 3_000,
    "retry_initial_ms": 200,
    "retry_max_ms": 800,
    "done_timeout_ms": 2_000,
    "recovery_timeout_ms": 1_500,
}
FAST_VIPPS: dict[str, Any] = {
    "request_timeout_s": 2.0,
    "max_attempts": 2,
    "retry_base_delay_s": 0.05,
    "retry_max_delay_s": 0.2,
}


def station_config(
    *,
    sim_port: int,
    vipps_url: str,
    db_url: str,
    connectors: int = 1,
    vipps: dict[str, Any] | None = None,
) -> StationConfig:
    """The test station; ``vipps`` adds ``[vipps]`` settings (``push_allowed``, ...)."""
    data = {
        "station": {"id": "test-station", "name": "Teststasjon"},
        "connectors": [
            {
                "id": i + 1,
                "name": f"Kontakt {i + 1}",
                "profile": "sim",
                "host": "127.0.0.1",
                "port": sim_port,
                "unit_id": i + 1,
                "max_current_a": 16,
            }
            for i in range(connectors)
        ],
        "tariff": {"price_ore_per_kwh": PRICE_ORE_PER_KWH},
        "budget": {
            "presets_ore": [BUDGET_ORE, 35_000, 50_000],
            "custom_min_ore": 2_000,
            "custom_max_ore": 100_000,
            "custom_step_ore": 1_000,
        },
        "vipps": {"base_url": vipps_url, "merchant_serial_number": "123456", **(vipps or {})},
        "database": {"url": db_url},
    }
    config = StationConfig.model_validate(data)
    secrets = Secrets(
        vipps_client_id=SecretStr(DEFAULT_CLIENT_ID),
        vipps_client_secret=SecretStr(DEFAULT_CLIENT_SECRET),
        vipps_subscription_key=SecretStr(DEFAULT_SUBSCRIPTION_KEY),
    )
    return config.model_copy(update={"secrets": secrets})


def sim_poller_factory(
    sim_port: int, clock: Callable[[], float] | None = None
) -> Callable[[ConnectorSettings], DevicePoller]:
    """Pollers at test pace; on the simulator's clock when it runs in this process."""
    profile = fast(load_named_profile("sim"))

    def make(connector: ConnectorSettings) -> DevicePoller:
        endpoint = Endpoint.for_connector(
            profile, "127.0.0.1", port=sim_port, connector_id=connector.id
        )
        endpoint = dataclasses.replace(endpoint, transport=Transport.TCP)
        if clock is not None:
            return DevicePoller(profile, endpoint, connector_id=connector.id, clock=clock)
        return DevicePoller(
            profile, endpoint, connector_id=connector.id, plausible_power_w=10_000_000
        )

    return make


@dataclasses.dataclass
class World:
    sim: ChargerSimulator
    emulator: Emulator
    server: RunningServer
    http: httpx.AsyncClient
    db_url: str
    connectors: int
    vipps: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def config(self) -> StationConfig:
        return station_config(
            sim_port=self.sim.port,
            vipps_url=self.server.base_url,
            db_url=self.db_url,
            connectors=self.connectors,
            vipps=self.vipps,
        )

    def config_vipps(self) -> VippsSettings:
        return vipps_settings(self.config).model_copy(update=FAST_VIPPS)

    async def build(self, **policy: Any) -> Station:
        return await build_station(
            self.config,
            http_client=self.http,
            policy_overrides={**FAST_POLICY, **policy},
            vipps_overrides=FAST_VIPPS,
            poller_factory=sim_poller_factory(self.sim.port, self.sim.clock.now_s),
            probe_interval_s=0.3,
        )

    @asynccontextmanager
    async def station(self, **policy: Any) -> AsyncIterator[Station]:
        station = await self.build(**policy)
        try:
            await station.start()
            yield station
        finally:
            await station.aclose()

    def payment(self, reference: str) -> Any:
        return self.emulator.payment(reference)


@asynccontextmanager
async def world(
    tmp_path: Path,
    *,
    connectors: int = 1,
    db_url: str | None = None,
    vipps: dict[str, Any] | None = None,
    emulator_config: EmulatorConfig | None = None,
    sim_options: dict[str, Any] | None = None,
) -> AsyncIterator[World]:
    emulator = Emulator(emulator_config or EmulatorConfig(strict=False))
    server = await start_server(create_app(emulator=emulator))
    try:
        async with (
            ChargerSimulator.serving(
                "sim",
                connectors=connectors,
                speed=SPEED,
                failsafe_timeout_s=SIM_FAILSAFE_S,
                **(sim_options or {}),
            ) as sim,
            httpx.AsyncClient() as http,
        ):
            url = db_url or f"sqlite:///{tmp_path / 'station.sqlite3'}"
            yield World(sim, emulator, server, http, url, connectors, dict(vipps or {}))
    finally:
        emulator.faults.clear()
        await server.stop()
        await emulator.aclose()


# --- driving a session ------------------------------------------------------------------


async def phase(
    station: Station, connector: int, *phases: Phase, timeout_s: float = 10
) -> SessionState:
    """Wait until the connector's live session is in one of ``phases``."""
    await station.wait_for(lambda s: s.session(connector).phase in phases, timeout_s)
    return station.session(connector)


def charger_answers(state: SessionState) -> bool:
    """The connector's charger has answered and is neither lost nor faulted (a tap starts)."""
    iec = state.iec_state
    return iec is not None and not iec.fault and state.charger_lost_since_ms is None


async def tap(station: Station, connector: int = 1) -> SessionState:
    """Tap the connector once a driver could start there (payments available, its charger
    answering: on a loaded machine its first connect may fail and the tile says "out of
    order" for a moment, where the tap is refused as it should be); until the budget screen."""
    await station.wait_for(
        lambda s: s.payment_available and charger_answers(s.session(connector)), 15
    )
    station.select_connector(connector)
    return await phase(station, connector, Phase.CHOOSING_BUDGET)


async def pay(
    world: World, station: Station, connector: int = 1, budget_ore: int = BUDGET_ORE
) -> str:
    """Tap, choose the budget, wait for the QR; returns the payment reference."""
    await tap(station, connector)
    station.choose_budget(connector, budget_ore)
    state = await phase(station, connector, Phase.AWAITING_APPROVAL)
    assert state.reference is not None
    return state.reference


async def approve(world: World, station: Station, connector: int = 1) -> str:
    reference = await pay(world, station, connector)
    world.emulator.approve(reference)
    return reference


async def settled(station: Station, session_id: str, timeout_s: float = 15) -> SessionState:
    """Wait until the session (live or queued) is DONE/ENDED/ATTENTION; its final state."""
    final: dict[str, SessionState] = {}

    def done(s: Station) -> bool:
        live = [s.session(c.connector_id) for c in s.snapshot.connectors]
        states = live + s.settlement_queue() + list(s.recently_settled)
        for state in states:
            if state.session_id == session_id and state.phase in (
                Phase.DONE,
                Phase.ENDED,
                Phase.ATTENTION,
            ):
                final["state"] = state
                return True
        return False

    await station.wait_for(done, timeout_s)
    return final["state"]


def check_invariants(world: World, reference: str, due_ore: int) -> None:
    """Exactly one capture of the amount due (none for zero), the rest cancelled, in order."""
    payment = world.payment(reference)
    events = [e for e in world.emulator.events(reference) if e.success]
    captures = [e for e in events if e.name is EventName.CAPTURED]
    cancels = [e for e in events if e.name is EventName.CANCELLED]
    assert len(captures) == (1 if due_ore else 0), events
    assert payment.captured_value == due_ore
    assert payment.captured_value + payment.cancelled_value == payment.authorized_value
    if captures and cancels:
        assert events.index(captures[0]) < events.index(cancels[0])


async def until(predicate: Callable[[], bool], timeout_s: float = 10, step_s: float = 0.05) -> None:
    async with asyncio.timeout(timeout_s):
        while not predicate():
            await asyncio.sleep(step_s)
