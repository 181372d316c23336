"""The station configuration: one TOML file, validated by these pydantic models.

Every field has a unit in its name where it has one (``_s``, ``_ore``, ``_w``, ``_a``). Secrets
are not part of this file: they come from the environment or the secrets file
(``kiosk.config.secrets``) and are attached as ``StationConfig.secrets``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kiosk.config.secrets import Secrets
from kiosk.core.schedule import MINUTES_PER_DAY, WEEKDAYS, SpotRule, WeeklyPeriod, check_week
from kiosk.core.tariff import TariffSnapshot

LanguageCode = Literal["nb", "en", "sv", "da", "fi", "de"]
Port = Annotated[int, Field(ge=1, le=65535)]
UnitId = Annotated[int, Field(ge=0, le=255)]
MAX_PAYMENT_ORE = 65_000_000
"""The largest amount one Vipps payment can carry (ePayment ``Amount.value``, minor units: NOK
650 000; the same bound as ``kiosk.payments.models.MAX_AMOUNT_ORE``). A budget, a cap or a single
price above it could never be paid."""
NonNegative = Annotated[int, Field(ge=0)]
Amount = Annotated[int, Field(ge=0, le=MAX_PAYMENT_ORE)]
"""A price or fee in øre: never above what one payment can carry."""
PositiveAmount = Annotated[int, Field(ge=1, le=MAX_PAYMENT_ORE)]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StationSettings(Section):
    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    name: Annotated[str, Field(min_length=1, max_length=80)]
    languages: Annotated[tuple[LanguageCode, ...], Field(min_length=1)] = ("nb", "en")
    default_language: LanguageCode = "nb"

    @field_validator("default_language")
    @classmethod
    def _default_is_enabled(cls, value: str, info: ValidationInfo) -> str:
        languages = info.data.get("languages")
        if languages is not None and value not in languages:
            raise PydanticCustomError(
                "language_not_enabled",
                "{lang!r} is not one of the enabled languages {languages}",
                {"lang": value, "languages": list(languages)},
            )
        return value


class MeterSettings(Section):
    """An external energy meter (e.g. Eastron SDM630) read instead of the charger's own."""

    profile: Annotated[str, Field(min_length=1)]
    host: Annotated[str, Field(min_length=1)] | None = None
    port: Port = 502
    unit_id: UnitId = 1


class ConnectorSettings(Section):
    id: Annotated[int, Field(ge=1, le=4)]
    name: Annotated[str, Field(min_length=1, max_length=40)]
    # As printed on the hardware beside the socket ("1", "A", "2B"); the screen shows it on the
    # connector's lane and beside its payment QR. Empty: the connector's id.
    label: Annotated[str, Field(max_length=4)] = ""
    # The socket's colour as marked on the station, "#RRGGBB"; None: the screen's accent.
    colour: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = None
    profile: Annotated[str, Field(min_length=1)]
    host: Annotated[str, Field(min_length=1)]
    port: Port = 502
    unit_id: UnitId = 1
    max_current_a: Annotated[int, Field(ge=6, le=80)] = 32
    meter: MeterSettings | None = None


class GridMeterSettings(Section):
    """The meter on the site's supply (e.g. Eastron SDM630): the whole building's current."""

    profile: Annotated[str, Field(min_length=1)]
    host: Annotated[str, Field(min_length=1)]
    port: Port = 502
    unit_id: UnitId = 1


