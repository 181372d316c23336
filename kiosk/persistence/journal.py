"""The append-only session event journal and its hash chain.

Each station has one chain. Entry ``n`` stores ``prev_hash`` (the hash of entry ``n-1``, or
64 zeros for the first) and ``hash = sha256(prev_hash + "\\n" + header + "\\n" + payload)``,
where ``header`` is the canonical JSON of (station, seq, session id, time, kind) and ``payload``
the canonical JSON text stored in the row. ``journal_heads`` holds each chain's last
(seq, hash), so cutting entries off the end is detected as well as editing, deleting or
reordering entries in the middle. Database triggers refuse UPDATE/DELETE on the journal;
``verify_chain`` catches what someone does around them (raw edits with the triggers dropped).

These functions work on a caller's SQLAlchemy Core ``Connection`` inside its transaction; the
async ``Repository`` runs them on its database thread.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from kiosk.persistence.records import (
    ChainHead,
    ChainProblem,
    ChainReport,
    JournalEntry,
    JournalEvent,
)
from kiosk.persistence.tables import journal_heads, session_events

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """One byte-exact JSON form: sorted keys, no spaces, UTF-8 text, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def entry_hash(
    prev_hash: str,
    *,
    station: str,
    seq: int,
    session_id: str | None,
    recorded_at: datetime,
    kind: str,
    payload_json: str,
) -> str:
    header = canonical_json(
        {
            "station": station,
            "seq": seq,
            "session_id": session_id,
            "recorded_at": recorded_at.isoformat(timespec="microseconds"),
            "kind": kind,
        }
    )
    data = f"{prev_hash}\n{header}\n{payload_json}".encode()
    return hashlib.sha256(data).hexdigest()


def append(
    connection: Connection,
    *,
    station: str,
    session_id: str | None,
    event: JournalEvent,
    now: datetime,
) -> JournalEntry:
    """Append one event to ``station``'s chain inside the caller's transaction."""
    head = (
        connection.execute(
            select(journal_heads).where(journal_heads.c.station == station).with_for_update()
        )
        .mappings()
        .one_or_none()
    )
    prev_seq, prev_hash = (0, GENESIS_HASH) if head is None else (head["seq"], head["hash"])
    payload_json = canonical_json(event.payload)
    seq = prev_seq + 1
    digest = entry_hash(
        prev_hash,
        station=station,
        seq=seq,
        session_id=session_id,
        recorded_at=now,
        kind=event.kind,
        payload_json=payload_json,
    )
    values = {
        "station": station,
        "seq": seq,
        "session_id": session_id,
        "recorded_at": now,
        "kind": event.kind,
        "payload": payload_json,
        "prev_hash": prev_hash,
        "hash": digest,
    }
    connection.execute(session_events.insert().values(values))
    if head is None:
        connection.execute(journal_heads.insert().values(station=station, seq=seq, hash=digest))
    else:
        connection.execute(
            journal_heads.update()
            .where(journal_heads.c.station == station)
            .values(seq=seq, hash=digest)
        )
    return to_entry(values)


def to_entry(row: Mapping[Any, Any]) -> JournalEntry:
    return JournalEntry(
        station=row["station"],
        seq=row["seq"],
        session_id=row["session_id"],
        recorded_at=row["recorded_at"],
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


def _rows(connection: Connection, station: str) -> Iterator[RowMapping]:
    query = (
        select(session_events)
        .where(session_events.c.station == station)
        .order_by(session_events.c.seq)
    )
    yield from connection.execute(query.execution_options(yield_per=500)).mappings()


def verify_chain(connection: Connection, station: str | None = None) -> ChainReport:
    """Check every chain (or one station's): report edited, deleted, reordered or cut entries."""
    if station is None:
        stations = set(connection.execute(select(journal_heads.c.station)).scalars())
        stations |= set(connection.execute(select(session_events.c.station).distinct()).scalars())
    else:
        stations = {station}
    problems: list[ChainProblem] = []
    heads: list[ChainHead] = []
    checked = 0
    for name in sorted(stations):
        count, found, head = _verify_station(connection, name)
        checked += count
        problems.extend(found)
        if head is not None:
            heads.append(head)
    return ChainReport(entries_checked=checked, problems=tuple(problems), heads=tuple(heads))


def _verify_station(
    connection: Connection, station: str
) -> tuple[int, list[ChainProblem], ChainHead | None]:
    problems: list[ChainProblem] = []
    prev_hash = GENESIS_HASH
    expected_seq = 1
    count = 0
    for row in _rows(connection, station):
        count += 1
        if row["seq"] != expected_seq:
            problems.append(
                ChainProblem(station, row["seq"], f"expected entry {expected_seq}: entries missing")
            )
        if row["prev_hash"] != prev_hash:
            problems.append(
                ChainProblem(station, row["seq"], "prev_hash does not match the previous entry")
            )
        digest = entry_hash(
            row["prev_hash"],
            station=row["station"],
            seq=row["seq"],
            session_id=row["session_id"],
            recorded_at=row["recorded_at"],
            kind=row["kind"],
            payload_json=row["payload"],
        )
        if digest != row["hash"]:
            problems.append(ChainProblem(station, row["seq"], "content does not match its hash"))
        prev_hash = row["hash"]
        expected_seq = row["seq"] + 1
    head = (
        connection.execute(select(journal_heads).where(journal_heads.c.station == station))
        .mappings()
        .one_or_none()
    )
    last_seq = expected_seq - 1
    if head is None:
        if count:
            problems.append(ChainProblem(station, None, "chain head is missing"))
    elif head["seq"] != last_seq or head["hash"] != prev_hash:
        problems.append(
            ChainProblem(
                station,
                head["seq"],
                f"chain head is entry {head['seq']} but the journal ends at {last_seq}",
            )
        )
    walked = ChainHead(station, last_seq, prev_hash) if count else None
    return count, problems, walked
