"""The core's ``Ledger`` port over ``kiosk.persistence.Repository``: session rows, journal,
meter readings.

Each step is one ``update_session`` (or ``create_session`` for a new session) with the core's
state as JSON and the event in the hash-chained journal, in one transaction. While a session is
metered, a persisted step whose counter moved also adds a meter reading. The step that saw the
meter reset, wrap or be replaced mid-session is journalled as ``meter.reset`` (with the energy of
the closed segments and the new segment's start counter). DONE / ENDED set
``settled_at``; ATTENTION stays unsettled (it shows in the settlement queue for a person).
Errors: ``kiosk.persistence.errors.PersistenceError`` and its subclasses, unchanged (a
``PersistenceError`` is the port's ``LedgerError``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kiosk.core.codec import CodecError, decode_state, encode
from kiosk.core.events import ChargerReading, Event
from kiosk.core.ports import OperationResult
from kiosk.core.state import RESTORABLE_PHASES, SETTLED_PHASES, Phase, SessionState
from kiosk.persistence import JournalEvent, OperationStatus, Repository, SessionUpdate

_METERED = frozenset({Phase.CHARGING, Phase.CAR_PAUSED, Phase.STOPPING})
_STATUS = {
    OperationResult.SUCCEEDED: OperationStatus.SUCCEEDED,
    OperationResult.FAILED: OperationStatus.FAILED,
}


def utc(ms: int | None) -> datetime | None:
    return None if ms is None else datetime.fromtimestamp(ms / 1000, UTC)


def session_update(state: SessionState, now: datetime) -> SessionUpdate:
    measured = state.measured
    due = state.amount_due
    return SessionUpdate(
        state_name=state.phase.value,
        state=encode(state),
        tariff=encode(state.tariff) if state.tariff is not None else None,
        budget_ore=state.budget_ore or None,
        meter_start_wh=state.meter_start_wh,
        meter_last_wh=state.last_meter_wh if state.meter_start_wh is not None else None,
        meter_stop_wh=state.last_meter_wh if measured is not None else None,
        energy_wh=measured.energy_wh if measured is not None else None,
        amount_due_ore=due.total_ore if due is not None else None,
        authorized_ore=state.authorized_ore,
        captured_ore=state.captured_ore,
        cancelled_ore=state.cancelled_ore,
        payment_reference=state.reference,
        stop_reason=state.stop_reason.value if state.stop_reason is not None else None,
        started_at=utc(state.charging_started_ms),
        stopped_at=utc(state.stopped_ms),
        settled_at=now if state.phase in SETTLED_PHASES else None,
    )


class DatabaseLedger:
    """The station's write-ahead ledger in the database."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self._known: set[str] = set()
        self._meter_written: dict[str, int] = {}

    async def save_step(self, state: SessionState, event: Event) -> None:
        session_id = state.session_id
        if session_id is None:
            raise ValueError("only a state with a session is saved")
        update = session_update(state, datetime.now(UTC))
        journal = JournalEvent(
            f"step.{type(event).__name__}", {"phase": state.phase.value, "event": encode(event)}
        )
        if isinstance(event, ChargerReading) and state.meter_reset_ms == event.now_ms:
            journal = JournalEvent(
                "meter.reset",
                {
                    "phase": state.phase.value,
                    "event": encode(event),
                    "resets": state.meter_resets,
                    "energy_before_wh": state.energy_before_wh,
                    "segment_start_wh": state.meter_start_wh,
                },
            )
        if session_id not in self._known:
            existing = await self.repository.get_session(session_id)
            if existing is None:
                await self.repository.create_session(
                    session_id, int(state.connector_id), update, journal
                )
            else:
                await self.repository.update_session(session_id, update, journal)
            self._known.add(session_id)
        else:
            await self.repository.update_session(session_id, update, journal)
        await self._meter(state)
        if state.phase in SETTLED_PHASES:
            self._known.discard(session_id)
            self._meter_written.pop(session_id, None)

    async def _meter(self, state: SessionState) -> None:
        session_id, meter_wh = state.session_id, state.last_meter_wh
        if session_id is None or meter_wh is None or state.phase not in _METERED:
            return
        if self._meter_written.get(session_id) == meter_wh:
            return
        taken_at = utc(state.last_meter_ms) or datetime.now(UTC)
        await self.repository.add_meter_reading(session_id, taken_at, meter_wh, state.power_w)
        self._meter_written[session_id] = meter_wh

    async def load_unfinished(self) -> list[SessionState]:
        states: list[SessionState] = []
        for record in await self.repository.unfinished_sessions():
            try:
                state = decode_state(record.state)
            except CodecError:
                continue  # not restorable by the core; stays in the queue for a person
            if state.phase in RESTORABLE_PHASES:
                states.append(state)
                self._known.add(record.id)
        return states

    async def record_operation(
        self, session_id: str, kind: str, idempotency_key: str, request: dict[str, Any]
    ) -> None:
        await self.repository.record_operation(session_id, kind, idempotency_key, request)

    async def record_outcome(
        self, idempotency_key: str, result: OperationResult, outcome: dict[str, Any]
    ) -> None:
        status = _STATUS.get(result, OperationStatus.PENDING)
        next_attempt = datetime.now(UTC) if status is OperationStatus.PENDING else None
        error = outcome.get("error") if result is not OperationResult.SUCCEEDED else None
        await self.repository.record_outcome(
            idempotency_key,
            status,
            outcome=outcome,
            error=str(error) if error is not None else None,
            next_attempt_at=next_attempt,
        )
