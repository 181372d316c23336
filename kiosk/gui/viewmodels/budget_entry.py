"""What the driver has picked on the budget screen before tapping "Pay with Vipps" (or MobilePay).

Input state only: the chosen preset, the digits of a custom amount and of a phone number. The
limits come from the snapshot (``BudgetLimits``); the controller checks them again. ``pay()``
forwards one ``choose_budget`` call and nothing else.

The phone keypad follows the numbering plan of the station's market, which the tariff's
currency picks (``kiosk.core.numbering``: +47 Norway, +45 Denmark, +358 Finland): its prefix,
how many digits it takes, their grouping and the MSISDN sent. With no known market there is no
phone keypad (``phoneAvailable`` is false). The typed digits stay in this object only.

The "≈ N kWh" beside an amount comes from ``TariffDisplay.energy_wh_for``; it is empty when
the budget is not what limits the energy (free energy, or a session cap below the budget).
Where the tariff has a time price the estimate assumes a charging power, which
``estimatePowerText`` gives for the screen to state. While the site's supply is shared and a
car starting now would get less than the connector's maximum, the estimate assumes no more
than that power (``StationSnapshot.tariff_for``) and ``sharingPowerText`` says it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.number_format import NumberFormat
from kiosk.core.numbering import NumberingPlan, plan_for_currency
from kiosk.gui.viewmodels.qml_module import qml_view_model
from kiosk.station.snapshot import BudgetLimits, StationControl, TariffDisplay

CUSTOM = -2  # selectedIndex of the custom amount
NONE = -1
_MAX_CUSTOM_DIGITS = 6  # whole kroner


@qml_view_model
class BudgetEntry(QObject):
    changed = Signal()

    def __init__(self, control: StationControl, connector_id: int) -> None:
        super().__init__()
        self._control = control
        self._connector_id = connector_id
        self._limits = BudgetLimits(presets_ore=(), custom_min_ore=0, custom_max_ore=0)
        self._tariff = TariffDisplay(price_ore_per_kwh=0)
        self._plan: NumberingPlan | None = plan_for_currency(self._tariff.currency)
        self._fmt = NumberFormat("en", self._tariff.currency)
        self._available_w: int | None = None
        self._selected = NONE
        self._custom_kr = ""
        self._phone = ""

    # --- fed by the connector view-model ----------------------------------------------------
    def update(
        self,
        limits: BudgetLimits,
        tariff: TariffDisplay,
        fmt: NumberFormat,
        available_w: int | None = None,
    ) -> None:
        """``tariff`` as this connector's budget shows it; ``available_w``: the power a car
        starting now would get while the supply is shared (None: the connector's maximum)."""
        self._limits, self._tariff, self._fmt = limits, tariff, fmt
        self._available_w = available_w
        plan = plan_for_currency(tariff.currency)
        if plan != self._plan:  # another market: digits typed for the old one mean nothing
            self._plan, self._phone = plan, ""
        self.changed.emit()

    def reset(self) -> None:
        if (self._selected, self._custom_kr, self._phone) != (NONE, "", ""):
            self._selected, self._custom_kr, self._phone = NONE, "", ""
            self.changed.emit()

    # --- derived values ------------------------------------------------------------------
    def amount_ore(self) -> int | None:
        """The amount that "Pay" would ask for, or None while nothing valid is chosen."""
        if 0 <= self._selected < len(self._limits.presets_ore):
            return self._limits.presets_ore[self._selected]
        if self._selected == CUSTOM and self._custom_kr:
            amount = int(self._custom_kr) * 100
            return amount if self._limits.accepts(amount) else None
        return None

    def phone_number(self) -> str | None:
        """The MSISDN that "Send to my <app> app" would push to, or None while incomplete."""
        return None if self._plan is None else self._plan.msisdn(self._phone)

    def _presets(self) -> list[dict[str, Any]]:
        return [
            {
                "amountText": self._fmt.money(amount, drop_zero_ore=True),
                "energyText": self._energy_text(amount),
            }
            for amount in self._limits.presets_ore
        ]

    def _custom_valid(self) -> bool:
        return self._selected == CUSTOM and self.amount_ore() is not None

    def _custom_text(self) -> str:
        if not self._custom_kr:
            return ""
        return self._fmt.money(int(self._custom_kr) * 100, drop_zero_ore=True)

    def _custom_energy_text(self) -> str:
        amount = self.amount_ore()
        if self._selected != CUSTOM or amount is None:
            return ""
        return self._energy_text(amount)

    def _energy_text(self, amount_ore: int) -> str:
        energy_wh = self._tariff.energy_wh_for(amount_ore)
        return "" if energy_wh is None else self._fmt.energy_whole(energy_wh)

    def _estimate_power_text(self) -> str:
        if not self._tariff.estimate_needs_power:
            return ""
        power_w = self._tariff.estimate_power_w
        if power_w == self._available_w:  # the shared power as the sharing line says it
            return self._fmt.power(power_w)
        return self._fmt.power_whole(power_w)

    def _sharing_power_text(self) -> str:
        return "" if self._available_w is None else self._fmt.power(self._available_w)

    def _limits_text(self) -> str:
        low = self._fmt.money(self._limits.custom_min_ore, drop_zero_ore=True)
        high = self._fmt.money(self._limits.custom_max_ore, drop_zero_ore=True)
        return f"{low} – {high}"

    def _amount_text(self) -> str:
        amount = self.amount_ore()
        return "" if amount is None else self._fmt.money(amount, drop_zero_ore=True)

    def _phone_text(self) -> str:
        if self._plan is None or not self._phone:
            return ""
        return NumberFormat.phone_entry(self._plan, self._phone)

    def _phone_prefix_text(self) -> str:
        return "" if self._plan is None else self._plan.prefix_text

    presets = Property(list, _presets, notify=changed)
    selectedIndex = Property(int, lambda self: self._selected, notify=changed)
    customText = Property(str, _custom_text, notify=changed)
    customEnergyText = Property(str, _custom_energy_text, notify=changed)
    estimatePowerText = Property(str, _estimate_power_text, notify=changed)
    sharingPowerText = Property(str, _sharing_power_text, notify=changed)
    customValid = Property(bool, lambda self: self._custom_valid(), notify=changed)
    limitsText = Property(str, _limits_text, notify=changed)
    amountText = Property(str, _amount_text, notify=changed)
    canPay = Property(bool, lambda self: self.amount_ore() is not None, notify=changed)
    phoneText = Property(str, _phone_text, notify=changed)
    phonePrefixText = Property(str, _phone_prefix_text, notify=changed)
    phoneAvailable = Property(bool, lambda self: self._plan is not None, notify=changed)
    phoneValid = Property(bool, lambda self: self.phone_number() is not None, notify=changed)

    # --- taps ------------------------------------------------------------------------------
    @Slot(int)
    def choosePreset(self, index: int) -> None:
        if 0 <= index < len(self._limits.presets_ore):
            self._selected = index
            self.changed.emit()

    @Slot()
    def chooseCustom(self) -> None:
        self._selected = CUSTOM
        self.changed.emit()

    @Slot(int)
    def customDigit(self, digit: int) -> None:
        if not 0 <= digit <= 9 or len(self._custom_kr) >= _MAX_CUSTOM_DIGITS:
            return
        if digit == 0 and not self._custom_kr:
            return
        self._selected = CUSTOM
        self._custom_kr += str(digit)
        self.changed.emit()

    @Slot()
    def customBackspace(self) -> None:
        self._custom_kr = self._custom_kr[:-1]
        self.changed.emit()

    @Slot(int)
    def phoneDigit(self, digit: int) -> None:
        plan = self._plan
        if plan is None or not 0 <= digit <= 9:
            return
        typed = self._phone + str(digit)
        if len(typed) <= plan.max_typed_digits(typed):
            self._phone = typed
            self.changed.emit()

    @Slot()
    def phoneBackspace(self) -> None:
        self._phone = self._phone[:-1]
        self.changed.emit()

    @Slot()
    def pay(self) -> None:
        """Pay by scanning a QR code."""
        amount = self.amount_ore()
        if amount is not None:
            self._control.choose_budget(self._connector_id, amount)

    @Slot()
    def payWithPhone(self) -> None:
        amount, phone = self.amount_ore(), self.phone_number()
        if amount is not None and phone is not None:
            self._control.choose_budget(self._connector_id, amount, phone)
