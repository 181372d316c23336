"""The async repository the controller and service mode use: the database off the event loop.

Every call runs the blocking ``Store`` operation on ONE dedicated worker thread (a SQLAlchemy
connection is not thread-safe; one thread also keeps writes in the order they were asked for)
and awaits it, so the event loop and the UI never wait on the disk. Errors are the
``kiosk.persistence.errors`` tree. A call that is cancelled while its operation is running still
completes (or rolls back) on the database thread: cancellation never leaves half a transaction.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, ParamSpec, Self, TypeVar

from kiosk.persistence.database import DEFAULT_BUSY_TIMEOUT_S, migrate, open_database
from kiosk.persistence.errors import PersistenceError
from kiosk.persistence.export import write_sessions_csv
from kiosk.persistence.records import (
    AuditEntry,
    ChainReport,
    JournalEntry,
    JournalEvent,
    MeterReading,
    OperationStatus,
    PaymentOperation,
    PinLockout,
    SessionRecord,
    SessionUpdate,
)
from kiosk.persistence.store import Store
from kiosk.persistence.transaction import Clock, utc_now

P = ParamSpec("P")
T = TypeVar("T")


def _open_store(
    url: str | None, station: str, clock: Clock, run_migrations: bool, busy_timeout_s: float
) -> Store:
    db = open_database(url, busy_timeout_s=busy_timeout_s)
    try:
        if run_migrations:
            migrate(db)
    except BaseException:
        db.dispose()
        raise
    return Store(db, station, clock)


class Repository:
    """Async facade over ``Store``; create with ``await Repository.open(...)``."""

    def __init__(self, store: Store, executor: ThreadPoolExecutor) -> None:
        self._store = store
        self._executor = executor
        self._closed = False

    @classmethod
    async def open(
        cls,
        url: str | None,
        station: str,
        *,
        clock: Clock = utc_now,
        run_migrations: bool = True,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    ) -> Self:
        """Open ``url`` (None: the SQLite file in the data directory) and migrate to head."""
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
        loop = asyncio.get_running_loop()
        opener = functools.partial(_open_store, url, station, clock, run_migrations, busy_timeout_s)
        try:
            store = await loop.run_in_executor(executor, opener)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(store, executor)

    @property
    def station(self) -> str:
        return self._store.station

    @property
    def url(self) -> str:
        return self._store.database.url

    async def _run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        if self._closed:
            raise PersistenceError("the repository is closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    async def aclose(self) -> None:
        """Finish queued operations, close the connections and stop the database thread."""
        if self._closed:
            return
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._executor, self._store.database.dispose)
        self._closed = True
        self._executor.shutdown(wait=False)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # -- sessions ---------------------------------------------------------------------------

    async def check_writable(self) -> None:
        """The database takes a write transaction now (the health check); raises
        ``PersistenceError`` otherwise."""
        await self._run(self._store.check_writable)

    async def create_session(
        self,
        session_id: str,
        connector: int,
        update: SessionUpdate,
        event: JournalEvent,
        *,
        test_charge: bool = False,
    ) -> SessionRecord:
        """Insert a session and journal ``event`` in one transaction."""
        return await self._run(
            self._store.create_session,
            session_id,
            connector,
            update,
            event,
            test_charge=test_charge,
        )

    async def update_session(
        self, session_id: str, update: SessionUpdate, event: JournalEvent
    ) -> SessionRecord:
        """Write the session's new state/columns and journal ``event`` in one transaction."""
        return await self._run(self._store.update_session, session_id, update, event)

    async def mark_resolved(self, session_id: str, event: JournalEvent) -> SessionRecord:
        return await self._run(self._store.mark_resolved, session_id, event)

    async def get_session(self, session_id: str) -> SessionRecord | None:
        return await self._run(self._store.get_session, session_id)

    async def unfinished_sessions(self) -> list[SessionRecord]:
        return await self._run(self._store.unfinished_sessions)

    async def settlement_queue(self) -> list[SessionRecord]:
        return await self._run(self._store.settlement_queue)

    async def recent_sessions(self, limit: int = 50) -> list[SessionRecord]:
        return await self._run(self._store.recent_sessions, limit)

    async def sessions_between(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[SessionRecord]:
        return await self._run(self._store.sessions_between, since, until)

    async def export_sessions_csv(
        self, path: Path, since: datetime | None = None, until: datetime | None = None
    ) -> int:
        """Write the station's sessions to a CSV file at ``path``; return how many."""
        return await self._run(self._export, path, since, until)

    def _export(self, path: Path, since: datetime | None, until: datetime | None) -> int:
        sessions = self._store.sessions_between(since, until)
        try:
            with path.open("w", encoding="utf-8", newline="") as out:
                return write_sessions_csv(sessions, out)
        except OSError as error:
            raise PersistenceError(f"cannot write {path}: {error.strerror or error}") from error

    # -- payment operations -----------------------------------------------------------------

    async def record_operation(
        self, session_id: str, kind: str, idempotency_key: str, request: dict[str, Any]
    ) -> PaymentOperation:
        """Write-ahead: commit the operation (due at once) BEFORE the call is sent."""
        return await self._run(
            self._store.record_operation, session_id, kind, idempotency_key, request
        )

    async def record_outcome(
        self,
        idempotency_key: str,
        status: OperationStatus,
        *,
        outcome: dict[str, Any] | None = None,
        error: str | None = None,
        next_attempt_at: datetime | None = None,
        session_update: SessionUpdate | None = None,
    ) -> PaymentOperation:
        return await self._run(
            self._store.record_outcome,
            idempotency_key,
            status,
            outcome=outcome,
            error=error,
            next_attempt_at=next_attempt_at,
            session_update=session_update,
        )

    async def operations_for(self, session_id: str) -> list[PaymentOperation]:
        return await self._run(self._store.operations_for, session_id)

    async def due_operations(self, now: datetime) -> list[PaymentOperation]:
        return await self._run(self._store.due_operations, now)

    # -- meter readings ---------------------------------------------------------------------

    async def add_meter_reading(
        self, session_id: str, taken_at: datetime, energy_wh: int, power_w: int | None
    ) -> MeterReading:
        return await self._run(
            self._store.add_meter_reading, session_id, taken_at, energy_wh, power_w
        )

    async def meter_readings(self, session_id: str) -> list[MeterReading]:
        return await self._run(self._store.meter_readings, session_id)

    # -- journal ----------------------------------------------------------------------------

    async def append_event(self, session_id: str | None, event: JournalEvent) -> JournalEntry:
        return await self._run(self._store.append_event, session_id, event)

    async def journal_entries(self, session_id: str | None = None) -> list[JournalEntry]:
        return await self._run(self._store.journal_entries, session_id)

    async def verify_chain(self, all_stations: bool = False) -> ChainReport:
        return await self._run(self._store.verify_chain, all_stations)

    # -- service ----------------------------------------------------------------------------

    async def append_audit(self, actor: str, action: str, details: dict[str, Any]) -> AuditEntry:
        return await self._run(self._store.append_audit, actor, action, details)

    async def audit_log(self, limit: int = 100) -> list[AuditEntry]:
        return await self._run(self._store.audit_log, limit)

    async def get_pin_lockout(self) -> PinLockout:
        return await self._run(self._store.get_pin_lockout)

    async def set_pin_lockout(self, lockout: PinLockout) -> PinLockout:
        return await self._run(self._store.set_pin_lockout, lockout)