class SiteSettings(Section):
    """Site power (PRODUCT.md §5): the connectors share the supply without tripping its fuse.

    Without this section each connector charges at its own ``max_current_a`` as before."""

    supply_limit_a: Annotated[int, Field(ge=6, le=4000)]
    """The main fuse's current per phase."""
    margin_a: Annotated[int, Field(ge=0, le=100)] = 2
    fallback_current_a: Annotated[int, Field(ge=0)] | None = None
    """Per phase, for all chargers together while there is no grid-meter reading. Required with
    a grid meter (the building's load is unknown when it is lost); without one: the limit minus
    the margin (the chargers are the only load)."""
    turn_s: Annotated[int, Field(ge=60, le=7200)] = 600
    """How long a car charges before a waiting car goes ahead of it (when not all fit)."""
    grid_meter: GridMeterSettings | None = None

    @field_validator("margin_a")
    @classmethod
    def _margin_below_limit(cls, value: int, info: ValidationInfo) -> int:
        limit = info.data.get("supply_limit_a")
        if limit is not None and limit - value < 6:
            raise PydanticCustomError(
                "site_margin",
                "leaves less than 6 A of the {limit} A supply limit: no car could charge",
                {"limit": limit},
            )
        return value

    @field_validator("grid_meter")
    @classmethod
    def _fallback_with_meter(
        cls, value: GridMeterSettings | None, info: ValidationInfo
    ) -> GridMeterSettings | None:
        if value is not None and info.data.get("fallback_current_a", 0) is None:
            raise PydanticCustomError(
                "site_fallback",
                "a grid meter needs fallback_current_a: the chargers' share per phase while the "
                "meter does not answer",
            )
        return value

    @field_validator("fallback_current_a")
    @classmethod
    def _fallback_within_limit(cls, value: int | None, info: ValidationInfo) -> int | None:
        limit, margin = info.data.get("supply_limit_a"), info.data.get("margin_a")
        if value is None or limit is None or margin is None or value <= limit - margin:
            return value
        raise PydanticCustomError(
            "site_fallback",
            "must be at most supply_limit_a - margin_a ({ceiling} A)",
            {"ceiling": limit - margin},
        )

    @property
    def fallback_budget_a(self) -> int:
        if self.fallback_current_a is not None:
            return self.fallback_current_a
        return self.supply_limit_a - self.margin_a


_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")
_DAY_TOKEN = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$")


