"""The shared screen with 2-4 connectors: the connector bar on every lane's screen.

Another lane is one tap away from every screen of the lane in focus (its chip says what that
lane is doing), a tap on the focused lane shows the overview, only one payment QR is ever drawn,
the QR's screen names its connector, and every lane screen fits 800x480, 1280x800 and 800x1280
in Norwegian and English with 2, 3 and 4 connectors."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.gui.qml_engine import KioskUi
from kiosk.sandbox.preview.fake_station import FakeStation, scene
from kiosk.station.snapshot import Screen

from .conftest import QtMessages, UiFactory
from .layout_check import layout_problems, visible_texts

SIZES = ((800, 480), (1280, 800), (800, 1280))
LANE_SCREENS = ("budget", "pay", "plug_in", "charging", "stopping", "done", "declined")


def _visible(ui: KioskUi, name: str) -> list[QQuickItem]:
    found: list[QQuickItem] = []
    stack: list[QQuickItem] = [ui.window.contentItem()]
    while stack:
        item = stack.pop()
        if not item.isVisible():
            continue
        if item.objectName() == name:
            found.append(item)
        stack.extend(item.childItems())
    return found


def _tap_visible(ui: KioskUi, name: str) -> None:
    (item,) = _visible(ui, name)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    ui.settle()


def _texts(ui: KioskUi) -> set[str]:
    return {t.text for t in visible_texts(ui.window.contentItem())}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_another_lane_is_one_tap_away_while_a_driver_pays(
    make_ui: UiFactory, size: tuple[int, int]
) -> None:
    fake = FakeStation(scene("pay", connector_count=3, language="en"))
    ui = make_ui(fake, size)
    assert len(_visible(ui, "paymentQr")) == 1
    texts = _texts(ui)
    assert "Payment in progress" in texts
    assert any(text.startswith("Charging · 12.35") for text in texts), texts
    for lane in (1, 2, 3):
        assert len(_visible(ui, f"lane_{lane}")) == 1, lane
    _tap_visible(ui, "lane_3")
    assert fake.calls[-1] == ("select_connector", 3)
    assert fake.snapshot.focused_connector_id == 3
    _tap_visible(ui, "lane_3")  # the lane in focus: back to the overview
    assert fake.calls[-1] == ("show_overview",)
    assert fake.touches >= 2  # every tap also counts as a touch


def test_one_connector_has_no_bar_and_the_qr_screen_names_its_connector(
    make_ui: UiFactory,
) -> None:
    snapshot = scene("pay", connector_count=1, language="en")
    labelled = dataclasses.replace(snapshot.connectors[0], label="B", colour="#1E88E5")
    fake = FakeStation(dataclasses.replace(snapshot, connectors=(labelled,)))
    ui = make_ui(fake, (800, 480))
    assert _visible(ui, "lane_1") == []
    (badge,) = _visible(ui, "connectorBadge")
    assert badge.property("color").name().upper() == "#1E88E5"
    assert {"B", labelled.name} <= _texts(ui)


def test_only_the_focused_lane_shows_a_payment_qr_when_two_lanes_pay(
    make_ui: UiFactory,
) -> None:
    snapshot = scene("pay", connector_count=2, language="en")
    second = dataclasses.replace(snapshot.connectors[1], screen=Screen.PAY, qr_text="https://b")
    fake = FakeStation(dataclasses.replace(snapshot, connectors=(snapshot.connectors[0], second)))
    ui = make_ui(fake, (1280, 800))
    assert len(_visible(ui, "paymentQr")) == 1
    assert "Payment in progress" in _texts(ui)


@pytest.mark.parametrize("connectors", [2, 3, 4])
@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_lane_screen_fits_with_its_bar(
    make_ui: UiFactory,
    qt_messages: QtMessages,
    size: tuple[int, int],
    language: str,
    connectors: int,
) -> None:
    fake = FakeStation(scene("idle", connector_count=connectors, language=language))
    ui = make_ui(fake, size)
    problems: list[str] = []
    for name in LANE_SCREENS:
        fake.publish(scene(name, connector_count=connectors, language=language))
        ui.settle()
        assert qt_messages.take() == [], name
        for lane in range(1, connectors + 1):
            assert len(_visible(ui, f"lane_{lane}")) == 1, (name, lane)
        content = ui.window.contentItem()
        problems += [f"{name}: {p}" for p in layout_problems(content, *size)]
    assert problems == []
