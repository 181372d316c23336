"""Initial schema: sessions, payment operations, meter readings, journal, audit, PIN lockout.

The session event journal is append-only: triggers refuse UPDATE and DELETE on it (SQLite and
PostgreSQL; other databases rely on the repository having no such methods and on the hash chain).

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_MESSAGE = "session_events is append-only"


def _time(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("connector", sa.Integer(), nullable=False),
        sa.Column("state_name", sa.String(40), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("tariff", sa.JSON(), nullable=True),
        sa.Column("budget_ore", sa.BigInteger(), nullable=True),
        sa.Column("meter_start_wh", sa.BigInteger(), nullable=True),
        sa.Column("meter_last_wh", sa.BigInteger(), nullable=True),
        sa.Column("meter_stop_wh", sa.BigInteger(), nullable=True),
        sa.Column("energy_wh", sa.BigInteger(), nullable=True),
        sa.Column("amount_due_ore", sa.BigInteger(), nullable=True),
        sa.Column("authorized_ore", sa.BigInteger(), nullable=False),
        sa.Column("captured_ore", sa.BigInteger(), nullable=False),
        sa.Column("cancelled_ore", sa.BigInteger(), nullable=False),
        sa.Column("refunded_ore", sa.BigInteger(), nullable=False),
        sa.Column("payment_reference", sa.String(64), nullable=True),
        sa.Column("stop_reason", sa.String(40), nullable=True),
        sa.Column("test_charge", sa.Boolean(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        _time("created_at"),
        _time("updated_at"),
        _time("started_at", nullable=True),
        _time("stopped_at", nullable=True),
        _time("settled_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("payment_reference", name=op.f("uq_sessions_payment_reference")),
    )
    op.create_index("ix_sessions_open", "sessions", ["settled_at", "resolved"])
    op.create_index(op.f("ix_sessions_station"), "sessions", ["station"])

    op.create_table(
        "payment_operations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("idempotency_key", sa.String(100), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _time("next_attempt_at", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        _time("created_at"),
        _time("updated_at"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_payment_operations_session_id_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_operations")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_payment_operations_idempotency_key")),
    )
    for column in ("next_attempt_at", "session_id", "status"):
        op.create_index(op.f(f"ix_payment_operations_{column}"), "payment_operations", [column])

    op.create_table(
        "meter_readings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        _time("taken_at"),
        sa.Column("energy_wh", sa.BigInteger(), nullable=False),
        sa.Column("power_w", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_meter_readings_session_id_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meter_readings")),
    )
    op.create_index(op.f("ix_meter_readings_session_id"), "meter_readings", ["session_id"])

    op.create_table(
        "session_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=True),
        _time("recorded_at"),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_session_events_session_id_sessions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_events")),
        sa.UniqueConstraint("station", "seq", name="uq_session_events_station_seq"),
    )
    op.create_index(op.f("ix_session_events_session_id"), "session_events", ["session_id"])

    op.create_table(
        "journal_heads",
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("station", name=op.f("pk_journal_heads")),
    )

    op.create_table(
        "service_audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _time("recorded_at"),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(60), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_audit")),
    )
    op.create_index(op.f("ix_service_audit_recorded_at"), "service_audit", ["recorded_at"])

    op.create_table(
        "pin_lockout",
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        _time("locked_until", nullable=True),
        _time("updated_at"),
        sa.PrimaryKeyConstraint("station", name=op.f("pk_pin_lockout")),
    )

    _create_append_only_triggers()


def _create_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER session_events_no_{verb.lower()} BEFORE {verb} ON session_events "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION session_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}' "
            "USING ERRCODE = 'integrity_constraint_violation'; END $$"
        )
        op.execute(
            "CREATE TRIGGER session_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
            "ON session_events FOR EACH STATEMENT EXECUTE FUNCTION session_events_append_only()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS session_events_append_only ON session_events")
        op.execute("DROP FUNCTION IF EXISTS session_events_append_only()")
    for table in (
        "pin_lockout",
        "service_audit",
        "journal_heads",
        "session_events",
        "meter_readings",
        "payment_operations",
        "sessions",
    ):
        op.drop_table(table)
