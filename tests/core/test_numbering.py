"""Numbering plans per market: what a driver types becomes an MSISDN, and its mask keeps the
whole country code (one to three digits) and three digits, never more."""

from __future__ import annotations

import pytest

from kiosk.core.numbering import (
    DENMARK,
    FINLAND,
    NORWAY,
    NumberingPlan,
    plan_for_currency,
    plan_of_msisdn,
)
from kiosk.core.phone import country_code, masked_phone, valid_phone


def test_the_currency_picks_the_market() -> None:
    assert plan_for_currency("NOK") is NORWAY
    assert plan_for_currency("DKK") is DENMARK
    assert plan_for_currency("EUR") is FINLAND
    assert [p.prefix_text for p in (NORWAY, DENMARK, FINLAND)] == ["+47", "+45", "+358"]
    for other in ("SEK", "USD", "nok", ""):
        assert plan_for_currency(other) is None, other


# --- Norway: eight digits, any first digit, exactly as before ---------------------------------


@pytest.mark.parametrize(
    ("typed", "msisdn"),
    [("91234567", "4791234567"), ("48001234", "4748001234"), ("01234567", "4701234567")],
)
def test_norway_takes_eight_digits(typed: str, msisdn: str) -> None:
    assert NORWAY.msisdn(typed) == msisdn
    assert valid_phone(msisdn)


@pytest.mark.parametrize("typed", ["", "9123456", "912345678", "9123456a", "٩١٢٣٤٥٦٧"])
def test_norway_refuses_other_lengths_and_non_digits(typed: str) -> None:
    assert NORWAY.msisdn(typed) is None


def test_norway_keypad_takes_eight_digits_in_pairs() -> None:
    assert NORWAY.max_typed_digits("0") == 8  # no trunk prefix: a 0 is a digit of the number
    assert NORWAY.grouped("91234567") == ("91", "23", "45", "67")
    assert NORWAY.grouped("912") == ("91", "2")
    assert NORWAY.grouped("") == ()


def test_norway_mask() -> None:
    assert masked_phone("4791234567") == "+47 *****567"


# --- Denmark: eight digits, +45 --------------------------------------------------------------


def test_denmark_takes_eight_digits() -> None:
    assert DENMARK.msisdn("20123456") == "4520123456"
    assert DENMARK.msisdn("2012345") is None
    assert DENMARK.msisdn("201234567") is None
    assert DENMARK.max_typed_digits("2") == 8
    assert DENMARK.grouped("20123456") == ("20", "12", "34", "56")


def test_denmark_mask() -> None:
    assert masked_phone("4520123456") == "+45 *****456"
    assert country_code("4520123456") == "45"


# --- Finland: typed with the trunk 0, which is dropped; 4x or 50; 7 to 10 digits after it ----


@pytest.mark.parametrize(
    ("typed", "msisdn"),
    [
        ("0401234567", "358401234567"),  # 040 123 4567, the usual
        ("0501234567", "358501234567"),  # 050 123 4567
        ("0400123456", "358400123456"),  # 0400 123 456 (former NMT numbers)
        ("04571234567", "3584571234567"),  # 10 digits after the 0
        ("04012345", "3584012345"),  # 7 digits after the 0
        ("401234567", "358401234567"),  # the 0 left out: the keypad already shows +358
    ],
)
def test_finland_drops_the_trunk_zero(typed: str, msisdn: str) -> None:
    assert FINLAND.msisdn(typed) == msisdn
    assert valid_phone(msisdn)


@pytest.mark.parametrize(
    "typed",
    [
        "0401234",  # 6 digits after the 0: too short for Vipps (an MSISDN has 10 digits or more)
        "045123456789",  # 11 digits after the 0
        "0912345678",  # Helsinki landline (09)
        "0201234567",  # 020: not a mobile prefix
        "0551234567",  # 05x other than 050 is the Kymi landline area
        "00401234567",  # a second 0
        "",
    ],
)
def test_finland_refuses_what_is_not_a_mobile_number(typed: str) -> None:
    assert FINLAND.msisdn(typed) is None


def test_finland_keypad_takes_one_more_digit_after_a_trunk_zero() -> None:
    assert FINLAND.max_typed_digits("04") == 11
    assert FINLAND.max_typed_digits("4") == 10
    assert FINLAND.trunk_of("040") == "0"
    assert FINLAND.trunk_of("40") == ""
    assert FINLAND.national("0401234567") == "401234567"
    assert FINLAND.grouped("401234567") == ("40", "123", "4567")
    assert FINLAND.grouped("4571234567") == ("45", "712", "34567")  # the rest joins the last
    assert FINLAND.grouped("40") == ("40",)


def test_finland_mask_keeps_the_three_digit_country_code() -> None:
    assert masked_phone("358401234567") == "+358 ******567"
    assert masked_phone("3584571234567") == "+358 *******567"
    assert country_code("358401234567") == "358"


# --- masks and country codes for any MSISDN --------------------------------------------------


@pytest.mark.parametrize(
    ("msisdn", "code", "mask"),
    [
        ("14155552671", "1", "+1 *******671"),  # North America
        ("79161234567", "7", "+7 *******567"),
        ("46701234567", "46", "+46 ******567"),  # Sweden
        ("491701234567", "49", "+49 *******567"),
        ("4201234567890", "420", "+420 *******890"),  # 42x is three digits
        ("3541234567", "354", "+354 ****567"),  # Iceland, shortest MSISDN
        ("2348012345678", "234", "+234 *******678"),
    ],
)
def test_mask_keeps_the_whole_country_code_and_three_digits(
    msisdn: str, code: str, mask: str
) -> None:
    assert country_code(msisdn) == code
    assert masked_phone(msisdn) == mask
    assert msisdn[len(code) : -3] not in mask  # the hidden middle never shows


@pytest.mark.parametrize(
    "bad", ["", "0401234567", "+358401234567", "358 40 123 4567", "35840", "3" * 16, "٣٥٨٤٠١٢٣٤٥٦"]
)
def test_no_country_code_no_digits_shown(bad: str) -> None:
    assert country_code(bad) is None
    assert masked_phone(bad) == "*****"


@pytest.mark.parametrize("plan", [NORWAY, DENMARK, FINLAND])
def test_every_valid_number_of_a_plan_is_found_again_from_its_msisdn(plan: NumberingPlan) -> None:
    for length in plan.national_lengths:
        national = (plan.mobile_prefixes[0] + "9876543210")[:length]
        msisdn = plan.msisdn(plan.trunk_prefix + national)
        assert msisdn is not None
        assert country_code(msisdn) == plan.country_code
        assert plan_of_msisdn(msisdn) is plan
        assert masked_phone(msisdn).startswith(plan.prefix_text + " *")


def test_plan_of_msisdn_knows_only_its_markets() -> None:
    assert plan_of_msisdn("46701234567") is None
    assert plan_of_msisdn("4512345678901") is None  # +45 but not eight digits
    assert plan_of_msisdn("358912345678") is None  # a Finnish landline
    assert plan_of_msisdn("masked") is None
