"""Frozen records the repository hands out and takes in (never ORM objects across threads)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class OperationStatus(enum.StrEnum):
    """Where a write-ahead payment operation stands."""

    PENDING = "pending"  # recorded; sent or about to be sent; retried while due
    SUCCEEDED = "succeeded"  # the payment service confirmed it
    FAILED = "failed"  # refused for good (a 4xx that retrying cannot fix)


@dataclass(frozen=True, slots=True)
class SessionUpdate:
    """The columns of a session the controller writes; ``None`` fields are left unchanged.

    ``state_name``/``state`` are the core's state machine state (its name and a JSON form).
    """

    state_name: str
    state: dict[str, Any]
    tariff: dict[str, Any] | None = None
    budget_ore: int | None = None
    meter_start_wh: int | None = None
    meter_last_wh: int | None = None
    meter_stop_wh: int | None = None
    energy_wh: int | None = None
    amount_due_ore: int | None = None
    authorized_ore: int | None = None
    captured_ore: int | None = None
    cancelled_ore: int | None = None
    refunded_ore: int | None = None
    payment_reference: str | None = None
    stop_reason: str | None = None
    started_at: datetime | None = None
    stopped_at: datetime | None = None
    settled_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: str
    station: str
    connector: int
    state_name: str
    state: dict[str, Any]
    tariff: dict[str, Any] | None
    budget_ore: int | None
    meter_start_wh: int | None
    meter_last_wh: int | None
    meter_stop_wh: int | None
    energy_wh: int | None
    amount_due_ore: int | None
    authorized_ore: int
    captured_ore: int
    cancelled_ore: int
    refunded_ore: int
    payment_reference: str | None
    stop_reason: str | None
    test_charge: bool
    resolved: bool
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    stopped_at: datetime | None
    settled_at: datetime | None


@dataclass(frozen=True, slots=True)
class JournalEvent:
    """An event to append to the session journal (in the same transaction as its session)."""

    kind: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    station: str
    seq: int
    session_id: str | None
    recorded_at: datetime
    kind: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class PaymentOperation:
    id: int
    session_id: str
    kind: str
    idempotency_key: str
    request: dict[str, Any]
    status: OperationStatus
    outcome: dict[str, Any] | None
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class MeterReading:
    session_id: str
    taken_at: datetime
    energy_wh: int
    power_w: int | None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    recorded_at: datetime
    station: str
    actor: str
    action: str
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PinLockout:
    """Failed PIN attempts in a row and the time the pad stays locked until (if locked)."""

    failed_attempts: int = 0
    locked_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """One place where a station's journal chain does not verify."""

    station: str
    seq: int | None
    message: str


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The last entry of one station's journal as walked: anchor ``hash`` elsewhere (a
    printout, the operator's system) and a later walk shows whether anything before it
    changed."""

    station: str
    seq: int
    hash: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    entries_checked: int
    problems: tuple[ChainProblem, ...]
    heads: tuple[ChainHead, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems
