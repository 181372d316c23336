"""A hand-written fake station for the demo tests: records commands, publishes one snapshot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace

import httpx
from pydantic import SecretStr

from kiosk.config import StationConfig
from kiosk.payments.client import VippsClient
from kiosk.payments.epayment import CreatedPayment, PaymentMetadata
from kiosk.payments.settings import VippsSettings
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_MSN,
    DEFAULT_SUBSCRIPTION_KEY,
)
from kiosk.station.snapshot import (
    BudgetLimits,
    ConnectorSnapshot,
    Screen,
    SnapshotCallback,
    StationSnapshot,
    TariffDisplay,
)


def snapshot_for(config: StationConfig | None = None) -> StationSnapshot:
    connectors = (
        tuple(
            ConnectorSnapshot(connector_id=c.id, name=c.name, screen=Screen.IDLE)
            for c in config.connectors
        )
        if config is not None
        else (ConnectorSnapshot(connector_id=1, name="Venstre", screen=Screen.IDLE),)
    )
    return StationSnapshot(
        station_name="Fake",
        language="en",
        default_language="en",
        languages=("en", "nb"),
        tariff=TariffDisplay(price_ore_per_kwh=450),
        budget=BudgetLimits(presets_ore=(20000, 35000), custom_min_ore=5000, custom_max_ore=100000),
        payment_available=True,
        push_payment_allowed=False,
        terms_url="https://example.invalid/terms",
        connectors=connectors,
    )


@dataclass
class FakeStation:
    """A ``StationControl`` that records every command."""

    snapshot: StationSnapshot = field(default_factory=snapshot_for)
    calls: list[tuple[str, tuple[object, ...]]] = field(default_factory=list)
    subscribers: list[SnapshotCallback] = field(default_factory=list)

    def subscribe(self, callback: SnapshotCallback) -> Callable[[], None]:
        self.subscribers.append(callback)
        callback(self.snapshot)
        return lambda: self.subscribers.remove(callback)

    def publish(self, snapshot: StationSnapshot) -> None:
        self.snapshot = snapshot
        for callback in list(self.subscribers):
            callback(snapshot)

    def show(self, connector_id: int, screen: Screen, **fields: object) -> None:
        connectors = tuple(
            replace(c, screen=screen, **fields) if c.connector_id == connector_id else c  # type: ignore[arg-type]
            for c in self.snapshot.connectors
        )
        self.publish(replace(self.snapshot, connectors=connectors))

    def select_connector(self, connector_id: int) -> None:
        self.calls.append(("select_connector", (connector_id,)))

    def show_overview(self) -> None:
        self.calls.append(("show_overview", ()))

    def touched(self) -> None:
        self.calls.append(("touched", ()))

    def choose_budget(
        self, connector_id: int, amount_ore: int, phone_number: str | None = None
    ) -> None:
        self.calls.append(("choose_budget", (connector_id, amount_ore)))

    def cancel(self, connector_id: int) -> None:
        self.calls.append(("cancel", (connector_id,)))

    def stop(self, connector_id: int) -> None:
        self.calls.append(("stop", (connector_id,)))

    def dismiss(self, connector_id: int) -> None:
        self.calls.append(("dismiss", (connector_id,)))

    def set_language(self, code: str) -> None:
        self.calls.append(("set_language", (code,)))


@asynccontextmanager
async def fake_station_factory(config: StationConfig) -> AsyncIterator[FakeStation]:
    yield FakeStation(snapshot_for(config))


async def create_payment(
    http: httpx.AsyncClient, vipps_url: str, reference: str, amount_ore: int = 20000
) -> CreatedPayment:
    """Create a QR payment at the emulator the way the kiosk does."""
    settings = VippsSettings(
        base_url=vipps_url,
        client_id=SecretStr(DEFAULT_CLIENT_ID),
        client_secret=SecretStr(DEFAULT_CLIENT_SECRET),
        subscription_key=SecretStr(DEFAULT_SUBSCRIPTION_KEY),
        merchant_serial_number=DEFAULT_MSN,
    )
    client = VippsClient.from_settings(settings, http)
    return await client.epayment.create(
        reference=reference,
        amount_ore=amount_ore,
        idempotency_key=f"create-{reference}",
        metadata=PaymentMetadata(station_id="demo", connector_id="1", session_id=reference),
    )
