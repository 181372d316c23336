"""The sessions page: recent sessions with their payment state, the settlement queue with next
attempt times, and the actions (retry settlement, refund part or all, mark resolved).

The refund amount is typed like on a till: digits fill from the right in øre (1, 2, 5 -> kr
1,25). The amount is checked by the service (``kiosk.service.refund``), not here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, Signal, Slot

from kiosk.core.number_format import NumberFormat
from kiosk.gui.viewmodels.qml_module import qml_view_model
from kiosk.gui.viewmodels.service_page import ServicePage
from kiosk.gui.viewmodels.service_text import local_time, money_or_dash, payment_state_text
from kiosk.service.control import QueueLine, SessionLine

MAX_AMOUNT_DIGITS = 9
RECENT = 30


def session_item(s: SessionLine, fmt: NumberFormat) -> dict[str, Any]:
    return {
        "sessionId": s.session_id,
        "connectorId": s.connector_id,
        "when": local_time(s.created_at),
        "stateName": s.state_name,
        "paymentState": payment_state_text(s.payment_state),
        "energy": "–" if s.energy_wh is None else fmt.energy(s.energy_wh),
        "authorized": fmt.money(s.authorized_ore),
        "due": money_or_dash(fmt, s.amount_due_ore),
        "captured": fmt.money(s.captured_ore),
        "refunded": fmt.money(s.refunded_ore),
        "refundable": fmt.money(s.refundable_ore),
        "refundableOre": s.refundable_ore,
        "testCharge": s.test_charge,
        "queued": s.queued,
        "resolved": s.resolved,
    }


def queue_item(q: QueueLine, fmt: NumberFormat) -> dict[str, Any]:
    operations = [
        f"{op.kind} ×{op.attempts}" + (f": {op.last_error}" if op.last_error else "")
        for op in q.operations
    ]
    return {
        "sessionId": q.session_id,
        "connectorId": q.connector_id,
        "stopped": local_time(q.stopped_at),
        "due": money_or_dash(fmt, q.amount_due_ore),
        "nextAttempt": local_time(q.next_attempt_at),
        "operations": "; ".join(operations),
    }


@qml_view_model
class ServiceSessionsViewModel(ServicePage):
    changed = Signal()
    message = Property(str, ServicePage._get_message, notify=changed)
    ok = Property(bool, ServicePage._get_ok, notify=changed)
    working = Property(bool, ServicePage._get_working, notify=changed)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._sessions: list[SessionLine] = []
        self._queue: list[QueueLine] = []
        self._selected = ""
        self._digits = ""

    def refresh(self) -> None:
        self._tasks.spawn(self._load(), "sessions")

    async def _load(self) -> None:
        self._working += 1
        self.changed.emit()
        try:
            self._sessions = await self._control.recent_sessions(RECENT)
            self._queue = await self._control.settlement_queue()
        finally:
            self._working -= 1
            self.changed.emit()

    def _selected_line(self) -> SessionLine | None:
        return next((s for s in self._sessions if s.session_id == self._selected), None)

    def _get_sessions(self) -> list[dict[str, Any]]:
        return [session_item(s, self._fmt) for s in self._sessions]

    def _get_queue(self) -> list[dict[str, Any]]:
        return [queue_item(q, self._fmt) for q in self._queue]

    def _get_selected(self) -> dict[str, Any]:
        line = self._selected_line()
        return session_item(line, self._fmt) if line is not None else {}

    def _get_refund_text(self) -> str:
        return self._fmt.money(int(self._digits or "0"))

    sessions = Property(list, _get_sessions, notify=changed)
    queue = Property(list, _get_queue, notify=changed)
    selected = Property(dict, _get_selected, notify=changed)
    refundText = Property(str, _get_refund_text, notify=changed)

    @Slot(str)
    def select(self, session_id: str) -> None:
        self._selected = session_id
        self._digits = ""
        self._result = None
        self.changed.emit()

    @Slot(int)
    def amountDigit(self, value: int) -> None:
        if len(self._digits) < MAX_AMOUNT_DIGITS and (self._digits or value):
            self._digits += str(value % 10)
            self.changed.emit()

    @Slot()
    def amountBackspace(self) -> None:
        self._digits = self._digits[:-1]
        self.changed.emit()

    @Slot()
    def amountAll(self) -> None:
        line = self._selected_line()
        self._digits = str(line.refundable_ore) if line is not None and line.refundable_ore else ""
        self.changed.emit()

    @Slot()
    def refund(self) -> None:
        session_id, amount_ore = self._selected, int(self._digits or "0")
        self._digits = ""
        self._act("refund", lambda: self._control.refund(session_id, amount_ore))

    @Slot(str)
    def retry(self, session_id: str) -> None:
        self._act("retry", lambda: self._control.retry_settlement(session_id))

    @Slot(str)
    def resolve(self, session_id: str) -> None:
        self._act("resolve", lambda: self._control.mark_resolved(session_id))
