"""A station for the service-mode tests: a SQLite repository, the Vipps emulator in-process, a
fake driver-screen station, a recording fake controller, a PIN guard and the service itself.
(Not a test module.)"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from kiosk.config.model import StationConfig
from kiosk.config.pin import hash_pin
from kiosk.config.secrets import Secrets
from kiosk.payments.client import VippsClient
from kiosk.payments.epayment import PaymentMetadata
from kiosk.payments.settings import Currency, VippsSettings
from kiosk.persistence import JournalEvent, Repository, SessionRecord, SessionUpdate
from kiosk.persistence.pin_guard import PinGuard
from kiosk.sandbox.preview.fake_station import FakeStation, base_station
from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_MSN,
    DEFAULT_SUBSCRIPTION_KEY,
    EmulatorConfig,
)
from kiosk.sandbox.vipps.emulator import Emulator
from kiosk.service.access import ServiceAccess
from kiosk.service.control import ActionResult
from kiosk.service.diagnostics import ConnectorWiring
from kiosk.service.log_buffer import RedactingLogBuffer
from kiosk.service.station_service import StationService

PIN = "482916"
STATION_ID = "svc-station"
EMULATOR_URL = "http://emulator.test"
WEBHOOK_SECRET = "whsec-9f8e7d6c5b4a39281706"
_PIN_HASH = hash_pin(PIN, n=2**10)  # cheap parameters: the tests check the logic


class ManualClock:
    """Wall time (UTC datetimes) and a monotonic clock that move only when told."""

    def __init__(self) -> None:
        self._start = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
        self._offset_s = 0.0
        self._tick = 0

    def now(self) -> datetime:
        self._tick += 1  # strictly increasing, like the repository's clock expects
        return self._start + timedelta(seconds=self._offset_s, microseconds=self._tick)

    def monotonic(self) -> float:
        return 1000.0 + self._offset_s

    def wall(self) -> float:
        return self._start.timestamp() + self._offset_s

    def advance(self, seconds: float) -> None:
        self._offset_s += seconds


def station_config(pin_hash: str | None = _PIN_HASH, currency: str = "NOK") -> StationConfig:
    config = StationConfig.model_validate(
        {
            "station": {"id": STATION_ID, "name": "Ladeskjerm Test"},
            "connectors": [
                {"id": 1, "name": "Kontakt A", "profile": "sim", "host": "127.0.0.1"},
            ],
            "tariff": {"price_ore_per_kwh": 450, "start_fee_ore": 500, "currency": currency},
            "vipps": {"merchant_serial_number": DEFAULT_MSN, "base_url": EMULATOR_URL},
        }
    )
    secrets = Secrets(
        vipps_client_id=SecretStr(DEFAULT_CLIENT_ID),
        vipps_client_secret=SecretStr(DEFAULT_CLIENT_SECRET),
        vipps_subscription_key=SecretStr(DEFAULT_SUBSCRIPTION_KEY),
        vipps_webhook_secret=SecretStr(WEBHOOK_SECRET),
        service_pin_hash=SecretStr(pin_hash) if pin_hash else None,
    )
    return config.model_copy(update={"secrets": secrets})


def vipps_settings(config: StationConfig) -> VippsSettings:
    s = config.secrets
    assert s.vipps_client_id
    assert s.vipps_client_secret
    assert s.vipps_subscription_key
    return VippsSettings(
        base_url=EMULATOR_URL,
        client_id=s.vipps_client_id,
        client_secret=s.vipps_client_secret,
        subscription_key=s.vipps_subscription_key,
        merchant_serial_number=config.vipps.merchant_serial_number,
        currency=Currency(config.tariff.currency),
        max_attempts=2,
        retry_base_delay_s=0.0,
        retry_max_delay_s=0.0,
    )


@dataclass
class FakeOperations:
    """The controller's side, recording every command; ``answer`` scripts the results."""

    calls: list[tuple[str, Any]] = field(default_factory=list)
    answer: ActionResult = field(default_factory=lambda: ActionResult(True, "ok"))
    station: FakeStation | None = None

    async def set_out_of_order(self, connector_id: int, out_of_order: bool) -> ActionResult:
        self.calls.append(("set_out_of_order", (connector_id, out_of_order)))
        return self.answer

    async def start_test_charge(self, connector_id: int) -> ActionResult:
        self.calls.append(("start_test_charge", connector_id))
        return self.answer

    async def stop_by_technician(self, connector_id: int) -> ActionResult:
        self.calls.append(("stop_by_technician", connector_id))
        return self.answer

    async def retry_settlement(self, session_id: str) -> ActionResult:
        self.calls.append(("retry_settlement", session_id))
        return self.answer


