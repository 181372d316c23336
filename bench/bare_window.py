"""The reference window: a bare Qt Quick window that shows one text and one image.

Run as a child process by ``bench/ui_figures.py``::

    python -m bench.bare_window IMAGE [--stall-s SECONDS]

It prints ``FIRST_FRAME <time.monotonic()>`` after the first frame is swapped (the parent
took ``time.monotonic()`` just before spawning it; CLOCK_MONOTONIC is system-wide), then
idles until killed. With ``--stall-s`` it runs a ``StallTimer`` for that long, prints
``STALL <json>`` and exits.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

QML = b"""
import QtQuick
import QtQuick.Window
Window {
    width: 1280; height: 800; visible: true; color: "#10243e"
    property url imageSource
    Text { x: 40; y: 40; text: "Ladeskjerm"; font.pixelSize: 48; color: "white" }
    Image { x: 40; y: 140; source: imageSource }
}
"""


def main() -> int:
    image = sys.argv[1]
    stall_s = float(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--stall-s" else None
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.setInitialProperties({"imageSource": QUrl.fromLocalFile(image)})
    engine.loadData(QML)
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    shown: list[float] = []

    def first_frame() -> None:
        if not shown:
            shown.append(time.monotonic())
            print(f"FIRST_FRAME {shown[0]:.6f}", flush=True)
            if stall_s is not None:
                start_stall()

    def start_stall() -> None:
        from bench.stall_timer import StallTimer

        assert stall_s is not None
        timer = StallTimer()
        timer.start()

        def finish() -> None:
            timer.stop()
            print("STALL " + json.dumps(timer.result()), flush=True)
            app.quit()

        QTimer.singleShot(int(stall_s * 1000), finish)
        keep.append(timer)

    keep: list[object] = []
    window.frameSwapped.connect(first_frame)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