def _minute_of_day(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _days(tokens: tuple[str, ...]) -> tuple[int, ...]:
    days: list[int] = []
    for token in tokens:
        first, _, last = token.partition("-")
        start = WEEKDAYS.index(first)
        end = WEEKDAYS.index(last) if last else start
        span = (end - start) % 7
        days.extend((start + step) % 7 for step in range(span + 1))
    return tuple(sorted(set(days)))


class PeriodSettings(Section):
    """``[[tariff.periods]]``: prices for a window of the week in the station's time zone.

    ``days``: ``"mon"`` .. ``"sun"`` or ranges such as ``"mon-fri"``; ``start``/``end`` as
    ``"HH:MM"`` (``"24:00"`` = midnight); an end not after the start runs past midnight into
    the next day. ``spot = true``: the energy price comes from ``[tariff.spot]``."""

    name: Annotated[str, Field(min_length=1, max_length=24)]
    days: Annotated[
        tuple[Annotated[str, Field(pattern=_DAY_TOKEN.pattern)], ...], Field(min_length=1)
    ]
    start: Annotated[str, Field(pattern=_CLOCK.pattern)]
    end: Annotated[str, Field(pattern=_CLOCK.pattern)]
    price_ore_per_kwh: Amount = 0
    price_ore_per_minute: Amount = 0
    idle_fee_ore_per_minute: Amount = 0
    spot: bool = False

    @field_validator("start")
    @classmethod
    def _start_of_day(cls, value: str) -> str:
        if value == "24:00":
            raise PydanticCustomError("period_start", "a period starts at 00:00..23:59")
        return value

    def weekly(self) -> WeeklyPeriod:
        end_min = _minute_of_day(self.end)
        return WeeklyPeriod(
            name=self.name,
            days=_days(self.days),
            start_min=_minute_of_day(self.start),
            end_min=end_min or MINUTES_PER_DAY,
            price_ore_per_kwh=self.price_ore_per_kwh,
            price_ore_per_minute=self.price_ore_per_minute,
            idle_fee_ore_per_minute=self.idle_fee_ore_per_minute,
            spot=self.spot,
        )


class SpotSettings(Section):
    """``[tariff.spot]``: the day-ahead spot price feed and how a period with ``spot = true``
    prices its energy: spot × ``factor_bp``/10000 + ``margin_ore_per_kwh``, clamped to
    ``floor_ore_per_kwh`` .. ``ceiling_ore_per_kwh`` (docs/spot-price-feed.md)."""

    source: Annotated[str, Field(min_length=1)]
    """A file (relative to the configuration's folder) or an http(s) URL; JSON or CSV."""
    fallback_ore_per_kwh: Amount
    """The energy price while the feed has no good price (missing, stale, garbage)."""
    factor_bp: Annotated[int, Field(ge=0, le=1_000_000)] = 10000
    margin_ore_per_kwh: Annotated[int, Field(ge=-MAX_PAYMENT_ORE, le=MAX_PAYMENT_ORE)] = 0
    floor_ore_per_kwh: Amount = 0
    ceiling_ore_per_kwh: Amount | None = None
    refresh_s: Annotated[int, Field(ge=60, le=86_400)] = 900
    max_age_h: Annotated[int, Field(ge=1, le=168)] = 36
    """A feed published longer ago than this is stale."""

    @field_validator("ceiling_ore_per_kwh")
    @classmethod
    def _ceiling(cls, value: int | None, info: ValidationInfo) -> int | None:
        floor = info.data.get("floor_ore_per_kwh")
        if value is not None and floor is not None and value < floor:
            raise PydanticCustomError(
                "spot_ceiling", "must be at least floor_ore_per_kwh ({floor})", {"floor": floor}
            )
        return value

    def rule(self) -> SpotRule:
        return SpotRule(
            fallback_ore_per_kwh=self.fallback_ore_per_kwh,
            factor_bp=self.factor_bp,
            margin_ore_per_kwh=self.margin_ore_per_kwh,
            floor_ore_per_kwh=self.floor_ore_per_kwh,
            ceiling_ore_per_kwh=self.ceiling_ore_per_kwh,
        )


class TariffSettings(Section):
    """The prices in force (VAT included); mirrors ``kiosk.core.tariff.TariffSnapshot``.

    Without ``periods`` the tariff is flat, as always. With them the per-kWh, per-minute and
    idle prices are the periods' (ADR 0016) and ``price_ore_per_kwh`` may be left out; the
    periods must cover the week exactly once (``WEEK_ERROR`` names each gap and overlap)."""

    price_ore_per_kwh: Amount
    start_fee_ore: Amount = 0
    price_ore_per_minute: Amount = 0
    idle_fee_ore_per_minute: Amount = 0
    idle_grace_s: NonNegative = 0
    cap_ore: Amount | None = None
    minimum_ore: Amount = 0
    vat_rate_bp: Annotated[int, Field(ge=0, le=10000)] = 2500
    currency: str = "NOK"
    time_zone: Annotated[str, Field(min_length=1)] = "Europe/Oslo"
    periods: tuple[PeriodSettings, ...] = ()
    spot: Annotated[SpotSettings | None, Field(validate_default=True)] = None

    @model_validator(mode="before")
    @classmethod
    def _periods_set_the_prices(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("periods"):
            return {"price_ore_per_kwh": 0, **data}
        return data

    @field_validator("currency")
    @classmethod
    def _payable_currency(cls, value: str) -> str:
        if value not in PAYABLE_CURRENCIES:
            raise PydanticCustomError(
                "currency",
                "'{currency}' cannot be paid with Vipps MobilePay: use one of {allowed}",
                {"currency": value, "allowed": ", ".join(PAYABLE_CURRENCIES)},
            )
        return value

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError(
                "time_zone",
                "unknown time zone {zone!r} (an IANA name such as Europe/Oslo)",
                {"zone": value},
            ) from None
        return value

    @field_validator("periods")
    @classmethod
    def _whole_week(cls, value: tuple[PeriodSettings, ...]) -> tuple[PeriodSettings, ...]:
        if not value:
            return value
        problems = check_week(tuple(period.weekly() for period in value))
        if problems:
            raise PydanticCustomError(
                WEEK_ERROR,
                "; ".join(problem.describe() for problem in problems),
                {
                    "problems": [
                        (problem.periods[-1] if problem.periods else 0, problem.describe())
                        for problem in problems
                    ]
                },
            )
        return value

    @field_validator("spot")
    @classmethod
    def _spot_needs_a_spot_period(
        cls, value: SpotSettings | None, info: ValidationInfo
    ) -> SpotSettings | None:
        periods = info.data.get("periods") or ()
        if any(period.spot for period in periods) and value is None:
            raise PydanticCustomError("spot_missing", "a period has spot = true: add [tariff.spot]")
        return value

    @property
    def sliced(self) -> bool:
        return bool(self.periods)

    def weekly_periods(self) -> tuple[WeeklyPeriod, ...]:
        return tuple(period.weekly() for period in self.periods)

    def snapshot(self) -> TariffSnapshot:
        """The flat tariff (the schedule's slots are frozen at payment by the station)."""
        return TariffSnapshot(
            **self.model_dump(exclude={"time_zone", "periods", "spot"}),
        )


PAYABLE_CURRENCIES = ("NOK", "DKK", "EUR")
"""The currencies the ePayment API takes (``kiosk.payments.settings.Currency``)."""

WEEK_ERROR = "tariff_week"
"""The pydantic error type of periods that leave a gap or overlap; its context ``problems`` is
a list of (period index, message) for the loader to report at each period's line."""


class BudgetSettings(Section):
    presets_ore: Annotated[tuple[PositiveAmount, ...], Field(min_length=1, max_length=6)] = (
        20000,
        35000,
        50000,
    )
    custom_min_ore: PositiveAmount = 5000
    custom_max_ore: PositiveAmount = 100000
    custom_step_ore: PositiveAmount = 1000

    @field_validator("custom_max_ore")
    @classmethod
    def _range(cls, value: int, info: ValidationInfo) -> int:
        minimum = info.data.get("custom_min_ore")
        if minimum is not None and value < minimum:
            raise PydanticCustomError(
                "budget_range", "must be at least custom_min_ore ({minimum})", {"minimum": minimum}
            )
        return value


class TimeoutSettings(Section):
    payment_approval_s: Annotated[int, Field(ge=30, le=600)] = 180
    plug_in_s: Annotated[int, Field(ge=10, le=1800)] = 180
    done_screen_s: Annotated[int, Field(ge=5, le=600)] = 60
    # With 2+ connectors: a lane that needs nothing (charging, finishing) gives the shared
    # screen back to the overview after this long without a touch.
    lane_return_s: Annotated[int, Field(ge=5, le=600)] = 30
    stop_below_power_w: NonNegative = 100
    stop_below_power_for_s: Annotated[int, Field(ge=10)] = 300
    charger_unreachable_grace_s: Annotated[int, Field(ge=1, le=600)] = 30


class VippsSettings(Section):
    base_url: HttpUrl = HttpUrl("https://apitest.vipps.no")
    merchant_serial_number: Annotated[str, Field(pattern=r"^[0-9]{4,10}$")]
    system_name: str = "ladeskjerm"
    system_version: str = "0.1.0"
    plugin_name: str = "ladeskjerm-kiosk"
    plugin_version: str = "0.1.0"
    qr_format: Literal["TEXT/TARGETURL", "IMAGE/SVG+XML", "IMAGE/PNG"] = "TEXT/TARGETURL"
    push_allowed: bool = False
    receipt_url_template: str | None = None
    webhook_url: HttpUrl | None = None
    """The public URL Vipps delivers webhooks to (registered with ``kiosk vipps
    register-webhook``); a reverse proxy or tunnel forwards it to the listen address below."""
    webhook_listen_host: Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9.:_-]+$")] = (
        "127.0.0.1"
    )
    webhook_listen_port: Port = 8787
    request_timeout_s: Annotated[float, Field(gt=0, le=120)] = 10.0

    @field_validator("receipt_url_template")
    @classmethod
    def _template(cls, value: str | None) -> str | None:
        if value is not None and "{session_id}" not in value:
            raise PydanticCustomError(
                "receipt_template", "receipt_url_template must contain {{session_id}}"
            )
        return value


