from __future__ import annotations

import pytest

from kiosk.core.number_format import NBSP, NumberFormat
from kiosk.core.numbering import DENMARK, FINLAND, NORWAY


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


# Every language x every Vipps MobilePay currency, byte for byte ("_" is a no-break space).
MONEY_1234_50 = {
    ("nb", "NOK"): "kr_1_234,50",
    ("en", "NOK"): "NOK_1,234.50",
    ("sv", "NOK"): "1_234,50_NOK",
    ("da", "NOK"): "1.234,50_NOK",
    ("fi", "NOK"): "1_234,50_NOK",
    ("de", "NOK"): "1.234,50_NOK",
    ("nb", "DKK"): "DKK_1_234,50",
    ("en", "DKK"): "DKK_1,234.50",
    ("sv", "DKK"): "1_234,50_DKK",
    ("da", "DKK"): "1.234,50_kr.",
    ("fi", "DKK"): "1_234,50_DKK",
    ("de", "DKK"): "1.234,50_DKK",
    ("nb", "EUR"): "€_1_234,50",
    ("en", "EUR"): "€1,234.50",
    ("sv", "EUR"): "1_234,50_€",
    ("da", "EUR"): "1.234,50_€",
    ("fi", "EUR"): "1_234,50_€",
    ("de", "EUR"): "1.234,50_€",
}


@pytest.mark.parametrize(("lang", "currency"), list(MONEY_1234_50), ids="-".join)
def test_money_per_language_and_currency(lang: str, currency: str) -> None:
    fmt = NumberFormat(lang, currency)
    expected = MONEY_1234_50[(lang, currency)].replace("_", NBSP)
    assert fmt.money(123450) == expected
    whole = expected.replace(".50", "").replace(",50", "")
    assert fmt.money(123400, drop_zero_ore=True) == whole
    assert fmt.money_per(123450, "kWh") == expected + "/kWh"


def test_nok_is_what_it_was_before_the_currency_argument() -> None:
    """The Norwegian station's screens do not change by a byte."""
    assert NumberFormat("nb").money(20000) == "kr\u00a0200,00"
    assert NumberFormat("nb", "NOK").money(20000) == "kr\u00a0200,00"
    assert NumberFormat("en", "NOK").money(20000) == "NOK\u00a0200.00"
    assert NumberFormat("de", "NOK").money_per(450, "kWh") == "4,50\u00a0NOK/kWh"
    assert NumberFormat("nb", "NOK").money(-500) == "kr\u00a0-5,00"


@pytest.mark.parametrize(
    ("lang", "currency", "expected"),
    [
        ("da", "DKK", "200,00 kr."),
        ("en", "DKK", "DKK 200.00"),
        ("fi", "EUR", "200,00 €"),
        ("en", "EUR", "€200.00"),
        ("de", "EUR", "200,00 €"),
        ("sv", "SEK", "200,00 kr"),  # Swedish krona: "kr" only in Swedish
        ("en", "SEK", "SEK 200.00"),
        ("nb", "DKK", "DKK 200,00"),  # a krone that is not the reader's own: its code
        ("da", "NOK", "200,00 NOK"),
        ("en", "USD", "USD 200.00"),  # no sign of ours: the ISO code
        ("xx", "EUR", "€200.00"),  # unknown language: English
    ],
)
def test_money_examples(lang: str, currency: str, expected: str) -> None:
    assert NumberFormat(lang, currency).money(20000).replace(NBSP, " ") == expected


def test_a_negative_amount_keeps_its_sign_before_a_glued_currency_sign() -> None:
    assert NumberFormat("en", "EUR").money(-500) == "-€5.00"
    assert NumberFormat("fi", "EUR").money(-500).replace(NBSP, " ") == "-5,00 €"
    assert NumberFormat("en", "DKK").money(-500).replace(NBSP, " ") == "DKK -5.00"


def test_per_unit_prices_per_currency() -> None:
    assert NumberFormat("da", "DKK").money_per(375, "kWh").replace(NBSP, " ") == "3,75 kr./kWh"
    assert NumberFormat("en", "DKK").money_per(50, "min").replace(NBSP, " ") == "DKK 0.50/min"
    assert NumberFormat("fi", "EUR").money_per(39, "kWh").replace(NBSP, " ") == "0,39 €/kWh"
    assert NumberFormat("en", "EUR").money_per(2, "min") == "€0.02/min"
    assert NumberFormat("de", "EUR").money_per(39, "kWh").replace(NBSP, " ") == "0,39 €/kWh"


def test_the_style_tells_currencies_apart() -> None:
    """The service view-model re-formats its pages when the style changes."""
    assert NumberFormat("en", "DKK").style != NumberFormat("en", "NOK").style
    assert NumberFormat("da", "DKK").style.currency == "kr."


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
