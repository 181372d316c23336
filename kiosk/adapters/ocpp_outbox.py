"""The OCPP outbox: transaction events written to disk before they are sent, sent in order.

A SQLite file of its own beside the station database (ADR 0013), in WAL mode with
``synchronous=FULL``: an appended event is on disk when :meth:`Outbox.append` returns, so it
survives kill -9 and power loss, and stays until the CSMS has answered it. Rows are numbered by
an autoincrement id; :meth:`pending` returns them in that order. Blocking SQLite calls run in
a worker thread (``asyncio.to_thread``) so the event loop never waits on an fsync; one lock
keeps appends in the order they were made.

Errors: ``OutboxError`` when the file cannot be opened or written (disk full, read-only).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ocpp_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    action TEXT NOT NULL,
    transaction_id TEXT,
    seq_no INTEGER,
    event_type TEXT,
    payload TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ocpp_sent_last (
    transaction_id TEXT PRIMARY KEY,
    seq_no INTEGER NOT NULL,
    event_type TEXT NOT NULL
);
"""


class OutboxError(Exception):
    """The outbox file cannot be opened or written."""


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    action: str
    text: str
    """The payload's JSON as it was stored (and as it is sent)."""
    created_ms: int

    @property
    def payload(self) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(self.text)
        return value


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._order = asyncio.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as error:
            raise OutboxError(f"cannot open the OCPP outbox {path}: {error}") from error
        self._count = self._count_rows()

    def _count_rows(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT COUNT(*) FROM ocpp_outbox").fetchone()
        return int(row[0])

    @property
    def depth(self) -> int:
        """Events stored and not yet answered by the CSMS."""
        return self._count

    def _append(self, action: str, payloads: list[dict[str, Any]], created_ms: int) -> int:
        rows = []
        for payload in payloads:
            info = payload.get("transactionInfo") or {}
            rows.append(
                (
                    action,
                    info.get("transactionId"),
                    payload.get("seqNo"),
                    payload.get("eventType"),
                    json.dumps(payload, separators=(",", ":")),
                    created_ms,
                )
            )
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                cursor = self._db.executemany(
                    "INSERT INTO ocpp_outbox (action, transaction_id, seq_no, event_type, payload,"
                    " created_ms) VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )
                last = self._db.execute("SELECT last_insert_rowid()").fetchone()
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise OutboxError(f"cannot write the OCPP outbox: {error}") from error
            self._count += max(0, cursor.rowcount)
            return int(last[0] or 0)

    async def append(self, action: str, payload: dict[str, Any], created_ms: int) -> int:
        """Store one message durably; returns its id (the sending order)."""
        async with self._order:
            return await asyncio.to_thread(self._append, action, [payload], created_ms)

    async def append_many(
        self, action: str, payloads: list[dict[str, Any]], created_ms: int
    ) -> int:
        """Store several messages durably in one transaction (all or none), in their order;
        returns the id of the last one."""
        async with self._order:
            return await asyncio.to_thread(self._append, action, payloads, created_ms)

    def _pending(self, limit: int) -> list[OutboxItem]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, action, payload, created_ms FROM ocpp_outbox ORDER BY id LIMIT ?",
                (limit,),
            ).fetchall()
        return [OutboxItem(int(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]

    async def pending(self, limit: int = 100) -> list[OutboxItem]:
        """The oldest ``limit`` unsent messages, oldest first."""
        return await asyncio.to_thread(self._pending, limit)

    def _remove(self, first_id: int, last_id: int) -> None:
        with self._lock:
            try:
                # forgetting answered events needs no fsync (WAL, NORMAL: it survives a crash
                # of the process; after a power loss the CSMS at worst gets them once more,
                # which it recognises by transaction and seqNo); storing one does (FULL)
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(
                    "INSERT OR REPLACE INTO ocpp_sent_last (transaction_id, seq_no, event_type)"
                    " SELECT o.transaction_id, o.seq_no, o.event_type FROM ocpp_outbox o JOIN"
                    " (SELECT MAX(id) AS id FROM ocpp_outbox WHERE id BETWEEN ? AND ?"
                    "  AND transaction_id IS NOT NULL GROUP BY transaction_id)"
                    " newest ON o.id = newest.id",
                    (first_id, last_id),
                )
                cursor = self._db.execute(
                    "DELETE FROM ocpp_outbox WHERE id BETWEEN ? AND ?", (first_id, last_id)
                )
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise OutboxError(f"cannot write the OCPP outbox: {error}") from error
            finally:
                self._db.execute("PRAGMA synchronous=FULL")
            self._count -= max(0, cursor.rowcount)

    async def remove(self, item_id: int) -> None:
        """The CSMS answered this message: forget it."""
        await asyncio.to_thread(self._remove, item_id, item_id)

    async def remove_through(self, last_id: int) -> None:
        """The CSMS answered every message up to ``last_id`` (they are sent in id order):
        forget them all in one commit."""
        await asyncio.to_thread(self._remove, 0, last_id)

    def last_event(self, transaction_id: str) -> tuple[int, str] | None:
        """``(seqNo, eventType)`` of the newest stored event of a transaction (sent or not).

        Sent events are removed; the last sent one per transaction stays in a side table."""
        with self._lock:
            row = self._db.execute(
                "SELECT seq_no, event_type FROM ocpp_outbox WHERE transaction_id = ?"
                " ORDER BY id DESC LIMIT 1",
                (transaction_id,),
            ).fetchone()
            if row is None:
                row = self._db.execute(
                    "SELECT seq_no, event_type FROM ocpp_sent_last WHERE transaction_id = ?",
                    (transaction_id,),
                ).fetchone()
        if row is None:
            return None
        return int(row[0]), str(row[1])

    def close(self) -> None:
        with self._lock:
            self._db.close()
