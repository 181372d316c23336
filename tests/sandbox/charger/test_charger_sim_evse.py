"""The socket model: CP states, failsafe watchdog, energy integration, meter, reboot."""

from __future__ import annotations

import pytest

from kiosk.sandbox.charger.car import CarSpec
from kiosk.sandbox.charger.evse import CpState, Evse, EvseSettings, MeterFault, Watchdog

FAST_CAR = CarSpec(ramp_s=0, lag_s=0, power_factor=1.0)


def make(**settings: object) -> Evse:
    return Evse(EvseSettings(**settings), now_s=0.0)  # type: ignore[arg-type]


def test_states_follow_plug_pwm_and_the_car() -> None:
    evse = make()
    assert evse.cp_state() is CpState.A
    evse.plug(FAST_CAR)
    assert evse.cp_state() is CpState.B1
    evse.write_setpoint(16)
    assert evse.cp_state() is CpState.B2
    evse.advance(1.0)
    assert evse.cp_state() is CpState.C2
    evse.write_setpoint(0)
    evse.advance(1.5)
    assert evse.cp_state() is CpState.C1
    evse.advance(3.0)
    assert evse.cp_state() is CpState.B1
    evse.write_setpoint(16)
    assert evse.car is not None
    evse.car.paused = True
    evse.advance(4.0)
    assert evse.cp_state() is CpState.B2  # car paused while the station offers current
    evse.unplug()
    assert evse.cp_state() is CpState.A


def test_setpoint_below_six_amps_pauses_and_limits_clamp() -> None:
    evse = make(hardware_max_a=20.0, cable_rating_a=16.0)
    evse.write_setpoint(5.9)
    assert evse.applied_limit_a() == 0.0
    evse.write_setpoint(32)
    assert evse.applied_limit_a() == 16.0
    evse.write_enabled(False)
    assert evse.applied_limit_a() == 0.0


def test_energy_is_integrated_at_one_hertz_or_faster_even_for_big_jumps() -> None:
    evse = make()
    evse.write_setpoint(16)
    evse.plug(FAST_CAR)
    evse.advance(3600.0)  # one call, one hour: integrated in 1 s steps
    assert evse.lifetime_energy_wh == pytest.approx(16 * 230 * 3, rel=1e-9)
    assert evse.session_energy_wh == evse.lifetime_energy_wh


def test_write_watchdog_falls_back_to_the_failsafe_current() -> None:
    evse = make(watchdog=Watchdog.WRITE, watchdog_timeout_s=10.0, failsafe_current_a=6.0)
    assert evse.failsafe_active()  # after boot: safe current until the master writes
    assert evse.applied_limit_a() == 6.0
    evse.write_setpoint(16)
    evse.advance(9.0)
    assert evse.watchdog_remaining_s() == pytest.approx(1.0)
    assert evse.applied_limit_a() == 16.0
    evse.write_setpoint(16)  # a rewrite reloads the countdown
    evse.advance(18.0)
    assert not evse.failsafe_active()
    evse.advance(20.0)
    assert evse.failsafe_active()
    assert evse.applied_limit_a() == 6.0


def test_any_watchdog_is_fed_by_reads() -> None:
    evse = make(watchdog=Watchdog.ANY, watchdog_timeout_s=10.0, failsafe_current_a=0.0)
    evse.write_setpoint(16)
    evse.touch()
    for _ in range(5):
        evse.advance(evse.now_s + 8.0)
        evse.touch()
    assert evse.applied_limit_a() == 16.0
    evse.advance(evse.now_s + 11.0)
    assert evse.applied_limit_a() == 0.0


def test_meter_refresh_frozen_zero_power_and_counter_reset() -> None:
    evse = make(meter_refresh_s=5.0)
    evse.write_setpoint(16)
    evse.plug(FAST_CAR)
    evse.advance(11.0)  # published at 1, 6 and 11 s
    first = evse.meter().energy_wh
    evse.advance(15.0)
    assert evse.meter().energy_wh == first  # not refreshed yet
    assert evse.lifetime_energy_wh > first
    evse.advance(16.0)
    assert evse.meter().energy_wh == evse.lifetime_energy_wh
    evse.meter_fault = MeterFault.FROZEN
    frozen = evse.meter()
    evse.advance(60.0)
    assert evse.meter().energy_wh == frozen.energy_wh
    assert evse.meter().age_s == pytest.approx(44.0)
    evse.meter_fault = MeterFault.ZERO_POWER
    assert evse.meter().power_w == 0.0
    assert evse.meter().energy_wh == evse.lifetime_energy_wh
    evse.meter_fault = None
    evse.reset_counter()
    assert evse.meter().energy_wh == 0.0


def test_reboot_keeps_the_lifetime_counter_and_the_car_but_not_the_setpoint() -> None:
    evse = make(watchdog=Watchdog.WRITE, watchdog_timeout_s=60.0)
    evse.write_setpoint(16)
    evse.plug(FAST_CAR)
    evse.advance(100.0)
    counter = evse.lifetime_energy_wh
    assert counter > 0
    rebooted = evse.reboot()
    assert rebooted.lifetime_energy_wh == counter
    assert rebooted.car is evse.car
    assert rebooted.setpoint_a is None
    assert rebooted.uptime_s() == 0.0
    assert rebooted.applied_limit_a() == 0.0
