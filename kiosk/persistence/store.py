"""The synchronous repository: every operation is one transaction on one station's records.

``Store`` is not thread-safe and blocks; the app uses it only through the async ``Repository``
(one dedicated database thread). Errors are translated to ``kiosk.persistence.errors``; a
failed operation is rolled back as a whole.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from kiosk.persistence import journal
from kiosk.persistence.errors import IntegrityViolation, RecordNotFound
from kiosk.persistence.mapping import apply, meter_reading, operation, session_record
from kiosk.persistence.models import JournalRow, MeterReadingRow, PaymentOperationRow, SessionRow
from kiosk.persistence.records import (
    ChainReport,
    JournalEntry,
    JournalEvent,
    MeterReading,
    OperationStatus,
    PaymentOperation,
    SessionRecord,
    SessionUpdate,
)
from kiosk.persistence.service_records import ServiceRecords


class Store(ServiceRecords):
    """Blocking database operations for one station (use through ``Repository``)."""

    # -- sessions ---------------------------------------------------------------------------

    def create_session(
        self,
        session_id: str,
        connector: int,
        update: SessionUpdate,
        event: JournalEvent,
        *,
        test_charge: bool = False,
    ) -> SessionRecord:
        now = self._clock()
        with self._write() as db:
            row = SessionRow(
                id=session_id,
                station=self.station,
                connector=connector,
                authorized_ore=0,
                captured_ore=0,
                cancelled_ore=0,
                refunded_ore=0,
                test_charge=test_charge,
                resolved=False,
                created_at=now,
                updated_at=now,
            )
            apply(row, update)
            db.add(row)
            db.flush()
            self._journal(db, session_id, event)
            return session_record(row)

    def update_session(
        self, session_id: str, update: SessionUpdate, event: JournalEvent
    ) -> SessionRecord:
        with self._write() as db:
            row = self._session_row(db, session_id)
            apply(row, update)
            row.updated_at = self._clock()
            self._journal(db, session_id, event)
            return session_record(row)

    def mark_resolved(self, session_id: str, event: JournalEvent) -> SessionRecord:
        with self._write() as db:
            row = self._session_row(db, session_id)
            row.resolved = True
            row.updated_at = self._clock()
            self._journal(db, session_id, event)
            return session_record(row)

    def get_session(self, session_id: str) -> SessionRecord | None:
        with self._read() as db:
            row = db.get(SessionRow, session_id)
            if row is None or row.station != self.station:
                return None
            return session_record(row)

    def _sessions(self, query: Any) -> list[SessionRecord]:
        with self._read() as db:
            return [session_record(row) for row in db.execute(query).scalars()]

    def unfinished_sessions(self) -> list[SessionRecord]:
        """Sessions neither settled nor marked resolved: what recovery looks at after boot."""
        return self._sessions(
            select(SessionRow)
            .where(SessionRow.station == self.station)
            .where(SessionRow.settled_at.is_(None), SessionRow.resolved.is_(False))
            .order_by(SessionRow.created_at)
        )

    def settlement_queue(self) -> list[SessionRecord]:
        """Stopped sessions whose settlement has not completed (and no one resolved by hand)."""
        return self._sessions(
            select(SessionRow)
            .where(SessionRow.station == self.station)
            .where(SessionRow.stopped_at.is_not(None), SessionRow.settled_at.is_(None))
            .where(SessionRow.resolved.is_(False))
            .order_by(SessionRow.stopped_at)
        )

    def recent_sessions(self, limit: int = 50) -> list[SessionRecord]:
        return self._sessions(
            select(SessionRow)
            .where(SessionRow.station == self.station)
            .order_by(SessionRow.created_at.desc(), SessionRow.id.desc())
            .limit(limit)
        )

    def sessions_between(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[SessionRecord]:
        query = select(SessionRow).where(SessionRow.station == self.station)
        if since is not None:
            query = query.where(SessionRow.created_at >= since)
        if until is not None:
            query = query.where(SessionRow.created_at < until)
        return self._sessions(query.order_by(SessionRow.created_at, SessionRow.id))

    # -- payment operations (write-ahead) ---------------------------------------------------

    def record_operation(
        self, session_id: str, kind: str, idempotency_key: str, request: dict[str, Any]
    ) -> PaymentOperation:
        """Record a payment call before it is sent; due at once (so a crash retries it).

        Recording the same key again returns the existing operation (a retry after a crash);
        the same key for a different session or kind is an ``IntegrityViolation``.
        """
        now = self._clock()
        with self._write() as db:
            self._session_row(db, session_id)
            existing = db.execute(
                select(PaymentOperationRow).where(
                    PaymentOperationRow.idempotency_key == idempotency_key
                )
            ).scalar_one_or_none()
            if existing is not None:
                if existing.session_id != session_id or existing.kind != kind:
                    raise IntegrityViolation(
                        f"idempotency key {idempotency_key!r} already used by another operation"
                    )
                return operation(existing)
            row = PaymentOperationRow(
                session_id=session_id,
                kind=kind,
                idempotency_key=idempotency_key,
                request=request,
                status=OperationStatus.PENDING.value,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
                updated_at=now,
            )
            db.add(row)
            db.flush()
            payload = {"kind": kind, "idempotency_key": idempotency_key, "request": request}
            self._journal(db, session_id, JournalEvent("payment_operation.recorded", payload))
            return operation(row)

    def record_outcome(
        self,
        idempotency_key: str,
        status: OperationStatus,
        *,
        outcome: dict[str, Any] | None = None,
        error: str | None = None,
        next_attempt_at: datetime | None = None,
        session_update: SessionUpdate | None = None,
    ) -> PaymentOperation:
        """Record one attempt's result; PENDING with ``next_attempt_at`` schedules a retry.

        ``session_update`` (e.g. the captured amount) commits in the same transaction.
        """
        if status is OperationStatus.PENDING and next_attempt_at is None:
            raise ValueError("a pending operation needs next_attempt_at")
        with self._write() as db:
            row = db.execute(
                select(PaymentOperationRow).where(
                    PaymentOperationRow.idempotency_key == idempotency_key
                )
            ).scalar_one_or_none()
            if row is None:
                raise RecordNotFound(f"no payment operation with key {idempotency_key!r}")
            session = self._session_row(db, row.session_id)
            row.status = status.value
            row.attempts += 1
            row.outcome = outcome if outcome is not None else row.outcome
            row.last_error = error
            row.next_attempt_at = next_attempt_at if status is OperationStatus.PENDING else None
            row.updated_at = self._clock()
            if session_update is not None:
                apply(session, session_update)
                session.updated_at = row.updated_at
            payload = {
                "kind": row.kind,
                "idempotency_key": idempotency_key,
                "status": status.value,
                "outcome": outcome,
                "error": error,
            }
            self._journal(db, row.session_id, JournalEvent("payment_operation.outcome", payload))
            return operation(row)

    def operations_for(self, session_id: str) -> list[PaymentOperation]:
        with self._read() as db:
            query = (
                select(PaymentOperationRow)
                .where(PaymentOperationRow.session_id == session_id)
                .order_by(PaymentOperationRow.id)
            )
            return [operation(row) for row in db.execute(query).scalars()]

    def due_operations(self, now: datetime) -> list[PaymentOperation]:
        with self._read() as db:
            query = (
                select(PaymentOperationRow)
                .join(SessionRow, SessionRow.id == PaymentOperationRow.session_id)
                .where(SessionRow.station == self.station)
                .where(PaymentOperationRow.status == OperationStatus.PENDING.value)
                .where(PaymentOperationRow.next_attempt_at <= now)
                .order_by(PaymentOperationRow.next_attempt_at, PaymentOperationRow.id)
            )
            return [operation(row) for row in db.execute(query).scalars()]

    # -- meter readings ---------------------------------------------------------------------

    def add_meter_reading(
        self, session_id: str, taken_at: datetime, energy_wh: int, power_w: int | None
    ) -> MeterReading:
        """Store a reading and make it the session's ``meter_last_wh`` (one transaction)."""
        with self._write() as db:
            session = self._session_row(db, session_id)
            row = MeterReadingRow(
                session_id=session_id, taken_at=taken_at, energy_wh=energy_wh, power_w=power_w
            )
            db.add(row)
            session.meter_last_wh = energy_wh
            session.updated_at = self._clock()
            return meter_reading(row)

    def meter_readings(self, session_id: str) -> list[MeterReading]:
        with self._read() as db:
            query = (
                select(MeterReadingRow)
                .where(MeterReadingRow.session_id == session_id)
                .order_by(MeterReadingRow.taken_at, MeterReadingRow.id)
            )
            return [meter_reading(row) for row in db.execute(query).scalars()]

    # -- journal ----------------------------------------------------------------------------

    def append_event(self, session_id: str | None, event: JournalEvent) -> JournalEntry:
        with self._write() as db:
            return journal.append(
                db, station=self.station, session_id=session_id, event=event, now=self._clock()
            )

    def journal_entries(self, session_id: str | None = None) -> list[JournalEntry]:
        with self._read() as db:
            query = select(JournalRow).where(JournalRow.station == self.station)
            if session_id is not None:
                query = query.where(JournalRow.session_id == session_id)
            rows = db.execute(query.order_by(JournalRow.seq)).scalars()
            return [journal.to_entry(row) for row in rows]

    def verify_chain(self, all_stations: bool = False) -> ChainReport:
        with self._read() as db:
            return journal.verify_chain(db, None if all_stations else self.station)
