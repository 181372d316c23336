"""The screen probe (``kiosk.gui.screen_probe``) writes the window's last frame, also when it
came within 100 ms of the one before and nothing is drawn after it."""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.gui.screen_probe import ScreenProbe

QML = b"""
import QtQuick
Window {
    width: 200; height: 100; visible: true
    Rectangle { objectName: "button"; width: 50; height: 20; color: "red" }
}
"""


def _items(path: Path) -> dict[str, int]:
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
    except (OSError, ValueError):
        return {}
    return {item["name"]: item["width"] for item in items}


def test_the_last_frame_is_written_even_within_the_interval(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(QByteArray(QML), QUrl())
    window = component.create()
    assert isinstance(window, QQuickWindow), component.errorString()
    try:
        path = tmp_path / "probe.json"
        ScreenProbe(window, path)
        window.update()
        qtbot.waitUntil(lambda: _items(path).get("button") == 50, timeout=5000)
        button = window.contentItem().childItems()[0]
        assert isinstance(button, QQuickItem)
        swapped: list[float] = []
        window.frameSwapped.connect(lambda: swapped.append(time.monotonic()))
        button.setWidth(80)  # one more frame, right after the write: within its 100 ms
        qtbot.waitUntil(lambda: bool(swapped), timeout=5000)
        qtbot.waitUntil(lambda: _items(path).get("button") == 80, timeout=2000)
    finally:
        window.destroy()
        del engine
