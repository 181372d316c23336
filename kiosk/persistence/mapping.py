"""Conversions between table rows (Core ``RowMapping``s or column dicts) and the frozen records
of ``kiosk.persistence.records``."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from kiosk.persistence.records import (
    AuditEntry,
    MeterReading,
    OperationStatus,
    PaymentOperation,
    SessionRecord,
    SessionUpdate,
)

#: A row of a table: a Core ``RowMapping`` or a dict of the column values just written.
Columns = Mapping[Any, Any]

_SESSION_FIELDS = tuple(f.name for f in dataclasses.fields(SessionRecord))
_OPERATION_FIELDS = tuple(f.name for f in dataclasses.fields(PaymentOperation))
_UPDATE_FIELDS = tuple(f.name for f in dataclasses.fields(SessionUpdate))


def session_record(row: Columns) -> SessionRecord:
    return SessionRecord(**{name: row[name] for name in _SESSION_FIELDS})


def operation(row: Columns) -> PaymentOperation:
    values = {name: row[name] for name in _OPERATION_FIELDS}
    values["status"] = OperationStatus(row["status"])
    return PaymentOperation(**values)


def meter_reading(row: Columns) -> MeterReading:
    return MeterReading(row["session_id"], row["taken_at"], row["energy_wh"], row["power_w"])


def audit(row: Columns) -> AuditEntry:
    return AuditEntry(
        row["recorded_at"], row["station"], row["actor"], row["action"], row["details"]
    )


def session_changes(update: SessionUpdate) -> dict[str, Any]:
    """The session columns ``update`` writes: the state always, the rest where not ``None``."""
    changes: dict[str, Any] = {"state_name": update.state_name, "state": update.state}
    for name in _UPDATE_FIELDS:
        value = getattr(update, name)
        if name not in changes and value is not None:
            changes[name] = value
    return changes
