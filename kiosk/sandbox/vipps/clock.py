"""Time for the emulator: the wall clock in production, a hand-driven clock in tests.

Only expiry, token lifetime, deadlines and timestamps read it; the emulator never sleeps on it
(the background ticker sleeps in real time and then asks the clock what time it is).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start if start is not None else datetime(2026, 1, 19, 12, 0, tzinfo=UTC)
        if self._now.tzinfo is None:
            raise ValueError("start must be timezone-aware")

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> datetime:
        self._now += timedelta(seconds=seconds)
        return self._now
