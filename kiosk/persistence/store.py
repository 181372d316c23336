"""The synchronous repository: every operation is one transaction on one station's records.

``Store`` is not thread-safe and blocks; the app uses it only through the async ``Repository``
(one dedicated database thread). Each operation is explicit SQL (SQLAlchemy Core) on one
connection; errors are translated to ``kiosk.persistence.errors``; a failed operation is rolled
back as a whole.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, Select, select

from kiosk.persistence import journal
from kiosk.persistence.errors import IntegrityViolation, PersistenceError, RecordNotFound
from kiosk.persistence.mapping import meter_reading, operation, session_changes, session_record
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
from kiosk.persistence.tables import meter_readings, payment_operations, session_events, sessions

_ops = payment_operations.c


class Store(ServiceRecords):
    """Blocking database operations for one station (use through ``Repository``)."""

    def check_writable(self) -> None:
        """Take a write transaction and end it (SQLite: the write lock); raises the translated
        ``PersistenceError`` when the database cannot be written now."""
        with self._write() as db:
            db.execute(select(1))

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
        values: dict[str, Any] = dict.fromkeys(sessions.c.keys())
        values |= {
            "id": session_id,
            "station": self.station,
            "connector": connector,
            "authorized_ore": 0,
            "captured_ore": 0,
            "cancelled_ore": 0,
            "refunded_ore": 0,
            "test_charge": test_charge,
            "resolved": False,
            "created_at": now,
            "updated_at": now,
        }
        values |= session_changes(update)
        with self._write() as db:
            db.execute(sessions.insert().values(values))
            self._journal(db, session_id, event)
            return session_record(values)

    @staticmethod
    def _set_session(db: Connection, session_id: str, changes: dict[str, Any]) -> None:
        db.execute(sessions.update().where(sessions.c.id == session_id).values(changes))

    def update_session(
        self, session_id: str, update: SessionUpdate, event: JournalEvent
    ) -> SessionRecord:
        with self._write() as db:
            row = self._session_row(db, session_id)
            changes = session_changes(update) | {"updated_at": self._clock()}
            self._set_session(db, session_id, changes)
            self._journal(db, session_id, event)
            return session_record({**row, **changes})

    def mark_resolved(self, session_id: str, event: JournalEvent) -> SessionRecord:
        with self._write() as db:
            row = self._session_row(db, session_id)
            changes = {"resolved": True, "updated_at": self._clock()}
            self._set_session(db, session_id, changes)
            self._journal(db, session_id, event)
            return session_record({**row, **changes})

    def get_session(self, session_id: str) -> SessionRecord | None:
        with self._read() as db:
            row = self._find_session(db, session_id)
            return None if row is None else session_record(row)

    def _sessions(self, query: Select[Any]) -> list[SessionRecord]:
        with self._read() as db:
            return [session_record(row) for row in db.execute(query).mappings()]

    def unfinished_sessions(self) -> list[SessionRecord]:
        """Sessions neither settled nor marked resolved: what recovery looks at after boot."""
        return self._sessions(
            select(sessions)
            .where(sessions.c.station == self.station)
            .where(sessions.c.settled_at.is_(None), sessions.c.resolved.is_(False))
            .order_by(sessions.c.created_at)
        )

    def settlement_queue(self) -> list[SessionRecord]:
        """Stopped sessions whose settlement has not completed (and no one resolved by hand)."""
        return self._sessions(
            select(sessions)
            .where(sessions.c.station == self.station)
            .where(sessions.c.stopped_at.is_not(None), sessions.c.settled_at.is_(None))
            .where(sessions.c.resolved.is_(False))
            .order_by(sessions.c.stopped_at)
        )

    def recent_sessions(self, limit: int = 50) -> list[SessionRecord]:
        return self._sessions(
            select(sessions)
            .where(sessions.c.station == self.station)
            .order_by(sessions.c.created_at.desc(), sessions.c.id.desc())
            .limit(limit)
        )

    def sessions_between(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[SessionRecord]:
        query = select(sessions).where(sessions.c.station == self.station)
        if since is not None:
            query = query.where(sessions.c.created_at >= since)
        if until is not None:
            query = query.where(sessions.c.created_at < until)
        return self._sessions(query.order_by(sessions.c.created_at, sessions.c.id))

    # -- payment operations (write-ahead) ---------------------------------------------------

    @staticmethod
    def _operation_row(db: Connection, idempotency_key: str) -> RowMapping | None:
        query = select(payment_operations).where(_ops.idempotency_key == idempotency_key)
        return db.execute(query).mappings().one_or_none()

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
            existing = self._operation_row(db, idempotency_key)
            if existing is not None:
                if existing["session_id"] != session_id or existing["kind"] != kind:
                    raise IntegrityViolation(
                        f"idempotency key {idempotency_key!r} already used by another operation"
                    )
                return operation(existing)
            values: dict[str, Any] = {
                "session_id": session_id,
                "kind": kind,
                "idempotency_key": idempotency_key,
                "request": request,
                "status": OperationStatus.PENDING.value,
                "outcome": None,
                "attempts": 0,
                "next_attempt_at": now,
                "last_error": None,
                "created_at": now,
                "updated_at": now,
            }
            inserted = db.execute(payment_operations.insert().values(values))
            key = inserted.inserted_primary_key  # always a row for a single-row INSERT
            if key is None:
                raise PersistenceError("the database returned no id for the new operation")
            values["id"] = key[0]
            payload = {"kind": kind, "idempotency_key": idempotency_key, "request": request}
            self._journal(db, session_id, JournalEvent("payment_operation.recorded", payload))
            return operation(values)

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
            row = self._operation_row(db, idempotency_key)
            if row is None:
                raise RecordNotFound(f"no payment operation with key {idempotency_key!r}")
            session_id: str = row["session_id"]
            self._session_row(db, session_id)
            now = self._clock()
            changes: dict[str, Any] = {
                "status": status.value,
                "attempts": row["attempts"] + 1,
                "last_error": error,
                "next_attempt_at": next_attempt_at if status is OperationStatus.PENDING else None,
                "updated_at": now,
            }
            if outcome is not None:
                changes["outcome"] = outcome
            db.execute(payment_operations.update().where(_ops.id == row["id"]).values(changes))
            if session_update is not None:
                self._set_session(
                    db, session_id, session_changes(session_update) | {"updated_at": now}
                )
            payload = {
                "kind": row["kind"],
                "idempotency_key": idempotency_key,
                "status": status.value,
                "outcome": outcome,
                "error": error,
            }
            self._journal(db, session_id, JournalEvent("payment_operation.outcome", payload))
            return operation({**row, **changes})

    def operations_for(self, session_id: str) -> list[PaymentOperation]:
        with self._read() as db:
            query = (
                select(payment_operations).where(_ops.session_id == session_id).order_by(_ops.id)
            )
            return [operation(row) for row in db.execute(query).mappings()]

    def due_operations(self, now: datetime) -> list[PaymentOperation]:
        with self._read() as db:
            query = (
                select(payment_operations)
                .join(sessions, sessions.c.id == _ops.session_id)
                .where(sessions.c.station == self.station)
                .where(_ops.status == OperationStatus.PENDING.value)
                .where(_ops.next_attempt_at <= now)
                .order_by(_ops.next_attempt_at, _ops.id)
            )
            return [operation(row) for row in db.execute(query).mappings()]

    # -- meter readings ---------------------------------------------------------------------

    def add_meter_reading(
        self, session_id: str, taken_at: datetime, energy_wh: int, power_w: int | None
    ) -> MeterReading:
        """Store a reading and make it the session's ``meter_last_wh`` (one transaction)."""
        with self._write() as db:
            self._session_row(db, session_id)
            values = {
                "session_id": session_id,
                "taken_at": taken_at,
                "energy_wh": energy_wh,
                "power_w": power_w,
            }
            db.execute(meter_readings.insert().values(values))
            changes = {"meter_last_wh": energy_wh, "updated_at": self._clock()}
            self._set_session(db, session_id, changes)
            return meter_reading(values)

    def meter_readings(self, session_id: str) -> list[MeterReading]:
        with self._read() as db:
            query = (
                select(meter_readings)
                .where(meter_readings.c.session_id == session_id)
                .order_by(meter_readings.c.taken_at, meter_readings.c.id)
            )
            return [meter_reading(row) for row in db.execute(query).mappings()]

    # -- journal ----------------------------------------------------------------------------

    def append_event(self, session_id: str | None, event: JournalEvent) -> JournalEntry:
        with self._write() as db:
            return journal.append(
                db, station=self.station, session_id=session_id, event=event, now=self._clock()
            )

    def journal_entries(self, session_id: str | None = None) -> list[JournalEntry]:
        with self._read() as db:
            query = select(session_events).where(session_events.c.station == self.station)
            if session_id is not None:
                query = query.where(session_events.c.session_id == session_id)
            rows = db.execute(query.order_by(session_events.c.seq)).mappings()
            return [journal.to_entry(row) for row in rows]

    def verify_chain(self, all_stations: bool = False) -> ChainReport:
        with self._read() as db:
            return journal.verify_chain(db, None if all_stations else self.station)
