"""Service-mode records of a station: the technicians' audit log and the PIN lockout state."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from kiosk.persistence.mapping import audit
from kiosk.persistence.models import AuditRow, PinLockoutRow
from kiosk.persistence.records import AuditEntry, PinLockout
from kiosk.persistence.transaction import StoreBase


class ServiceRecords(StoreBase):
    """Audit log and PIN lockout (blocking; use through ``Repository``)."""

    def append_audit(self, actor: str, action: str, details: dict[str, Any]) -> AuditEntry:
        with self._write() as db:
            row = AuditRow(
                recorded_at=self._clock(),
                station=self.station,
                actor=actor,
                action=action,
                details=details,
            )
            db.add(row)
            return audit(row)

    def audit_log(self, limit: int = 100) -> list[AuditEntry]:
        with self._read() as db:
            query = (
                select(AuditRow)
                .where(AuditRow.station == self.station)
                .order_by(AuditRow.recorded_at.desc(), AuditRow.id.desc())
                .limit(limit)
            )
            return [audit(row) for row in db.execute(query).scalars()]

    def get_pin_lockout(self) -> PinLockout:
        with self._read() as db:
            row = db.get(PinLockoutRow, self.station)
            if row is None:
                return PinLockout()
            return PinLockout(row.failed_attempts, row.locked_until)

    def set_pin_lockout(self, lockout: PinLockout) -> PinLockout:
        with self._write() as db:
            row = db.get(PinLockoutRow, self.station)
            if row is None:
                row = PinLockoutRow(station=self.station)
                db.add(row)
            row.failed_attempts = lockout.failed_attempts
            row.locked_until = lockout.locked_until
            row.updated_at = self._clock()
            return lockout
