"""How a driver types a mobile number in the station's market, and the MSISDN it makes.

A Vipps MobilePay sales unit belongs to one market and that market fixes the currency (NOK
Norway, DKK Denmark, EUR Finland), so the station's configured currency picks the numbering
plan: the ``+CC`` the phone keypad shows, how many digits it takes, how they are grouped, and
how the national number typed becomes the MSISDN a push payment needs (``kiosk.core.phone``).

- Norway (+47) and Denmark (+45): eight digits, no trunk prefix (``91234567`` ->
  ``4791234567``).
- Finland (+358): mobile numbers are typed nationally with the trunk prefix 0 (``040 123 4567``);
  the 0 is dropped (``358401234567``) and may also be left out. A mobile number starts with 4x
  or 50 and has 7 to 10 digits after the 0 (the plan allows 6, but an MSISDN needs 10 digits).
  With several valid lengths a shorter prefix of a longer number is itself valid; the driver
  sees the grouped number before confirming.

Pure data and functions; nothing raises: a number that is not (yet) valid is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .phone import valid_phone


@dataclass(frozen=True, slots=True)
class NumberingPlan:
    """One country's mobile numbers as typed at home."""

    country: str  # ISO 3166-1 alpha-2
    country_code: str  # E.164 calling code, digits only
    national_lengths: tuple[int, ...]  # digits of a mobile number without the trunk prefix
    groups: tuple[int, ...]  # display groups of the national number; the last takes the rest
    trunk_prefix: str = ""  # dialled before a national number at home, dropped in an MSISDN
    mobile_prefixes: tuple[str, ...] = ("",)  # a mobile number starts with one of these

    @property
    def prefix_text(self) -> str:
        """``+47``, ``+358``."""
        return "+" + self.country_code

    def trunk_of(self, typed: str) -> str:
        """The trunk prefix the typed digits start with (``0`` of ``0401234567``), else ``""``."""
        return (
            self.trunk_prefix if self.trunk_prefix and typed.startswith(self.trunk_prefix) else ""
        )

    def national(self, typed: str) -> str:
        """The typed digits without the trunk prefix."""
        return typed[len(self.trunk_of(typed)) :]

    def max_typed_digits(self, typed: str) -> int:
        """How many digits the keypad takes, given what has been typed so far."""
        return max(self.national_lengths) + len(self.trunk_of(typed))

    def msisdn(self, typed: str) -> str | None:
        """The MSISDN of a complete mobile number (``0401234567`` -> ``358401234567``)."""
        national = self.national(typed)
        if len(national) not in self.national_lengths:
            return None
        if not national.startswith(self.mobile_prefixes):
            return None
        number = self.country_code + national
        return number if valid_phone(number) else None

    def grouped(self, national: str) -> tuple[str, ...]:
        """``91234567`` -> ``("91", "23", "45", "67")``; ``401234567`` -> ``("40", "123", "4567")``.

        Groups as far as the digits go; what is left after the last group size joins it."""
        parts: list[str] = []
        rest = national
        for size in self.groups[:-1]:
            if not rest:
                break
            parts.append(rest[:size])
            rest = rest[size:]
        if rest:
            parts.append(rest)
        return tuple(parts)


NORWAY = NumberingPlan(country="NO", country_code="47", national_lengths=(8,), groups=(2, 2, 2, 2))
DENMARK = NumberingPlan(country="DK", country_code="45", national_lengths=(8,), groups=(2, 2, 2, 2))
FINLAND = NumberingPlan(
    country="FI",
    country_code="358",
    national_lengths=(7, 8, 9, 10),
    groups=(2, 3, 4),
    trunk_prefix="0",
    mobile_prefixes=("4", "50"),
)

_PLAN_BY_CURRENCY = {"NOK": NORWAY, "DKK": DENMARK, "EUR": FINLAND}


def plan_for_currency(currency: str) -> NumberingPlan | None:
    """The market of a sales unit taking ``currency``; None where Vipps MobilePay has none."""
    return _PLAN_BY_CURRENCY.get(currency)


def plan_of_msisdn(number: str) -> NumberingPlan | None:
    """The plan a full MSISDN is a mobile number of (``4591234567`` -> Denmark), else None."""
    for plan in _PLAN_BY_CURRENCY.values():
        national = number[len(plan.country_code) :]
        if number.startswith(plan.country_code) and plan.msisdn(national) == number:
            return plan
    return None
