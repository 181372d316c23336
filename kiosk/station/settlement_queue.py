"""The background settlement queue: sessions that settle away from their connector.

A session whose settlement waits for a retry (``SessionState.is_queued_settlement``: the
payment service did not answer) leaves its connector so the next driver can charge; a session
restored at boot while already ``SETTLING`` (or whose connector is gone or taken) starts here.
Runners in the queue are *detached* (no charger) and keep retrying with the core's back-off;
``retry_now`` sends them ``Rebooted``, which makes the core send the current step again with
the same idempotency key (when the payment service answers again, or a technician asks).
A queued session that reaches DONE / ENDED / ATTENTION leaves the queue for
``recently_settled`` and its runner is closed. Raises nothing.
"""

from __future__ import annotations

import collections
import logging
from collections.abc import Awaitable, Callable

from kiosk.core.events import Rebooted
from kiosk.core.state import TERMINAL_PHASES, SessionState
from kiosk.station.session_runner import SessionRunner

log = logging.getLogger(__name__)

RECENTLY_SETTLED_KEPT = 50

Spawn = Callable[[Awaitable[None], str], None]


class SettlementQueue:
    def __init__(self, spawn: Spawn) -> None:
        self._spawn = spawn
        self.runners: list[SessionRunner] = []
        self.recently_settled: collections.deque[SessionState] = collections.deque(
            maxlen=RECENTLY_SETTLED_KEPT
        )
        """Final states of queued settlements that completed (newest last)."""
        self.closing: list[SessionRunner] = []
        """Settled runners whose close is under way (the station closes them too when it
        closes first: its cancel may cut their close short)."""

    def __contains__(self, runner: object) -> bool:
        return runner in self.runners

    def add(self, runner: SessionRunner) -> None:
        """Take over ``runner`` (already detached from its charger, or never attached)."""
        self.runners.append(runner)

    def states(self) -> list[SessionState]:
        return [runner.state for runner in self.runners]

    def finish_if_settled(self, runner: SessionRunner) -> bool:
        """After a step of a queued ``runner``: drop it (and close it) once it has settled."""
        state = runner.state
        if runner not in self.runners or state.phase not in TERMINAL_PHASES:
            return False
        self.runners.remove(runner)
        self.recently_settled.append(state)
        self.closing.append(runner)
        self._spawn(self._close(runner), "close settled session")
        log.info("queued session %s settled (%s)", state.session_id, state.phase.value)
        return True

    async def _close(self, runner: SessionRunner) -> None:
        await runner.aclose()
        self.closing.remove(runner)


def retry_now(runners: list[SessionRunner], now_ms: int, session_id: str | None = None) -> bool:
    """Send every queued settlement among ``runners`` (only ``session_id``'s, when given) its
    current step again now; False if there was none."""
    found = False
    for runner in runners:
        state = runner.state
        if not state.is_queued_settlement:
            continue
        if session_id is not None and state.session_id != session_id:
            continue
        runner.post(Rebooted(now_ms))
        found = True
        if session_id is not None:
            break
    return found
