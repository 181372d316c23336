"""Step builders shared by the handler modules: endings, retries, the common charger updates.

Pure; nothing raises (the ``assert``s document invariants of phases that have a session).
"""

from __future__ import annotations

from dataclasses import replace

from .effects import Notice, Operation, WakeAt, idempotency_key
from .events import ChargerReading, ChargerUnreachable
from .state import (
    PERSIST,
    Phase,
    SessionState,
    Step,
    accept,
    backoff_ms,
    free_connector,
    lost_charger,
    observe,
)


def key(state: SessionState, operation: Operation) -> str:
    assert state.session_id is not None
    return idempotency_key(state.session_id, operation)


def ref(state: SessionState) -> str:
    assert state.reference is not None
    return state.reference


def on_reading(state: SessionState, event: ChargerReading) -> Step:
    """A snapshot in a phase where it only updates what we know of the charger."""
    return accept(observe(state, event))


def on_unreachable(state: SessionState, event: ChargerUnreachable) -> Step:
    return accept(lost_charger(state, event.now_ms))


def to_idle(state: SessionState, _event: object = None) -> Step:
    fresh = free_connector(state)
    return accept(fresh)


def ended(state: SessionState, now_ms: int, notice: Notice) -> Step:
    at_ms = now_ms + state.policy.done_timeout_ms
    done = replace(
        state,
        phase=Phase.ENDED,
        notice=notice,
        deadline_ms=at_ms,
        next_poll_ms=None,
        retry_at_ms=None,
        retry_count=0,
    )
    return accept(done, PERSIST, WakeAt(at_ms))


def schedule_retry(state: SessionState, now_ms: int) -> Step:
    at_ms = now_ms + backoff_ms(state)
    waiting = replace(state, retry_at_ms=at_ms, retry_count=state.retry_count + 1)
    return accept(waiting, PERSIST, WakeAt(at_ms))


def attention(state: SessionState, now_ms: int, reason: str) -> Step:
    at_ms = now_ms + state.policy.done_timeout_ms
    stuck = replace(
        state,
        phase=Phase.ATTENTION,
        attention_reason=reason,
        notice=Notice.NEEDS_ATTENTION,
        deadline_ms=at_ms,
        retry_at_ms=None,
    )
    return accept(stuck, PERSIST, WakeAt(at_ms))
