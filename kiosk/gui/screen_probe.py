"""Where every named, visible item of the kiosk window is, for tests that tap a real window.

With ``KIOSK_SCREEN_PROBE=/path/file.json`` in the environment, the window writes after each
drawn frame (at most every 100 ms) a JSON object ``{"items": [{"name", "x", "y", "width",
"height"}, ...]}`` of every visible item that has an ``objectName``, in window pixels. A test
driving the real X11 window (``tests/integration/test_real_window.py``) finds a button there and
taps it with xdotool; what the driver sees is still read from the pixels. Off unless the
variable is set; the file is replaced atomically. Raises nothing (a failed write is skipped).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QTimer
from PySide6.QtQuick import QQuickItem, QQuickWindow

PROBE_ENV = "KIOSK_SCREEN_PROBE"
_MIN_INTERVAL_S = 0.1


def visible_named_items(window: QQuickWindow) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    stack: list[QQuickItem] = [window.contentItem()]
    while stack:
        item = stack.pop()
        if not item.isVisible() or item.opacity() <= 0:
            continue
        name = item.objectName()
        if name:
            origin = item.mapToScene(QPointF(0, 0))
            found.append(
                {
                    "name": name,
                    "x": round(origin.x()),
                    "y": round(origin.y()),
                    "width": round(item.width()),
                    "height": round(item.height()),
                }
            )
        stack.extend(item.childItems())
    return found


class ScreenProbe(QObject):
    """Writes the window's named items to ``path`` after drawn frames. A frame within 100 ms
    of the last write is written when that time is up (the last frame of a transition may be
    the last frame drawn for a long time: the file must show it)."""

    def __init__(self, window: QQuickWindow, path: Path) -> None:
        super().__init__(window)
        self._window = window
        self._path = path
        self._last = -_MIN_INTERVAL_S
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._write)
        window.frameSwapped.connect(self._on_frame)

    def _on_frame(self) -> None:
        wait_s = self._last + _MIN_INTERVAL_S - time.monotonic()
        if wait_s <= 0:
            self._write()
        elif not self._pending.isActive():
            self._pending.start(max(1, math.ceil(wait_s * 1000)))

    def _write(self) -> None:
        self._pending.stop()
        self._last = time.monotonic()
        data = json.dumps({"items": visible_named_items(self._window)})
        with contextlib.suppress(OSError):
            scratch = self._path.with_suffix(".tmp")
            scratch.write_text(data, encoding="utf-8")
            scratch.replace(self._path)


def attach_probe(window: QQuickWindow) -> ScreenProbe | None:
    """A ``ScreenProbe`` when ``KIOSK_SCREEN_PROBE`` names a file, else None."""
    target = os.environ.get(PROBE_ENV)
    return ScreenProbe(window, Path(target)) if target else None
