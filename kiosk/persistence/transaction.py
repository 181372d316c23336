"""Transactions for one station's records: the base of the synchronous ``Store``.

Each operation runs on one SQLAlchemy Core connection in one transaction (``Database.write`` /
``Database.read``). A write transaction takes the write lock at BEGIN (SQLite
``BEGIN IMMEDIATE``); every SQLAlchemy error is translated to ``kiosk.persistence.errors`` and the
transaction is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection, RowMapping, select
from sqlalchemy import exc as sa_exc

from kiosk.persistence import journal
from kiosk.persistence.database import Database
from kiosk.persistence.errors import RecordNotFound, translate
from kiosk.persistence.records import JournalEvent
from kiosk.persistence.tables import sessions

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class StoreBase:
    """One station's view of the database, and its transactions."""

    def __init__(self, db: Database, station: str, clock: Clock = utc_now) -> None:
        self._db = db
        self.station = station
        self._clock = clock

    @property
    def database(self) -> Database:
        return self._db

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self._db.write() as connection:
                yield connection
        except sa_exc.SQLAlchemyError as error:
            raise translate(error) from error

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._db.read() as connection:
                yield connection
        except sa_exc.SQLAlchemyError as error:
            raise translate(error) from error

    def _find_session(self, connection: Connection, session_id: str) -> RowMapping | None:
        query = select(sessions).where(sessions.c.id == session_id)
        row = connection.execute(query).mappings().one_or_none()
        if row is None or row["station"] != self.station:
            return None
        return row

    def _session_row(self, connection: Connection, session_id: str) -> RowMapping:
        row = self._find_session(connection, session_id)
        if row is None:
            raise RecordNotFound(f"no session {session_id!r} at station {self.station!r}")
        return row

    def _journal(self, connection: Connection, session_id: str | None, event: JournalEvent) -> None:
        journal.append(
            connection, station=self.station, session_id=session_id, event=event, now=self._clock()
        )
