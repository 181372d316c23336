"""kill -9 the station where ``test_crash_station`` does not, then start it again until it settles.

The crash points: just before the cancel of the unused reservation (the capture is done), just
after the receipt went out or the final checking GET answered (the session not yet recorded
settled), and during recovery itself (a restart is killed again at its payment query or at the
very call it repeats, and a third start must finish). After the last start the money must add up
at the emulator (one capture of exactly the amount due, the rest cancelled, one receipt of that
amount, every repeat with the first request's Idempotency-Key) and in the database (settled,
journal chain intact, one write-ahead operation per call, ``kiosk sessions verify`` clean).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from station_harness import HarnessProcess, Line, PauseAt, harness
from station_rig import BUDGET_ORE, PRICE_ORE_PER_KWH, World, check_invariants, world

from kiosk.core.units import WH_PER_KWH
from kiosk.payments.client import VippsClient
from kiosk.persistence import OperationStatus, Repository, SessionRecord
from kiosk.station.verification import verify_sessions

SOME_ENERGY_WH = 20
"""Charged before a kill: above the 10 Wh below which nothing is captured, far from the 200 Wh
the budget buys."""
CHARGING = "charging"
"""Not a payment call: killed while charging; the car stays, recovery resumes, then Stop."""
UNPLUGGED = "charging, car leaves"
"""Killed while charging; the car is unplugged while the station is down: recovery settles."""
FINAL_GET = "after:receipt>after:get"
"""The checking GET after capture, cancel and receipt has answered; DONE is not committed."""

KILLS = [
    pytest.param(("before:cancel",), id="before-cancel-after-capture"),
    pytest.param(("after:receipt",), id="after-receipt-before-settled"),
    pytest.param((FINAL_GET,), id="after-final-get-before-done"),
    pytest.param((UNPLUGGED, "after:get"), id="recovery-killed-at-its-query-car-gone"),
    pytest.param((CHARGING, "after:get"), id="recovery-killed-at-its-query-car-plugged"),
    pytest.param(("after:capture", "after:capture"), id="recovery-killed-after-its-capture"),
    pytest.param(("before:cancel", "after:cancel"), id="recovery-killed-after-its-cancel"),
    pytest.param(("after:receipt", "after:receipt"), id="recovery-killed-after-its-receipt"),
]


def _point(name: str) -> Callable[[Line], bool]:
    return lambda line: line.get("point") == name


async def _record(w: World, session_id: str) -> SessionRecord:
    async with await Repository.open(w.db_url, "test-station") as repo:
        record = await repo.get_session(session_id)
    assert record is not None
    return record


async def _charge(w: World, station: HarnessProcess) -> Line:
    """Pay, approve and charge a little; the line naming the session and its reference."""
    station.send("tap 1")
    await station.expect(lambda line: line.get("phase") == "choosing_budget")
    station.send(f"budget 1 {BUDGET_ORE}")
    awaiting = await station.expect(lambda line: line.get("phase") == "awaiting_approval")
    w.emulator.approve(awaiting["reference"])
    await station.charged(SOME_ENERGY_WH)
    return awaiting


async def _at_first_kill(w: World, point: str, reference: str, session_id: str) -> None:
    """The first kill happened where it should: what Vipps and the database hold then."""
    payment = w.payment(reference)
    record = await _record(w, session_id)
    assert record.settled_at is None
    if point in (CHARGING, UNPLUGGED):
        assert payment.captured_value == 0
        assert record.state_name == "charging"
        return
    assert record.state_name == "settling"
    assert payment.captured_value > 0  # every point here is after the capture went through
    if point == "before:cancel":
        assert payment.cancelled_value == 0
    if point in ("after:receipt", FINAL_GET):
        assert w.emulator.receipt(reference) is not None
        assert payment.captured_value + payment.cancelled_value == payment.authorized_value


def _posts(w: World, reference: str, suffix: str) -> list[str | None]:
    """The Idempotency-Keys of every POST to the payment's ``suffix`` endpoint, in order."""
    return [
        r.idempotency_key
        for r in w.emulator.requests
        if r.method == "POST" and reference in r.path and r.path.endswith(suffix)
    ]


