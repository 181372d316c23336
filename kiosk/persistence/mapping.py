"""Conversions between ORM rows and the frozen records of ``kiosk.persistence.records``."""

from __future__ import annotations

import dataclasses

from kiosk.persistence.models import AuditRow, MeterReadingRow, PaymentOperationRow, SessionRow
from kiosk.persistence.records import (
    AuditEntry,
    MeterReading,
    OperationStatus,
    PaymentOperation,
    SessionRecord,
    SessionUpdate,
)


def session_record(row: SessionRow) -> SessionRecord:
    return SessionRecord(
        **{f.name: getattr(row, f.name) for f in dataclasses.fields(SessionRecord)}
    )


def operation(row: PaymentOperationRow) -> PaymentOperation:
    values = {f.name: getattr(row, f.name) for f in dataclasses.fields(PaymentOperation)}
    values["status"] = OperationStatus(row.status)
    return PaymentOperation(**values)


def meter_reading(row: MeterReadingRow) -> MeterReading:
    return MeterReading(row.session_id, row.taken_at, row.energy_wh, row.power_w)


def audit(row: AuditRow) -> AuditEntry:
    return AuditEntry(row.recorded_at, row.station, row.actor, row.action, row.details)


def apply(row: SessionRow, update: SessionUpdate) -> None:
    row.state_name = update.state_name
    row.state = update.state
    for f in dataclasses.fields(SessionUpdate):
        if f.name in ("state_name", "state"):
            continue
        value = getattr(update, f.name)
        if value is not None:
            setattr(row, f.name, value)
