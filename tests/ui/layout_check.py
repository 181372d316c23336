"""Looking at a rendered screen the way a tester would: clipped text, items off the window."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem

from kiosk.viewmodels.translation import translations_dir


@dataclass(frozen=True)
class VisibleText:
    text: str
    truncated: bool
    x: float
    y: float
    width: float
    height: float


def visible_items(root: QQuickItem) -> list[QQuickItem]:
    found: list[QQuickItem] = []
    stack = [root]
    while stack:
        item = stack.pop()
        if not item.isVisible() or item.opacity() == 0:
            continue
        found.append(item)
        stack.extend(item.childItems())
    return found


def visible_texts(root: QQuickItem) -> list[VisibleText]:
    texts: list[VisibleText] = []
    for item in visible_items(root):
        if not item.inherits("QQuickText"):
            continue
        text = str(item.property("text") or "")
        if not text or item.width() <= 0:
            continue
        top_left = item.mapToScene(QPointF(0, 0))
        texts.append(
            VisibleText(
                text=text,
                truncated=bool(item.property("truncated")),
                x=top_left.x(),
                y=top_left.y(),
                width=item.width(),
                height=item.height(),
            )
        )
    return texts


def layout_problems(root: QQuickItem, width: int, height: int) -> list[str]:
    """Texts that are elided or cut off, and visible texts that leave the window."""
    problems: list[str] = []
    for t in visible_texts(root):
        if t.truncated:
            problems.append(f"truncated: {t.text!r}")
        if t.x < -1 or t.y < -1 or t.x + t.width > width + 1 or t.y + t.height > height + 1:
            problems.append(f"outside the window: {t.text!r} at {t.x:.0f},{t.y:.0f}")
    return problems


def changed_sources(language: str) -> dict[str, str]:
    """English source -> translation, for strings the language spells differently."""
    path = Path(translations_dir()) / f"kiosk_{language}.ts"
    tree = ET.parse(path)
    pairs: dict[str, str] = {}
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        if translation and translation != source:
            pairs[source] = translation
    return pairs
