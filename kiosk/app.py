"""The composition root: the only place that picks concrete classes and wires them together.

``build_station(config)`` turns a validated ``StationConfig`` into a ready (not yet started)
``Station``: the database (``Repository``, migrated), one ``httpx.AsyncClient`` with the Vipps
client over it, one ``DevicePoller`` per connector, the session policy from the timeouts. The
window (``kiosk.gui.qml_engine``) and the demo reuse it; ``run_headless`` runs a station
without a screen
until SIGTERM/SIGINT. Tests, the demo and the benchmarks change the wiring with the keywords of
``StationOptions`` (the same for ``build_station`` and ``assemble_station``).

``assemble_station`` returns ``StationParts``: the station plus what runs beside it. With
``[vipps] webhook_url`` and the secret ``vipps_webhook_secret`` that includes a
``WebhookEndpoint`` (the signed-webhook receiver on ``webhook_listen_host:port``) whose events
only make the station GET the payment at once; ``StationParts.start``/``aclose`` run it for
the station's lifetime. A receiver that cannot listen is logged as an error and the station
runs on polling alone (webhooks are an optimisation, never the truth).

A connector with ``meter = {profile, host, port, unit_id}`` gets a second ``DevicePoller`` for
that meter and a ``MeteredFeed`` that bills the meter's lifetime energy (never the charger's);
a connector whose charger has no lifetime counter and no meter is refused (it would bill
nothing). ``StationParts.pollers`` holds the chargers, ``StationParts.meters`` the metered
connectors' feeds (their ``.meter`` is the meter's poller).

Errors: ``StationConfigError`` (a ``ValueError``) for a configuration that cannot run (missing
Vipps secrets, unknown profile, no energy counter to bill from); the persistence errors when
the database cannot be opened.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import httpx

from kiosk.adapters.database_ledger import DatabaseLedger
from kiosk.adapters.metered_feed import MeteredFeed
from kiosk.adapters.ocpp_settings import OcppLinkSettings
from kiosk.adapters.poller_charger import PollerCharger
from kiosk.adapters.spot_feed import SpotFeed
from kiosk.adapters.vipps_payments import CallStats, VippsPayments
from kiosk.config import ConnectorSettings, MonitoringSettings, StationConfig
from kiosk.config.model import GridMeterSettings, SiteSettings
from kiosk.core.allocation import SiteLimit
from kiosk.core.codec import CodecError, decode_state
from kiosk.core.ports import Charger
from kiosk.core.state import SessionPolicy, SessionState
from kiosk.hardware.link import Endpoint, transport_for_host
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import Kind, Profile, ProfileError, load_named_profile
from kiosk.payments.client import VippsClient
from kiosk.payments.settings import QrFormat, VippsSettings
from kiosk.persistence import Repository
from kiosk.persistence.database import default_database_path
from kiosk.station.clock import SystemClock, WallClock
from kiosk.station.pricing import SpotBoard
from kiosk.station.setup import ChargerFeed, ConnectorSetup, station_info
from kiosk.station.site_power import SharedCharger, SitePower
from kiosk.station.station import Station
from kiosk.web.phone_site import PhoneSite, PhoneSiteSettings
from kiosk.web.server import RunningServer, ServerStartError, start_server
from kiosk.web.session_links import load_or_create_key
from kiosk.web.webhook_endpoint import WebhookEndpoint

if TYPE_CHECKING:
    from kiosk.station.ocpp_bridge import OcppBridge
    from kiosk.web.monitoring import StationMonitor

log = logging.getLogger(__name__)

PollerFactory = Callable[[ConnectorSettings], DevicePoller]
PAYMENT_POLL_INTERVAL_MS = 1_000
"""GET cadence while the driver waits at the QR (60 a minute; Vipps allows 120)."""


class StationConfigError(ValueError):
    """The configuration is valid TOML but cannot run a station (says what is missing)."""


def session_policy(config: StationConfig, connector: ConnectorSettings) -> SessionPolicy:
    t = config.timeouts
    return SessionPolicy(
        max_current_a=connector.max_current_a,
        approval_timeout_ms=t.payment_approval_s * 1000,
        payment_poll_interval_ms=PAYMENT_POLL_INTERVAL_MS,
        plug_in_timeout_ms=t.plug_in_s * 1000,
        idle_power_w=t.stop_below_power_w,
        idle_stop_ms=t.stop_below_power_for_s * 1000,
        charger_grace_ms=t.charger_unreachable_grace_s * 1000,
        done_timeout_ms=t.done_screen_s * 1000,
    )


def vipps_settings(config: StationConfig) -> VippsSettings:
    secrets = config.secrets
    missing = [
        name
        for name in ("vipps_client_id", "vipps_client_secret", "vipps_subscription_key")
        if getattr(secrets, name) is None
    ]
    if missing:
        raise StationConfigError(f"missing secrets: {', '.join(missing)}")
    v = config.vipps
    if v.webhook_url is not None and secrets.vipps_webhook_secret is None:
        raise StationConfigError(
            "[vipps] webhook_url is set but the secret vipps_webhook_secret is missing "
            "(kiosk vipps register-webhook prints it once)"
        )
    return VippsSettings(
        base_url=str(v.base_url).rstrip("/"),
        client_id=secrets.vipps_client_id,
        client_secret=secrets.vipps_client_secret,
        subscription_key=secrets.vipps_subscription_key,
        merchant_serial_number=v.merchant_serial_number,
        system_name=v.system_name,
        system_version=v.system_version,
        plugin_name=v.plugin_name,
        plugin_version=v.plugin_version,
        currency=config.tariff.currency,
        qr_format=QrFormat(v.qr_format),
        push_message_allowed=v.push_allowed,
        receipt_url_template=v.receipt_url_template,
        webhook_url=str(v.webhook_url) if v.webhook_url is not None else None,
        webhook_secret=secrets.vipps_webhook_secret,
        request_timeout_s=v.request_timeout_s,
    )


def _profile(connector: ConnectorSettings, name: str) -> Profile:
    try:
        return load_named_profile(name)
    except (ProfileError, OSError) as error:
        raise StationConfigError(f"connector {connector.id}: {error}") from error


def default_poller(connector: ConnectorSettings) -> DevicePoller:
    profile = _profile(connector, connector.profile)
    if profile.registers.energy is None and connector.meter is None:
        raise StationConfigError(
            f"connector {connector.id}: profile {profile.name} has no lifetime energy counter; "
            "configure an external billing meter (meter = {profile = ..., host = ...})"
        )
    ids = [c.id for c in profile.connectors]
    profile_connector = connector.id if connector.id in ids else ids[0]
    return DevicePoller.for_connector(
        profile,
        connector.host,
        port=connector.port,
        unit_id=connector.unit_id,
        connector_id=profile_connector,
        name=f"{connector.name} ({connector.profile})",
    )


def default_meter_poller(connector: ConnectorSettings) -> DevicePoller:
    """The poller of ``connector``'s external billing meter (``connector.meter`` must be set).

    The meter answers at ``meter.host`` (default: the charger's host) over Modbus TCP, e.g.
    through an RS-485 gateway; a host that is a path (``/dev/ttyUSB0``) is a serial port read
    over the profile's RTU settings.
    """
    meter = connector.meter
    if meter is None:
        raise StationConfigError(f"connector {connector.id}: no meter configured")
    profile = _profile(connector, meter.profile)
    if profile.kind is not Kind.METER or profile.registers.energy is None:
        raise StationConfigError(
            f"connector {connector.id}: meter profile {profile.name} is not an energy meter"
        )
    host = meter.host or connector.host
    connector_id = profile.connectors[0].id
    endpoint = Endpoint.for_connector(
        profile, host, port=meter.port, unit_id=meter.unit_id, connector_id=connector_id
    )
    endpoint = dataclasses.replace(endpoint, transport=transport_for_host(profile, host))
    return DevicePoller(
        profile,
        endpoint,
        connector_id=connector_id,
        name=f"{connector.name} meter ({meter.profile})",
    )


def default_grid_poller(meter: GridMeterSettings) -> DevicePoller:
    """The poller of the site's grid meter (``[site] grid_meter``): per-phase currents."""
    try:
        profile = load_named_profile(meter.profile)
    except (ProfileError, OSError) as error:
        raise StationConfigError(f"[site] grid_meter: {error}") from error
    if profile.kind is not Kind.METER or profile.registers.current_l1 is None:
        raise StationConfigError(
            f"[site] grid_meter: profile {profile.name} is not a meter with per-phase currents"
        )
    connector_id = profile.connectors[0].id
    endpoint = Endpoint.for_connector(
        profile, meter.host, port=meter.port, unit_id=meter.unit_id, connector_id=connector_id
    )
    endpoint = dataclasses.replace(endpoint, transport=transport_for_host(profile, meter.host))
    return DevicePoller(
        profile, endpoint, connector_id=connector_id, name=f"grid meter ({meter.profile})"
    )


def site_limit(site: SiteSettings) -> SiteLimit:
    return SiteLimit(
        supply_limit_a=site.supply_limit_a,
        margin_a=site.margin_a,
        fallback_budget_a=site.fallback_budget_a,
        turn_ms=site.turn_s * 1000,
    )


@dataclasses.dataclass(frozen=True)
class StationParts:
    """A wired station and the parts service mode needs beside it (not started)."""

    station: Station
    repository: Repository
    vipps: VippsClient
    pollers: dict[int, DevicePoller]
    """Each connector's charger poller."""
    webhook: WebhookEndpoint | None = None
    meters: dict[int, MeteredFeed] = dataclasses.field(default_factory=dict)
    """The connectors billed from an external meter: charger + meter, combined."""
    ocpp: OcppBridge | None = None
    """The link to the operator's CSMS, when ``[ocpp]`` is configured."""
    monitoring: MonitoringSettings | None = None
    """Where ``/healthz`` and ``/metrics`` listen, when ``[monitoring]`` is configured."""
    monitor_server: list[RunningServer] = dataclasses.field(default_factory=list)
    monitor: list[StationMonitor] = dataclasses.field(default_factory=list)
    vipps_calls: CallStats | None = None
    """Vipps calls by operation (count, time, errors) for ``/metrics``."""
    restart_requested: asyncio.Event = dataclasses.field(default_factory=asyncio.Event)
    """Set when the CSMS asked for a reset and the station may restart now."""

    phone: PhoneSite | None = None
    """The driver's phone pages (``[web]``), served beside the webhook receiver."""
    spot: SpotFeed | None = None
    """The spot price feed, when ``[tariff.spot]`` is configured."""

    async def start(self) -> None:
        """Start the station, its OCPP link, its phone pages and its webhook receiver (those
        configured)."""
        if self.spot is not None:
            await self.spot.refresh()  # the first prices before the first screen
            self.spot.start()
        await self.station.start()
        if self.ocpp is not None:
            await self.ocpp.start()
        if self.monitoring is not None:
            await self._start_monitoring(self.monitoring)
        if self.phone is not None:
            try:
                await self.phone.start()
            except ServerStartError as error:
                log.error(
                    "phone pages cannot listen on %s:%s (%s); the screen still works",
                    self.phone.settings.listen_host,
                    self.phone.settings.listen_port,
                    error.__cause__ or error,
                )
        if self.webhook is None:
            return
        try:
            await self.webhook.start()
        except ServerStartError as error:
            log.error(
                "webhook receiver cannot listen on %s:%s (%s); payments are polled only",
                self.webhook.host,
                self.webhook.requested_port,
                error.__cause__ or error,
            )

    async def _start_monitoring(self, settings: MonitoringSettings) -> None:
        from kiosk.web.monitoring import StationMonitor, monitoring_app

        monitor = StationMonitor(
            self.station,
            check_database=self.repository.check_writable,
            ocpp_health=self.ocpp.link.health if self.ocpp is not None else None,
            pollers=self.pollers,
            vipps_calls=self.vipps_calls,
        )
        await monitor.start()
        self.monitor.append(monitor)
        try:
            server = await start_server(
                monitoring_app(monitor), settings.listen_host, settings.listen_port
            )
        except ServerStartError as error:
            log.error(
                "monitoring cannot listen on %s:%s (%s)",
                settings.listen_host,
                settings.listen_port,
                error.__cause__ or error,
            )
            return
        self.monitor_server.append(server)

    async def aclose(self) -> None:
        """Stop the phone pages and webhooks, then close the station (and what it owns)."""
        try:
            if self.spot is not None:
                await self.spot.aclose()
            for server in self.monitor_server:
                await server.stop()
            for monitor in self.monitor:
                await monitor.aclose()
            if self.phone is not None:
                await self.phone.aclose()
            if self.webhook is not None:
                await self.webhook.aclose()
            if self.ocpp is not None:
                await self.ocpp.aclose()
        finally:
            await self.station.aclose()


def webhook_endpoint(config: StationConfig, station: Station) -> WebhookEndpoint | None:
    """The station's webhook receiver, when ``webhook_url`` and its secret are configured."""
    v, secret = config.vipps, config.secrets.vipps_webhook_secret
    if v.webhook_url is None or secret is None:
        return None
    return WebhookEndpoint(
        secret=secret,
        registered_url=str(v.webhook_url),
        on_reference=station.poke_payment,
        host=v.webhook_listen_host,
        port=v.webhook_listen_port,
    )


def ocpp_settings(config: StationConfig) -> OcppLinkSettings | None:
    """The OCPP link's settings from ``[ocpp]`` and the ``ocpp_password`` secret."""
    section = config.ocpp
    if section is None:
        return None
    password = config.secrets.ocpp_password
    tariff = config.tariff
    return OcppLinkSettings(
        url=section.url,
        identity=section.identity,
        password=password.get_secret_value() if password is not None else None,
        security_profile=section.security_profile,
        heartbeat_s=section.heartbeat_s,
        meter_interval_s=section.meter_interval_s,
        offline_threshold_s=section.offline_threshold_s,
        ca_file=str(section.ca_file) if section.ca_file is not None else None,
        protocol=section.protocol,
        station_name=config.station.name,
        price_text=f"{tariff.price_ore_per_kwh / 100:.2f} {tariff.currency}/kWh",
    )


def ocpp_outbox_path(config: StationConfig) -> Path:
    """The OCPP outbox file: in ``[paths] data_dir``, else beside the default database."""
    folder = config.paths.data_dir or default_database_path().parent
    return folder / "ocpp-outbox.sqlite3"


def web_key_path(config: StationConfig) -> Path:
    """Where the phone pages' key lives: the data folder (default: beside the database)."""
    folder = config.paths.data_dir or default_database_path().parent
    return folder / "web.key"


def read_terms(config: StationConfig) -> dict[str, str]:
    """The terms of sale per language from ``[web] terms`` (an unreadable file is an error)."""
    texts: dict[str, str] = {}
    if config.web is None:
        return texts
    for language, path in config.web.terms.items():
        try:
            texts[language] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise StationConfigError(
                f"[web] terms {language}: cannot read {path}: {error}"
            ) from error
    return texts


def phone_settings(config: StationConfig) -> PhoneSiteSettings | None:
    """The phone pages' settings, when ``[web]`` is configured (reads the key and the terms)."""
    web = config.web
    if web is None:
        return None
    if web.public_base_url is None and not web.loopback_only():
        raise StationConfigError("[web] public_base_url is needed when listen_host is not loopback")
    try:
        key = load_or_create_key(web_key_path(config))
    except (OSError, ValueError) as error:
        raise StationConfigError(f"[web] key: {error}") from error
    return PhoneSiteSettings(
        key=key,
        public_base_url=web.base_url(),
        listen_host=web.listen_host,
        listen_port=web.listen_port,
        terms=read_terms(config),
        forwarded_for=web.trust_forwarded_for,
    )


def phone_site(
    settings: PhoneSiteSettings | None,
    station: Station,
    repository: Repository,
    gateway: VippsPayments,
) -> PhoneSite | None:
    """The driver's phone pages over ``station``; finished sessions are read from the store.
    The station's snapshots, the app's order link and the receipt link point at them."""
    if settings is None:
        return None

    async def archive(session_id: str) -> SessionState | None:
        record = await repository.get_session(session_id)
        if record is None:
            return None
        try:
            return decode_state(record.state)
        except CodecError:
            return None

    site = PhoneSite(station, settings, archive=archive)
    links = site.links

    def started() -> None:  # only pages that answer are linked
        station.set_phone_pages(links.session_url, links.terms_url, gateway.link_order)
        gateway.session_link = links.session_url

    site.on_started = started
    return site


class StationOptions(TypedDict, total=False):
    """What a caller (tests, the demo, the benchmarks) may set beside the configuration; every
    key is optional and its default is the production wiring."""

    http_client: httpx.AsyncClient | None
    """The one HTTP client (default: a new one the station owns and closes)."""
    clock: WallClock | None
    """The station's wall clock (default: the system clock)."""
    policy_overrides: dict[str, Any] | None
    """``SessionPolicy`` fields replacing those from ``[timeouts]`` (every connector)."""
    vipps_overrides: dict[str, Any] | None
    """``VippsSettings`` fields replacing those from ``[vipps]`` and the secrets."""
    poller_factory: PollerFactory
    """Each connector's charger poller (default: ``default_poller``)."""
    meter_poller_factory: PollerFactory
    """Each metered connector's meter poller (default: ``default_meter_poller``)."""
    grid_poller_factory: Callable[[GridMeterSettings], DevicePoller]
    """The ``[site]`` grid meter's poller (default: ``default_grid_poller``)."""
    database_url: str | None
    """Instead of ``[database] url``."""
    probe_interval_s: float
    """How often an unreachable payment service is checked again (default 10 s)."""


async def assemble_station(
    config: StationConfig, **options: Unpack[StationOptions]
) -> StationParts:
    """A station wired from ``config`` (not started), with its repository, Vipps client and
    pollers. The station owns and closes the repository and the pollers, and the HTTP client
    unless one was given."""
    unknown = options.keys() - StationOptions.__optional_keys__
    if unknown:
        raise TypeError(f"unknown station options: {', '.join(sorted(unknown))}")
    settings = vipps_settings(config)
    web = phone_settings(config)
    vipps_overrides = options.get("vipps_overrides")
    if vipps_overrides:
        settings = settings.model_copy(update=vipps_overrides)
    policy_overrides = options.get("policy_overrides")
    poller_factory = options.get("poller_factory", default_poller)
    meter_poller_factory = options.get("meter_poller_factory", default_meter_poller)
    closers: list[Callable[[], Awaitable[None]]] = []
    connectors = []
    pollers: dict[int, DevicePoller] = {}
    meters: dict[int, MeteredFeed] = {}
    max_currents_a: dict[int, float] = {}
    shared: dict[int, SharedCharger] = {}
    feeds: dict[int, ChargerFeed] = {}
    for connector in config.connectors:
        policy = session_policy(config, connector)
        if policy_overrides:
            policy = dataclasses.replace(policy, **policy_overrides)
        poller = poller_factory(connector)
        pollers[connector.id] = poller
        feed: ChargerFeed = poller
        if connector.meter is not None:
            metered = MeteredFeed(poller, meter_poller_factory(connector))
            meters[connector.id] = metered
            feed = metered
        control = poller.profile.control  # the driver never writes more than its maximum
        max_currents_a[connector.id] = (
            policy.max_current_a
            if control is None
            else min(policy.max_current_a, control.max_current_a)
        )
        charger: Charger = PollerCharger(poller, policy.max_current_a)
        if config.site is not None:  # the session asks, the site's share decides
            charger = shared[connector.id] = SharedCharger(
                charger, int(max_currents_a[connector.id])
            )
            feeds[connector.id] = feed
        connectors.append(
            ConnectorSetup(
                connector.id,
                connector.name,
                policy,
                charger,
                feed,
                label=connector.label,
                colour=connector.colour,
            )
        )
    site_power = None
    if config.site is not None:
        grid = None
        if config.site.grid_meter is not None:
            grid_factory = options.get("grid_poller_factory", default_grid_poller)
            grid = grid_factory(config.site.grid_meter)
        site_power = SitePower(
            site_limit(config.site),
            shared,
            feeds,
            clock=options.get("clock") or SystemClock(),
            grid=grid,
        )
    database_url = options.get("database_url")
    url = database_url if database_url is not None else config.database.url
    repository = await Repository.open(url, config.station.id)
    closers.append(repository.aclose)
    http = options.get("http_client")
    if http is None:
        http = httpx.AsyncClient()
        closers.append(http.aclose)
    client = VippsClient.from_settings(settings, http)
    gateway = VippsPayments(client, station_id=config.station.id)
    board = SpotBoard() if config.tariff.spot is not None else None
    spot = spot_feed(config, board, http, options.get("clock") or SystemClock())
    station = Station(
        station_info(config, max_current_a=max_currents_a, spot_board=board),
        connectors,
        ledger=DatabaseLedger(repository),
        gateway=gateway,
        clock=options.get("clock"),
        probe_interval_s=options.get("probe_interval_s", 10.0),
        closers=closers,
        site_power=site_power,
    )
    restart_requested = asyncio.Event()
    link_settings = ocpp_settings(config)
    bridge: OcppBridge | None = None
    if link_settings is not None:
        # imported here: the OCPP library (and its JSON schemas) only where [ocpp] is set
        from kiosk.adapters.ocpp_link import OcppLink
        from kiosk.adapters.ocpp_outbox import Outbox
        from kiosk.station.ocpp_bridge import OcppBridge

        test_charges = None
        if config.ocpp is not None and config.ocpp.allow_remote_test_charge:
            from kiosk.service.technician_charge import TechnicianCharges

            chargers = {cid: meters.get(cid, poller) for cid, poller in pollers.items()}
            test_charges = TechnicianCharges(repository, chargers, now=lambda: datetime.now(UTC))
        bridge = OcppBridge(
            station,
            restart=restart_requested.set,
            test_charges=test_charges,
            test_idle_s=config.ocpp.remote_test_idle_s if config.ocpp is not None else 300,
        )
        bridge.attach(OcppLink(link_settings, Outbox(ocpp_outbox_path(config)), bridge))
    return StationParts(
        station,
        repository,
        client,
        pollers,
        webhook=webhook_endpoint(config, station),
        meters=meters,
        ocpp=bridge,
        monitoring=config.monitoring,
        vipps_calls=gateway.stats,
        restart_requested=restart_requested,
        phone=phone_site(web, station, repository, gateway),
        spot=spot,
    )


def spot_feed(
    config: StationConfig, board: SpotBoard | None, http: httpx.AsyncClient, clock: WallClock
) -> SpotFeed | None:
    """The ``[tariff.spot]`` feed reader (a file relative to the configuration's folder)."""
    settings = config.tariff.spot
    if settings is None or board is None:
        return None
    return SpotFeed(
        settings.source,
        board,
        currency=config.tariff.currency,
        max_age_h=settings.max_age_h,
        refresh_s=settings.refresh_s,
        now_ms=clock.now_ms,
        http=http,
        base_dir=config.source.resolve().parent if config.source is not None else None,
    )


async def build_station(config: StationConfig, **options: Unpack[StationOptions]) -> Station:
    """A station wired from ``config`` (not started); see :func:`assemble_station`."""
    return (await assemble_station(config, **options)).station


async def run_until_signalled(
    parts: StationParts, ready: Callable[[Station], None] | None = None
) -> None:
    """Start ``parts`` (the station and its webhook receiver), run until SIGTERM or SIGINT,
    then close them cleanly."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await parts.start()
        if ready is not None:
            ready(parts.station)
        stopped = asyncio.ensure_future(stop.wait())
        restart = asyncio.ensure_future(parts.restart_requested.wait())
        try:
            await asyncio.wait({stopped, restart}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopped.cancel()
            restart.cancel()
        if parts.restart_requested.is_set():
            log.info("reset requested by the CSMS: stopping (the service manager restarts us)")
        else:
            log.info("signal received, stopping")
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(sig)
        await parts.aclose()


async def run_headless(config: StationConfig) -> None:
    await run_until_signalled(await assemble_station(config))
