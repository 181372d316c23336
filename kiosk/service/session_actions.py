"""Service actions on sessions: the lists, refund, mark resolved (settlement retries are the
controller's, see ``StationOperations.retry_settlement``).

A refund is written ahead like every payment operation: recorded (kind ``refund``, key
``<session>-refund-<N>``) before it is sent; confirmed with the session's new ``refunded_ore``
in one transaction; refused for good as FAILED; left PENDING when Vipps did not answer, so the
next try resends the same key. Raises ``ServiceRefused`` for what does not fit; the boundary
errors (``PersistenceError``, ``VippsError``) are left to ``StationService``, except the Vipps
answer of a refund, which is an outcome here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

from kiosk.payments.client import VippsClient
from kiosk.payments.errors import VippsError
from kiosk.persistence.records import (
    JournalEvent,
    OperationStatus,
    SessionRecord,
    SessionUpdate,
)
from kiosk.persistence.repository import Repository
from kiosk.service.control import (
    ActionResult,
    QueuedOperation,
    QueueLine,
    ServiceRefused,
    SessionLine,
)
from kiosk.service.refund import REFUND_KIND, plan_refund, refundable_ore

PENDING_REFUND_RETRY = timedelta(minutes=10)


def payment_state(session: SessionRecord) -> str:
    """Where the session's money stands, as a ``PAYMENT_STATES`` key."""
    if session.test_charge:
        return "test_charge"
    if session.resolved:
        return "resolved"
    if session.refunded_ore > 0:
        return "refunded" if session.refunded_ore >= session.captured_ore else "partly_refunded"
    if session.settled_at is not None:
        return "settled"
    if session.stopped_at is not None:
        return "settling"
    if session.authorized_ore > 0:
        return "authorized"
    return "no_payment"


class SessionActions:
    def __init__(
        self,
        repository: Repository,
        vipps: VippsClient | None,
        now: Callable[[], datetime],
        *,
        currency: str,
    ) -> None:
        self._repository = repository
        self._vipps = vipps
        self._now = now
        self._currency = currency  # the station's, for the English texts of amounts
        self._money = (
            asyncio.Lock()
        )  # one money action at a time: refunded_ore is read-modify-write

    async def session(self, session_id: str) -> SessionRecord:
        session = await self._repository.get_session(session_id)
        if session is None or session.station != self._repository.station:
            raise ServiceRefused("unknown_session", session=session_id)
        return session

    async def recent(self, limit: int) -> list[SessionLine]:
        sessions = await self._repository.recent_sessions(limit)
        queued = {s.id for s in await self._repository.settlement_queue()}
        lines = []
        for s in sessions:
            operations = await self._repository.operations_for(s.id) if s.captured_ore else []
            lines.append(
                SessionLine(
                    session_id=s.id,
                    connector_id=s.connector,
                    created_at=s.created_at,
                    state_name=s.state_name,
                    payment_state=payment_state(s),
                    energy_wh=s.energy_wh,
                    authorized_ore=s.authorized_ore,
                    amount_due_ore=s.amount_due_ore,
                    captured_ore=s.captured_ore,
                    cancelled_ore=s.cancelled_ore,
                    refunded_ore=s.refunded_ore,
                    refundable_ore=0 if s.test_charge else refundable_ore(s, operations),
                    test_charge=s.test_charge,
                    resolved=s.resolved,
                    queued=s.id in queued,
                )
            )
        return lines

    async def queue(self) -> list[QueueLine]:
        lines = []
        for s in await self._repository.settlement_queue():
            operations = await self._repository.operations_for(s.id)
            pending = tuple(
                QueuedOperation(op.kind, op.attempts, op.next_attempt_at, op.last_error)
                for op in operations
                if op.status is OperationStatus.PENDING
            )
            lines.append(QueueLine(s.id, s.connector, s.stopped_at, s.amount_due_ore, pending))
        return lines

    async def is_queued(self, session_id: str) -> bool:
        return any(s.id == session_id for s in await self._repository.settlement_queue())

    async def mark_resolved(self, session_id: str) -> ActionResult:
        session = await self.session(session_id)
        if session.resolved:
            return ActionResult(False, "already_resolved", {"session": session_id})
        event = JournalEvent(
            "service.resolved", {"by": "technician", "state_name": session.state_name}
        )
        await self._repository.mark_resolved(session_id, event)
        return ActionResult(True, "resolved", {"session": session_id})

    async def refund(self, session_id: str, amount_ore: int) -> ActionResult:
        if self._vipps is None:
            return ActionResult(False, "vipps_not_configured")
        async with self._money:
            session = await self.session(session_id)
            operations = await self._repository.operations_for(session_id)
            plan = plan_refund(session, operations, amount_ore, currency=self._currency)
            reference = session.payment_reference
            assert reference is not None  # plan_refund refuses a session without a payment
            if not plan.resend:
                request = {"amount_ore": plan.amount_ore, "number": plan.number}
                await self._repository.record_operation(session_id, REFUND_KIND, plan.key, request)
            amount = {
                "amount_ore": str(plan.amount_ore),
                "session": session_id,
                "currency": self._currency,
            }
            try:
                answer = await self._vipps.epayment.refund(
                    reference, plan.amount_ore, idempotency_key=plan.key
                )
            except VippsError as error:
                if error.retryable:
                    await self._repository.record_outcome(
                        plan.key,
                        OperationStatus.PENDING,
                        error=str(error),
                        next_attempt_at=self._now() + PENDING_REFUND_RETRY,
                    )
                    return ActionResult(False, "refund_pending", amount)
                await self._repository.record_outcome(
                    plan.key, OperationStatus.FAILED, error=str(error)
                )
                return ActionResult(False, "refund_rejected", {"reason": str(error)})
            fresh = await self.session(session_id)
            update = SessionUpdate(
                state_name=fresh.state_name,
                state=fresh.state,
                refunded_ore=fresh.refunded_ore + plan.amount_ore,
            )
            outcome = {"refunded_ore": plan.amount_ore, "psp_reference": answer.psp_reference}
            await self._repository.record_outcome(
                plan.key, OperationStatus.SUCCEEDED, outcome=outcome, session_update=update
            )
            return ActionResult(True, "refund_done", amount)
