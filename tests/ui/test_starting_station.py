"""The first second after boot: a neutral "Starting…" on every tile, nothing to tap, no alarm;
then the real station takes over the same window."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.gui.qml_engine import KioskUi
from kiosk.sandbox.preview.fake_station import FakeStation, base_station
from kiosk.station.snapshot import Screen
from kiosk.station.starting_station import StartingStation, waiting_snapshot

from .conftest import SCREENSHOTS, UiFactory
from .layout_check import layout_problems, visible_texts

ALARMS_NB = ("Betaling utilgjengelig", "Ingen nye betalinger akkurat nå")


def _texts(ui: KioskUi) -> set[str]:
    return {t.text for t in visible_texts(ui.window.contentItem())}


def _tap_tile(ui: KioskUi, connector_id: int) -> None:
    stack: list[QQuickItem] = [ui.window.contentItem()]
    while stack:
        item = stack.pop()
        if item.objectName() == f"tile_{connector_id}":
            centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
            QTest.mouseClick(
                ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
            )
            ui.settle()
            return
        stack.extend(item.childItems())
    raise AssertionError(f"no tile {connector_id}")


def test_waiting_snapshot_shows_every_connector_starting() -> None:
    template = dataclasses.replace(base_station(2), focused_connector_id=1)
    waiting = waiting_snapshot(template)
    assert [c.screen for c in waiting.connectors] == [Screen.STARTING, Screen.STARTING]
    assert [c.name for c in waiting.connectors] == ["Kontakt A", "Kontakt B"]
    assert waiting.payment_available is False
    assert waiting.focused_connector_id is None


def test_taps_wait_for_the_station_then_go_to_it() -> None:
    starting = StartingStation(waiting_snapshot(base_station(1)))
    seen: list[Screen] = []
    starting.subscribe(lambda s: seen.append(s.connectors[0].screen))
    starting.select_connector(1)
    starting.choose_budget(1, 20000)
    assert seen == [Screen.STARTING]

    station = FakeStation(base_station(1))
    starting.attach(station)
    assert seen[1:] == [Screen.IDLE]
    starting.select_connector(1)
    assert station.calls == [("select_connector", 1)]
    assert seen[-1] == Screen.BUDGET
    starting.detach()
    with pytest.raises(RuntimeError):
        starting.attach(station)


def test_language_switch_while_starting() -> None:
    starting = StartingStation(waiting_snapshot(base_station(1)))
    languages: list[str] = []
    starting.subscribe(lambda s: languages.append(s.language))
    starting.set_language("en")
    starting.set_language("xx")
    assert languages == ["nb", "en"]


@pytest.mark.parametrize("size", [(800, 480), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("connectors", [1, 4])
def test_the_screen_says_starting_and_nothing_alarming(
    make_ui: UiFactory, size: tuple[int, int], connectors: int
) -> None:
    fake = FakeStation(waiting_snapshot(base_station(connectors)))
    ui = make_ui(fake, size)
    screen = ui.screen_item()
    assert screen is not None
    assert screen.objectName() == "IdleScreen"
    texts = _texts(ui)
    assert "Starter…" in texts
    assert "Klar om et øyeblikk" in texts
    assert not [t for t in texts if any(a in t for a in ALARMS_NB) or "⚠" in t]
    assert layout_problems(ui.window.contentItem(), *size) == []
    folder = SCREENSHOTS / f"{size[0]}x{size[1]}" / "nb"
    folder.mkdir(parents=True, exist_ok=True)
    assert ui.grab().save(str(folder / f"starting_{connectors}.png"))

    _tap_tile(ui, 1)
    assert fake.calls == []  # a starting tile cannot be tapped

    fake.publish(base_station(connectors))  # the real station has taken over
    ui.settle()
    assert "Starter…" not in _texts(ui)
    _tap_tile(ui, 1)
    assert fake.calls == [("select_connector", 1)]


def test_the_view_models_say_starting(make_ui: UiFactory) -> None:
    fake = FakeStation(waiting_snapshot(base_station(2)))
    ui = make_ui(fake)
    assert ui.station.value("starting") is True
    assert ui.station.value("paymentAvailable") is False
    assert [vm.value("tileState") for vm in ui.station.connector_view_models] == [
        "starting",
        "starting",
    ]
    fake.publish(base_station(2))
    ui.settle()
    assert ui.station.value("starting") is False
