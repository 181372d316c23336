"""Retry back-off: doubling, capped, with a jitter fixed per session and attempt."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.state import SessionState, backoff_ms, idle_state


def _at(state: SessionState, session_id: str, retry_count: int) -> int:
    return backoff_ms(replace(state, session_id=session_id, retry_count=retry_count))


def test_each_delay_is_between_half_and_all_of_the_doubled_delay() -> None:
    state = idle_state("1")
    initial, cap = state.policy.retry_initial_ms, state.policy.retry_max_ms
    for retry_count in range(0, 40):
        full = min(cap, initial << min(retry_count, 30))
        for n in range(50):
            assert full // 2 <= _at(state, f"session-{n}", retry_count) <= full


def test_the_delay_is_the_same_for_the_same_session_and_attempt() -> None:
    state = idle_state("1")
    assert _at(state, "abc", 3) == _at(state, "abc", 3)


def test_a_fleet_of_sessions_does_not_come_back_in_the_same_second() -> None:
    state = idle_state("1")
    capped = 30  # every session at the longest delay, e.g. after a long outage
    delays_s = {_at(state, f"station-{n}-session", capped) // 1000 for n in range(200)}
    full_s = min(state.policy.retry_max_ms, state.policy.retry_initial_ms << capped) // 1000
    # spread over the upper half of the delay, not one instant
    assert len(delays_s) >= min(50, full_s // 2)
