"""The budget screen's phone keypad on a Danish (DKK) and a Finnish (EUR) station: the market's
"+CC", its grouping, "Send" only for a complete number, the MSISDN sent and the masked number
on the pay screen; screenshots in tests/ui/screenshots/<size>/<language>/budget_phone_<cur>.png."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import NamedTuple

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import load_config
from kiosk.core.number_format import NumberFormat
from kiosk.core.phone import masked_phone
from kiosk.gui.qml_engine import KioskUi
from kiosk.gui.viewmodels.budget_entry import BudgetEntry
from kiosk.sandbox.preview.fake_station import FakeStation, scene
from kiosk.station.setup import station_info
from kiosk.station.snapshot import StationSnapshot

from .conftest import SCREENSHOTS, UiFactory
from .layout_check import layout_problems, visible_texts
from .test_window import _digit, _item, _screen_name, _tap


class Market(NamedTuple):
    currency: str
    prefix: str
    typed: str
    shown: str
    msisdn: str
    masked: str
    too_short: int  # the first digits typed that are not yet a number


DENMARK = Market("DKK", "+45", "20123456", "+45 20 12 34 56", "4520123456", "+45 *****456", 7)
FINLAND = Market(  # 040 123 4 is too short; from 040 123 45 on the number may be complete
    "EUR", "+358", "0401234567", "+358 (0)40 123 4567", "358401234567", "+358 ******567", 7
)


def _station(currency: str, language: str, name: str = "budget") -> StationSnapshot:
    snapshot = scene(name, language=language)
    tariff = dataclasses.replace(snapshot.tariff, currency=currency)
    return dataclasses.replace(snapshot, tariff=tariff)


def _entry_text(ui: KioskUi) -> str:
    return str(_item(ui, "entryText").property("text"))


def _texts(ui: KioskUi) -> set[str]:
    return {t.text for t in visible_texts(ui.window.contentItem())}


@pytest.mark.parametrize("market", [DENMARK, FINLAND], ids=lambda m: m.currency)
@pytest.mark.parametrize("size", [(800, 480), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_phone_keypad_follows_the_market(
    make_ui: UiFactory, market: Market, size: tuple[int, int], language: str
) -> None:
    fake = FakeStation(_station(market.currency, language))
    ui = make_ui(fake, size)
    _tap(ui, "preset_0")
    _tap(ui, "phoneModeButton")
    assert _entry_text(ui) == market.prefix  # nothing typed yet: the prefix alone

    for digit in market.typed[: market.too_short]:
        _digit(ui, int(digit))
    assert not _item(ui, "phonePayButton").property("enabled")
    _tap(ui, "phonePayButton")
    assert fake.calls == []
    for digit in market.typed[market.too_short :]:
        _digit(ui, int(digit))
    assert _entry_text(ui) == market.shown
    assert _item(ui, "phonePayButton").property("enabled")
    assert market.shown in _texts(ui)
    assert layout_problems(ui.window.contentItem(), *size) == []
    folder = SCREENSHOTS / f"{size[0]}x{size[1]}" / language
    folder.mkdir(parents=True, exist_ok=True)
    assert ui.grab().save(str(folder / f"budget_phone_{market.currency.lower()}.png"))

    _tap(ui, "phonePayButton")
    assert fake.calls == [("choose_budget", 1, 20000, market.msisdn)]

    # The pay screen as the station shows it: the masked number only, with the whole "+CC".
    pay = _station(market.currency, language, "pay")
    connector = dataclasses.replace(
        pay.connectors[0], qr_text=None, phone_number=masked_phone(market.msisdn)
    )
    fake.publish(dataclasses.replace(pay, connectors=(connector,)))
    ui.settle()
    assert _screen_name(ui) == "PayScreen"
    assert market.masked in _texts(ui)
    assert layout_problems(ui.window.contentItem(), *size) == []
    assert ui.grab().save(str(folder / f"pay_push_{market.currency.lower()}.png"))


def test_a_finnish_landline_cannot_be_sent(make_ui: UiFactory) -> None:
    fake = FakeStation(_station("EUR", "en"))
    ui = make_ui(fake)
    _tap(ui, "preset_0")
    _tap(ui, "phoneModeButton")
    for digit in "0912345678":  # Helsinki 09
        _digit(ui, int(digit))
    assert _entry_text(ui) == "+358 (0)91 234 5678"
    assert not _item(ui, "phonePayButton").property("enabled")


def test_a_currency_without_a_vipps_market_offers_no_phone_keypad(make_ui: UiFactory) -> None:
    fake = FakeStation(_station("SEK", "en"))
    ui = make_ui(fake)
    assert fake.snapshot.push_payment_allowed
    assert not _item(ui, "phoneModeButton").isVisible()
    _tap(ui, "preset_0")
    _tap(ui, "payButton")
    assert fake.calls == [("choose_budget", 1, 20000, None)]


@pytest.mark.parametrize(("currency", "prefix"), [("NOK", "+47"), ("DKK", "+45"), ("EUR", "+358")])
def test_the_configured_currency_reaches_the_keypad(
    qtbot: QtBot, currency: str, prefix: str
) -> None:
    example = Path(__file__).resolve().parents[2] / "station.example.toml"
    config = load_config(example, env={})
    tariff = config.tariff.model_copy(update={"currency": currency})
    info = station_info(config.model_copy(update={"tariff": tariff}))
    assert info.tariff_display().currency == currency
    entry = BudgetEntry(FakeStation(), 1)
    entry.update(info.budget, info.tariff_display(), NumberFormat("nb"))
    assert entry.property("phonePrefixText") == prefix
