"""Shared set-up for the hardware integration tests: a simulator serving a profile and a
poller for one of its connectors, sped up consistently (not a test module)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from kiosk.hardware.link import Endpoint
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import Failsafe, Polling, Profile, Transport
from kiosk.sandbox.charger import ChargerSimulator

SPEED = 10.0  # simulated seconds per real second
SIM_FAILSAFE_S = 10.0  # device failsafe timeout in simulated seconds (1 s real)
REWRITE_S = 0.3  # poller rewrite interval in real seconds (3 s simulated)
POLL_S = 0.1


def fast(profile: Profile) -> Profile:
    """The same device, polled and watchdog-fed at test pace."""
    failsafe = profile.failsafe
    if failsafe.rewrite_interval_s is not None:
        failsafe = failsafe.model_copy(update={"rewrite_interval_s": REWRITE_S})
    polling = Polling(interval_s=POLL_S, unavailable_after_failures=2)
    connection = profile.connection.model_copy(update={"timeout_s": 0.3})
    return profile.model_copy(
        update={
            "failsafe": Failsafe.model_validate(failsafe.model_dump()),
            "polling": polling,
            "connection": connection,
        }
    )


def poller_for(profile: Profile, sim: ChargerSimulator, index: int, **options: Any) -> DevicePoller:
    connector = sim.layout[index]
    endpoint = Endpoint.for_connector(
        profile, "127.0.0.1", port=sim.port, connector_id=connector.id
    )
    # the simulator speaks Modbus TCP even for RTU devices
    endpoint = dataclasses.replace(endpoint, transport=Transport.TCP)
    # the poller runs on the simulator's clock, so energy plausibility holds at any speed
    return DevicePoller(
        profile, endpoint, connector_id=connector.id, clock=sim.clock.now_s, **options
    )


@asynccontextmanager
async def rig(
    profile: Profile, index: int = 0, **sim_options: Any
) -> AsyncIterator[tuple[ChargerSimulator, DevicePoller]]:
    sim_options.setdefault("speed", SPEED)
    if profile.failsafe.timeout_s is not None:  # a device without a watchdog stays without
        sim_options.setdefault("failsafe_timeout_s", SIM_FAILSAFE_S)
    async with ChargerSimulator.serving(profile, **sim_options) as sim:
        poller = poller_for(fast(profile), sim, index)
        async with poller:
            yield sim, poller
