"""The operator's message on the idle screen (OCPP SetDisplayMessage): a banner with the text,
hidden without one, taking turns when there are several."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.gui.viewmodels.station_vm import StationViewModel
from kiosk.sandbox.preview.fake_station import FakeStation, base_station, scene

from .conftest import UiFactory
from .layout_check import layout_problems, visible_texts


def _banner_texts(ui: object) -> list[str]:
    content = ui.window.contentItem()  # type: ignore[attr-defined]
    return [
        t.text for t in visible_texts(content) if "vedlikehold" in t.text or "Velkommen" in t.text
    ]


@pytest.mark.parametrize(
    ("size", "connectors"),
    [((800, 480), 1), ((1280, 800), 4), ((800, 1280), 4), ((800, 480), 4)],
)
def test_the_banner_shows_the_message_and_fits(
    make_ui: UiFactory, size: tuple[int, int], connectors: int
) -> None:
    snapshot = scene("idle_operator_message", connector_count=connectors, language="nb")
    ui = make_ui(snapshot, size)
    assert ui.screen_item().objectName() == "IdleScreen"
    (shown,) = _banner_texts(ui)
    assert shown == snapshot.operator_messages[0]
    assert layout_problems(ui.window.contentItem(), *size) == []


def test_a_long_message_is_cut_to_the_banner_and_pushes_nothing_out(make_ui: UiFactory) -> None:
    long = "Lang melding " + "med mange ord " * 36  # 512 characters, OCPP's most
    snapshot = dataclasses.replace(base_station(4), operator_messages=(long[:512],))
    for size in ((800, 480), (800, 1280)):
        ui = make_ui(snapshot, size)
        (banner,) = [t for t in visible_texts(ui.window.contentItem()) if t.text == long[:512]]
        assert banner.truncated
        assert banner.height < size[1] / 8  # one or two lines
        problems = layout_problems(ui.window.contentItem(), *size)
        assert [p for p in problems if "Lang melding" not in p] == []


def test_no_message_no_banner_and_several_take_turns(make_ui: UiFactory) -> None:
    fake = FakeStation(base_station(1))
    ui = make_ui(fake)
    assert _banner_texts(ui) == []
    fake.publish(dataclasses.replace(fake.snapshot, operator_messages=("Velkommen", "Velkommen 2")))
    ui.settle()
    assert _banner_texts(ui) == ["Velkommen"]
    banner = ui.window.findChild(object, "operatorMessage")
    banner.setProperty("index", 1)  # what its timer does every 8 s
    ui.settle()
    assert _banner_texts(ui) == ["Velkommen 2"]
    fake.publish(dataclasses.replace(fake.snapshot, operator_messages=()))
    ui.settle()
    assert _banner_texts(ui) == []


def test_the_view_model_carries_the_messages() -> None:
    vm = StationViewModel(FakeStation(scene("idle_operator_message", language="en")))
    assert vm.property("operatorMessages") == [
        scene("idle_operator_message", language="en").operator_messages[0]
    ]
    assert StationViewModel(FakeStation(base_station(1))).property("operatorMessages") == []
