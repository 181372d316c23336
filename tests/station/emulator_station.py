"""A ``Station`` on the Vipps emulator in-process and the charger simulator (not a test).

The emulator runs under ``httpx.ASGITransport`` behind the real ``VippsClient`` and
``VippsPayments``; a ``RecordingGateway`` logs every call into the same ordered ``Log`` as the
``FakeLedger``. The charger simulator serves the ``sim`` profile over Modbus TCP on 127.0.0.1
(port 0) on a ``ManualClock``: the car and its meter move only when the test says so. Its
``DevicePoller`` polls once at start and then only after each command (the regular poll
interval is the longest a profile allows). The station's clock (``FrozenClock``) stands still
unless advanced, so no ``Tick`` ever becomes due on its own: a step that waited for one (a
heartbeat, a ``WakeAt``, a retry back-off) would never happen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from station_fakes import INFO, POLICY, FakeLedger, Log

from kiosk.adapters.poller_charger import PollerCharger
from kiosk.adapters.vipps_payments import VippsPayments
from kiosk.core.ports import PaymentView
from kiosk.core.tariff import AmountDue
from kiosk.hardware.link import Endpoint
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import Polling, Transport, load_named_profile
from kiosk.payments.client import VippsClient
from kiosk.payments.settings import VippsSettings
from kiosk.sandbox.charger import ChargerSimulator
from kiosk.sandbox.charger.clock import ManualClock
from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_MSN,
    DEFAULT_SUBSCRIPTION_KEY,
    EmulatorConfig,
)
from kiosk.sandbox.vipps.emulator import Emulator
from kiosk.station.setup import ConnectorSetup
from kiosk.station.station import Station

EMULATOR_URL = "http://emulator.test"
SLOWEST_POLL_S = 60.0
START_MS = 1_800_000_000_000


def emulator_settings() -> VippsSettings:
    return VippsSettings.model_validate(
        {
            "base_url": EMULATOR_URL,
            "client_id": DEFAULT_CLIENT_ID,
            "client_secret": DEFAULT_CLIENT_SECRET,
            "subscription_key": DEFAULT_SUBSCRIPTION_KEY,
            "merchant_serial_number": DEFAULT_MSN,
            "max_attempts": 1,
        }
    )


@asynccontextmanager
async def emulator_gateway(emulator: Emulator) -> AsyncIterator[VippsPayments]:
    """``VippsPayments`` over the real client, talking to ``emulator`` in-process."""
    transport = httpx.ASGITransport(app=create_app(emulator=emulator))
    async with httpx.AsyncClient(transport=transport) as http:
        client = VippsClient.from_settings(emulator_settings(), http)
        yield VippsPayments(client, station_id=INFO.station_id)


class FrozenClock:
    """The station's wall clock, standing still until ``advance``."""

    def __init__(self, start_ms: int = START_MS) -> None:
        self.ms = start_ms

    def now_ms(self) -> int:
        return self.ms

    def advance(self, ms: int) -> None:
        self.ms += ms


class RecordingGateway:
    """``PaymentGateway`` that logs each call's name, then delegates."""

    def __init__(self, inner: VippsPayments, log: Log) -> None:
        self.inner = inner
        self.log = log

    def calls(self) -> list[str]:
        return [what for kind, what in self.log if kind == "call"]

    async def create_payment(
        self,
        reference: str,
        amount_ore: int,
        currency: str,
        idempotency_key: str,
        *,
        session_id: str,
        connector_id: str,
        phone_number: str | None = None,
        return_url: str | None = None,
    ) -> str:
        self.log.append(("call", "create"))
        return await self.inner.create_payment(
            reference,
            amount_ore,
            currency,
            idempotency_key,
            session_id=session_id,
            connector_id=connector_id,
            phone_number=phone_number,
            return_url=return_url,
        )

    async def get_payment(self, reference: str) -> PaymentView:
        self.log.append(("call", "get"))
        return await self.inner.get_payment(reference)

    async def capture(
        self, reference: str, amount_ore: int, currency: str, idempotency_key: str
    ) -> PaymentView:
        self.log.append(("call", "capture"))
        return await self.inner.capture(reference, amount_ore, currency, idempotency_key)

    async def cancel(
        self, reference: str, cancel_transaction_only: bool, idempotency_key: str
    ) -> PaymentView:
        self.log.append(("call", "cancel"))
        return await self.inner.cancel(reference, cancel_transaction_only, idempotency_key)

    async def post_receipt(self, session_id: str, reference: str, amount_due: AmountDue) -> None:
        self.log.append(("call", "receipt"))
        await self.inner.post_receipt(session_id, reference, amount_due)

    async def check(self) -> bool:
        return await self.inner.check()


@dataclasses.dataclass
class EmulatorStation:
    station: Station
    emulator: Emulator
    sim: ChargerSimulator
    poller: DevicePoller
    gateway: RecordingGateway
    ledger: FakeLedger
    clock: FrozenClock
    log: Log


def slow_poller(sim: ChargerSimulator) -> DevicePoller:
    """A poller of ``sim``'s connector 1 that reads at start and after each command only."""
    profile = load_named_profile("sim")
    profile = profile.model_copy(update={"polling": Polling(interval_s=SLOWEST_POLL_S)})
    endpoint = Endpoint.for_connector(profile, "127.0.0.1", port=sim.port)
    endpoint = dataclasses.replace(endpoint, transport=Transport.TCP)
    return DevicePoller(profile, endpoint, clock=sim.clock.now_s)


@asynccontextmanager
async def emulator_station() -> AsyncIterator[EmulatorStation]:
    """A started one-connector station on the in-process emulator and the simulator."""
    log: Log = []
    emulator = Emulator(EmulatorConfig(strict=False))
    try:
        async with (
            ChargerSimulator.serving("sim", connectors=1, clock=ManualClock()) as sim,
            emulator_gateway(emulator) as payments,
        ):
            poller = slow_poller(sim)
            charger = PollerCharger(poller, POLICY.max_current_a)
            setup = ConnectorSetup(1, "Kontakt 1", POLICY, charger, poller)
            gateway = RecordingGateway(payments, log)
            ledger = FakeLedger(log)
            clock = FrozenClock()
            station = Station(
                INFO, [setup], ledger=ledger, gateway=gateway, clock=clock, probe_interval_s=60
            )
            async with station:
                yield EmulatorStation(station, emulator, sim, poller, gateway, ledger, clock, log)
    finally:
        await emulator.aclose()
