"""The budget screen's "≈ kWh": it pays the time price at a stated charging power, says so, and
is left out where the budget does not limit the energy."""

from __future__ import annotations

import dataclasses

from kiosk.snapshot import TariffDisplay
from kiosk.viewmodels.fake_station import scene
from kiosk.viewmodels.number_format import NBSP

from .conftest import UiFactory
from .layout_check import layout_problems, visible_texts

NOTE_NB = "≈ kWh hvis bilen lader med 11 kW"


def _texts(make_ui: UiFactory, tariff: TariffDisplay | None = None) -> set[str]:
    snapshot = scene("budget")
    if tariff is not None:
        snapshot = dataclasses.replace(snapshot, tariff=tariff)
    ui = make_ui(snapshot)
    assert layout_problems(ui.window.contentItem(), 800, 480) == []
    return {t.text.replace(NBSP, " ") for t in visible_texts(ui.window.contentItem())}


def test_with_a_time_price_the_estimate_states_its_charging_power(make_ui: UiFactory) -> None:
    texts = _texts(make_ui)  # 4.50 NOK/kWh, 5 NOK start, 0.10 NOK/min
    assert NOTE_NB in texts
    # (350 - 5) NOK / (4.50 + 0.55) NOK per kWh at 11 kW; without the minutes it would say 77
    assert "kr 350  ·  ≈ 68 kWh" in texts


def test_without_a_time_price_no_power_is_stated(make_ui: UiFactory) -> None:
    texts = _texts(make_ui, TariffDisplay(price_ore_per_kwh=450, start_fee_ore=500))
    assert NOTE_NB not in texts
    assert "kr 350  ·  ≈ 77 kWh" in texts


def test_free_energy_shows_no_estimate(make_ui: UiFactory) -> None:
    texts = _texts(make_ui, TariffDisplay(price_ore_per_kwh=0))
    assert "kr 350" in texts
    assert not [t for t in texts if "≈" in t]
