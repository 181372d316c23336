"""A slow database (here: locked by another writer) never stalls the event loop."""

from __future__ import annotations

import asyncio
import threading
import time

from sqlalchemy import create_engine, make_url, text

from kiosk.persistence import JournalEvent, Repository, SessionUpdate

HOLD_S = 0.8
TICK_S = 0.02


def _hold_write_lock(db_url: str, locked: threading.Event, release: threading.Event) -> None:
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        import sqlite3

        conn = sqlite3.connect(str(url.database), isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            locked.set()
            release.wait(10)
            conn.execute("COMMIT")
        finally:
            conn.close()
        return
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("LOCK TABLE journal_heads IN ACCESS EXCLUSIVE MODE"))
            locked.set()
            release.wait(10)
    finally:
        engine.dispose()


async def test_a_blocked_write_does_not_delay_timers(repo: Repository, db_url: str) -> None:
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_url, locked, release))
    holder.start()
    try:
        assert await asyncio.to_thread(locked.wait, 5)
        loop = asyncio.get_running_loop()
        loop.call_later(HOLD_S, release.set)

        lateness: list[float] = []

        async def ticker() -> None:
            while not release.is_set() or len(lateness) < 5:
                start = time.perf_counter()
                await asyncio.sleep(TICK_S)
                lateness.append(time.perf_counter() - start - TICK_S)

        ticks = asyncio.create_task(ticker())
        started = time.perf_counter()
        await repo.create_session("s-1", 1, SessionUpdate("a", {}), JournalEvent("created"))
        write_s = time.perf_counter() - started
        await ticks
    finally:
        release.set()
        await asyncio.to_thread(holder.join, 10)
    assert write_s >= HOLD_S * 0.8, "the write was not actually held up by the lock"
    assert len(lateness) >= 10
    # Loose on purpose (2 shared cores): a blocked loop would be late by the whole HOLD_S.
    assert max(lateness) < HOLD_S / 3
    assert await repo.get_session("s-1") is not None


async def test_operations_complete_in_the_order_they_were_asked(repo: Repository) -> None:
    await repo.create_session("s-1", 1, SessionUpdate("s0", {}), JournalEvent("created"))
    updates = [
        repo.update_session("s-1", SessionUpdate(f"s{i}", {"i": i}), JournalEvent(f"step.{i}"))
        for i in range(1, 21)
    ]
    await asyncio.gather(*updates)
    kinds = [e.kind for e in await repo.journal_entries("s-1")]
    assert kinds == ["created", *[f"step.{i}" for i in range(1, 21)]]
    session = await repo.get_session("s-1")
    assert session is not None
    assert session.state_name == "s20"
