"""Putting service mode together from the parts the composition root already has.

``assemble(...)`` returns the ``ServiceAccess`` (PIN gate) and the ``StationService``
(``ServiceControl``) for one station; the window then wraps them in
``kiosk.gui.viewmodels.service_vm.ServiceViewModel`` and passes it to
``kiosk.gui.qml_engine.build_ui``::

    buffer = install_log_buffer(config)                  # once, at start
    access, service = assemble(config, repository, vipps, station, pollers, buffer, meters)
    ui = build_ui(station, service=ServiceViewModel(access, service, station))

A connector billed from an external meter (``meters``, ``kiosk.app.StationParts.meters``) is
shown and test-charged through its ``MeteredFeed``: the charger's state with the meter's
energy, the same numbers a paid session bills.

Raises nothing of its own (no I/O here).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Protocol

from kiosk.adapters.metered_feed import MeteredFeed
from kiosk.config.model import StationConfig
from kiosk.core.central_system import LinkHealth
from kiosk.hardware.poller import DevicePoller
from kiosk.payments.client import VippsClient
from kiosk.persistence.pin_guard import PinGuard
from kiosk.persistence.repository import Repository
from kiosk.service.access import ServiceAccess
from kiosk.service.diagnostics import ConnectorWiring
from kiosk.service.log_buffer import RedactingLogBuffer
from kiosk.service.station_operations import ControllerOperations, StationHooks
from kiosk.service.station_service import StationService
from kiosk.service.technician_charge import TechnicianCharges
from kiosk.station.snapshot import StationControl


class ServiceStation(StationHooks, StationControl, Protocol):
    """What ``kiosk.station.Station`` is to service mode: its hooks and its snapshots."""


def install_log_buffer(config: StationConfig) -> RedactingLogBuffer:
    """Add the service log view's buffer (secrets redacted) to the root logger."""
    buffer = RedactingLogBuffer(config.secrets.all_values())
    logging.getLogger().addHandler(buffer)
    return buffer


def assemble(
    config: StationConfig,
    repository: Repository,
    vipps: VippsClient | None,
    station: ServiceStation,
    pollers: Mapping[int, DevicePoller],
    log_buffer: RedactingLogBuffer | None = None,
    meters: Mapping[int, MeteredFeed] | None = None,
    ocpp_health: Callable[[], LinkHealth] | None = None,
) -> tuple[ServiceAccess, StationService]:
    svc = config.service
    guard = PinGuard(
        repository,
        config.secrets.service_pin_hash,
        max_attempts=svc.max_pin_attempts,
        lockout_s=svc.lockout_s,
    )
    access = ServiceAccess(guard, repository, idle_exit_s=svc.idle_exit_s)
    names = {c.id: c for c in config.connectors}
    metered = dict(meters or {})
    wirings = [
        _wiring(cid, names[cid].name if cid in names else str(cid), poller, metered.get(cid))
        for cid, poller in sorted(pollers.items())
    ]
    chargers = {cid: metered.get(cid, poller) for cid, poller in pollers.items()}
    charges = TechnicianCharges(repository, chargers, now=_utc_now)
    service = StationService(
        repository,
        ControllerOperations(station, charges),
        station=station,
        wirings=wirings,
        vipps=vipps,
        config=config,
        log_buffer=log_buffer,
        ocpp_health=ocpp_health,
    )
    return access, service


def _wiring(
    cid: int, name: str, poller: DevicePoller, metered: MeteredFeed | None
) -> ConnectorWiring:
    if metered is None:
        return ConnectorWiring(cid, name, poller.profile.name, poller.endpoint.describe(), poller)
    meter = metered.meter
    return ConnectorWiring(
        cid,
        name,
        f"{poller.profile.name} + meter {meter.profile.name}",
        f"{poller.endpoint.describe()}; meter {meter.endpoint.describe()}",
        metered,
    )


def _utc_now() -> datetime:
    return datetime.now(UTC)
