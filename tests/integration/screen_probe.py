"""Reading the real kiosk window from a test running on its qasync loop (not a test module)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtQuick import QQuickItem

from kiosk.gui.qml_engine import KioskUi


def visible_item(ui: KioskUi, name: str) -> QQuickItem | None:
    """The visible item with this objectName (Repeater delegates included), or None."""
    stack: list[QQuickItem] = [ui.window.contentItem()]
    while stack:
        item = stack.pop()
        if item.objectName() == name and item.isVisible():
            return item
        stack.extend(item.childItems())
    return None


async def until(what: str, predicate: Callable[[], bool], timeout_s: float = 15) -> None:
    """Wait (letting the loop run) until ``predicate()`` holds; fail naming ``what``."""
    try:
        async with asyncio.timeout(timeout_s):
            while not predicate():
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {what}") from None
