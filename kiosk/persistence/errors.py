"""The persistence boundary's exception tree.

Everything the repository raises is one of these; raw SQLAlchemy/DBAPI errors never leave
``kiosk.persistence``::

    PersistenceError                  base: the operation did not commit (nothing half-written);
     │                                 a ``kiosk.core.ports.LedgerError``
     ├── DatabaseBusy          locked / busy / serialization conflict: retrying may succeed
     ├── StorageFull           disk or quota full: retrying after space is freed may succeed
     ├── DatabaseUnavailable   cannot open / connect / read the database at all
     ├── IntegrityViolation    a constraint refused the write (duplicate key, bad foreign key,
     │                          a write to the append-only journal, ...)
     ├── RecordNotFound        the session or operation named does not exist
     └── MigrationError        the schema could not be brought to the current revision

A failed operation is always rolled back as a whole: data committed by earlier operations is
never touched, so the caller may retry or give up without losing anything.
"""

from __future__ import annotations

from sqlalchemy import exc as sa_exc

from kiosk.core.ports import LedgerError


class PersistenceError(LedgerError):
    """An operation on the database failed and was rolled back (the ledger port's error)."""


class DatabaseBusy(PersistenceError):
    """The database is locked by another writer (or a serialization conflict); try again."""


class StorageFull(PersistenceError):
    """The disk (or database quota) is full; nothing of this operation was written."""


class DatabaseUnavailable(PersistenceError):
    """The database cannot be opened, reached or read."""


class IntegrityViolation(PersistenceError):
    """A constraint refused the write (duplicate idempotency key, append-only journal, ...)."""


class RecordNotFound(PersistenceError):
    """The record named by the caller does not exist."""


class MigrationError(PersistenceError):
    """The schema could not be upgraded to the current revision."""


_BUSY_MARKERS = ("database is locked", "database table is locked", "busy", "could not serialize")
_FULL_MARKERS = ("database or disk is full", "disk full", "no space left", "disk quota")
_UNAVAILABLE_MARKERS = (
    "unable to open database",
    "disk i/o error",
    "connection refused",
    "could not connect",
    "server closed the connection",
    "is not a database",
    "readonly database",
    "read-only",
)


def translate(error: BaseException) -> PersistenceError:
    """Map a SQLAlchemy/DBAPI exception to the persistence exception tree."""
    if isinstance(error, PersistenceError):
        return error
    text = str(getattr(error, "orig", None) or error).lower()
    message = str(getattr(error, "orig", None) or error).strip().splitlines()[0][:300]
    if isinstance(error, sa_exc.IntegrityError):
        return IntegrityViolation(message)
    if any(marker in text for marker in _FULL_MARKERS):
        return StorageFull(message)
    if any(marker in text for marker in _BUSY_MARKERS):
        return DatabaseBusy(message)
    if "append-only" in text:
        return IntegrityViolation(message)
    if any(marker in text for marker in _UNAVAILABLE_MARKERS) or isinstance(
        error, sa_exc.InterfaceError | sa_exc.DisconnectionError
    ):
        return DatabaseUnavailable(message)
    if isinstance(error, sa_exc.OperationalError | sa_exc.InternalError):
        return DatabaseUnavailable(message)
    return PersistenceError(message)
