"""Prices that change by the hour on the driver's screens: the idle screen's price list and the
budget screen say the price now, until when, and the next one; a flat tariff shows no such line."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QObject

from kiosk.sandbox.preview.fake_station import scene

from .conftest import UiFactory

WORD_JOINER = "\u2060"


def _change_text(make_ui: UiFactory, name: str, language: str, object_name: str) -> str | None:
    snapshot = scene(name, language=language)
    ui = make_ui(snapshot)
    screen = ui.screen_item()
    assert screen is not None
    label = screen.findChild(QObject, object_name)
    assert label is not None
    if not label.property("visible"):
        return None
    return str(label.property("text")).replace("\u00a0", " ").replace(WORD_JOINER, "")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nb", "kr 3,90/kWh til 22:00, deretter kr 2,50/kWh"),
        ("en", "NOK 3.90/kWh until 22:00, then NOK 2.50/kWh"),
    ],
)
@pytest.mark.parametrize(
    ("name", "object_name"),
    [("idle_periods", "priceChange"), ("budget_periods", "budgetPriceChange")],
)
def test_the_next_price_change_is_shown(
    make_ui: UiFactory, language: str, text: str, name: str, object_name: str
) -> None:
    assert _change_text(make_ui, name, language, object_name) == text


def test_a_change_tomorrow_says_so(make_ui: UiFactory) -> None:
    snapshot = scene("idle_periods", language="nb")
    tariff = dataclasses.replace(snapshot.tariff, next_change_at="06:00", next_change_in_days=1)
    ui = make_ui(dataclasses.replace(snapshot, tariff=tariff))
    screen = ui.screen_item()
    assert screen is not None
    label = screen.findChild(QObject, "priceChange")
    assert label is not None
    text = str(label.property("text")).replace("\u00a0", " ").replace(WORD_JOINER, "")
    assert text == "kr 3,90/kWh til i morgen 06:00, deretter kr 2,50/kWh"


def test_a_flat_tariff_shows_no_change(make_ui: UiFactory) -> None:
    assert _change_text(make_ui, "idle", "nb", "priceChange") is None