class WebSettings(Section):
    """The driver's phone pages (``/c/<n>``, ``/s/<token>``, ``/terms``; ADR 0015)."""

    public_base_url: HttpUrl | None = None
    """Where phones reach the pages (the operator's reverse proxy or tunnel): https, or http on
    loopback only. Unset: the listen address, which must then be loopback (the demo)."""
    listen_host: Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9.:_-]+$")] = "127.0.0.1"
    listen_port: Annotated[int, Field(ge=0, le=65535)] = 8788
    terms: dict[LanguageCode, Path] = {}
    """The terms of sale per language: plain-text files, paragraphs split by blank lines;
    relative paths are taken from the configuration file's folder."""
    trust_forwarded_for: bool = False
    """Rate limits count the first ``X-Forwarded-For`` address (only behind your own proxy)."""

    @field_validator("public_base_url")
    @classmethod
    def _public(cls, value: HttpUrl | None) -> HttpUrl | None:
        if value is None:
            return value
        if value.scheme != "https" and value.host not in _LOOPBACK_HOSTS:
            raise PydanticCustomError(
                "public_url", "public_base_url must be https:// (http only on loopback)"
            )
        if value.query or value.fragment:
            raise PydanticCustomError("public_url", "public_base_url takes no query or fragment")
        return value

    @field_validator("listen_port")
    @classmethod
    def _port(cls, value: int, info: ValidationInfo) -> int:
        if value == 0 and info.data.get("public_base_url") is not None:
            raise PydanticCustomError(
                "listen_port", "a fixed listen_port is needed with a public_base_url"
            )
        return value

    def base_url(self) -> str | None:
        """``public_base_url`` without a trailing slash (None: the bound loopback address)."""
        return str(self.public_base_url).rstrip("/") if self.public_base_url else None

    def loopback_only(self) -> bool:
        return self.listen_host in _LOOPBACK_HOSTS


