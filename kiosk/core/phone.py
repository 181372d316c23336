"""The driver's phone number for a push payment: check it, and mask it for everything kept.

A push payment (``userFlow: PUSH_MESSAGE``) needs the number in MSISDN form (country code and
number, digits only, e.g. ``4791234567``). The full number lives only in the ``BudgetChosen``
event and the ``CreatePayment`` effect, in memory; what is stored, journalled, logged or shown
is ``masked_phone`` of it (ADR 0008), which keeps the whole country code (1 to 3 digits, found
with ``country_code``) and the last three digits. What a driver types on the keypad becomes an
MSISDN in ``kiosk.core.numbering``. Pure; nothing raises.
"""

from __future__ import annotations

MIN_MSISDN_DIGITS = 10
MAX_MSISDN_DIGITS = 15
SHOWN_TAIL_DIGITS = 3
MASK = "*"

# E.164 calling codes are prefix-free: "1" (North America) and "7" (Russia, Kazakhstan) are the
# only one-digit codes, these are the two-digit ones, and every other code has three digits.
_ONE_DIGIT_CODES = frozenset({"1", "7"})
_TWO_DIGIT_ZONES = (
    ("20", "27"),  # zone 2: Egypt, South Africa
    ("30", "31", "32", "33", "34", "36", "39"),  # zone 3: Europe
    ("40", "41", "43", "44", "45", "46", "47", "48", "49"),  # zone 4: Europe
    ("51", "52", "53", "54", "55", "56", "57", "58"),  # zone 5: the Americas
    ("60", "61", "62", "63", "64", "65", "66"),  # zone 6: South-east Asia, Oceania
    ("81", "82", "84", "86"),  # zone 8: East Asia
    ("90", "91", "92", "93", "94", "95", "98"),  # zone 9: Asia, the Middle East
)
_TWO_DIGIT_CODES = frozenset(code for zone in _TWO_DIGIT_ZONES for code in zone)


def valid_phone(number: str) -> bool:
    """An MSISDN Vipps can push to: digits only, country code included."""
    return (
        number.isascii()
        and number.isdigit()
        and (MIN_MSISDN_DIGITS <= len(number) <= MAX_MSISDN_DIGITS)
    )


def country_code(number: str) -> str | None:
    """The E.164 country calling code an MSISDN starts with (``358`` of ``358401234567``).

    None for anything that is not a valid MSISDN, or starts with 0 (no country code does)."""
    if not valid_phone(number) or number.startswith("0"):
        return None
    if number[:1] in _ONE_DIGIT_CODES:
        return number[:1]
    if number[:2] in _TWO_DIGIT_CODES:
        return number[:2]
    return number[:3]


def masked_phone(number: str) -> str:
    """``4791234567`` -> ``+47 *****567``, ``358401234567`` -> ``+358 ******567``.

    The country code and the last three digits only. Anything that is not a valid MSISDN is
    masked whole (never shown as it came)."""
    code = country_code(number)
    if code is None:
        return MASK * 5
    hidden = len(number) - len(code) - SHOWN_TAIL_DIGITS
    return f"+{code} {MASK * hidden}{number[-SHOWN_TAIL_DIGITS:]}"
