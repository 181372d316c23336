"""SQLite is set up for durability, and committed money events survive kill -9 and full disks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, text

from kiosk.persistence import (
    Database,
    DatabaseBusy,
    IntegrityViolation,
    JournalEvent,
    OperationStatus,
    Repository,
    SessionUpdate,
    StorageFull,
    migrate,
    open_database,
)
from kiosk.persistence.errors import translate
from kiosk.persistence.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
STATION = "station-1"

WRITER = textwrap.dedent(
    """
    import asyncio, sys, time
    from kiosk.persistence import JournalEvent, OperationStatus, Repository, SessionUpdate

    async def main(url):
        repo = await Repository.open(url, "station-1")
        await repo.create_session("s-1", 1, SessionUpdate("settling", {}), JournalEvent("created"))
        await repo.record_operation("s-1", "capture", "s-1:capture", {"amount_ore": 5555})
        await repo.record_outcome(
            "s-1:capture",
            OperationStatus.SUCCEEDED,
            outcome={"captured_ore": 5555},
            session_update=SessionUpdate("captured", {}, captured_ore=5555),
        )
        print("COMMITTED", flush=True)
        time.sleep(60)  # killed -9 here, right after the commit

    asyncio.run(main(sys.argv[1]))
    """
)


def test_sqlite_pragmas_are_applied_on_every_connection(sqlite_url: str) -> None:
    db = open_database(sqlite_url, busy_timeout_s=2.5)
    try:
        migrate(db)
        for _ in range(2):  # the pool may hand out a fresh connection: same settings
            with db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2500
            db.engine.dispose()
    finally:
        db.dispose()


def test_writes_begin_immediate_and_reads_begin_deferred(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    migrate(db)
    store = Store(db, STATION)
    begins: list[str] = []

    def record_begin(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("BEGIN"):
            begins.append(statement)

    event.listen(db.engine, "before_cursor_execute", record_begin)
    try:
        store.create_session("s-1", 1, SessionUpdate("a", {}), JournalEvent("created"))
        assert store.get_session("s-1") is not None
        store.append_audit("technician", "service.opened", {})
        assert store.journal_entries() != []
        assert begins == ["BEGIN IMMEDIATE", "BEGIN", "BEGIN IMMEDIATE", "BEGIN"]
    finally:
        event.remove(db.engine, "before_cursor_execute", record_begin)
        db.dispose()


def _insert_orphan_reading(db: Database) -> None:
    try:
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO meter_readings (session_id, taken_at, energy_wh) "
                    "VALUES ('ghost', '2025-01-01 00:00:00', 1)"
                )
            )
    except Exception as error:
        raise translate(error) from error


def test_sqlite_enforces_foreign_keys(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    try:
        migrate(db)
        with pytest.raises(IntegrityViolation):
            _insert_orphan_reading(db)
    finally:
        db.dispose()


def _write_then_get_killed(db_url: str) -> int:
    """Run the writer, SIGKILL it as soon as it reports its commit; return its exit status."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-c", WRITER, db_url]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()  # returns when the commit is reported
            assert line.strip() == "COMMITTED"
            proc.send_signal(signal.SIGKILL)
            return proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)


async def test_committed_money_event_survives_kill_9(db_url: str) -> None:
    assert _write_then_get_killed(db_url) == -signal.SIGKILL
    repo = await Repository.open(db_url, STATION)
    try:
        session = await repo.get_session("s-1")
        assert session is not None
        assert session.captured_ore == 5555
        (op,) = await repo.operations_for("s-1")
        assert op.status is OperationStatus.SUCCEEDED
        assert (await repo.verify_chain()).ok
    finally:
        await repo.aclose()


def _hold_sqlite_write_lock(path: str, locked: threading.Event, release: threading.Event) -> None:
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(10)
        conn.execute("COMMIT")
    finally:
        conn.close()


async def test_locked_database_is_database_busy_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    repo = await Repository.open(f"sqlite:///{path}", STATION, busy_timeout_s=0.2)
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_sqlite_write_lock, args=(str(path), locked, release))
    try:
        await repo.create_session("s-1", 1, SessionUpdate("a", {}), JournalEvent("created"))
        holder.start()
        assert locked.wait(5)
        reading = await repo.get_session("s-1")  # a deferred read needs no write lock (WAL)
        assert reading is not None
        with pytest.raises(DatabaseBusy):
            await repo.update_session("s-1", SessionUpdate("b", {}), JournalEvent("changed"))
        release.set()
        holder.join(5)
        session = await repo.get_session("s-1")
        assert session is not None
        assert session.state_name == "a"
        await repo.update_session("s-1", SessionUpdate("b", {}), JournalEvent("changed"))
        assert (await repo.verify_chain()).ok
    finally:
        release.set()
        if holder.is_alive():
            holder.join(5)
        await repo.aclose()


def test_full_disk_is_storage_full_and_keeps_committed_data(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'full.sqlite3'}")
    migrate(db)
    store = Store(db, STATION)
    try:
        store.create_session("s-1", 1, SessionUpdate("a", {}), JournalEvent("created"))

        def no_growth(dbapi_connection: object, _record: object, _proxy: object) -> None:
            cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")
            cursor.close()

        event.listen(db.engine, "checkout", no_growth)
        with pytest.raises(StorageFull):
            store.update_session(
                "s-1", SessionUpdate("b", {"blob": "x" * 200_000}), JournalEvent("huge")
            )
        event.remove(db.engine, "checkout", no_growth)
        db.engine.dispose()  # fresh connections without the limit
        session = store.get_session("s-1")
        assert session is not None
        assert session.state_name == "a"
        assert [e.kind for e in store.journal_entries()] == ["created"]
        assert store.verify_chain().ok
    finally:
        db.dispose()
