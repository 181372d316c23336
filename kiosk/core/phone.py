"""The driver's phone number for a push payment: check it, and mask it for everything kept.

A push payment (``userFlow: PUSH_MESSAGE``) needs the number in MSISDN form (country code and
number, digits only, e.g. ``4791234567``). The full number lives only in the ``BudgetChosen``
event and the ``CreatePayment`` effect, in memory; what is stored, journalled, logged or shown
is ``masked_phone`` of it (ADR 0008). Pure; nothing raises.
"""

from __future__ import annotations

MIN_MSISDN_DIGITS = 10
MAX_MSISDN_DIGITS = 15
SHOWN_TAIL_DIGITS = 3
MASK = "*"


def valid_phone(number: str) -> bool:
    """An MSISDN Vipps can push to: digits only, country code included."""
    return (
        number.isascii()
        and number.isdigit()
        and (MIN_MSISDN_DIGITS <= len(number) <= MAX_MSISDN_DIGITS)
    )


def masked_phone(number: str) -> str:
    """``4791234567`` -> ``+47 *****567``: the country code and the last three digits only.

    Anything that is not a valid MSISDN is masked whole (never shown as it came)."""
    if not valid_phone(number):
        return MASK * 5
    country = number[:2]
    hidden = len(number) - 2 - SHOWN_TAIL_DIGITS
    return f"+{country} {MASK * hidden}{number[-SHOWN_TAIL_DIGITS:]}"
