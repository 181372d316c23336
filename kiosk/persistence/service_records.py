"""Service-mode records of a station: the technicians' audit log and the PIN lockout state."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, RowMapping, select

from kiosk.persistence.mapping import audit
from kiosk.persistence.records import AuditEntry, PinLockout
from kiosk.persistence.tables import pin_lockout, service_audit
from kiosk.persistence.transaction import StoreBase


class ServiceRecords(StoreBase):
    """Audit log and PIN lockout (blocking; use through ``Repository``)."""

    def append_audit(self, actor: str, action: str, details: dict[str, Any]) -> AuditEntry:
        with self._write() as db:
            values = {
                "recorded_at": self._clock(),
                "station": self.station,
                "actor": actor,
                "action": action,
                "details": details,
            }
            db.execute(service_audit.insert().values(values))
            return audit(values)

    def audit_log(self, limit: int = 100) -> list[AuditEntry]:
        with self._read() as db:
            query = (
                select(service_audit)
                .where(service_audit.c.station == self.station)
                .order_by(service_audit.c.recorded_at.desc(), service_audit.c.id.desc())
                .limit(limit)
            )
            return [audit(row) for row in db.execute(query).mappings()]

    def _lockout_row(self, db: Connection) -> RowMapping | None:
        query = select(pin_lockout).where(pin_lockout.c.station == self.station)
        return db.execute(query).mappings().one_or_none()

    def get_pin_lockout(self) -> PinLockout:
        with self._read() as db:
            row = self._lockout_row(db)
            if row is None:
                return PinLockout()
            return PinLockout(row["failed_attempts"], row["locked_until"])

    def set_pin_lockout(self, lockout: PinLockout) -> PinLockout:
        with self._write() as db:
            values = {
                "failed_attempts": lockout.failed_attempts,
                "locked_until": lockout.locked_until,
                "updated_at": self._clock(),
            }
            if self._lockout_row(db) is None:
                db.execute(pin_lockout.insert().values(station=self.station, **values))
            else:
                db.execute(
                    pin_lockout.update().where(pin_lockout.c.station == self.station).values(values)
                )
            return lockout
