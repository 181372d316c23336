"""Turning integer øre, Wh, W and seconds into the text a screen shows, per language.

Display only: the amounts are computed by the core and arrive as integers; this module never
rounds money (øre are shown exactly) and rounds energy and power only for display. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.numbering import NumberingPlan, plan_of_msisdn

NBSP = "\u00a0"


@dataclass(frozen=True, slots=True)
class NumberStyle:
    decimal: str
    group: str
    currency_first: bool  # "kr 12,50" / "NOK 12.50" versus "12,50 NOK"
    currency: str


_STYLES = {
    "nb": NumberStyle(decimal=",", group=NBSP, currency_first=True, currency="kr"),
    "en": NumberStyle(decimal=".", group=",", currency_first=True, currency="NOK"),
    "sv": NumberStyle(decimal=",", group=NBSP, currency_first=False, currency="NOK"),
    "da": NumberStyle(decimal=",", group=".", currency_first=False, currency="NOK"),
    "fi": NumberStyle(decimal=",", group=NBSP, currency_first=False, currency="NOK"),
    "de": NumberStyle(decimal=",", group=".", currency_first=False, currency="NOK"),
}


class NumberFormat:
    """Formats numbers for one language (unknown languages fall back to English)."""

    def __init__(self, language: str) -> None:
        self.style = _STYLES.get(language, _STYLES["en"])

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
        """``kr 1 234,50`` (nb), ``NOK 1,234.50`` (en), ``1.234,50 NOK`` (de)."""
        places = 0 if drop_zero_ore and amount_ore % 100 == 0 else 2
        number = self._decimal(amount_ore, 100, places)
        if self.style.currency_first:
            return f"{self.style.currency}{NBSP}{number}"
        return f"{number}{NBSP}{self.style.currency}"

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
