"""The simulator's notion of time: an injectable clock that can run faster than real time.

Everything in the simulated world (car physics, meters, watchdog countdowns) reads
``SimClock.now_s()``; transport effects (slow answers, reconnect delays) stay in real time.
``ScaledClock`` follows the monotonic clock multiplied by a speed factor that can change at
any moment without a jump; ``ManualClock`` only moves when a test advances it.

Errors: ``ValueError`` for a speed factor that is not a positive finite number.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Protocol


class SimClock(Protocol):
    """A monotonic clock in simulated seconds."""

    def now_s(self) -> float: ...

    @property
    def speed(self) -> float: ...

    def set_speed(self, factor: float) -> None: ...


def _checked_speed(factor: float) -> float:
    if not math.isfinite(factor) or factor <= 0:
        raise ValueError(f"speed factor must be a positive number, not {factor!r}")
    return float(factor)


class ScaledClock:
    """Real monotonic time times ``speed``; changing the speed keeps the time continuous."""

    def __init__(self, speed: float = 1.0, source_s: Callable[[], float] = time.monotonic) -> None:
        self._source_s = source_s
        self._speed = _checked_speed(speed)
        self._base_real_s = source_s()
        self._base_sim_s = 0.0

    def now_s(self) -> float:
        return self._base_sim_s + (self._source_s() - self._base_real_s) * self._speed

    @property
    def speed(self) -> float:
        return self._speed

    def set_speed(self, factor: float) -> None:
        speed = _checked_speed(factor)
        self._base_sim_s = self.now_s()
        self._base_real_s = self._source_s()
        self._speed = speed


class ManualClock:
    """A clock for tests: time stands still until ``advance`` moves it."""

    def __init__(self, start_s: float = 0.0) -> None:
        self._now_s = start_s
        self._speed = 1.0

    def now_s(self) -> float:
        return self._now_s

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot run backwards")
        self._now_s += seconds

    @property
    def speed(self) -> float:
        return self._speed

    def set_speed(self, factor: float) -> None:
        # The speed is recorded (the control API reports it) but a manual clock has no rate.
        self._speed = _checked_speed(factor)
