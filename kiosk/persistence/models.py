"""The tables, as SQLAlchemy 2 typed declarative models.

Money is integer øre and energy integer Wh in every column; times are UTC, timezone-aware on
both sides of the database (``UtcDateTime``). These classes stay inside ``kiosk.persistence``:
the repository hands out frozen records (``kiosk.persistence.records``), never ORM objects.
The Alembic migrations in ``kiosk/persistence/migrations`` must match these models; a test
compares them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UtcDateTime(),
        dict[str, Any]: JSON(),
    }


class SessionRow(Base):
    """One charging session on one connector, from the payment to the settlement."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    station: Mapped[str] = mapped_column(String(64), index=True)
    connector: Mapped[int] = mapped_column(Integer)
    state_name: Mapped[str] = mapped_column(String(40))
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    tariff: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    budget_ore: Mapped[int | None] = mapped_column(BigInteger)
    meter_start_wh: Mapped[int | None] = mapped_column(BigInteger)
    meter_last_wh: Mapped[int | None] = mapped_column(BigInteger)
    meter_stop_wh: Mapped[int | None] = mapped_column(BigInteger)
    energy_wh: Mapped[int | None] = mapped_column(BigInteger)
    amount_due_ore: Mapped[int | None] = mapped_column(BigInteger)
    authorized_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    captured_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    cancelled_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    refunded_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    payment_reference: Mapped[str | None] = mapped_column(String(64), unique=True)
    stop_reason: Mapped[str | None] = mapped_column(String(40))
    test_charge: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()
    started_at: Mapped[datetime | None] = mapped_column()
    stopped_at: Mapped[datetime | None] = mapped_column()
    settled_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (Index("ix_sessions_open", "settled_at", "resolved"),)


class PaymentOperationRow(Base):
    """A state-changing payment call, recorded before it is sent (write-ahead)."""

    __tablename__ = "payment_operations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), index=True)
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()


class MeterReadingRow(Base):
    """A lifetime energy counter reading taken during a session."""

    __tablename__ = "meter_readings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    taken_at: Mapped[datetime] = mapped_column()
    energy_wh: Mapped[int] = mapped_column(BigInteger)
    power_w: Mapped[int | None] = mapped_column(Integer)


class JournalRow(Base):
    """One session event in the append-only, hash-chained journal (one chain per station).

    Database triggers refuse UPDATE and DELETE on this table (see the first migration).
    """

    __tablename__ = "session_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    session_id: Mapped[str | None] = mapped_column(ForeignKey("sessions.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column()
    kind: Mapped[str] = mapped_column(String(60))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("station", "seq", name="uq_session_events_station_seq"),)


class JournalHeadRow(Base):
    """The last link of each station's chain: serializes appends and reveals a cut-off tail."""

    __tablename__ = "journal_heads"

    station: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class AuditRow(Base):
    """A technician's action in service mode."""

    __tablename__ = "service_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recorded_at: Mapped[datetime] = mapped_column(index=True)
    station: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(60))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class PinLockoutRow(Base):
    """Failed PIN attempts and the lock, per station, so a restart does not reset them."""

    __tablename__ = "pin_lockout"

    station: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()
