"""What a ``Station`` is built from: display facts and one setup per connector (plain data).

``ChargerFeed`` is the snapshot side of a charger (``kiosk.hardware.poller.DevicePoller``
fits it): start, subscribe to ``DeviceReading`` s, close. The power the budget screen's
"≈ kWh" assumes (``assumed_power_w``) comes from the connectors' maximum current (less on a
connector where a car starting now would get less of a shared supply:
``StationSnapshot.tariff_for``). Raises nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kiosk.config import StationConfig
from kiosk.core.ports import Charger
from kiosk.core.schedule import MS_PER_DAY
from kiosk.core.state import SessionPolicy
from kiosk.core.tariff import TariffSnapshot
from kiosk.core.units import MS_PER_MINUTE
from kiosk.station.lanes import LANE_RETURN_MS
from kiosk.station.pricing import SpotBoard, TariffPlan, tariff_plan
from kiosk.station.snapshot import ESTIMATE_POWER_W, BudgetLimits, PriceStep, TariffDisplay

if TYPE_CHECKING:  # the window's first frame imports this module; keep it light
    from kiosk.hardware.reading import DeviceReading

PHASES = 3
NOMINAL_PHASE_VOLTAGE_V = 230
MAX_ASSUMED_POWER_W = ESTIMATE_POWER_W
"""11 kW: most cars' on-board AC chargers stop there even on a 22 kW (3 × 32 A) connector, so
a higher figure would promise most drivers more kWh than their car will take."""


class ChargerFeed(Protocol):
    async def start(self) -> None: ...

    async def aclose(self) -> None: ...

    def subscribe(self, subscriber: Callable[[DeviceReading], None]) -> Callable[[], None]: ...


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
    estimate_power_w: int = ESTIMATE_POWER_W
    """The charging power the "≈ kWh" estimate assumes (``assumed_power_w``)."""
    lane_return_ms: int = LANE_RETURN_MS
    """Untouched this long, a lane that needs nothing gives the screen back to the overview."""
    plan: TariffPlan | None = None
    """Prices that change by the hour (``[[tariff.periods]]``); None: ``tariff`` is flat."""

    def tariff_at(self, now_ms: int) -> TariffSnapshot:
        """The tariff a session paid for at ``now_ms`` keeps (a frozen schedule with a plan)."""
        return self.tariff if self.plan is None else self.plan.at(now_ms)

    def tariff_display(self, now_ms: int | None = None) -> TariffDisplay:
        """The prices shown at ``now_ms``: with a plan the prices in force and the next
        change (local time); without ``now_ms`` or a plan the flat tariff."""
        if self.plan is None or now_ms is None:
            return _display(self.tariff, self.estimate_power_w)
        minute_ms = now_ms - now_ms % MS_PER_MINUTE  # the schedule is cut to whole minutes
        return _plan_display(self.plan, minute_ms, self.estimate_power_w, self.plan.board_key)

    def accepts_budget(self, amount_ore: int) -> bool:
        return amount_ore in self.budget.presets_ore or self.budget.accepts(amount_ore)


def _display(t: TariffSnapshot, estimate_power_w: int, **extra: object) -> TariffDisplay:
    return TariffDisplay(
        price_ore_per_kwh=t.price_ore_per_kwh,
        start_fee_ore=t.start_fee_ore or None,
        price_ore_per_minute=t.price_ore_per_minute or None,
        idle_fee_ore_per_minute=t.idle_fee_ore_per_minute or None,
        idle_grace_minutes=t.idle_grace_s // 60 if t.idle_fee_ore_per_minute else None,
        currency=t.currency,
        estimate_power_w=estimate_power_w,
        **extra,  # type: ignore[arg-type]
    )


@functools.lru_cache(maxsize=8)
def _plan_display(
    plan: TariffPlan, now_ms: int, estimate_power_w: int, _board: object
) -> TariffDisplay:
    """Cached per minute and spot board version: the screens ask on every publish."""
    frozen = plan.at(now_ms)
    now = frozen.slot_at(now_ms)
    following = frozen.next_change(now_ms)
    minimum = frozen.minimum_ore or None
    problem = plan.feed_problem
    upcoming = _upcoming(frozen, now_ms, now.utc_offset_min)
    if following is None:
        return _display(
            frozen,
            estimate_power_w,
            minimum_ore=minimum,
            fallback_price=now.fallback,
            feed_problem=problem,
            upcoming=upcoming,
        )
    local_now_day = (now_ms + now.utc_offset_min * MS_PER_MINUTE) // MS_PER_DAY
    local_ms = following.start_ms + following.utc_offset_min * MS_PER_MINUTE
    day, in_day_ms = divmod(local_ms, MS_PER_DAY)
    minutes = in_day_ms // MS_PER_MINUTE
    return _display(
        frozen,
        estimate_power_w,
        minimum_ore=minimum,
        fallback_price=now.fallback,
        feed_problem=problem,
        upcoming=upcoming,
        next_change_at=f"{minutes // 60:02d}:{minutes % 60:02d}",
        next_change_in_days=day - local_now_day,
        next_price_ore_per_kwh=following.price_ore_per_kwh,
        next_price_ore_per_minute=following.price_ore_per_minute or None,
    )


UPCOMING_MS = 24 * 3_600_000


def _upcoming(frozen: TariffSnapshot, now_ms: int, offset_min: int) -> tuple[PriceStep, ...]:
    today = (now_ms + offset_min * MS_PER_MINUTE) // MS_PER_DAY
    steps: list[PriceStep] = []
    at_ms = now_ms
    while (following := frozen.next_change(at_ms)) is not None:
        if following.start_ms > now_ms + UPCOMING_MS:
            break
        day, in_day_ms = divmod(
            following.start_ms + following.utc_offset_min * MS_PER_MINUTE, MS_PER_DAY
        )
        minutes = in_day_ms // MS_PER_MINUTE
        steps.append(
            PriceStep(
                at=f"{minutes // 60:02d}:{minutes % 60:02d}",
                in_days=day - today,
                price_ore_per_kwh=following.price_ore_per_kwh,
                price_ore_per_minute=following.price_ore_per_minute or None,
                fallback=following.fallback,
            )
        )
        at_ms = following.start_ms
    return tuple(steps)


@dataclass(frozen=True, slots=True)
class ConnectorSetup:
    """One connector: its number on the screen, name, session policy and charger."""

    number: int
    name: str
    policy: SessionPolicy
    charger: Charger
    feed: ChargerFeed
    label: str = ""  # as printed on the hardware; "" = the number
    colour: str | None = None  # "#RRGGBB" as marked on the hardware

    @property
    def printed_label(self) -> str:
        return self.label or str(self.number)


def assumed_power_w(max_currents_a: Iterable[float]) -> int:
    """Three phases at 230 V and the lowest of the connectors' maximum currents, at most what a
    typical car takes on AC (11 kW): the power a car could draw on the slowest connector, so a
    budget's "≈ kWh" is not promised above what it gives. ``ESTIMATE_POWER_W`` (11 kW) when no
    current is known."""
    known_a = [amps for amps in max_currents_a if amps > 0]
    if not known_a:
        return ESTIMATE_POWER_W
    power_w = round(PHASES * NOMINAL_PHASE_VOLTAGE_V * min(known_a))
    return min(power_w, MAX_ASSUMED_POWER_W)


def station_info(
    config: StationConfig,
    *,
    max_current_a: Mapping[int, float] | None = None,
    spot_board: SpotBoard | None = None,
) -> StationInfo:
    """The display facts of a configured station.

    ``spot_board``: where the spot feed adapter puts the prices it reads (a tariff with a
    spot period and no board shows and bills the fallback price).

    ``max_current_a``: each connector's highest current (by id) where more is known than
    ``[[connectors]] max_current_a``, such as a lower limit of the charger's profile.
    """
    b = config.budget
    currents_a = (
        dict(max_current_a)
        if max_current_a is not None
        else {c.id: float(c.max_current_a) for c in config.connectors}
    )
    return StationInfo(
        station_id=config.station.id,
        name=config.station.name,
        tariff=config.tariff.snapshot(),
        budget=BudgetLimits(b.presets_ore, b.custom_min_ore, b.custom_max_ore, b.custom_step_ore),
        languages=tuple(config.station.languages),
        default_language=config.station.default_language,
        push_payment_allowed=config.vipps.push_allowed,
        receipt_url_template=config.vipps.receipt_url_template,
        estimate_power_w=assumed_power_w(currents_a.values()),
        lane_return_ms=config.timeouts.lane_return_s * 1000,
        plan=tariff_plan(config, spot_board),
    )
