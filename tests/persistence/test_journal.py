"""The session journal is append-only and its hash chain reveals edits, deletions, reorders."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, text

from kiosk.persistence import IntegrityViolation, JournalEvent, Repository, open_database
from kiosk.persistence.errors import translate
from kiosk.persistence.journal import GENESIS_HASH

STATION = "station-1"


async def _journal(repo: Repository, count: int = 5) -> None:
    for i in range(count):
        await repo.append_event(None, JournalEvent(f"event.{i}", {"i": i, "amount_ore": 100 * i}))


@contextmanager
def _raw(db_url: str, *, bypass_triggers: bool) -> Iterator[Connection]:
    """A plain connection for tampering; optionally with the append-only triggers out of the way."""
    db = open_database(db_url)
    try:
        with db.engine.begin() as conn:
            if bypass_triggers:
                if conn.dialect.name == "sqlite":
                    conn.execute(text("DROP TRIGGER session_events_no_update"))
                    conn.execute(text("DROP TRIGGER session_events_no_delete"))
                else:
                    conn.execute(
                        text(
                            "ALTER TABLE session_events DISABLE TRIGGER session_events_append_only"
                        )
                    )
            yield conn
    finally:
        db.dispose()


def _execute_translated(db_url: str, statement: str) -> None:
    try:
        with _raw(db_url, bypass_triggers=False) as conn:
            conn.execute(text(statement))
    except Exception as error:
        raise translate(error) from error


async def test_chain_links_every_entry(repo: Repository) -> None:
    await _journal(repo)
    entries = await repo.journal_entries()
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    report = await repo.verify_chain()
    assert report.ok
    assert report.entries_checked == 5


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE session_events SET kind = 'edited' WHERE seq = 2",
        "DELETE FROM session_events WHERE seq = 2",
    ],
)
async def test_database_refuses_updates_and_deletes(
    repo: Repository, db_url: str, statement: str
) -> None:
    await _journal(repo)
    with pytest.raises(IntegrityViolation, match="append-only"):
        _execute_translated(db_url, statement)
    assert (await repo.verify_chain()).ok


def test_repository_has_no_way_to_change_or_remove_journal_entries() -> None:
    names = {n for n in dir(Repository) if not n.startswith("_")}
    journal_writers = {n for n in names if "event" in n or "journal" in n}
    assert journal_writers == {"append_event", "journal_entries"}
    assert not {n for n in names if n.startswith(("delete", "remove", "edit"))}


TAMPERING = {
    "payload edited": [
        """UPDATE session_events SET payload = '{"amount_ore":1,"i":2}' WHERE seq = 3"""
    ],
    "kind edited": ["UPDATE session_events SET kind = 'event.x' WHERE seq = 2"],
    "time edited": [
        "UPDATE session_events SET recorded_at = (SELECT recorded_at FROM session_events "
        "WHERE seq = 1) WHERE seq = 4"
    ],
    "middle deleted": ["DELETE FROM session_events WHERE seq = 3"],
    "tail cut off": ["DELETE FROM session_events WHERE seq = 5"],
    "reordered": [
        "UPDATE session_events SET seq = 100 WHERE seq = 2",
        "UPDATE session_events SET seq = 2 WHERE seq = 3",
        "UPDATE session_events SET seq = 3 WHERE seq = 100",
    ],
}


@pytest.mark.parametrize("how", sorted(TAMPERING))
async def test_verify_chain_detects_tampering(repo: Repository, db_url: str, how: str) -> None:
    await _journal(repo)
    with _raw(db_url, bypass_triggers=True) as conn:
        for statement in TAMPERING[how]:
            assert conn.exec_driver_sql(statement).rowcount == 1
    report = await repo.verify_chain()
    assert not report.ok, how
    assert all(p.station == STATION for p in report.problems)


async def test_deleting_the_whole_journal_shows_at_the_head(repo: Repository, db_url: str) -> None:
    """Deleting everything is visible: the head remembers where the chain ended."""
    await _journal(repo, 3)
    with _raw(db_url, bypass_triggers=True) as conn:
        conn.execute(text("DELETE FROM session_events"))
    report = await repo.verify_chain()
    assert [p.message for p in report.problems] == [
        "chain head is entry 3 but the journal ends at 0"
    ]
