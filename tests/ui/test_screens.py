"""Every screen in every language at the station sizes: no QML warning, nothing clipped,
nothing left in English, and a screenshot of each in tests/ui/screenshots/ to look at."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtQml import QQmlComponent
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.gui.qml_engine import KioskUi
from kiosk.sandbox.preview.fake_station import SCENES, FakeStation, base_station, scene

from .conftest import SCREENSHOTS, QtMessages, UiFactory
from .layout_check import changed_sources, layout_problems, visible_texts

LANGUAGES = ("nb", "en", "sv", "da", "fi", "de")
SCREENSHOT_SIZES = ((800, 480), (1280, 800))
OTHER_SIZES = ((1920, 1080), (480, 800), (1080, 1920))

EXPECTED_SCREEN = {
    "idle": "IdleScreen",
    "idle_operator_message": "IdleScreen",
    "overview": "IdleScreen",
    "overview_phone": "IdleScreen",
    "overview_test_charge": "IdleScreen",
    "payment_unavailable_idle": "IdleScreen",
    "starting": "IdleScreen",
    "car_connected": "IdleScreen",
    "budget": "BudgetScreen",
    "pay": "PayScreen",
    "pay_on_phone": "PayScreen",
    "plug_in": "PlugInScreen",
    "charging": "ChargingScreen",
    "charging_shared": "ChargingScreen",
    "stopping": "WorkingScreen",
    "settling": "WorkingScreen",
    "done": "DoneScreen",
    "idle_periods": "IdleScreen",
    "budget_periods": "BudgetScreen",
    "budget_shared": "BudgetScreen",
    "charging_station_problem": "ChargingScreen",
    "charging_waiting_for_car": "ChargingScreen",
    "charging_car_full": "ChargingScreen",
    "charging_station_limiting": "ChargingScreen",
    "done_pending": "DoneScreen",
}


def _scene(name: str, language: str) -> FakeStation:
    return FakeStation(
        scene(name, connector_count=4 if name == "overview" else 1, language=language)
    )


def _check_every_scene(
    make_ui: UiFactory,
    qt_messages: QtMessages,
    language: str,
    size: tuple[int, int],
    *,
    save: bool,
) -> list[str]:
    fake = FakeStation(base_station(1, language=language))
    ui = make_ui(fake, size)
    assert isinstance(ui.window, QQuickWindow)
    untranslated = set(changed_sources(language)) if language != "en" else set()
    problems: list[str] = []
    for name in SCENES:
        fake.publish(_scene(name, language).snapshot)
        ui.settle()
        where = f"{name} [{language} {size[0]}x{size[1]}]"
        item = ui.screen_item()
        assert item is not None, where
        assert item.objectName() == EXPECTED_SCREEN.get(name, "MessageScreen"), where
        warnings = qt_messages.take()
        assert warnings == [], f"{where}: {warnings}"
        content = ui.window.contentItem()
        problems += [f"{where}: {p}" for p in layout_problems(content, *size)]
        for text in visible_texts(content):
            if text.text in untranslated:
                problems.append(f"{where}: not translated: {text.text!r}")
        if save:
            folder = SCREENSHOTS / f"{size[0]}x{size[1]}" / language
            folder.mkdir(parents=True, exist_ok=True)
            assert ui.grab().save(str(folder / f"{name}.png")), where
    return problems


@pytest.mark.parametrize("size", SCREENSHOT_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_screen_fits_and_is_translated(
    make_ui: UiFactory, qt_messages: QtMessages, language: str, size: tuple[int, int]
) -> None:
    problems = _check_every_scene(make_ui, qt_messages, language, size, save=True)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", OTHER_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_screen_fits_other_station_sizes(
    make_ui: UiFactory, qt_messages: QtMessages, language: str, size: tuple[int, int]
) -> None:
    problems = _check_every_scene(make_ui, qt_messages, language, size, save=False)
    assert not problems, "\n".join(problems)


def test_the_layout_check_sees_clipping(make_ui: UiFactory, qt_messages: QtMessages) -> None:
    """The checker itself: a window far too small for the charging screen is reported."""
    ui = make_ui(_scene("charging", "de").snapshot, (320, 200))
    assert layout_problems(ui.window.contentItem(), 320, 200) != []
    qt_messages.take()  # layouts below their minimum size may complain; not under test here


def _text_item(ui: KioskUi, qml: str) -> QQuickItem:
    component = QQmlComponent(ui.engine)
    component.setData(QByteArray(b"import QtQuick\nText {" + qml.encode() + b"}"), QUrl())
    item = component.create()
    assert isinstance(item, QQuickItem), component.errors()
    item.setParent(ui.window.contentItem())
    item.setParentItem(ui.window.contentItem())
    return item


@pytest.mark.parametrize(
    ("qml", "broken"),
    [
        # Wrap breaks inside a word that is wider than the line
        ("width: 90; wrapMode: Text.Wrap; text: 'Parkeringsgebyr etter 30 min'", True),
        # WordWrap does not break it, so it runs past the edge
        ("width: 90; wrapMode: Text.WordWrap; text: 'Parkeringsgebyr etter 30 min'", True),
        ("width: 90; text: 'Parkeringsgebyr'", True),
        # every word fits: the lines break at spaces only
        ("width: 400; wrapMode: Text.Wrap; text: 'Parkeringsgebyr etter 30 min'", False),
        # a no-break space keeps "kr 4,50" together: it is one word, and it fits
        ("width: 150; wrapMode: Text.Wrap; text: 'kr\u00a04,50/kWh og mer'", False),
    ],
)
def test_the_layout_check_sees_a_word_broken_in_the_middle(
    make_ui: UiFactory, qt_messages: QtMessages, qml: str, broken: bool
) -> None:
    ui = make_ui(base_station(1), (800, 480))
    item = _text_item(ui, "font.pixelSize: 21; " + qml)
    problems = layout_problems(item, 800, 480)
    assert any("broken or cut" in p for p in problems) == broken, problems
    item.deleteLater()
    assert qt_messages.take() == []


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "• The station is sharing power (6.9\u00a0kW)"),
        ("nb", "• Stasjonen deler effekten (6,9\u00a0kW)"),
        ("de", "• Die Station teilt die Leistung (6,9\u00a0kW)"),
    ],
)
def test_the_why_line_says_the_station_is_sharing_power(
    make_ui: UiFactory, language: str, line: str
) -> None:
    ui = make_ui(_scene("charging_shared", language))
    texts = {t.text for t in visible_texts(ui.window.contentItem())}
    assert line in texts
    ui_plain = make_ui(_scene("charging", language))
    plain = {t.text for t in visible_texts(ui_plain.window.contentItem())}
    assert not any("(6" in text for text in plain)


@pytest.mark.parametrize(
    ("language", "time_price", "line"),
    [
        ("en", True, "Power is shared: ≈ kWh at 6.9\u00a0kW"),
        ("nb", True, "Effekten deles: ≈ kWh ved 6,9\u00a0kW"),
        ("en", False, "The station is sharing power (6.9\u00a0kW)"),
        ("de", False, "Die Station teilt die Leistung (6,9\u00a0kW)"),
    ],
)
def test_the_budget_screen_says_the_power_is_shared(
    make_ui: UiFactory, language: str, time_price: bool, line: str
) -> None:
    """A car starting now would get 6.9 kW of the shared supply: the one line under the
    budget title says so, and the presets' "≈ kWh" assume it."""
    shared = _scene("budget_shared", language).snapshot
    if not time_price:
        shared = replace(shared, tariff=replace(shared.tariff, price_ore_per_minute=None))
    ui = make_ui(FakeStation(shared))
    texts = {t.text for t in visible_texts(ui.window.contentItem())}
    assert line in texts
    assert not any("11\u00a0kW" in text for text in texts)
