"""BudgetEntry: presets, a custom amount within limits, a phone number; one choose_budget call."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from kiosk.core.number_format import NBSP, NumberFormat
from kiosk.gui.viewmodels.budget_entry import CUSTOM, BudgetEntry
from kiosk.gui.viewmodels.connector_vm import ConnectorViewModel
from kiosk.sandbox.preview.fake_station import FakeStation, scene
from kiosk.station.snapshot import TariffDisplay


def _entry() -> tuple[FakeStation, BudgetEntry]:
    fake = FakeStation(scene("budget"))
    entry = BudgetEntry(fake, 1)
    entry.update(fake.snapshot.budget, fake.snapshot.tariff, NumberFormat("nb"))
    return fake, entry


def _p(entry: BudgetEntry, key: str) -> str:
    return str(entry.property(key)).replace(NBSP, " ")


def test_presets_show_amount_and_energy(qtbot: QtBot) -> None:
    _, entry = _entry()
    presets = entry.property("presets")
    assert [p["amountText"].replace(NBSP, " ") for p in presets] == ["kr 200", "kr 350", "kr 500"]
    # (35000 - 500 start fee) / (450 øre per kWh + 10 øre per minute for 5.45 min) = 68.4 kWh
    assert presets[1]["energyText"].replace(NBSP, " ") == "68 kWh"
    assert _p(entry, "estimatePowerText") == "11 kW"  # the screen states the assumption
    assert entry.property("canPay") is False


def test_without_a_time_price_the_estimate_needs_no_power(qtbot: QtBot) -> None:
    fake, entry = _entry()
    energy_only = dataclasses.replace(fake.snapshot.tariff, price_ore_per_minute=None)
    entry.update(fake.snapshot.budget, energy_only, NumberFormat("nb"))
    # (35000 - 500 start fee) / 450 øre per kWh = 76.7 kWh
    assert entry.property("presets")[1]["energyText"].replace(NBSP, " ") == "77 kWh"
    assert entry.property("estimatePowerText") == ""


def test_no_estimate_where_the_budget_does_not_limit_the_energy(qtbot: QtBot) -> None:
    fake, entry = _entry()
    free = TariffDisplay(price_ore_per_kwh=0)
    entry.update(fake.snapshot.budget, free, NumberFormat("nb"))
    assert [p["energyText"] for p in entry.property("presets")] == ["", "", ""]


def test_choosing_a_preset_and_paying_sends_exactly_that_amount(qtbot: QtBot) -> None:
    fake, entry = _entry()
    with qtbot.waitSignal(entry.changed):
        entry.choosePreset(1)
    assert entry.property("canPay") is True
    assert _p(entry, "amountText") == "kr 350"
    entry.pay()
    assert fake.calls == [("choose_budget", 1, 35000, None)]


def test_pay_without_a_choice_does_nothing(qtbot: QtBot) -> None:
    fake, entry = _entry()
    entry.choosePreset(7)  # out of range: ignored
    entry.pay()
    assert fake.calls == []


def test_custom_amount_must_be_within_limits(qtbot: QtBot) -> None:
    fake, entry = _entry()
    entry.chooseCustom()
    assert entry.property("selectedIndex") == CUSTOM
    entry.customDigit(0)  # a leading zero is ignored
    entry.customDigit(4)
    assert _p(entry, "customText") == "kr 4"
    assert entry.property("customValid") is False  # below kr 50
    entry.customDigit(5)
    entry.customDigit(0)
    assert _p(entry, "customText") == "kr 450"
    assert entry.property("customValid") is True
    assert _p(entry, "customEnergyText") == "88 kWh"  # 44 500 øre / (450 + 55) øre per kWh
    entry.customDigit(0)
    entry.customDigit(0)
    assert entry.property("customValid") is False  # kr 45 000 is above kr 1 000
    entry.customBackspace()
    entry.customBackspace()
    entry.pay()
    assert fake.calls == [("choose_budget", 1, 45000, None)]
    assert _p(entry, "limitsText") == "kr 50 – kr 1 000"


def test_phone_number_goes_with_the_amount(qtbot: QtBot) -> None:
    fake, entry = _entry()
    entry.choosePreset(0)
    for digit in (9, 1, 2, 3, 4, 5, 6):
        entry.phoneDigit(digit)
    assert entry.property("phoneValid") is False
    entry.payWithPhone()
    assert fake.calls == []
    entry.phoneDigit(7)
    entry.phoneDigit(8)  # a ninth digit is ignored
    assert _p(entry, "phoneText") == "+47 91 23 45 67"
    assert entry.property("phoneValid") is True
    entry.payWithPhone()
    assert fake.calls == [("choose_budget", 1, 20000, "4791234567")]


def test_reset_clears_the_input(qtbot: QtBot) -> None:
    _, entry = _entry()
    entry.choosePreset(2)
    entry.phoneDigit(9)
    with qtbot.waitSignal(entry.changed):
        entry.reset()
    assert entry.property("selectedIndex") == -1
    assert entry.property("phoneText") == ""


def _market_entry(currency: str) -> tuple[FakeStation, BudgetEntry]:
    fake, entry = _entry()
    tariff = dataclasses.replace(fake.snapshot.tariff, currency=currency)
    entry.update(fake.snapshot.budget, tariff, NumberFormat("nb"))
    entry.choosePreset(0)
    return fake, entry


def _type(entry: BudgetEntry, digits: str) -> None:
    for digit in digits:
        entry.phoneDigit(int(digit))


def test_a_norwegian_station_keeps_plus_47_and_eight_digits(qtbot: QtBot) -> None:
    fake, entry = _market_entry("NOK")
    assert entry.property("phoneAvailable") is True
    assert entry.property("phonePrefixText") == "+47"
    _type(entry, "0123456")
    assert entry.property("phoneValid") is False
    _type(entry, "78")  # the ninth digit is ignored
    assert entry.property("phoneText") == "+47 01 23 45 67"
    entry.payWithPhone()
    assert fake.calls == [("choose_budget", 1, 20000, "4701234567")]


def test_a_danish_station_takes_eight_digits_after_plus_45(qtbot: QtBot) -> None:
    fake, entry = _market_entry("DKK")
    assert entry.property("phonePrefixText") == "+45"
    assert entry.property("phoneText") == ""  # the screen shows the prefix alone
    _type(entry, "2012345")
    assert entry.property("phoneText") == "+45 20 12 34 5"
    assert entry.property("phoneValid") is False
    entry.payWithPhone()
    assert fake.calls == []
    _type(entry, "67")  # the ninth digit is ignored
    assert entry.property("phoneText") == "+45 20 12 34 56"
    assert entry.property("phoneValid") is True
    entry.payWithPhone()
    assert fake.calls == [("choose_budget", 1, 20000, "4520123456")]


def test_a_finnish_station_drops_the_trunk_zero(qtbot: QtBot) -> None:
    fake, entry = _market_entry("EUR")
    assert entry.property("phonePrefixText") == "+358"
    _type(entry, "0")
    assert entry.property("phoneText") == "+358 (0)"
    _type(entry, "401234")  # 040 123 4: 6 digits after the 0, too short
    assert entry.property("phoneText") == "+358 (0)40 123 4"
    assert entry.property("phoneValid") is False
    _type(entry, "567")  # 040 123 4567
    assert entry.property("phoneText") == "+358 (0)40 123 4567"
    assert entry.property("phoneValid") is True
    entry.payWithPhone()
    assert fake.calls == [("choose_budget", 1, 20000, "358401234567")]


def test_a_finnish_keypad_takes_up_to_ten_digits_after_the_zero(qtbot: QtBot) -> None:
    _, entry = _market_entry("EUR")
    _type(entry, "045123456789")  # the twelfth digit is ignored
    assert entry.property("phoneText") == "+358 (0)45 123 45678"
    assert entry.phone_number() == "3584512345678"
    for _ in range(11):
        entry.phoneBackspace()
    _type(entry, "4512345678")  # without the 0: ten digits
    assert entry.property("phoneText") == "+358 45 123 45678"
    _type(entry, "9")
    assert entry.phone_number() == "3584512345678"


def test_a_finnish_landline_cannot_be_confirmed(qtbot: QtBot) -> None:
    fake, entry = _market_entry("EUR")
    _type(entry, "0912345678")  # Helsinki 09
    assert entry.property("phoneValid") is False
    entry.payWithPhone()
    assert fake.calls == []


def test_a_currency_without_a_market_offers_no_phone_keypad(qtbot: QtBot) -> None:
    fake, entry = _market_entry("SEK")
    assert entry.property("phoneAvailable") is False
    assert entry.property("phonePrefixText") == ""
    _type(entry, "70123456")
    assert entry.property("phoneText") == ""
    assert entry.property("phoneValid") is False
    entry.payWithPhone()
    assert fake.calls == []


def test_another_market_clears_the_digits_typed(qtbot: QtBot) -> None:
    fake, entry = _market_entry("NOK")
    _type(entry, "91234567")
    eur = dataclasses.replace(fake.snapshot.tariff, currency="EUR")
    with qtbot.waitSignal(entry.changed):
        entry.update(fake.snapshot.budget, eur, NumberFormat("nb"))
    assert entry.property("phoneText") == ""
    assert entry.phone_number() is None
    _type(entry, "0401234567")
    entry.update(fake.snapshot.budget, eur, NumberFormat("en"))  # same market: digits stay
    assert entry.phone_number() == "358401234567"


def test_a_shared_supply_lowers_the_estimate_and_says_so(qtbot: QtBot) -> None:
    """A car starting now would get 6.9 kW of the shared supply, below the 11 kW the station
    assumes: the time price of each kWh grows, the screen names the shared power."""
    fake = FakeStation(scene("budget_shared"))
    connector = ConnectorViewModel(fake, 1)
    connector.apply(fake.snapshot, NumberFormat("nb"))
    entry = connector.entry
    # (35000 - 500) / (450 + 10 øre per minute for 60 / 6.9 min per kWh) = 64.3 kWh, not 68
    assert entry.property("presets")[1]["energyText"].replace(NBSP, " ") == "64 kWh"
    assert _p(entry, "sharingPowerText") == "6,9 kW"
    assert _p(entry, "estimatePowerText") == "6,9 kW"


def test_without_sharing_there_is_no_sharing_line(qtbot: QtBot) -> None:
    fake = FakeStation(scene("budget"))
    connector = ConnectorViewModel(fake, 1)
    connector.apply(fake.snapshot, NumberFormat("nb"))
    assert connector.entry.property("sharingPowerText") == ""
    assert _p(connector.entry, "estimatePowerText") == "11 kW"
