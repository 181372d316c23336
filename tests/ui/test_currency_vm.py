"""The station's currency reaches every amount the view-models format: the idle price list, the
budget presets, a charge's cost, the done screen and the service pages, for a Danish (DKK) and
a Finnish (EUR) station in English and the local language; and a change of currency or
language re-formats them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from service.service_world import service_world  # tests/ is on sys.path (rootdir import)

from kiosk.core.number_format import NBSP
from kiosk.gui.viewmodels.service_vm import ServiceViewModel
from kiosk.gui.viewmodels.station_vm import StationViewModel
from kiosk.sandbox.preview.fake_station import FakeStation, base_station, scene

# (currency, language) -> what the screens show for the scene's amounts.
EXPECTED = {
    ("DKK", "da"): {
        "pricePerKwhText": "4,50 kr./kWh",
        "startFeeText": "5,00 kr.",
        "pricePerMinuteText": "0,10 kr./min",
        "idleFeeText": "1,00 kr./min",
        "presets": ["200 kr.", "350 kr.", "500 kr."],
        "limitsText": "50 kr. – 1.000 kr.",
        "costText": "64,26 kr.",
        "paidText": "120,95 kr.",
        "releasedText": "229,05 kr.",
    },
    ("DKK", "en"): {
        "pricePerKwhText": "DKK 4.50/kWh",
        "startFeeText": "DKK 5.00",
        "pricePerMinuteText": "DKK 0.10/min",
        "idleFeeText": "DKK 1.00/min",
        "presets": ["DKK 200", "DKK 350", "DKK 500"],
        "limitsText": "DKK 50 – DKK 1,000",
        "costText": "DKK 64.26",
        "paidText": "DKK 120.95",
        "releasedText": "DKK 229.05",
    },
    ("EUR", "fi"): {
        "pricePerKwhText": "0,45 €/kWh",
        "startFeeText": "0,50 €",
        "pricePerMinuteText": "0,01 €/min",
        "idleFeeText": "0,10 €/min",
        "presets": ["20 €", "35 €", "50 €"],
        "limitsText": "5 € – 100 €",
        "costText": "6,43 €",
        "paidText": "12,10 €",
        "releasedText": "22,90 €",
    },
    ("EUR", "en"): {
        "pricePerKwhText": "€0.45/kWh",
        "startFeeText": "€0.50",
        "pricePerMinuteText": "€0.01/min",
        "idleFeeText": "€0.10/min",
        "presets": ["€20", "€35", "€50"],
        "limitsText": "€5 – €100",
        "costText": "€6.43",
        "paidText": "€12.10",
        "releasedText": "€22.90",
    },
}


def _plain(text: object) -> str:
    return str(text).replace(NBSP, " ")


@pytest.mark.parametrize(("currency", "language"), list(EXPECTED), ids="-".join)
def test_every_amount_is_in_the_station_currency(
    qtbot: QtBot, currency: str, language: str
) -> None:
    expected = EXPECTED[(currency, language)]
    fake = FakeStation(base_station(1, language=language, currency=currency))
    vm = StationViewModel(fake)
    for key in ("pricePerKwhText", "startFeeText", "pricePerMinuteText", "idleFeeText"):
        assert _plain(vm.property(key)) == expected[key], key

    fake.select_connector(1)  # the budget screen
    qtbot.waitUntil(lambda: vm.active is not None)
    entry = vm.active.entry
    assert [_plain(p["amountText"]) for p in entry.property("presets")] == expected["presets"]
    assert _plain(entry.property("limitsText")) == expected["limitsText"]
    entry.choosePreset(1)
    assert _plain(entry.property("amountText")) == expected["presets"][1]

    fake.publish(scene("charging", language=language, currency=currency))
    qtbot.waitUntil(lambda: vm.property("screen") == "charging")
    assert _plain(vm.active.property("costText")) == expected["costText"]
    assert _plain(vm.active.property("budgetText")) == expected["presets"][1]

    fake.publish(scene("done", language=language, currency=currency))
    qtbot.waitUntil(lambda: vm.property("screen") == "done")
    done = vm.active
    assert _plain(done.property("paidText")) == expected["paidText"]
    assert _plain(done.property("releasedText")) == expected["releasedText"]
    vm.close()


def test_the_language_changes_the_form_and_the_currency_stays(qtbot: QtBot) -> None:
    fake = FakeStation(base_station(1, language="da", currency="DKK"))
    vm = StationViewModel(fake)
    assert _plain(vm.property("pricePerKwhText")) == "4,50 kr./kWh"
    with qtbot.waitSignal(vm.changed):
        fake.set_language("en")
    assert _plain(vm.property("pricePerKwhText")) == "DKK 4.50/kWh"
    with qtbot.waitSignal(vm.changed):
        fake.set_language("nb")  # a Norwegian reads Danish kroner as DKK, not as their own kr
    assert _plain(vm.property("pricePerKwhText")) == "DKK 4,50/kWh"
    vm.close()


def test_a_new_currency_reformats_the_same_amounts(qtbot: QtBot) -> None:
    fake = FakeStation(base_station(1, language="en"))
    vm = StationViewModel(fake)
    assert _plain(vm.property("pricePerKwhText")) == "NOK 4.50/kWh"
    eur = dataclasses.replace(fake.snapshot.tariff, currency="EUR")
    with qtbot.waitSignal(vm.changed):
        fake.publish(dataclasses.replace(fake.snapshot, tariff=eur))
    assert _plain(vm.property("pricePerKwhText")) == "€4.50/kWh"
    vm.close()


@pytest.mark.usefixtures("qapp")
async def test_the_service_pages_follow_the_station_currency(tmp_path: Path) -> None:
    async with service_world(tmp_path) as world:
        await world.paid_session("2025-03-04-a1b2", authorized_ore=35000, captured_ore=12345)
        vm = ServiceViewModel(world.access, world.service, world.station)
        try:
            vm.sessions_vm.refresh()
            await vm.tasks.drain()
            assert _plain(vm.sessions_vm.value("sessions")[0]["captured"]) == "kr 123,45"

            world.station.publish(base_station(1, language="da", currency="DKK"))
            await vm.tasks.drain()
            session = vm.sessions_vm.value("sessions")[0]
            assert _plain(session["captured"]) == "123,45 kr."
            assert _plain(session["authorized"]) == "350,00 kr."
            tariff = {
                row["key"]: _plain(row["value"]) for row in vm.station_vm.value("info")["tariff"]
            }
            assert tariff["per_kwh"] == "4,50 kr./kWh"
            assert tariff["start_fee"] == "5,00 kr."
            vm.sessions_vm.amountDigit(5)
            vm.sessions_vm.amountDigit(0)
            assert _plain(vm.sessions_vm.value("refundText")) == "0,50 kr."

            world.station.publish(base_station(1, language="fi", currency="EUR"))
            await vm.tasks.drain()
            assert _plain(vm.sessions_vm.value("sessions")[0]["captured"]) == "123,45 €"
            world.station.publish(base_station(1, language="en", currency="EUR"))
            await vm.tasks.drain()
            assert _plain(vm.sessions_vm.value("sessions")[0]["captured"]) == "€123.45"
        finally:
            await vm.tasks.close()
            vm.close()
