"""A Qt timer that records its own lateness: the longest stall of the event loop.

``StallTimer`` fires every ``interval_ms`` (a ``Qt.PreciseTimer``) and records by how much
each tick came late. A tick that is late by ``L`` ms means the loop was busy (blocked) for
about ``L`` ms: a frame due in that time could not be drawn. ``label`` tags the samples with
what was going on (e.g. the screen shown), so the worst stalls can be attributed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer


class StallTimer:
    def __init__(self, interval_ms: int = 4, label: Callable[[], str] = lambda: "") -> None:
        self.interval_s = interval_ms / 1000.0
        self.lateness_s: list[float] = []
        self.worst: list[tuple[float, str]] = []
        self._label = label
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        late = max(0.0, now - self._last - self.interval_s)
        self._last = now
        self.lateness_s.append(late)
        if late > 0.008:
            self.worst.append((late, self._label()))

    def result(self) -> dict[str, object]:
        ordered = sorted(self.lateness_s)
        worst = sorted(self.worst, reverse=True)[:10]
        return {
            "ticks": len(ordered),
            "max_s": ordered[-1] if ordered else None,
            "p99_s": ordered[int(0.99 * (len(ordered) - 1))] if ordered else None,
            "over_16ms": sum(1 for x in ordered if x > 0.016),
            "worst": [[round(late * 1000, 1), label] for late, label in worst],
        }
