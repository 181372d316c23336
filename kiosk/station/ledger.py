"""What the controller writes ahead: session steps and payment operations (a small Protocol).

The controller commits a step (the new ``SessionState`` and the event that made it) before it
runs the step's effects, and records each state-changing payment call (kind, idempotency key,
request) before it is sent and its outcome after. ``RepositoryLedger`` (``adapters.py``) keeps
all of it in ``kiosk.persistence``; tests may use an in-memory fake.

Errors: implementations raise ``kiosk.persistence.errors.PersistenceError`` (or a subclass);
the controller retries a failed commit and never runs the effects of an uncommitted step.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Protocol

from kiosk.core.events import Event
from kiosk.core.state import Phase, SessionState

FINISHED_PHASES = frozenset({Phase.DONE, Phase.ENDED})
"""A session in these phases is settled (or never took money): nothing more to do."""
RESTORABLE_PHASES = frozenset(
    {
        Phase.CREATING_PAYMENT,
        Phase.AWAITING_APPROVAL,
        Phase.CANCELLING_PAYMENT,
        Phase.WAITING_FOR_PLUG,
        Phase.CHARGING,
        Phase.CAR_PAUSED,
        Phase.STOPPING,
        Phase.SETTLING,
        Phase.RECOVERING,
    }
)
"""Phases a stored session is restored in at boot (ATTENTION waits for a person instead)."""


class OperationResult(StrEnum):
    SUCCEEDED = "succeeded"
    RETRY = "retry"
    """A temporary failure: the same request (same key) will be sent again."""
    FAILED = "failed"


class Ledger(Protocol):
    async def save_step(self, state: SessionState, event: Event) -> None:
        """Commit ``state`` (and journal ``event``) durably; the state has a session id."""
        ...

    async def load_unfinished(self) -> list[SessionState]:
        """Every stored session whose phase is in ``RESTORABLE_PHASES``, oldest first."""
        ...

    async def record_operation(
        self, session_id: str, kind: str, idempotency_key: str, request: dict[str, Any]
    ) -> None:
        """Write-ahead: the payment call is recorded before it is sent (same key: no-op)."""
        ...

    async def record_outcome(
        self, idempotency_key: str, result: OperationResult, outcome: dict[str, Any]
    ) -> None: ...
