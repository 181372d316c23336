"""``kiosk sessions verify``: every session checked against the payment service's own record.

For each settled session that reserved money: GET the payment and its event log, then check
captured = the amount due, captured + cancelled = authorized, and at most one successful
capture (exactly one when something was captured). Unsettled sessions are listed as open,
not as mismatches - except those stopped in "attention" (the station gave up settling them):
they are checked like settled ones, so a capture that differs from the amount due is a mismatch.
Errors: ``kiosk.payments.errors.VippsError`` for a payment that cannot be read is reported as a
problem of that session (the check goes on).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.payments.client import VippsClient
from kiosk.payments.errors import VippsError, VippsNotFound
from kiosk.payments.models import EventName
from kiosk.persistence import Repository, SessionRecord


@dataclass(frozen=True, slots=True)
class SessionCheck:
    session_id: str
    reference: str | None
    problems: tuple[str, ...] = ()
    open: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


async def check_session(record: SessionRecord, vipps: VippsClient) -> SessionCheck:
    reference = record.payment_reference
    if reference is None:
        return SessionCheck(record.id, None)
    if record.settled_at is None and record.state_name != "attention":
        return SessionCheck(record.id, reference, open=True)
    try:
        payment = await vipps.epayment.get(reference)
        events = await vipps.epayment.events(reference)
    except VippsNotFound:
        if record.captured_ore or record.authorized_ore:
            return SessionCheck(record.id, reference, ("the payment service has no payment",))
        return SessionCheck(record.id, reference)
    except VippsError as error:
        return SessionCheck(record.id, reference, (f"cannot read the payment: {error}",))
    problems: list[str] = []
    due = record.amount_due_ore or 0
    captures = [e for e in events if e.name is EventName.CAPTURED and e.success]
    if payment.captured_ore != due:
        problems.append(f"captured {payment.captured_ore} øre, due {due} øre")
    if payment.authorized_ore and payment.remaining_ore != 0:
        problems.append(
            f"captured {payment.captured_ore} + cancelled {payment.cancelled_ore}"
            f" != authorized {payment.authorized_ore} øre"
        )
    if len(captures) > 1 or (payment.captured_ore and len(captures) != 1):
        problems.append(f"{len(captures)} captures")
    if payment.captured_ore != record.captured_ore:
        problems.append(
            f"the station recorded {record.captured_ore} øre captured, the payment shows "
            f"{payment.captured_ore}"
        )
    return SessionCheck(record.id, reference, tuple(problems))


async def verify_sessions(repository: Repository, vipps: VippsClient) -> list[SessionCheck]:
    return [await check_session(record, vipps) for record in await repository.sessions_between()]
