"""The controller's clock: wall-clock Unix milliseconds, injected so tests can steer time.

Events carry ``now_ms`` from here (ADR 0001: the core reads no clock). Timers sleep on the
event loop for the difference between a ``WakeAt`` time and ``now_ms()``. Raises nothing.
"""

from __future__ import annotations

import time
from typing import Protocol


class WallClock(Protocol):
    def now_ms(self) -> int:
        """Unix epoch milliseconds (meaningful across a restart)."""
        ...


class SystemClock:
    """The real wall clock."""

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000
