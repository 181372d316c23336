"""The contract between service mode's view-models and the station: ``ServiceControl``.

Like ``kiosk.station.snapshot.StationControl`` for the driver's screens, but for a technician: reads
that are in memory are plain methods; anything that touches the database, Vipps or Modbus is a
coroutine the view-models run as a task (the UI thread never waits). Every action returns an
:class:`ActionResult` (never raises) and writes one audit row.

Pure Python, no Qt. Money is integer øre, energy integer Wh; formatting is the view-model's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from kiosk.core.schedule import WeeklyPeriod
from kiosk.core.tariff import TariffSnapshot
from kiosk.persistence.records import AuditEntry
from kiosk.service.messages import english


class ServiceRefused(Exception):
    """An action that does not fit (a bad amount, an unknown session, a busy connector).

    ``code`` is a key of ``kiosk.service.messages.MESSAGES``; ``params`` fill its placeholders.
    """

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(english(code, params))
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What became of a technician's action, as a message code the screen translates."""

    ok: bool
    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The message in English (for logs and tests)."""
        return english(self.code, self.params)

    @classmethod
    def refused(cls, refusal: ServiceRefused) -> ActionResult:
        return cls(False, refusal.code, dict(refusal.params))


@dataclass(frozen=True, slots=True)
class ConnectorDiagnostics:
    """One connector as a technician sees it; ``None`` is a reading the station does not have."""

    connector_id: int
    name: str
    profile: str
    endpoint: str  # "host:port unit N" (no secrets)
    online: bool
    link: str  # "online" or why not
    screen: str  # what the driver's screen shows for it (a kiosk.station.snapshot.Screen value)
    out_of_order: bool
    iec_state: str | None
    state_detail: str | None
    enabled: bool | None
    current_limit_a: float | None
    setpoint_a: float | None
    energy_wh: int | None
    power_w: int | None
    registers: tuple[tuple[str, str], ...]  # decoded values, (name, value with unit)
    last_errors: tuple[tuple[datetime, str], ...]  # newest first
    age_s: float | None  # how old the reading is


@dataclass(frozen=True, slots=True)
class SessionLine:
    """A recent session and where its money stands."""

    session_id: str
    connector_id: int
    created_at: datetime
    state_name: str
    payment_state: str  # a kiosk.service.messages PAYMENT_STATES key
    energy_wh: int | None
    authorized_ore: int
    amount_due_ore: int | None
    captured_ore: int
    cancelled_ore: int
    refunded_ore: int
    refundable_ore: int
    test_charge: bool
    resolved: bool
    queued: bool  # waiting in the settlement queue


@dataclass(frozen=True, slots=True)
class QueuedOperation:
    kind: str
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None


@dataclass(frozen=True, slots=True)
class QueueLine:
    """A stopped session whose settlement has not completed."""

    session_id: str
    connector_id: int
    stopped_at: datetime | None
    amount_due_ore: int | None
    operations: tuple[QueuedOperation, ...]

    @property
    def next_attempt_at(self) -> datetime | None:
        times = [op.next_attempt_at for op in self.operations if op.next_attempt_at is not None]
        return min(times) if times else None


@dataclass(frozen=True, slots=True)
class StationInfo:
    """What the station page shows that needs no I/O."""

    version: str
    station_id: str
    station_name: str
    tariff: TariffSnapshot | None  # the tariff in force
    configuration: tuple[tuple[str, str], ...]  # (setting, value), never a secret
    periods: tuple[WeeklyPeriod, ...] = ()
    """``[[tariff.periods]]``: the tariff's prices by time of day (then ``tariff``'s per-kWh,
    per-minute and idle prices are not used)."""
    storage_fault: str = ""  # why records cannot be written now (StorageFault value); "" = fine


class ServiceControl(Protocol):
    """What the service screens may ask of the station."""

    def connectors(self) -> list[ConnectorDiagnostics]:
        """Live state of every connector (memory only: the pollers' latest snapshots)."""
        ...

    async def set_out_of_order(self, connector_id: int, out_of_order: bool) -> ActionResult: ...

    async def start_test_charge(self, connector_id: int) -> ActionResult:
        """A charge without payment, marked ``test_charge`` and logged."""
        ...

    async def stop_charge(self, connector_id: int) -> ActionResult:
        """Stop whatever charges on the connector (stop reason: technician)."""
        ...

    async def recent_sessions(self, limit: int = 30) -> list[SessionLine]: ...

    async def settlement_queue(self) -> list[QueueLine]: ...

    async def retry_settlement(self, session_id: str) -> ActionResult: ...

    async def refund(self, session_id: str, amount_ore: int) -> ActionResult:
        """Give back ``amount_ore`` (1 .. captured - refunded) of a session's payment."""
        ...

    async def mark_resolved(self, session_id: str) -> ActionResult: ...

    async def check_vipps(self) -> ActionResult:
        """Fetch a token and make one test call; the answer in plain words."""
        ...

    async def verify_chain(self) -> ActionResult:
        """Walk the journal's hash chain (``kiosk sessions verify-chain``) in plain words."""
        ...

    def station_info(self) -> StationInfo: ...

    def log_lines(self) -> list[str]:
        """The newest log lines, secrets redacted."""
        ...

    def export_folders(self) -> list[Path]:
        """Folders a CSV export may go to (mounted USB sticks first)."""
        ...

    async def export_sessions(self, folder: Path) -> ActionResult: ...

    async def audit_log(self, limit: int = 50) -> list[AuditEntry]: ...