class DatabaseSettings(Section):
    url: str | None = None
    """Any SQLAlchemy URL; unset: a SQLite file in the platform's data directory."""


class ServiceSettings(Section):
    max_pin_attempts: Annotated[int, Field(ge=1, le=20)] = 5
    lockout_s: Annotated[int, Field(ge=1)] = 300
    idle_exit_s: Annotated[int, Field(ge=10)] = 120


_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class OcppSettings(Section):
    """The operator's central system (OCPP 2.0.1); the station is off the network without it.

    ``security_profile`` 1 is HTTP Basic over plain ``ws://`` and is accepted for a CSMS on this
    machine only; 2 is HTTP Basic over TLS (``wss://``). The Basic password is the secret
    ``ocpp_password`` (secrets file or ``KIOSK_OCPP_PASSWORD``)."""

    url: Annotated[str, Field(pattern=r"^wss?://[^\s/]+(/[^\s]*)?$")]
    """The CSMS's endpoint without the identity, e.g. ``wss://csms.example/ocpp``."""
    identity: Annotated[str, Field(min_length=1, max_length=48, pattern=r"^[A-Za-z0-9*_=:+|@.-]+$")]
    security_profile: Annotated[Literal[1, 2], Field(validate_default=True)] = 2
    heartbeat_s: Annotated[int, Field(ge=10, le=86_400)] = 300
    meter_interval_s: Annotated[int, Field(ge=1, le=3_600)] = 60
    offline_threshold_s: Annotated[int, Field(ge=1, le=86_400)] = 300
    allow_remote_test_charge: bool = False
    """A RequestStartTransaction runs a technician's test charge (no payment) on a free EVSE;
    off: it is refused, since a session needs a payment."""
    remote_test_idle_s: Annotated[int, Field(ge=1, le=86_400)] = 300
    """A remote test charge ends by itself once no power has flowed for this long."""
    ca_file: Path | None = None
    """PEM certificate(s) of the CA that signed the CSMS's certificate, when it is not one the
    system trusts (profile 2); relative to the configuration file's folder."""
    protocol: Literal["auto", "2.0.1", "2.1"] = "auto"
    """``auto`` offers OCPP 2.1 and 2.0.1 and speaks what the CSMS picks (ADR 0013); ``2.0.1``
    or ``2.1`` offers only that one."""

    @field_validator("security_profile")
    @classmethod
    def _profile_fits_url(cls, value: int, info: ValidationInfo) -> int:
        url = info.data.get("url")
        if url is None:
            return value
        if value == 2 and not url.startswith("wss://"):
            raise PydanticCustomError("ocpp_profile", "security profile 2 needs a wss:// url (TLS)")
        if value == 1:
            host = url.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[0]
            if url.startswith("wss://") or host not in _LOOPBACK_HOSTS:
                raise PydanticCustomError(
                    "ocpp_profile",
                    "security profile 1 (no TLS) is only for a ws:// CSMS on this machine "
                    "(127.0.0.1, localhost, [::1]); use 2 with wss://",
                )
        return value


