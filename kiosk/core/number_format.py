"""Turning integer øre, Wh, W and seconds into the text a screen shows, per language.

Shared by the driver's screens (``kiosk.gui`` view-models) and the phone pages (``kiosk.web``),
so it lives in the core, which both may import (ADR 0012).

Display only: the amounts are computed by the core and arrive as integers in the currency's
minor unit (øre, cent); this module never rounds money (minor units are shown exactly) and
rounds energy and power only for display. No Qt, no exceptions: an unknown language falls back
to English and an unknown currency is shown by its ISO code.

Where the currency sign goes follows the driver's language; which sign is shown follows the
currency. A language's own krone is its local sign (``kr`` in Norwegian for NOK, ``kr.`` in
Danish for DKK, ``kr`` in Swedish for SEK); the euro is ``€`` in every language; any other
currency is its ISO code (``DKK`` in English, ``NOK`` in German), so a krone is never taken
for another. Qt's ``QLocale.toCurrencyString`` only knows the locale's own currency sign and
glues an ISO code to the number in English ("DKK1,234.50"), hence this small table.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kiosk.core.numbering import NumberingPlan, plan_of_msisdn

NBSP = "\u00a0"


@dataclass(frozen=True, slots=True)
class NumberStyle:
    decimal: str
    group: str
    currency_first: bool  # "kr 12,50" / "NOK 12.50" versus "12,50 NOK"
    currency: str  # the sign shown: "kr", "kr.", "€", or an ISO code
    currency_gap: str = NBSP  # between the sign and the number ("" in "€12.50")


@dataclass(frozen=True, slots=True)
class _Language:
    decimal: str
    group: str
    currency_first: bool
    sign_gap: str  # after a leading currency sign such as "€" (letters always get NBSP)


_LANGUAGES = {
    "nb": _Language(decimal=",", group=NBSP, currency_first=True, sign_gap=NBSP),
    "en": _Language(decimal=".", group=",", currency_first=True, sign_gap=""),
    "sv": _Language(decimal=",", group=NBSP, currency_first=False, sign_gap=NBSP),
    "da": _Language(decimal=",", group=".", currency_first=False, sign_gap=NBSP),
    "fi": _Language(decimal=",", group=NBSP, currency_first=False, sign_gap=NBSP),
    "de": _Language(decimal=",", group=".", currency_first=False, sign_gap=NBSP),
}

# (language, currency) -> the sign a native reader knows as their own money.
_LOCAL_SIGNS = {("nb", "NOK"): "kr", ("da", "DKK"): "kr.", ("sv", "SEK"): "kr"}
# Signs read the same in every language.
_SIGNS = {"EUR": "€"}


def number_style(language: str, currency: str) -> NumberStyle:
    """How ``language`` writes numbers and amounts of ``currency`` (ISO 4217)."""
    lang = _LANGUAGES.get(language)
    if lang is None:
        language, lang = "en", _LANGUAGES["en"]
    sign = _LOCAL_SIGNS.get((language, currency)) or _SIGNS.get(currency) or currency
    is_symbol = unicodedata.category(sign[-1]) == "Sc"  # "€", not "kr." or "DKK"
    gap = lang.sign_gap if lang.currency_first and is_symbol else NBSP
    return NumberStyle(
        decimal=lang.decimal,
        group=lang.group,
        currency_first=lang.currency_first,
        currency=sign,
        currency_gap=gap,
    )


class NumberFormat:
    """Formats numbers for one language and amounts in one currency (ISO 4217: the station's
    ``[tariff] currency``; every view-model passes it, the default is only the home market's)."""

    def __init__(self, language: str, currency: str = "NOK") -> None:
        self.style = number_style(language, currency)

    def _grouped(self, whole: int) -> str:
        digits = f"{whole:,}"
        return digits.replace(",", self.style.group)

    def _decimal(self, value: int, scale: int, places: int) -> str:
        """``value / scale`` with ``places`` decimals, rounded half up (value >= 0 assumed)."""
        sign = "-" if value < 0 else ""
        step = scale // 10**places
        units = (abs(value) + step // 2) // step
        whole, frac = divmod(units, 10**places)
        text = self._grouped(whole)
        if places:
            text += self.style.decimal + f"{frac:0{places}d}"
        return sign + text

    def money(self, amount_ore: int, *, drop_zero_ore: bool = False) -> str:
        """``amount_ore`` in the minor unit (øre, cent): NOK ``kr 1 234,50`` (nb),
        ``NOK 1,234.50`` (en), ``1.234,50 NOK`` (de); DKK ``1.234,50 kr.`` (da),
        ``DKK 1,234.50`` (en); EUR ``1 234,50 €`` (fi), ``€1,234.50`` (en)."""
        places = 0 if drop_zero_ore and amount_ore % 100 == 0 else 2
        number = self._decimal(amount_ore, 100, places)
        style = self.style
        if not style.currency_first:
            return f"{number}{style.currency_gap}{style.currency}"
        if not style.currency_gap and number.startswith("-"):  # "-€5.00", not "€-5.00"
            return f"-{style.currency}{number[1:]}"
        return f"{style.currency}{style.currency_gap}{number}"

    def money_per(self, amount_ore: int, unit: str) -> str:
        return f"{self.money(amount_ore)}/{unit}"

    def energy(self, energy_wh: int) -> str:
        return f"{self._decimal(energy_wh, 1000, 2)}{NBSP}kWh"

    def energy_whole(self, energy_wh: int) -> str:
        """Whole kWh for estimates (``≈ 76 kWh``)."""
        return f"{self._decimal(energy_wh, 1000, 0)}{NBSP}kWh"

    def power(self, power_w: int) -> str:
        return f"{self._decimal(power_w, 1000, 1)}{NBSP}kW"

    def power_whole(self, power_w: int) -> str:
        """Whole kW for a stated assumption (``11 kW``)."""
        return f"{self._decimal(power_w, 1000, 0)}{NBSP}kW"

    @staticmethod
    def phone(number: str) -> str:
        """A mobile MSISDN of a known market grouped as at home: ``4791234567`` ->
        ``+47 91 23 45 67``, ``358401234567`` -> ``+358 40 123 4567``; anything else (a masked
        number) is shown as it came."""
        plan = plan_of_msisdn(number)
        if plan is None:
            return number
        national = number[len(plan.country_code) :]
        return " ".join((plan.prefix_text, *plan.grouped(national)))

    @staticmethod
    def phone_entry(plan: NumberingPlan, typed: str) -> str:
        """Digits typed on the phone keypad after the market's prefix: ``+47 91 23 4``,
        ``+358 (0)40 123 4567`` (the trunk 0 typed is shown in brackets: it is not sent)."""
        trunk = plan.trunk_of(typed)
        national = " ".join(plan.grouped(plan.national(typed)))
        shown = f"({trunk}){national}" if trunk else national
        return f"{plan.prefix_text} {shown}".rstrip()

    @staticmethod
    def duration(seconds: int) -> str:
        """``1:02:03`` from an hour up, ``2:05`` below."""
        seconds = max(0, seconds)
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        if hours:
            return f"{hours}:{minutes:02d}:{secs:02d}"
        return f"{minutes}:{secs:02d}"
