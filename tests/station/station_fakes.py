"""Hand-written fakes for the controller tests: gateway, charger + feed, ledger (not a test)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from kiosk.core.codec import decode_state, encode
from kiosk.core.events import Event, PaymentState
from kiosk.core.ports import OperationResult, PaymentView
from kiosk.core.state import RESTORABLE_PHASES, SessionPolicy, SessionState
from kiosk.core.tariff import AmountDue, TariffSnapshot
from kiosk.hardware.reading import DeviceReading
from kiosk.station.setup import ConnectorSetup, StationInfo
from kiosk.station.snapshot import BudgetLimits

Log = list[tuple[str, Any]]


class FakeLedger:
    def __init__(self, log: Log) -> None:
        self.log = log
        self.rows: dict[str, Any] = {}
        self.operations: dict[str, OperationResult | None] = {}
        self.journal: list[Any] = []
        self.requests: list[dict[str, Any]] = []

    async def save_step(self, state: SessionState, event: Event) -> None:
        self.rows[state.session_id or ""] = encode(state)
        self.journal.append(encode(event))
        self.log.append(("save", state.phase.value))

    async def load_unfinished(self) -> list[SessionState]:
        states = [decode_state(row) for row in self.rows.values()]
        return [s for s in states if s.phase in RESTORABLE_PHASES]

    async def record_operation(
        self, session_id: str, kind: str, idempotency_key: str, request: dict[str, Any]
    ) -> None:
        self.operations.setdefault(idempotency_key, None)
        self.requests.append(request)
        self.log.append(("record", kind))

    async def record_outcome(
        self, idempotency_key: str, result: OperationResult, outcome: dict[str, Any]
    ) -> None:
        self.operations[idempotency_key] = result
        self.log.append(("outcome", result.value))


class GatedLedger(FakeLedger):
    """A ledger whose writes wait while ``gate`` is clear (a database held by another writer)."""

    def __init__(self, log: Log) -> None:
        super().__init__(log)
        self.gate = asyncio.Event()
        self.gate.set()

    async def save_step(self, state: SessionState, event: Event) -> None:
        await self.gate.wait()
        await super().save_step(state, event)

    async def record_operation(
        self, session_id: str, kind: str, idempotency_key: str, request: dict[str, Any]
    ) -> None:
        await self.gate.wait()
        await super().record_operation(session_id, kind, idempotency_key, request)


class FakeGateway:
    """Authorizes at once; ``hang`` makes every call wait until released."""

    def __init__(self, log: Log, authorized_ore: int = 20_000) -> None:
        self.log = log
        self.hang = False
        self.released = asyncio.Event()
        self.authorized_ore = authorized_ore
        self.captured_ore = 0
        self.cancelled_ore = 0
        self.pushed_to: list[str | None] = []
        """The phone number of every create (None for a QR payment)."""
        self.unapproved_connectors: set[str] = set()
        """Payments created for these connectors stay waiting for the driver's approval."""
        self._connector_of: dict[str, str] = {}

    async def _maybe_hang(self, what: str) -> None:
        self.log.append(("call", what))
        if self.hang:
            await self.released.wait()

    def _view(self) -> PaymentView:
        return PaymentView(
            PaymentState.AUTHORIZED, self.authorized_ore, self.captured_ore, self.cancelled_ore
        )

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
        await self._maybe_hang("create")
        self.pushed_to.append(phone_number)
        self._connector_of[reference] = connector_id
        return "" if phone_number is not None else f"https://qr.example/{reference}"

    async def get_payment(self, reference: str) -> PaymentView:
        await self._maybe_hang("get")
        if self._connector_of.get(reference) in self.unapproved_connectors:
            return PaymentView(PaymentState.CREATED, 0, 0, 0)
        return self._view()

    async def capture(
        self, reference: str, amount_ore: int, currency: str, idempotency_key: str
    ) -> PaymentView:
        await self._maybe_hang("capture")
        self.captured_ore = amount_ore
        return self._view()

    async def cancel(
        self, reference: str, cancel_transaction_only: bool, idempotency_key: str
    ) -> PaymentView:
        await self._maybe_hang("cancel")
        self.cancelled_ore = self.authorized_ore - self.captured_ore
        return self._view()

    async def post_receipt(self, session_id: str, reference: str, amount_due: AmountDue) -> None:
        await self._maybe_hang("receipt")

    async def check(self) -> bool:
        return not self.hang


class FakeCharger:
    """Charger port and snapshot feed in one; ``publish`` plays the poller."""

    def __init__(self, log: Log) -> None:
        self.log = log
        self.subscribers: list[Callable[[DeviceReading], None]] = []
        self.enabled = False
        self.disabled_at: float | None = None

    async def start(self) -> None:
        return None

    async def aclose(self) -> None:
        return None

    def subscribe(self, subscriber: Callable[[DeviceReading], None]) -> Callable[[], None]:
        self.subscribers.append(subscriber)
        return lambda: self.subscribers.remove(subscriber)

    def publish(self, state: str, energy_wh: int | None, power_w: int | None) -> None:
        snapshot = DeviceReading(
            "fake", 1, time.time(), True, state=state, energy_wh=energy_wh, power_w=power_w
        )
        for subscriber in list(self.subscribers):
            subscriber(snapshot)

    async def set_current(self, current_a: int) -> None:
        self.log.append(("charger", f"current {current_a}"))

    async def enable(self) -> None:
        self.enabled = True
        self.log.append(("charger", "enable"))

    async def disable(self) -> None:
        self.enabled = False
        self.disabled_at = time.perf_counter()
        self.log.append(("charger", "disable"))


TARIFF = TariffSnapshot(price_ore_per_kwh=100_000)
INFO = StationInfo(
    station_id="fake-station",
    name="Fake",
    tariff=TARIFF,
    budget=BudgetLimits((20_000, 35_000), 2_000, 100_000, 1_000),
)
POLICY = SessionPolicy(
    payment_poll_interval_ms=200, retry_initial_ms=100, retry_max_ms=400, max_power_w=10_000_000
)


def setup(charger: FakeCharger, policy: SessionPolicy = POLICY) -> ConnectorSetup:
    return ConnectorSetup(1, "Kontakt 1", policy, charger, charger)
