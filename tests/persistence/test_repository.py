"""Round trips through the async repository, on every backend."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.persistence import (
    JournalEvent,
    OperationStatus,
    RecordNotFound,
    Repository,
    SessionUpdate,
)

STATION = "station-1"

TARIFF = {"price_ore_per_kwh": 450, "vat_rate_bp": 2500, "currency": "NOK"}
T0 = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)


async def _new_session(repo: Repository, session_id: str = "s-1", connector: int = 1) -> None:
    await repo.create_session(
        session_id,
        connector,
        SessionUpdate("awaiting_payment", {"budget_ore": 20000}, tariff=TARIFF, budget_ore=20000),
        JournalEvent("session.created", {"budget_ore": 20000}),
    )


async def test_session_round_trip_keeps_every_column(repo: Repository) -> None:
    await _new_session(repo)
    update = SessionUpdate(
        "charging",
        {"phase": "charging", "nested": {"wh": [1, 2]}},
        meter_start_wh=1_000_000,
        meter_last_wh=1_000_500,
        authorized_ore=20000,
        payment_reference="ls-s-1",
        started_at=T0,
    )
    await repo.update_session("s-1", update, JournalEvent("charging.started", {"meter_wh": 1}))
    stop = SessionUpdate(
        "settling",
        {"phase": "settling"},
        meter_stop_wh=1_012_345,
        energy_wh=12_345,
        amount_due_ore=5555,
        stop_reason="budget_reached",
        stopped_at=T0 + timedelta(hours=1),
    )
    await repo.update_session("s-1", stop, JournalEvent("charging.stopped"))
    got = await repo.get_session("s-1")
    assert got is not None
    assert got.station == STATION
    assert got.state_name == "settling"
    assert got.state == {"phase": "settling"}
    assert got.tariff == TARIFF
    assert (got.meter_start_wh, got.meter_stop_wh, got.energy_wh) == (1_000_000, 1_012_345, 12_345)
    assert (got.budget_ore, got.authorized_ore, got.amount_due_ore) == (20000, 20000, 5555)
    assert got.payment_reference == "ls-s-1"
    assert got.stop_reason == "budget_reached"
    assert got.started_at == T0
    assert got.started_at.tzinfo is not None
    assert got.stopped_at == T0 + timedelta(hours=1)
    assert got.created_at < got.updated_at
    kinds = [e.kind for e in await repo.journal_entries("s-1")]
    assert kinds == ["session.created", "charging.started", "charging.stopped"]


async def test_big_integers_fit(repo: Repository) -> None:
    await _new_session(repo)
    big_wh = 2**40  # lifetime counters of old meters exceed 32 bits
    await repo.update_session(
        "s-1", SessionUpdate("charging", {}, meter_start_wh=big_wh), JournalEvent("x")
    )
    got = await repo.get_session("s-1")
    assert got is not None
    assert got.meter_start_wh == big_wh


async def test_update_of_an_unknown_session_writes_nothing(repo: Repository) -> None:
    with pytest.raises(RecordNotFound):
        await repo.update_session("nope", SessionUpdate("x", {}), JournalEvent("ghost"))
    assert await repo.journal_entries() == []


async def test_failed_journal_append_rolls_back_the_session_change(repo: Repository) -> None:
    await _new_session(repo)
    bad = JournalEvent("bad", {"value": float("nan")})  # not JSON: the whole step must fail
    with pytest.raises(ValueError, match="JSON"):
        await repo.update_session("s-1", SessionUpdate("charging", {}), bad)
    got = await repo.get_session("s-1")
    assert got is not None
    assert got.state_name == "awaiting_payment"
    assert len(await repo.journal_entries()) == 1


async def test_unfinished_recent_and_settlement_queue(repo: Repository) -> None:
    for i in range(3):
        await _new_session(repo, f"s-{i}", connector=i + 1)
    await repo.update_session(
        "s-1", SessionUpdate("settling", {}, stopped_at=T0), JournalEvent("stopped")
    )
    await repo.update_session(
        "s-2",
        SessionUpdate("settled", {}, stopped_at=T0, settled_at=T0 + timedelta(seconds=1)),
        JournalEvent("settled"),
    )
    assert [s.id for s in await repo.unfinished_sessions()] == ["s-0", "s-1"]
    assert [s.id for s in await repo.settlement_queue()] == ["s-1"]
    assert [s.id for s in await repo.recent_sessions(limit=2)] == ["s-2", "s-1"]
    await repo.mark_resolved("s-1", JournalEvent("resolved", {"by": "technician"}))
    assert [s.id for s in await repo.settlement_queue()] == []
    assert [s.id for s in await repo.unfinished_sessions()] == ["s-0"]


async def test_stations_do_not_see_each_other(repo: Repository, db_url: str) -> None:
    await _new_session(repo)
    other = await Repository.open(db_url, "station-2")
    try:
        assert await other.get_session("s-1") is None
        assert await other.unfinished_sessions() == []
        with pytest.raises(RecordNotFound):
            await other.update_session("s-1", SessionUpdate("x", {}), JournalEvent("x"))
        await other.append_event(None, JournalEvent("station.started"))
        assert (await other.verify_chain()).ok
        assert (await repo.verify_chain(all_stations=True)).entries_checked == 2
    finally:
        await other.aclose()


async def test_meter_readings_update_the_last_reading(repo: Repository) -> None:
    await _new_session(repo)
    for i in range(3):
        await repo.add_meter_reading("s-1", T0 + timedelta(seconds=30 * i), 1000 + 100 * i, 7000)
    readings = await repo.meter_readings("s-1")
    assert [r.energy_wh for r in readings] == [1000, 1100, 1200]
    assert readings[0].power_w == 7000
    got = await repo.get_session("s-1")
    assert got is not None
    assert got.meter_last_wh == 1200


async def test_audit_log_newest_first(repo: Repository) -> None:
    await repo.append_audit("technician", "connector.out_of_order", {"connector": 1, "on": True})
    await repo.append_audit("technician", "settlement.retry", {"session": "s-9"})
    log = await repo.audit_log()
    assert [(e.action, e.details) for e in log] == [
        ("settlement.retry", {"session": "s-9"}),
        ("connector.out_of_order", {"connector": 1, "on": True}),
    ]
    assert log[0].recorded_at > log[1].recorded_at


async def test_export_sessions_csv(repo: Repository, tmp_path: Path) -> None:
    await _new_session(repo, "s-a")
    await repo.update_session(
        "s-a",
        SessionUpdate("settled", {}, energy_wh=12_345, captured_ore=5555, stop_reason="=cmd"),
        JournalEvent("settled"),
    )
    await _new_session(repo, "s-b", connector=2)
    out = tmp_path / "sessions.csv"
    assert await repo.export_sessions_csv(out) == 2
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == ["s-a", "s-b"]
    assert rows[0]["energy_wh"] == "12345"
    assert rows[0]["captured_ore"] == "5555"
    assert rows[0]["stop_reason"] == "'=cmd"  # never a spreadsheet formula
    assert rows[1]["energy_wh"] == ""


async def test_closed_repository_refuses_work(db_url: str) -> None:
    repository = await Repository.open(db_url, STATION)
    await repository.aclose()
    await repository.aclose()  # idempotent
    from kiosk.persistence import PersistenceError

    with pytest.raises(PersistenceError):
        await repository.recent_sessions()


async def test_what_a_write_returns_is_what_is_read_back(repo: Repository) -> None:
    """Writes build their records from the values they wrote; a later read must agree."""
    created = await repo.create_session(
        "s-1",
        1,
        SessionUpdate("awaiting_payment", {"k": [1]}, tariff=TARIFF, budget_ore=20000),
        JournalEvent("session.created"),
        test_charge=True,
    )
    assert created == await repo.get_session("s-1")
    assert (created.authorized_ore, created.test_charge, created.resolved) == (0, True, False)
    assert created.meter_start_wh is None
    updated = await repo.update_session(
        "s-1", SessionUpdate("charging", {}, started_at=T0), JournalEvent("charging.started")
    )
    assert updated == await repo.get_session("s-1")
    assert (updated.tariff, updated.budget_ore) == (TARIFF, 20000)  # None fields left alone
    recorded = await repo.record_operation("s-1", "capture", "s-1:capture", {"amount_ore": 5})
    assert [recorded] == await repo.operations_for("s-1")
    assert recorded.id > 0
    retry_at = T0 + timedelta(minutes=1)
    pending = await repo.record_outcome(
        "s-1:capture", OperationStatus.PENDING, error="timeout", next_attempt_at=retry_at
    )
    assert [pending] == await repo.operations_for("s-1")
    done = await repo.record_outcome(
        "s-1:capture",
        OperationStatus.SUCCEEDED,
        outcome={"captured_ore": 5},
        session_update=SessionUpdate("captured", {}, captured_ore=5),
    )
    assert [done] == await repo.operations_for("s-1")
    assert (done.attempts, done.outcome, done.last_error, done.next_attempt_at) == (
        2,
        {"captured_ore": 5},
        None,
        None,
    )
    session = await repo.get_session("s-1")
    assert session is not None
    assert (session.captured_ore, session.updated_at) == (5, done.updated_at)
    resolved = await repo.mark_resolved("s-1", JournalEvent("resolved"))
    assert resolved == await repo.get_session("s-1")
    assert resolved.resolved
    reading = await repo.add_meter_reading("s-1", T0, 1234, None)
    assert [reading] == await repo.meter_readings("s-1")
    entry = await repo.append_event("s-1", JournalEvent("note", {"t": (1, 2)}))
    assert entry == (await repo.journal_entries("s-1"))[-1]
    assert entry.payload == {"t": [1, 2]}  # as stored: canonical JSON
    audit = await repo.append_audit("technician", "service.opened", {"page": "station"})
    assert [audit] == await repo.audit_log()
    assert (await repo.verify_chain()).ok
