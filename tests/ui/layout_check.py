"""Looking at a rendered screen the way a tester would: clipped text, items off the window,
and words broken in the middle.

A QML ``Text`` with ``wrapMode: Text.Wrap`` breaks at spaces, and inside a word only when the
word alone is wider than the line ("Parkeringsgeb-/yr"); with ``WordWrap`` or ``NoWrap`` such a
word runs past the item's edge instead. Either way the word is wider than the item, which is
what :func:`broken_words` measures (with the font the item renders at; for a text that shrinks
to fit, at its smallest size, so only certain breaks are reported).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem

from kiosk.gui.viewmodels.translation import translations_dir

# Where a line may break: ordinary spaces and line breaks, not the no-break spaces that keep
# "kr 4,50" together.
_BREAKABLE_SPACE = re.compile(r"[ \t\n\u2028\u2029]+")
_FIXED_SIZE = 0  # QQuickText.FixedSize
_NO_WRAP = 0  # QQuickText.NoWrap
_TOLERANCE_PX = 1.0


@dataclass(frozen=True)
class VisibleText:
    text: str
    truncated: bool
    x: float
    y: float
    width: float
    height: float
    font: QFont
    wraps: bool
    fixed_size: bool


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


def _qml_int(item: QQuickItem, name: str) -> int:
    """An enum property read through QML (PySide cannot convert QQuickText's enums)."""
    value, failed = QQmlExpression(QQmlEngine.contextForObject(item), item, name).evaluate()
    assert not failed, name
    return int(value)


def visible_texts(root: QQuickItem) -> list[VisibleText]:
    texts: list[VisibleText] = []
    for item in visible_items(root):
        if not item.inherits("QQuickText"):
            continue
        text = str(item.property("text") or "")
        if not text or item.width() <= 0:
            continue
        top_left = item.mapToScene(QPointF(0, 0))
        font = QFont(item.property("font"))
        fixed_size = _qml_int(item, "fontSizeMode") == _FIXED_SIZE
        if not fixed_size:  # shrinks to fit: measure at the smallest size it may take
            font.setPixelSize(max(1, int(item.property("minimumPixelSize"))))
        texts.append(
            VisibleText(
                text=text,
                truncated=bool(item.property("truncated")),
                x=top_left.x(),
                y=top_left.y(),
                width=item.width(),
                height=item.height(),
                font=font,
                wraps=_qml_int(item, "wrapMode") != _NO_WRAP,
                fixed_size=fixed_size,
            )
        )
    return texts


def broken_words(text: VisibleText) -> list[str]:
    """The words of ``text`` wider than its item: broken mid-word, or running past its edge."""
    metrics = QFontMetricsF(text.font)
    limit = text.width + _TOLERANCE_PX
    if not text.wraps and not text.truncated:  # one line: all of it must fit
        lines = text.text.splitlines() or [text.text]
        return [line for line in lines if metrics.horizontalAdvance(line) > limit]
    words = [w for w in _BREAKABLE_SPACE.split(text.text) if w]
    return [w for w in words if metrics.horizontalAdvance(w) > limit]


def layout_problems(root: QQuickItem, width: int, height: int) -> list[str]:
    """Texts that are elided, cut off or break a word, and visible texts that leave the window."""
    problems: list[str] = []
    for t in visible_texts(root):
        if t.truncated:
            problems.append(f"truncated: {t.text!r}")
        for word in broken_words(t):
            problems.append(f"wider than its {t.width:.0f} px box (broken or cut): {word!r}")
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
