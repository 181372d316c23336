"""The tables, as SQLAlchemy Core ``Table`` objects on one ``MetaData``.

Money is integer øre and energy integer Wh in every column; times are UTC, timezone-aware on
both sides of the database (``UtcDateTime``). These tables stay inside ``kiosk.persistence``:
the repository hands out frozen records (``kiosk.persistence.records``), never rows. Core, not
the ORM (ADR 0011): the kiosk process never imports ``sqlalchemy.orm``. The Alembic migrations in
``kiosk/persistence/migrations`` must match this ``metadata``; a test compares them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime; refuses naive datetimes on the way in."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite keeps no zone: the stored value is UTC
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _time(name: str, *, nullable: bool = False, index: bool | None = None) -> Column[datetime]:
    return Column(name, UtcDateTime(), nullable=nullable, index=index)


def _serial_id() -> Column[int]:
    return Column("id", Integer, primary_key=True, autoincrement=True)


#: One charging session on one connector, from the payment to the settlement.
sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("station", String(64), nullable=False, index=True),
    Column("connector", Integer, nullable=False),
    Column("state_name", String(40), nullable=False),
    Column("state", JSON, nullable=False),
    Column("tariff", JSON),
    Column("budget_ore", BigInteger),
    Column("meter_start_wh", BigInteger),
    Column("meter_last_wh", BigInteger),
    Column("meter_stop_wh", BigInteger),
    Column("energy_wh", BigInteger),
    Column("amount_due_ore", BigInteger),
    Column("authorized_ore", BigInteger, nullable=False, default=0),
    Column("captured_ore", BigInteger, nullable=False, default=0),
    Column("cancelled_ore", BigInteger, nullable=False, default=0),
    Column("refunded_ore", BigInteger, nullable=False, default=0),
    Column("payment_reference", String(64), unique=True),
    Column("stop_reason", String(40)),
    Column("test_charge", Boolean, nullable=False, default=False),
    Column("resolved", Boolean, nullable=False, default=False),
    _time("created_at"),
    _time("updated_at"),
    _time("started_at", nullable=True),
    _time("stopped_at", nullable=True),
    _time("settled_at", nullable=True),
    Index("ix_sessions_open", "settled_at", "resolved"),
)

#: A state-changing payment call, recorded before it is sent (write-ahead).
payment_operations = Table(
    "payment_operations",
    metadata,
    _serial_id(),
    Column("session_id", ForeignKey("sessions.id"), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("idempotency_key", String(100), nullable=False, unique=True),
    Column("request", JSON, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("outcome", JSON),
    Column("attempts", Integer, nullable=False, default=0),
    _time("next_attempt_at", nullable=True, index=True),
    Column("last_error", Text),
    _time("created_at"),
    _time("updated_at"),
)

#: A lifetime energy counter reading taken during a session.
meter_readings = Table(
    "meter_readings",
    metadata,
    _serial_id(),
    Column("session_id", ForeignKey("sessions.id"), nullable=False, index=True),
    _time("taken_at"),
    Column("energy_wh", BigInteger, nullable=False),
    Column("power_w", Integer),
)

#: One session event in the append-only, hash-chained journal (one chain per station).
#: Database triggers refuse UPDATE and DELETE on this table (see the first migration).
session_events = Table(
    "session_events",
    metadata,
    _serial_id(),
    Column("station", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("session_id", ForeignKey("sessions.id"), index=True),
    _time("recorded_at"),
    Column("kind", String(60), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("station", "seq", name="uq_session_events_station_seq"),
)

#: The last link of each station's chain: serializes appends and reveals a cut-off tail.
journal_heads = Table(
    "journal_heads",
    metadata,
    Column("station", String(64), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

#: A technician's action in service mode.
service_audit = Table(
    "service_audit",
    metadata,
    _serial_id(),
    _time("recorded_at", index=True),
    Column("station", String(64), nullable=False),
    Column("actor", String(60), nullable=False),
    Column("action", String(60), nullable=False),
    Column("details", JSON, nullable=False),
)

#: Failed PIN attempts and the lock, per station, so a restart does not reset them.
pin_lockout = Table(
    "pin_lockout",
    metadata,
    Column("station", String(64), primary_key=True),
    Column("failed_attempts", Integer, nullable=False, default=0),
    _time("locked_until", nullable=True),
    _time("updated_at"),
)
