"""Shared set-up for the hardware integration tests: a simulator serving a profile and a
poller for one of its connectors, sped up consistently (not a test module).

Over Modbus TCP on loopback by default; given a ``VirtualSerialLine`` (``rtu_rig``), the
simulator serves Modbus RTU on one end of the pty pair and the poller opens the other, as the
station opens ``/dev/ttyUSB0``."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from kiosk.hardware.link import Endpoint, transport_for_host
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import Failsafe, Kind, Polling, Profile, Transport
from kiosk.sandbox.charger import ChargerSimulator
from kiosk.sandbox.charger.serial_line import VirtualSerialLine

SPEED = 10.0  # simulated seconds per real second
SIM_FAILSAFE_S = 10.0  # device failsafe timeout in simulated seconds (1 s real)
REWRITE_S = 0.3  # poller rewrite interval in real seconds (3 s simulated)
POLL_S = 0.1
METER_REFRESH_S = 0.1  # real seconds


def fast(profile: Profile) -> Profile:
    """The same device, polled and watchdog-fed at test pace."""
    failsafe = profile.failsafe
    if failsafe.rewrite_interval_s is not None:
        failsafe = failsafe.model_copy(update={"rewrite_interval_s": REWRITE_S})
    # the simulators refresh their meters every 0.05 s (grid) or 1 simulated s (chargers)
    polling = Polling(
        interval_s=POLL_S, unavailable_after_failures=2, register_refresh_s=METER_REFRESH_S
    )
    connection = profile.connection.model_copy(update={"timeout_s": 0.3})
    return profile.model_copy(
        update={
            "failsafe": Failsafe.model_validate(failsafe.model_dump()),
            "polling": polling,
            "connection": connection,
        }
    )


def poller_for(
    profile: Profile,
    sim: ChargerSimulator,
    index: int,
    line: VirtualSerialLine | None = None,
    **options: Any,
) -> DevicePoller:
    connector = sim.layout[index]
    if line is None:
        endpoint = Endpoint.for_connector(
            profile, "127.0.0.1", port=sim.port, connector_id=connector.id
        )
        # the simulator speaks Modbus TCP even for RTU devices
        endpoint = dataclasses.replace(endpoint, transport=Transport.TCP)
    else:
        endpoint = Endpoint.for_connector(profile, line.kiosk_end, connector_id=connector.id)
        # as the station does: a path is a serial port (RTU)
        endpoint = dataclasses.replace(
            endpoint, transport=transport_for_host(profile, line.kiosk_end)
        )
    # the poller runs on the simulator's clock, so energy plausibility holds at any speed
    return DevicePoller(
        profile, endpoint, connector_id=connector.id, clock=sim.clock.now_s, **options
    )


@asynccontextmanager
async def rig(
    profile: Profile, index: int = 0, line: VirtualSerialLine | None = None, **sim_options: Any
) -> AsyncIterator[tuple[ChargerSimulator, DevicePoller]]:
    sim_options.setdefault("speed", SPEED)
    if profile.failsafe.timeout_s is not None:  # a device without a watchdog stays without
        sim_options.setdefault("failsafe_timeout_s", SIM_FAILSAFE_S)
    if line is not None:
        sim_options.setdefault("serial_path", line.device_end)
    async with ChargerSimulator.serving(profile, **sim_options) as sim:
        poller = poller_for(fast(profile), sim, index, line)
        async with poller:
            yield sim, poller


async def exercise_profile(
    profile: Profile, index: int, sim: ChargerSimulator, poller: DevicePoller
) -> None:
    """Everything the station does with a device, checked against the simulator: probe,
    enable, set the current, charge (energy rises), keep the setpoint past the device's
    failsafe time, stop (confirmed by reading back)."""
    # probe: a decoded snapshot with the documented keys
    first = await poller.wait_for(lambda s: s.online, 3.0)
    probe = first.probe_json()
    assert set(probe) == {
        "state",
        "energy_wh",
        "power_w",
        "current_limit_a",
        "enabled",
        "currents_a",
        "voltages_v",
        "error",
    }
    assert probe["error"] is None
    assert all(v is not None and v > 100 for v in probe["voltages_v"])
    if profile.kind is Kind.CHARGER:
        assert first.state == "A"
    has_counter = profile.registers.energy is not None
    assert (first.energy_wh is not None) == has_counter

    sim.car(index).plug(soc_pct=30.0)
    if profile.kind is Kind.CHARGER:
        enabled = await poller.enable(16.0)
        assert enabled.confirmed, enabled.error
        changed = await poller.set_current(10.0)
        assert changed.confirmed, changed.error
        limited = await poller.wait_for(lambda s: s.current_limit_a == pytest.approx(10.0), 3.0)
        assert limited.enabled is True
    charging = await poller.wait_for(lambda s: s.power_w is not None and s.power_w > 1000, 5.0)
    assert profile.kind is Kind.METER or charging.state == "C"

    # energy rises while the car charges (lifetime counter, never invented)
    if has_counter:
        start_wh = (await poller.wait_for(lambda s: s.energy_wh is not None, 3.0)).energy_wh
        assert start_wh is not None
        later = await poller.wait_for(
            lambda s: s.energy_wh is not None and s.energy_wh > start_wh + 10, 5.0
        )
        assert later.energy_epoch == charging.energy_epoch
    else:
        assert charging.energy_wh is None

    if profile.kind is Kind.METER:
        return

    # the setpoint survives past the device's failsafe time
    if profile.failsafe.rewrite_interval_s is not None:
        assert REWRITE_S * SPEED < SIM_FAILSAFE_S
    await asyncio.sleep(2 * SIM_FAILSAFE_S / SPEED)
    status = sim.connector(index).status()
    assert status["failsafe_active"] is False
    assert status["setpoint_a"] == pytest.approx(10.0)
    assert poller.snapshot.current_limit_a == pytest.approx(10.0)

    # stop is confirmed by reading back, and the device shows it
    stopped = await poller.stop()
    assert stopped.confirmed, stopped.error
    status = sim.connector(index).status()
    assert status["applied_limit_a"] == 0 or status["enabled"] is False
    after = await poller.wait_for(lambda s: s.enabled is False, 2.0)
    assert after.current_limit_a == 0
