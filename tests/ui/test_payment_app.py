"""The driver's app is named after the station's market: "Vipps" in Norway (NOK), "MobilePay"
in Denmark (DKK) and Finland (EUR), the company name for any other currency; a new currency
renames it."""

from __future__ import annotations

import dataclasses

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.payment_app import app_name
from kiosk.gui.viewmodels.station_vm import StationViewModel
from kiosk.sandbox.preview.fake_station import FakeStation, base_station

APP_NAMES = {"NOK": "Vipps", "DKK": "MobilePay", "EUR": "MobilePay", "SEK": "Vipps MobilePay"}


@pytest.mark.parametrize(("currency", "expected"), APP_NAMES.items())
def test_the_app_name_follows_the_currency(currency: str, expected: str) -> None:
    assert app_name(currency) == expected
    assert app_name(currency.lower()) == expected


@pytest.mark.parametrize(("currency", "expected"), APP_NAMES.items())
@pytest.mark.parametrize("language", ["nb", "en", "da", "fi"])
def test_the_station_view_model_names_the_market_app(
    qtbot: QtBot, currency: str, expected: str, language: str
) -> None:
    vm = StationViewModel(FakeStation(base_station(1, language=language, currency=currency)))
    assert vm.property("appName") == expected  # the language does not rename the app
    vm.close()


def test_a_new_currency_renames_the_app(qtbot: QtBot) -> None:
    fake = FakeStation(base_station(1, language="en"))
    vm = StationViewModel(fake)
    assert vm.property("appName") == "Vipps"
    for currency, expected in (("DKK", "MobilePay"), ("EUR", "MobilePay"), ("NOK", "Vipps")):
        tariff = dataclasses.replace(fake.snapshot.tariff, currency=currency)
        with qtbot.waitSignal(vm.changed):
            fake.publish(dataclasses.replace(fake.snapshot, tariff=tariff))
        assert vm.property("appName") == expected
    vm.close()
