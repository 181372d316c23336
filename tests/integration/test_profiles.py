"""Every profile in drivers/, every connector, against the simulator serving that profile.

Adding a profile adds a case here automatically; the test only reads the profile's data.
"""

from __future__ import annotations

import asyncio

import pytest
from hardware_rig import REWRITE_S, SIM_FAILSAFE_S, SPEED, rig

from kiosk.hardware.profile import Kind, load_named_profile, profile_names

CASES = [
    pytest.param(name, index, id=f"{name}#{index + 1}")
    for name in profile_names()
    for index in range(len(load_named_profile(name).connectors))
]


@pytest.mark.parametrize(("name", "index"), CASES)
async def test_profile_against_the_simulator(name: str, index: int) -> None:
    profile = load_named_profile(name)
    async with rig(profile, index) as (sim, poller):
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
