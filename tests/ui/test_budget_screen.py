"""The budget screen's "≈ kWh": it pays the time price at a stated charging power, says so, and
is left out where the budget does not limit the energy."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.config import StationConfig
from kiosk.core.number_format import NBSP
from kiosk.sandbox.preview.fake_station import scene
from kiosk.station.setup import station_info
from kiosk.station.snapshot import TariffDisplay

from .conftest import SCREENSHOTS, UiFactory
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


def _configured_tariff(max_current_a: int) -> TariffDisplay:
    """The scene's tariff as ``kiosk.station.setup`` builds it for a station whose connector
    gives at most ``max_current_a``."""
    config = StationConfig.model_validate(
        {
            "station": {"id": "budget-1", "name": "Budget"},
            "connectors": [
                {
                    "id": 1,
                    "name": "Kontakt 1",
                    "profile": "sim",
                    "host": "127.0.0.1",
                    "max_current_a": max_current_a,
                }
            ],
            "tariff": {"price_ore_per_kwh": 450, "start_fee_ore": 500, "price_ore_per_minute": 10},
            "vipps": {"merchant_serial_number": "123456"},
        }
    )
    return station_info(config).tariff_display()


@pytest.mark.parametrize(
    ("max_current_a", "power_text", "estimate_text"),
    [
        (32, "11 kW", "kr 350  ·  ≈ 68 kWh"),  # a 22 kW connector: a typical car takes 11 kW
        (10, "7 kW", "kr 350  ·  ≈ 64 kWh"),  # 6.9 kW: the minutes cost more per kWh
    ],
)
def test_the_stated_power_is_the_connectors(
    make_ui: UiFactory, max_current_a: int, power_text: str, estimate_text: str
) -> None:
    snapshot = dataclasses.replace(scene("budget"), tariff=_configured_tariff(max_current_a))
    ui = make_ui(snapshot)
    assert layout_problems(ui.window.contentItem(), 800, 480) == []
    texts = {t.text.replace(NBSP, " ") for t in visible_texts(ui.window.contentItem())}
    assert f"≈ kWh hvis bilen lader med {power_text}" in texts
    if power_text != "11 kW":  # the default note, where the connector allows a typical car
        assert NOTE_NB not in texts
    assert estimate_text in texts
    folder = SCREENSHOTS / "800x480" / "nb"
    folder.mkdir(parents=True, exist_ok=True)
    assert ui.grab().save(str(folder / f"budget_power_{max_current_a}a.png"))


def test_the_terms_are_accepted_explicitly_beside_pay(make_ui: UiFactory) -> None:
    """PRODUCT.md §2b: the terms are accepted before every payment on both channels; on the
    kiosk, paying is the acceptance and the screen says so next to the terms QR."""
    texts = _texts(make_ui)
    assert [t for t in texts if t.startswith("Ved å betale godtar du salgsvilkårene")] != []
