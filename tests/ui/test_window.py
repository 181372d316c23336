"""The kiosk window: it cannot be closed or escaped, taps reach the station, languages switch."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.gui.qml_engine import KioskUi, build_ui
from kiosk.sandbox.preview.fake_station import FakeStation, base_station, scene

from .conftest import SCREENSHOTS, QtMessages, UiFactory
from .layout_check import layout_problems, visible_texts


def _item(ui: KioskUi, name: str) -> QQuickItem:
    """An item by objectName in the visual tree (Repeater delegates included)."""
    stack: list[QQuickItem] = [ui.window.contentItem()]
    while stack:
        item = stack.pop()
        if item.objectName() == name:
            return item
        stack.extend(item.childItems())
    raise AssertionError(f"no item {name!r}")


def _tap(ui: KioskUi, name: str) -> None:
    item = _item(ui, name)
    assert item.isVisible(), name
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    ui.settle()


def _screen_name(ui: KioskUi) -> str:
    item = ui.screen_item()
    return item.objectName() if item is not None else ""


def _texts(ui: KioskUi) -> set[str]:
    return {t.text for t in visible_texts(ui.window.contentItem())}


def test_the_window_refuses_to_close(make_ui: UiFactory) -> None:
    ui = make_ui(base_station(1))
    ui.window.close()
    ui.settle()
    assert ui.window.isVisible()
    ui.quit()
    ui.settle()
    assert not ui.window.isVisible()


def test_keys_do_not_leave_the_kiosk(make_ui: UiFactory) -> None:
    ui = make_ui(scene("charging"))
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Back, Qt.Key.Key_F4, Qt.Key.Key_Q):
        QTest.keyClick(ui.window, key, Qt.KeyboardModifier.AltModifier)
        QTest.keyClick(ui.window, key)
    ui.settle()
    assert ui.window.isVisible()
    screen = ui.screen_item()
    assert screen is not None
    assert screen.objectName() == "ChargingScreen"


def test_kiosk_mode_is_fullscreen_without_cursor(
    qapp: QApplication, qt_messages: QtMessages
) -> None:
    ui = build_ui(FakeStation(base_station(1)), kiosk=True)
    try:
        ui.settle()
        assert ui.window.property("kiosk") is True
        assert ui.window.visibility() == ui.window.Visibility.FullScreen
        cursor = QGuiApplication.overrideCursor()
        assert cursor is not None
        assert cursor.shape() == Qt.CursorShape.BlankCursor
    finally:
        ui.quit()
    assert QGuiApplication.overrideCursor() is None
    assert qt_messages.take() == []


def test_tile_budget_and_pay_reach_the_station(make_ui: UiFactory) -> None:
    fake = FakeStation(base_station(1))
    ui = make_ui(fake)
    _tap(ui, "tile_1")
    assert _screen_name(ui) == "BudgetScreen"
    _tap(ui, "payButton")  # nothing chosen yet: disabled
    assert fake.calls == [("select_connector", 1)]
    _tap(ui, "preset_1")
    _tap(ui, "payButton")
    assert _screen_name(ui) == "PayScreen"
    _tap(ui, "cancelButton")
    assert fake.calls == [
        ("select_connector", 1),
        ("choose_budget", 1, 35000, None),
        ("cancel", 1),
    ]
    assert _screen_name(ui) == "IdleScreen"


def test_stop_needs_a_confirm(make_ui: UiFactory) -> None:
    fake = FakeStation(scene("charging"))
    ui = make_ui(fake)
    _tap(ui, "stopButton")
    assert _item(ui, "stopConfirm").isVisible()
    _tap(ui, "confirmNo")
    assert fake.calls == []
    assert not _item(ui, "stopConfirm").isVisible()
    _tap(ui, "stopButton")
    _tap(ui, "confirmYes")
    assert fake.calls == [("stop", 1)]
    assert _screen_name(ui) == "WorkingScreen"


def test_done_shows_paid_and_released(make_ui: UiFactory) -> None:
    ui = make_ui(dataclasses.replace(scene("done"), language="en"))
    texts = _texts(ui)
    assert "NOK\u00a0120.95" in texts
    assert "NOK\u00a0229.05 released; your bank may take a few days to show it." in texts


def test_language_switch_and_reset_to_the_station_default(make_ui: UiFactory) -> None:
    fake = FakeStation(base_station(1))
    ui = make_ui(fake)
    assert "Trykk for å lade" in _texts(ui)
    _tap(ui, "languageButton")
    assert _item(ui, "languagePicker").isVisible()
    _tap(ui, "language_en")
    assert ("set_language", "en") in fake.calls
    assert not _item(ui, "languagePicker").isVisible()
    assert "Tap to charge" in _texts(ui)
    assert "Trykk for å lade" not in _texts(ui)
    _tap(ui, "languageButton")
    _tap(ui, "language_de")
    assert "Tippen zum Laden" in _texts(ui)
    # After a session the controller publishes the station default again.
    fake.publish(dataclasses.replace(fake.snapshot, language=fake.snapshot.default_language))
    ui.settle()
    assert "Trykk for å lade" in _texts(ui)
    assert ui.languages.language == "nb"


def test_snapshot_updates_reach_the_screen(make_ui: UiFactory) -> None:
    fake = FakeStation(dataclasses.replace(scene("charging"), language="en"))
    ui = make_ui(fake)
    assert "12.35\u00a0kWh" in _texts(ui)
    fake.update_connector(1, energy_wh=13000, cost_ore=7000)
    ui.settle()
    assert {"13.00\u00a0kWh", "NOK\u00a070.00"} <= _texts(ui)


def test_screen_item_helper_finds_the_loader(make_ui: UiFactory) -> None:
    ui = make_ui(base_station(2))
    assert isinstance(ui.window.findChild(QObject, "screenLoader"), QObject)
    assert ui.window.mapToGlobal(QPoint(0, 0)) is not None


def _digit(ui: KioskUi, digit: int) -> None:
    keypad = _item(ui, "keypad")
    for key in keypad.childItems():
        if key.property("text") == str(digit):
            centre = key.mapToScene(QPointF(key.width() / 2, key.height() / 2)).toPoint()
            QTest.mouseClick(
                ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
            )
            ui.settle()
            return
    raise AssertionError(f"no key {digit}")


@pytest.mark.parametrize("size", [(800, 480), (1280, 800), (480, 800)], ids=str)
@pytest.mark.parametrize("language", ["nb", "en", "de"])
def test_custom_amount_and_phone_keypads(
    make_ui: UiFactory, language: str, size: tuple[int, int]
) -> None:
    fake = FakeStation(scene("budget", language=language))
    ui = make_ui(fake, size)
    folder = SCREENSHOTS / f"{size[0]}x{size[1]}" / language
    folder.mkdir(parents=True, exist_ok=True)
    _tap(ui, "otherAmountButton")
    for digit in (4, 5, 0):
        _digit(ui, digit)
    assert layout_problems(ui.window.contentItem(), *size) == []
    assert ui.grab().save(str(folder / "budget_custom.png"))
    _tap(ui, "payButton")
    custom_call = fake.calls[-1]
    assert custom_call == ("choose_budget", 1, 45000, None)

    fake.publish(scene("budget", language=language))
    ui.settle()
    _tap(ui, "preset_0")
    _tap(ui, "phoneModeButton")
    for digit in (9, 1, 2, 3, 4, 5, 6, 7):
        _digit(ui, digit)
    assert layout_problems(ui.window.contentItem(), *size) == []
    assert ui.grab().save(str(folder / "budget_phone.png"))
    _tap(ui, "phonePayButton")
    phone_call = fake.calls[-1]
    assert phone_call == ("choose_budget", 1, 20000, "4791234567")
    assert _screen_name(ui) == "PayScreen"
    assert layout_problems(ui.window.contentItem(), *size) == []
    assert ui.grab().save(str(folder / "pay_push.png"))


def test_push_allowed_offers_the_phone_keypad_and_sends_the_number(make_ui: UiFactory) -> None:
    fake = FakeStation(scene("budget"))
    ui = make_ui(fake)
    assert _item(ui, "phoneModeButton").isVisible()
    _tap(ui, "preset_1")
    _tap(ui, "phoneModeButton")
    assert not _item(ui, "payButton").isVisible()  # the QR way gives way to the number
    for digit in (4, 8, 0, 0, 1, 2, 3, 4):
        _digit(ui, digit)
    _tap(ui, "phonePayButton")
    assert fake.calls[-1] == ("choose_budget", 1, 35000, "4748001234")
    assert _screen_name(ui) == "PayScreen"
    assert not _item(ui, "paymentQr").isVisible()


def test_without_push_there_is_no_phone_button(make_ui: UiFactory) -> None:
    fake = FakeStation(dataclasses.replace(scene("budget"), push_payment_allowed=False))
    ui = make_ui(fake)
    assert _screen_name(ui) == "BudgetScreen"
    assert not _item(ui, "phoneModeButton").isVisible()
    assert not _item(ui, "phonePayButton").isVisible()
    _tap(ui, "preset_0")
    _tap(ui, "payButton")
    assert fake.calls[-1] == ("choose_budget", 1, 20000, None)
    assert all(call[-1] is None for call in fake.calls if call[0] == "choose_budget")


def test_the_pay_screen_of_a_push_payment_names_the_masked_number(make_ui: UiFactory) -> None:
    station = scene("pay")
    pay = dataclasses.replace(station.connectors[0], qr_text=None, phone_number="+47 *****567")
    ui = make_ui(dataclasses.replace(station, connectors=(pay,), language="en"))
    assert _screen_name(ui) == "PayScreen"
    texts = _texts(ui)
    assert "+47 *****567" in texts
    assert "Approve the payment in the Vipps MobilePay app on your phone" in texts
    assert not _item(ui, "paymentQr").isVisible()
