"""What a ``Station`` is built from: display facts and one setup per connector (plain data).

``ChargerFeed`` is the snapshot side of a charger (``kiosk.hardware.poller.DevicePoller``
fits it): start, subscribe to ``DeviceSnapshot`` s, close. Raises nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kiosk.config import StationConfig
from kiosk.core.ports import Charger
from kiosk.core.state import SessionPolicy
from kiosk.core.tariff import TariffSnapshot
from kiosk.snapshot import BudgetLimits, TariffDisplay

if TYPE_CHECKING:  # the window's first frame imports this module; keep it light
    from kiosk.hardware.snapshot import DeviceSnapshot


class ChargerFeed(Protocol):
    async def start(self) -> None: ...

    async def aclose(self) -> None: ...

    def subscribe(self, subscriber: Callable[[DeviceSnapshot], None]) -> Callable[[], None]: ...


@dataclass(frozen=True, slots=True)
class StationInfo:
    station_id: str
    name: str
    tariff: TariffSnapshot
    budget: BudgetLimits
    languages: tuple[str, ...] = ("nb", "en")
    default_language: str = "nb"
    terms_url: str = ""
    push_payment_allowed: bool = False
    receipt_url_template: str | None = None
    """``[vipps] receipt_url_template``: the done screen links the same page as the receipt."""

    def tariff_display(self) -> TariffDisplay:
        t = self.tariff
        return TariffDisplay(
            price_ore_per_kwh=t.price_ore_per_kwh,
            start_fee_ore=t.start_fee_ore or None,
            price_ore_per_minute=t.price_ore_per_minute or None,
            idle_fee_ore_per_minute=t.idle_fee_ore_per_minute or None,
            idle_grace_minutes=t.idle_grace_s // 60 if t.idle_fee_ore_per_minute else None,
            currency=t.currency,
        )

    def accepts_budget(self, amount_ore: int) -> bool:
        return amount_ore in self.budget.presets_ore or self.budget.accepts(amount_ore)


@dataclass(frozen=True, slots=True)
class ConnectorSetup:
    """One connector: its number on the screen, name, session policy and charger."""

    number: int
    name: str
    policy: SessionPolicy
    charger: Charger
    feed: ChargerFeed


def station_info(config: StationConfig) -> StationInfo:
    """The display facts of a configured station."""
    b = config.budget
    return StationInfo(
        station_id=config.station.id,
        name=config.station.name,
        tariff=config.tariff.snapshot(),
        budget=BudgetLimits(b.presets_ore, b.custom_min_ore, b.custom_max_ore, b.custom_step_ore),
        languages=tuple(config.station.languages),
        default_language=config.station.default_language,
        push_payment_allowed=config.vipps.push_allowed,
        receipt_url_template=config.vipps.receipt_url_template,
    )
