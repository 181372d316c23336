"""Session actions against the Vipps emulator: refunds (amount checks, idempotency keys, Vipps
down, lost answers), mark resolved, retry settlement, the queue - each with its audit row."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.persistence import OperationStatus, SessionRecord
from kiosk.sandbox.vipps.faults import Fault, FaultKind
from kiosk.service.control import ActionResult, ServiceRefused
from kiosk.service.refund import plan_refund

from .service_world import ServiceWorld, service_world, station_config


@pytest.fixture
async def world(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with service_world(tmp_path) as world:
        yield world


@pytest.fixture
async def paid_record(world: ServiceWorld) -> SessionRecord:
    return await world.paid_session("e1", captured_ore=12345)


async def last_audit(world: ServiceWorld) -> tuple[str, dict[str, object]]:
    entry = (await world.repo.audit_log(1))[0]
    assert entry.actor == "technician"
    return entry.action, entry.details


async def test_partial_then_full_refund_reaches_vipps_and_the_session(world: ServiceWorld) -> None:
    session = await world.paid_session("s1", captured_ore=12345)
    reference = session.payment_reference
    assert reference is not None

    result = await world.service.refund("s1", 2345)
    assert result == ActionResult(
        True, "refund_done", {"amount_ore": "2345", "session": "s1", "currency": "NOK"}
    )
    assert world.emulator.payment(reference).refunded_value == 2345
    assert (await world.repo.get_session("s1")).refunded_ore == 2345  # type: ignore[union-attr]
    action, details = await last_audit(world)
    assert action == "service.refund"
    assert details["amount_ore"] == 2345
    assert details["ok"] is True

    result = await world.service.refund("s1", 10000)
    assert result.ok
    assert world.emulator.payment(reference).refunded_value == 12345
    operations = await world.repo.operations_for("s1")
    assert [(op.kind, op.idempotency_key, op.status) for op in operations] == [
        ("refund", "s1-refund-1", OperationStatus.SUCCEEDED),
        ("refund", "s1-refund-2", OperationStatus.SUCCEEDED),
    ]
    lines = await world.service.recent_sessions()
    assert lines[0].payment_state == "refunded"
    assert lines[0].refundable_ore == 0


@pytest.mark.parametrize("amount_ore", [0, -5, 12346, 10**9])
async def test_refund_amount_is_checked_against_captured_minus_refunded(
    world: ServiceWorld, amount_ore: int
) -> None:
    session = await world.paid_session("s2", captured_ore=12345)
    result = await world.service.refund("s2", amount_ore)
    assert result.ok is False
    assert result.code == "refund_amount_invalid"
    assert result.params == {"minimum_ore": "1", "maximum_ore": "12345", "currency": "NOK"}
    assert session.payment_reference is not None
    assert world.emulator.payment(session.payment_reference).refunded_value == 0
    assert await world.repo.operations_for("s2") == []  # nothing recorded, nothing sent
    action, details = await last_audit(world)
    assert (action, details["ok"], details["result"]) == ("service.refund", False, result.code)


async def test_refund_limit_shrinks_after_a_refund(world: ServiceWorld) -> None:
    await world.paid_session("s3", captured_ore=5000)
    assert (await world.service.refund("s3", 4000)).ok
    result = await world.service.refund("s3", 1001)
    assert result.code == "refund_amount_invalid"
    assert result.params["maximum_ore"] == "1000"


async def test_refund_refused_without_captured_money_or_payment(world: ServiceWorld) -> None:
    await world.paid_session("s4", captured_ore=0)
    assert (await world.service.refund("s4", 100)).code == "refund_nothing"
    assert (await world.service.refund("nope", 100)).code == "unknown_session"


async def test_refund_texts_are_in_the_station_currency(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.service")
    async with service_world(tmp_path, config=station_config(currency="DKK")) as world:
        await world.paid_session("d1", captured_ore=12345)
        done = await world.service.refund("d1", 2345)
        assert done.text == "Refunded DKK 23.45 of session d1."
        refused = await world.service.refund("d1", 99999)
        assert refused.text == "The refund must be between DKK 0.01 and DKK 100.00."
        assert "service refund: Refunded DKK 23.45 of session d1." in caplog.messages
        assert not any("NOK" in message for message in caplog.messages)
        action, details = await last_audit(world)
        assert (action, details["currency"]) == ("service.refund", "DKK")


def test_a_refused_refund_says_its_amounts_in_the_given_currency(
    paid_record: SessionRecord,
) -> None:
    with pytest.raises(ServiceRefused) as caught:
        plan_refund(paid_record, [], 10**9, currency="EUR")
    assert str(caught.value) == "The refund must be between EUR 0.01 and EUR 123.45."


async def test_vipps_down_keeps_the_refund_pending_and_the_resend_uses_the_same_key(
    world: ServiceWorld,
) -> None:
    session = await world.paid_session("s5", captured_ore=8000)
    assert session.payment_reference is not None
    world.emulator.faults.add(Fault(FaultKind.ERROR, "refund", count=None, status=503))
    result = await world.service.refund("s5", 3000)
    assert result.code == "refund_pending"
    [operation] = await world.repo.operations_for("s5")
    assert operation.status is OperationStatus.PENDING
    assert operation.next_attempt_at is not None
    # a different amount is refused while the first refund is unconfirmed
    other = await world.service.refund("s5", 500)
    assert other.code == "refund_pending_first"
    assert other.params == {"amount_ore": "3000", "currency": "NOK"}

    world.emulator.faults.clear()
    assert (await world.service.refund("s5", 3000)).ok
    [operation] = await world.repo.operations_for("s5")
    assert operation.idempotency_key == "s5-refund-1"
    assert operation.status is OperationStatus.SUCCEEDED
    assert world.emulator.payment(session.payment_reference).refunded_value == 3000


async def test_a_lost_refund_answer_never_refunds_twice(world: ServiceWorld) -> None:
    session = await world.paid_session("s6", captured_ore=8000)
    assert session.payment_reference is not None
    world.emulator.faults.add(Fault(FaultKind.LOST_RESPONSE, "refund", count=2))
    result = await world.service.refund("s6", 2000)  # Vipps did it; we never heard
    assert result.code == "refund_pending"
    assert world.emulator.payment(session.payment_reference).refunded_value == 2000
    assert (await world.service.refund("s6", 2000)).ok
    assert world.emulator.payment(session.payment_reference).refunded_value == 2000
    assert (await world.repo.get_session("s6")).refunded_ore == 2000  # type: ignore[union-attr]


async def test_vipps_refusal_is_recorded_as_failed(world: ServiceWorld) -> None:
    await world.paid_session("s7", captured_ore=8000)
    world.emulator.faults.add(Fault(FaultKind.ERROR, "refund", status=400, error_code=4040))
    result = await world.service.refund("s7", 100)
    assert result.code == "refund_rejected"
    [operation] = await world.repo.operations_for("s7")
    assert operation.status is OperationStatus.FAILED
    # a failed refund does not block the next one, which gets the next key
    assert (await world.service.refund("s7", 100)).ok
    keys = [op.idempotency_key for op in await world.repo.operations_for("s7")]
    assert keys == ["s7-refund-1", "s7-refund-2"]


async def test_settlement_queue_retry_and_mark_resolved(world: ServiceWorld) -> None:
    await world.paid_session("done", captured_ore=1000)
    await world.paid_session("stuck", captured_ore=0, settled=False)
    await world.repo.record_operation("stuck", "capture", "stuck-capture", {"amount_ore": 900})
    queue = await world.service.settlement_queue()
    assert [line.session_id for line in queue] == ["stuck"]
    assert queue[0].operations[0].kind == "capture"
    assert queue[0].next_attempt_at is not None

    refused = await world.service.retry_settlement("done")
    assert refused.code == "not_queued"
    assert world.operations.calls == []
    assert (await world.service.retry_settlement("stuck")).code == "settlement_retry"
    assert world.operations.calls == [("retry_settlement", "stuck")]
    assert (await last_audit(world))[0] == "service.retry_settlement"

    lines = {line.session_id: line for line in await world.service.recent_sessions()}
    assert lines["stuck"].queued
    assert lines["stuck"].payment_state == "settling"
    assert lines["done"].payment_state == "settled"
    assert not lines["done"].queued

    assert (await world.service.mark_resolved("stuck")).code == "resolved"
    assert await world.service.settlement_queue() == []
    assert (await world.service.mark_resolved("stuck")).code == "already_resolved"
    journal = await world.repo.journal_entries("stuck")
    assert journal[-1].kind == "service.resolved"
    assert [e.action for e in await world.repo.audit_log(2)] == [
        "service.mark_resolved",
        "service.mark_resolved",
    ]
