"""Payment operations are committed before they are sent, and their outcomes after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from kiosk.persistence import (
    IntegrityViolation,
    JournalEvent,
    OperationStatus,
    RecordNotFound,
    Repository,
    SessionUpdate,
)

STATION = "station-1"


async def _session(repo: Repository, session_id: str = "s-1") -> None:
    await repo.create_session(
        session_id, 1, SessionUpdate("settling", {}, authorized_ore=20000), JournalEvent("created")
    )


async def test_recorded_operation_is_visible_to_a_fresh_connection_before_sending(
    repo: Repository, db_url: str, clock: Callable[[], datetime]
) -> None:
    await _session(repo)
    op = await repo.record_operation("s-1", "capture", "s-1:capture:1", {"amount_ore": 5555})
    assert op.status is OperationStatus.PENDING
    assert op.attempts == 0
    # As if the process died right here, before the HTTP call: a restarted station finds it due.
    restarted = await Repository.open(db_url, STATION, clock=clock)
    try:
        due = await restarted.due_operations(clock())
        assert [(d.idempotency_key, d.request) for d in due] == [
            ("s-1:capture:1", {"amount_ore": 5555})
        ]
    finally:
        await restarted.aclose()


async def test_re_recording_the_same_key_returns_the_same_operation(repo: Repository) -> None:
    await _session(repo)
    first = await repo.record_operation("s-1", "capture", "k1", {"amount_ore": 1})
    again = await repo.record_operation("s-1", "capture", "k1", {"amount_ore": 1})
    assert again.id == first.id
    assert len(await repo.operations_for("s-1")) == 1
    with pytest.raises(IntegrityViolation):
        await repo.record_operation("s-1", "cancel", "k1", {})


async def test_operation_needs_an_existing_session(repo: Repository) -> None:
    with pytest.raises(RecordNotFound):
        await repo.record_operation("ghost", "capture", "k", {})
    with pytest.raises(RecordNotFound):
        await repo.record_outcome("no-such-key", OperationStatus.SUCCEEDED)


async def test_outcome_and_session_amounts_commit_together(repo: Repository) -> None:
    await _session(repo)
    await repo.record_operation("s-1", "capture", "k-cap", {"amount_ore": 5555})
    done = await repo.record_outcome(
        "k-cap",
        OperationStatus.SUCCEEDED,
        outcome={"pspReference": "123"},
        session_update=SessionUpdate("cancelling", {}, captured_ore=5555),
    )
    assert done.status is OperationStatus.SUCCEEDED
    assert done.attempts == 1
    assert done.next_attempt_at is None
    session = await repo.get_session("s-1")
    assert session is not None
    assert session.captured_ore == 5555
    assert session.state_name == "cancelling"
    kinds = [e.kind for e in await repo.journal_entries("s-1")]
    assert kinds == ["created", "payment_operation.recorded", "payment_operation.outcome"]


async def test_retry_schedule_and_due_list(repo: Repository, clock: Callable[[], datetime]) -> None:
    await _session(repo)
    await repo.record_operation("s-1", "capture", "k-cap", {"amount_ore": 5555})
    with pytest.raises(ValueError, match="next_attempt_at"):
        await repo.record_outcome("k-cap", OperationStatus.PENDING, error="503")
    later = clock() + timedelta(seconds=60)
    await repo.record_outcome(
        "k-cap", OperationStatus.PENDING, error="HTTP 503", next_attempt_at=later
    )
    assert await repo.due_operations(clock()) == []
    due = await repo.due_operations(later)
    assert len(due) == 1
    assert due[0].attempts == 1
    assert due[0].last_error == "HTTP 503"
    await repo.record_outcome("k-cap", OperationStatus.FAILED, error="HTTP 400 too much")
    assert await repo.due_operations(later + timedelta(days=9)) == []
    (op,) = await repo.operations_for("s-1")
    assert (op.status, op.attempts) == (OperationStatus.FAILED, 2)
