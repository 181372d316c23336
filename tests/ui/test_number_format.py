from __future__ import annotations

import pytest

from kiosk.core.numbering import DENMARK, FINLAND, NORWAY
from kiosk.viewmodels.number_format import NBSP, NumberFormat


@pytest.mark.parametrize(
    ("lang", "amount_ore", "expected"),
    [
        ("nb", 12345, "kr 123,45"),
        ("en", 12345, "NOK 123.45"),
        ("de", 12345, "123,45 NOK"),
        ("nb", 123456789, "kr 1 234 567,89"),
        ("en", 123456789, "NOK 1,234,567.89"),
        ("da", 100000, "1.000,00 NOK"),
        ("nb", 5, "kr 0,05"),
        ("xx", 100, "NOK 1.00"),
    ],
)
def test_money(lang: str, amount_ore: int, expected: str) -> None:
    assert NumberFormat(lang).money(amount_ore).replace(NBSP, " ") == expected


def test_money_drops_zero_ore_only_when_asked_and_only_when_whole() -> None:
    fmt = NumberFormat("nb")
    assert fmt.money(20000, drop_zero_ore=True).replace(NBSP, " ") == "kr 200"
    assert fmt.money(20050, drop_zero_ore=True).replace(NBSP, " ") == "kr 200,50"
    assert fmt.money(20000).replace(NBSP, " ") == "kr 200,00"


def test_energy_power_and_rounding_half_up() -> None:
    fmt = NumberFormat("nb")
    assert fmt.energy(12345).replace(NBSP, " ") == "12,35 kWh"
    assert fmt.energy(12344).replace(NBSP, " ") == "12,34 kWh"
    assert fmt.energy(0).replace(NBSP, " ") == "0,00 kWh"
    assert fmt.power(7360).replace(NBSP, " ") == "7,4 kW"
    assert NumberFormat("en").power(11040).replace(NBSP, " ") == "11.0 kW"
    assert fmt.energy_whole(76500).replace(NBSP, " ") == "77 kWh"
    assert fmt.power_whole(11000).replace(NBSP, " ") == "11 kW"
    assert fmt.power_whole(7400).replace(NBSP, " ") == "7 kW"


def test_phone() -> None:
    assert NumberFormat.phone("4791234567") == "+47 91 23 45 67"
    assert NumberFormat.phone("4520123456") == "+45 20 12 34 56"
    assert NumberFormat.phone("358401234567") == "+358 40 123 4567"
    assert NumberFormat.phone("4512345678901") == "4512345678901"  # not a Danish mobile
    assert NumberFormat.phone("46701234567") == "46701234567"  # no market of ours
    assert NumberFormat.phone("+47 *****567") == "+47 *****567"
    assert NumberFormat.phone("+358 ******567") == "+358 ******567"


def test_phone_entry_shows_the_prefix_and_the_groups_typed() -> None:
    assert NumberFormat.phone_entry(NORWAY, "9") == "+47 9"
    assert NumberFormat.phone_entry(NORWAY, "91234567") == "+47 91 23 45 67"
    assert NumberFormat.phone_entry(DENMARK, "201") == "+45 20 1"
    assert NumberFormat.phone_entry(FINLAND, "0") == "+358 (0)"
    assert NumberFormat.phone_entry(FINLAND, "0401234567") == "+358 (0)40 123 4567"
    assert NumberFormat.phone_entry(FINLAND, "401234567") == "+358 40 123 4567"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "0:00"), (59, "0:59"), (125, "2:05"), (3723, "1:02:03"), (-5, "0:00")],
)
def test_duration(seconds: int, expected: str) -> None:
    assert NumberFormat.duration(seconds) == expected