async def _check_money(
    w: World, reference: str, session_id: str, settled: Line, kills: int
) -> None:
    record = await _record(w, session_id)
    due = record.amount_due_ore
    assert due is not None
    assert due > 0
    assert settled["phase"] == "done"
    assert settled["due"] == settled["captured"] == due
    # the price of the measured energy, once: the counter's difference at the tariff
    assert record.meter_start_wh is not None
    assert record.meter_stop_wh is not None
    assert record.energy_wh == record.meter_stop_wh - record.meter_start_wh
    assert due * WH_PER_KWH == record.energy_wh * PRICE_ORE_PER_KWH
    # Vipps: one capture of exactly that, the rest released, one receipt of that amount
    check_invariants(w, reference, due)
    payment = w.payment(reference)
    assert payment.authorized_value == BUDGET_ORE
    assert payment.cancelled_value == BUDGET_ORE - due > 0
    receipt = w.emulator.receipt(reference)
    assert receipt is not None
    assert sum(line["totalAmount"] for line in receipt["orderLines"]) == due
    assert w.emulator.order_management.warnings == []
    # the database: settled, one write-ahead operation per call, its key on every request
    assert record.state_name == "done"
    assert record.settled_at is not None
    assert (record.captured_ore, record.cancelled_ore) == (due, BUDGET_ORE - due)
    async with await Repository.open(w.db_url, "test-station") as repo:
        operations = await repo.operations_for(session_id)
        chain = await repo.verify_chain()
        journal = await repo.journal_entries(session_id)
        checks = await verify_sessions(repo, VippsClient.from_settings(w.config_vipps(), w.http))
    by_kind = {kind: [op for op in operations if op.kind == kind] for kind in ("capture", "cancel")}
    for kind, ops in by_kind.items():
        assert len(ops) == 1, operations
        assert ops[0].status is OperationStatus.SUCCEEDED
        keys = _posts(w, reference, f"/{kind}")
        assert keys, kind
        assert set(keys) == {ops[0].idempotency_key}, (kind, keys)
    assert chain.ok, chain.problems
    assert chain.entries_checked >= len(journal) > 0
    assert [e.kind for e in journal].count("step.Rebooted") == kills
    assert [(c.session_id, c.ok, c.open) for c in checks] == [(session_id, True, False)]


@pytest.mark.parametrize("kills", KILLS)
async def test_killed_in_settlement_or_recovery_settles_exactly_once(
    tmp_path: Path, kills: tuple[str, ...]
) -> None:
    first, *again = kills
    async with world(tmp_path) as w:
        w.sim.car(0).plug(soc_pct=20)
        metered = first in (CHARGING, UNPLUGGED)
        async with harness(w, tmp_path, None if metered else first) as station:
            awaiting = await _charge(w, station)
            reference, session_id = awaiting["reference"], awaiting["session"]
            if not metered:
                station.send("stop 1")
                assert await station.paused() == first.rpartition(">")[2]
                assert "after:capture" in station.points()
                if first == FINAL_GET:  # capture, cancel, receipt, then the checking GET
                    assert station.points()[-5:] == [
                        "after:cancel",
                        "before:receipt",
                        "after:receipt",
                        "before:get",
                        "after:get",
                    ]
            await station.kill()
        if first == UNPLUGGED:
            w.sim.car(0).unplug()  # the car leaves while the station is down
        await _at_first_kill(w, first, reference, session_id)
        for point in again:
            async with harness(w, tmp_path, point) as station:
                await station.expect(_point(point))
                recovering = await _record(w, session_id)
                assert recovering.settled_at is None
                assert recovering.state_name == ("recovering" if "get" in point else "settling")
                await station.kill()
        async with harness(w, tmp_path) as station:
            if first == CHARGING:
                resumed = await station.expect(lambda line: line.get("phase") == "charging")
                assert resumed["session"] == session_id
                station.send("stop 1")
            settled = await station.expect(lambda line: line.get("settled") == session_id, 20)
        assert len(w.emulator.payments) == 1
        await _check_money(w, reference, session_id, settled, kills=len(kills))
        receipts = _posts(w, reference, f"/receipts/{reference}")
        expected_receipt_posts = 1 + sum(point == "after:receipt" for point in kills)
        assert len(receipts) == expected_receipt_posts


@pytest.mark.parametrize(
    ("spec", "points", "paused_at"),
    [
        ("after:get", ["before:get", "after:get", "after:get"], 1),
        ("after:get#2", ["after:get", "after:capture", "after:get"], 2),
        ("after:receipt>after:get", ["after:get", "after:receipt", "after:get"], 2),
        ("after:receipt>after:get#2", ["after:receipt", "after:get", "after:get"], 2),
        ("after:receipt>after:get", ["after:get", "after:capture"], None),
    ],
)
def test_pause_spec_picks_the_occurrence(
    spec: str, points: list[str], paused_at: int | None
) -> None:
    pause = PauseAt(spec)
    reached = [i for i, name in enumerate(points) if pause.reached(name)]
    assert reached == ([] if paused_at is None else [paused_at])


@pytest.mark.parametrize("spec", ["get", "after:get#0", "after:get#x"])
def test_a_mistyped_pause_spec_is_refused(spec: str) -> None:
    with pytest.raises(ValueError, match="not a pause point"):
        PauseAt(spec)
