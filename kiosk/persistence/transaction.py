"""Transactions for one station's records: the base of the synchronous ``Store``.

A write transaction takes the write lock at BEGIN (SQLite ``BEGIN IMMEDIATE``); every
SQLAlchemy error is translated to ``kiosk.persistence.errors`` and the transaction is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from kiosk.persistence import journal
from kiosk.persistence.database import Database
from kiosk.persistence.errors import RecordNotFound, translate
from kiosk.persistence.models import SessionRow
from kiosk.persistence.records import JournalEvent

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
    def _write(self) -> Iterator[Session]:
        try:
            with self._db.write() as db, db.begin():
                yield db
        except sa_exc.SQLAlchemyError as error:
            raise translate(error) from error

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with self._db.read() as db, db.begin():
                yield db
        except sa_exc.SQLAlchemyError as error:
            raise translate(error) from error

    def _session_row(self, db: Session, session_id: str) -> SessionRow:
        row = db.get(SessionRow, session_id)
        if row is None or row.station != self.station:
            raise RecordNotFound(f"no session {session_id!r} at station {self.station!r}")
        return row

    def _journal(self, db: Session, session_id: str | None, event: JournalEvent) -> None:
        journal.append(
            db, station=self.station, session_id=session_id, event=event, now=self._clock()
        )
