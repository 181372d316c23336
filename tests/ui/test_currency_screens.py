"""The driver's screens of a Danish (DKK) and a Finnish (EUR) station, rendered in English and
the local language at the station sizes: every amount in the station's currency, no NOK and no
"kr" of the wrong country anywhere, the app called "MobilePay" (never "Vipps" alone), no QML
warning, nothing clipped. A Norwegian (NOK) station keeps "Vipps" and its texts as they were.
Screenshots go to tests/ui/screenshots/<size>/<language>/<scene>_<currency>.png to be looked
at."""

from __future__ import annotations

import re

import pytest

from kiosk.gui.qml_engine import KioskUi
from kiosk.sandbox.preview.fake_station import FakeStation, scene

from .conftest import SCREENSHOTS, QtMessages, UiFactory
from .layout_check import layout_problems, visible_texts
from .test_window import _digit, _tap

SIZES = ((800, 480), (1280, 800))
# (currency, language) -> scene -> texts that must be on that screen (no-break spaces as " ").
MARKETS = {
    ("DKK", "da"): {
        "idle": ["4,50 kr./kWh", "5,00 kr.", "0,10 kr./min", "1,00 kr./min"],
        "budget": ["200 kr.", "350 kr.", "500 kr.", "Betal 350 kr. med MobilePay"],
        "budget_custom": ["Beløb 50 kr. – 1.000 kr."],
        "budget_phone": ["Send 350 kr. til min MobilePay-app"],
        "budget_custom_typed": ["100 kr.", "Betal 100 kr. med MobilePay"],
        "pay": ["350 kr."],
        "charging": ["64,26 kr."],
        "done": ["120,95 kr.", "Kvitteringen ligger også i din MobilePay-app."],
    },
    ("DKK", "en"): {
        "idle": ["DKK 4.50/kWh", "DKK 5.00", "DKK 0.10/min", "DKK 1.00/min"],
        "budget": ["DKK 200", "DKK 350", "DKK 500", "Pay DKK 350 with MobilePay"],
        "budget_custom": ["Amount DKK 50 – DKK 1,000"],
        "budget_phone": ["Send DKK 350 to my MobilePay app"],
        "budget_custom_typed": ["DKK 100", "Pay DKK 100 with MobilePay"],
        "pay": ["DKK 350"],
        "charging": ["DKK 64.26"],
        "done": ["DKK 120.95", "The receipt is also in your MobilePay app."],
    },
    ("EUR", "fi"): {
        "idle": ["0,45 €/kWh", "0,50 €", "0,01 €/min", "0,10 €/min"],
        "budget": ["20 €", "35 €", "50 €", "Maksa 35 € (MobilePay)"],
        "budget_custom": ["Summa 5 € – 100 €"],
        "budget_phone": ["Lähetä 35 € (MobilePay)"],
        "budget_custom_typed": ["100 €", "Maksa 100 € (MobilePay)"],
        "pay": ["35 €"],
        "charging": ["6,43 €"],
        "done": ["12,10 €", "Kuitti on myös sovelluksessasi MobilePay."],
    },
    ("EUR", "en"): {
        "idle": ["€0.45/kWh", "€0.50", "€0.01/min", "€0.10/min"],
        "budget": ["€20", "€35", "€50", "Pay €35 with MobilePay"],
        "budget_custom": ["Amount €5 – €100"],
        "budget_phone": ["Send €35 to my MobilePay app"],
        "budget_custom_typed": ["€100", "Pay €100 with MobilePay"],
        "pay": ["€35"],
        "charging": ["€6.43"],
        "done": ["€12.10", "The receipt is also in your MobilePay app."],
    },
    # Norway: the texts as they were before the app name followed the market.
    ("NOK", "nb"): {
        "idle": ["kr 4,50/kWh", "kr 5,00", "kr 0,10/min", "kr 1,00/min"],
        "budget": ["kr 200", "kr 350", "kr 500", "Betal kr 350 med Vipps"],
        "budget_custom": ["Beløp kr 50 – kr 1 000"],
        "budget_phone": ["Send kr 350 til Vipps-appen min"],
        "budget_custom_typed": ["kr 100", "Betal kr 100 med Vipps"],
        "pay": ["kr 350"],
        "charging": ["kr 64,26"],
        "done": ["kr 120,95", "Kvitteringen ligger også i Vipps-appen."],
    },
    ("NOK", "en"): {
        "idle": ["NOK 4.50/kWh", "NOK 5.00", "NOK 0.10/min", "NOK 1.00/min"],
        "budget": ["NOK 200", "NOK 350", "NOK 500", "Pay NOK 350 with Vipps"],
        "budget_custom": ["Amount NOK 50 – NOK 1,000"],
        "budget_phone": ["Send NOK 350 to my Vipps app"],
        "budget_custom_typed": ["NOK 100", "Pay NOK 100 with Vipps"],
        "pay": ["NOK 350"],
        "charging": ["NOK 64.26"],
        "done": ["NOK 120.95", "The receipt is also in your Vipps app."],
    },
}
# Money of another market must not show up (the Norwegian "kr " before a number, any "NOK").
FOREIGN = {"DKK": ("NOK", "kr ", "€"), "EUR": ("NOK", "DKK", "kr"), "NOK": ("DKK", "€", "kr.")}
# The app of another market must not be named; "Vipps MobilePay" (the company) may show anywhere.
WRONG_APP = {
    "DKK": re.compile(r"Vipps(?! MobilePay)"),
    "EUR": re.compile(r"Vipps(?! MobilePay)"),
    "NOK": re.compile(r"(?<!Vipps )MobilePay"),
}