class MonitoringSettings(Section):
    """``/healthz`` and ``/metrics`` (Prometheus) on their own address; off without the section."""

    listen_host: Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9.:_-]+$")] = "127.0.0.1"
    listen_port: Port = 9108


class PathSettings(Section):
    data_dir: Path | None = None
    log_dir: Path | None = None
    secrets_file: Path | None = None
    """Relative paths are taken from the configuration file's folder."""


class StationConfig(Section):
    """The whole validated configuration; ``secrets`` is filled from env/secrets file."""

    source: Path | None = Field(default=None, exclude=True)
    station: StationSettings
    connectors: Annotated[tuple[ConnectorSettings, ...], Field(min_length=1, max_length=4)]
    tariff: TariffSettings
    budget: Annotated[BudgetSettings, Field(validate_default=True)] = BudgetSettings()
    timeouts: TimeoutSettings = TimeoutSettings()
    vipps: VippsSettings
    web: WebSettings | None = None
    database: DatabaseSettings = DatabaseSettings()
    service: ServiceSettings = ServiceSettings()
    paths: PathSettings = PathSettings()
    ocpp: OcppSettings | None = None
    site: SiteSettings | None = None
    """Site power sharing; None: each connector at its own max_current_a."""
    monitoring: MonitoringSettings | None = None
    secrets: Secrets = Field(default_factory=Secrets, exclude=True)

    @field_validator("budget")
    @classmethod
    def _budget_covers_the_minimum(
        cls, value: BudgetSettings, info: ValidationInfo
    ) -> BudgetSettings:
        tariff = info.data.get("tariff")
        minimum = tariff.minimum_ore if tariff is not None else 0
        smallest = min((*value.presets_ore, value.custom_min_ore))
        if smallest < minimum:
            raise PydanticCustomError(
                "budget_below_minimum",
                "a budget of {smallest} øre is below the tariff's minimum_ore ({minimum})",
                {"smallest": smallest, "minimum": minimum},
            )
        return value

    @field_validator("connectors")
    @classmethod
    def _unique_ids(cls, value: tuple[ConnectorSettings, ...]) -> tuple[ConnectorSettings, ...]:
        ids = [connector.id for connector in value]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise PydanticCustomError(
                "duplicate_connector", "connector id {ids} used more than once", {"ids": duplicates}
            )
        return value