@dataclass
class ServiceWorld:
    config: StationConfig
    clock: ManualClock
    repo: Repository
    emulator: Emulator
    vipps: VippsClient
    station: FakeStation
    operations: Any
    guard: PinGuard
    access: ServiceAccess
    service: StationService
    log_buffer: RedactingLogBuffer
    export_dir: Path
    db_path: Path

    async def paid_session(
        self,
        session_id: str,
        *,
        authorized_ore: int = 35000,
        captured_ore: int = 12345,
        settled: bool = True,
    ) -> SessionRecord:
        """A session whose payment is really authorized and captured on the emulator."""
        reference = f"ladeskjerm-{session_id}"
        meta = PaymentMetadata(station_id=STATION_ID, connector_id="1", session_id=session_id)
        await self.vipps.epayment.create(
            reference=reference,
            amount_ore=authorized_ore,
            idempotency_key=f"{session_id}-create",
            metadata=meta,
        )
        self.emulator.approve(reference)
        if captured_ore:
            await self.vipps.epayment.capture(
                reference, captured_ore, idempotency_key=f"{session_id}-capture"
            )
        now = self.clock.now()
        update = SessionUpdate(
            state_name="done" if settled else "settling",
            state={},
            authorized_ore=authorized_ore,
            captured_ore=captured_ore,
            cancelled_ore=authorized_ore - captured_ore if settled else 0,
            amount_due_ore=captured_ore,
            energy_wh=captured_ore * 1000 // 450,
            payment_reference=reference,
            started_at=now,
            stopped_at=now,
            settled_at=now if settled else None,
        )
        return await self.repo.create_session(
            session_id, 1, update, JournalEvent("session.created", {})
        )


@asynccontextmanager
async def service_world(
    tmp_path: Path,
    *,
    operations: Any = None,
    wirings: Sequence[ConnectorWiring] = (),
    config: StationConfig | None = None,
    db_path: Path | None = None,
) -> AsyncIterator[ServiceWorld]:
    config = config or station_config()
    clock = ManualClock()
    db_path = db_path or tmp_path / "kiosk.sqlite3"
    export_dir = tmp_path / "usb-stick"
    export_dir.mkdir(exist_ok=True)
    repo = await Repository.open(f"sqlite:///{db_path}", STATION_ID, clock=clock.now)
    emulator = Emulator(EmulatorConfig(currency=config.tariff.currency))
    log_buffer = RedactingLogBuffer(config.secrets.all_values(), level=logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(log_buffer)
    station = FakeStation(base_station(1))
    operations = operations if operations is not None else FakeOperations(station=station)
    try:
        transport = httpx.ASGITransport(app=create_app(emulator=emulator))
        async with httpx.AsyncClient(transport=transport) as http:
            vipps = VippsClient.from_settings(vipps_settings(config), http)
            guard = PinGuard(
                repo,
                config.secrets.service_pin_hash,
                max_attempts=config.service.max_pin_attempts,
                lockout_s=config.service.lockout_s,
                clock=clock.now,
            )
            access = ServiceAccess(
                guard, repo, idle_exit_s=config.service.idle_exit_s, monotonic=clock.monotonic
            )
            service = StationService(
                repo,
                operations,
                station=station,
                wirings=wirings,
                vipps=vipps,
                config=config,
                log_buffer=log_buffer,
                export_roots=(),
                export_extra=(export_dir,),
                now=clock.now,
                wall_clock=clock.wall,
            )
            try:
                yield ServiceWorld(
                    config,
                    clock,
                    repo,
                    emulator,
                    vipps,
                    station,
                    operations,
                    guard,
                    access,
                    service,
                    log_buffer,
                    export_dir,
                    db_path,
                )
            finally:
                service.close()
    finally:
        root.removeHandler(log_buffer)
        await emulator.aclose()
        await repo.aclose()