def _shown(ui: KioskUi) -> list[str]:
    return [t.text.replace("\u00a0", " ") for t in visible_texts(ui.window.contentItem())]


def _look(
    ui: KioskUi,
    qt_messages: QtMessages,
    market: tuple[str, str],
    name: str,
    size: tuple[int, int],
) -> list[str]:
    """Problems of the screen now shown; saves its screenshot."""
    currency, language = market
    where = f"{name} [{currency} {language} {size[0]}x{size[1]}]"
    problems = [f"{where}: {w}" for w in qt_messages.take()]
    problems += [f"{where}: {p}" for p in layout_problems(ui.window.contentItem(), *size)]
    shown = _shown(ui)
    joined = "\n".join(shown)
    for expected in MARKETS[market][name]:
        if not any(expected in text for text in shown):
            problems.append(f"{where}: {expected!r} not shown in {shown}")
    for foreign in FOREIGN[currency]:
        if foreign in joined:
            problems.append(f"{where}: {foreign!r} shown: {shown}")
    if wrong_app := WRONG_APP[currency].search(joined):
        problems.append(f"{where}: {wrong_app.group()!r} shown: {shown}")
    folder = SCREENSHOTS / f"{size[0]}x{size[1]}" / language
    folder.mkdir(parents=True, exist_ok=True)
    assert ui.grab().save(str(folder / f"{name}_{currency.lower()}.png")), where
    return problems


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("market", list(MARKETS), ids="-".join)
def test_a_foreign_market_shows_its_own_money(
    make_ui: UiFactory, qt_messages: QtMessages, market: tuple[str, str], size: tuple[int, int]
) -> None:
    currency, language = market
    fake = FakeStation(scene("idle", language=language, currency=currency))
    ui = make_ui(fake, size)
    problems = _look(ui, qt_messages, market, "idle", size)

    fake.publish(scene("budget", language=language, currency=currency))
    ui.settle()
    _tap(ui, "preset_1")
    problems += _look(ui, qt_messages, market, "budget", size)
    _tap(ui, "phoneModeButton")
    problems += _look(ui, qt_messages, market, "budget_phone", size)

    fake.publish(scene("idle", language=language, currency=currency))
    ui.settle()
    fake.select_connector(1)  # a fresh budget screen
    ui.settle()
    _tap(ui, "otherAmountButton")
    problems += _look(ui, qt_messages, market, "budget_custom", size)
    for digit in (1, 0, 0):
        _digit(ui, digit)
    problems += _look(ui, qt_messages, market, "budget_custom_typed", size)

    for name in ("pay", "charging", "done"):
        fake.publish(scene(name, language=language, currency=currency))
        ui.settle()
        problems += _look(ui, qt_messages, market, name, size)
    assert problems == [], "\n".join(problems)
