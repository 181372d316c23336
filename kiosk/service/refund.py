"""Refund rules: how much of a session may still be given back, and each refund's key.

A refund gives back captured money, never more than ``captured - refunded`` (counting a refund
that was sent but not yet confirmed as already given). Refunds of a session are numbered
1, 2, ...; refund number N always carries the Idempotency-Key ``<session>-refund-<N>``, so a
refund resent after a lost answer can never be paid twice. Pure functions; raises
``ServiceRefused`` for an amount or a session that does not fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.persistence.records import OperationStatus, PaymentOperation, SessionRecord
from kiosk.service.control import ServiceRefused

REFUND_KIND = "refund"
MIN_REFUND_ORE = 1


def refund_key(session_id: str, number: int) -> str:
    return f"{session_id}-refund-{number}"


def refund_operations(operations: Sequence[PaymentOperation]) -> list[PaymentOperation]:
    return [op for op in operations if op.kind == REFUND_KIND]


def pending_refund(operations: Sequence[PaymentOperation]) -> PaymentOperation | None:
    """A refund that was recorded (and maybe sent) but never confirmed or refused."""
    pending = [op for op in refund_operations(operations) if op.status is OperationStatus.PENDING]
    return pending[0] if pending else None


def operation_amount_ore(operation: PaymentOperation) -> int:
    amount = operation.request.get("amount_ore")
    return amount if isinstance(amount, int) else 0


def refundable_ore(session: SessionRecord, operations: Sequence[PaymentOperation] = ()) -> int:
    """Captured money not yet refunded (nor promised to a pending refund)."""
    pending = pending_refund(operations)
    in_flight = operation_amount_ore(pending) if pending is not None else 0
    return max(0, session.captured_ore - session.refunded_ore - in_flight)


@dataclass(frozen=True, slots=True)
class RefundPlan:
    """The refund to send: a new one, or the pending one again (same key, same amount)."""

    number: int
    key: str
    amount_ore: int
    resend: bool


def plan_refund(
    session: SessionRecord,
    operations: Sequence[PaymentOperation],
    amount_ore: int,
    *,
    currency: str,
) -> RefundPlan:
    """Check ``amount_ore`` against the session and decide which refund to send.

    ``currency`` (the station's ISO code) goes with the amounts of a refusal.
    """
    if session.payment_reference is None or session.test_charge:
        raise ServiceRefused("refund_no_payment", session=session.id)
    refunds = refund_operations(operations)
    pending = pending_refund(operations)
    if pending is not None:
        pending_amount = operation_amount_ore(pending)
        if amount_ore != pending_amount:
            raise ServiceRefused(
                "refund_pending_first", amount_ore=str(pending_amount), currency=currency
            )
        number = refunds.index(pending) + 1
        return RefundPlan(number, pending.idempotency_key, pending_amount, resend=True)
    maximum = refundable_ore(session, operations)
    if maximum < MIN_REFUND_ORE:
        raise ServiceRefused("refund_nothing", session=session.id)
    if not MIN_REFUND_ORE <= amount_ore <= maximum:
        raise ServiceRefused(
            "refund_amount_invalid",
            minimum_ore=str(MIN_REFUND_ORE),
            maximum_ore=str(maximum),
            currency=currency,
        )
    number = len(refunds) + 1
    return RefundPlan(number, refund_key(session.id, number), amount_ore, resend=False)
