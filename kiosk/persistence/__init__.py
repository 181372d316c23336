"""Persistence: SQLAlchemy Core tables (no ORM), Alembic migrations, the async repository.

Open with ``await Repository.open(url, station_id)`` (``url=None``: SQLite in the platform's
data directory; migrates to head). Errors: ``kiosk.persistence.errors``. PIN lockout policy:
``kiosk.persistence.pin_guard``.
"""

from kiosk.persistence.database import (
    Database,
    default_database_url,
    migrate,
    open_database,
)
from kiosk.persistence.errors import (
    DatabaseBusy,
    DatabaseUnavailable,
    IntegrityViolation,
    MigrationError,
    PersistenceError,
    RecordNotFound,
    StorageFull,
)
from kiosk.persistence.records import (
    AuditEntry,
    ChainHead,
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
from kiosk.persistence.repository import Repository

__all__ = [
    "AuditEntry",
    "ChainHead",
    "ChainReport",
    "Database",
    "DatabaseBusy",
    "DatabaseUnavailable",
    "IntegrityViolation",
    "JournalEntry",
    "JournalEvent",
    "MeterReading",
    "MigrationError",
    "OperationStatus",
    "PaymentOperation",
    "PersistenceError",
    "PinLockout",
    "RecordNotFound",
    "Repository",
    "SessionRecord",
    "SessionUpdate",
    "StorageFull",
    "default_database_url",
    "migrate",
    "open_database",
]
