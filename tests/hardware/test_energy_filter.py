"""The energy filter never invents energy: resets, wraps, spikes, jumps and frozen counters."""

from __future__ import annotations

from kiosk.hardware.energy_filter import EnergyFilter

MAX_W = 22_000.0


def test_normal_counting_passes_through() -> None:
    f = EnergyFilter(max_power_w=MAX_W)
    assert f.update(1000.0, 0.0, 0.0).energy_wh == 1000
    reading = f.update(1005.4, 11_000.0, 1.0)
    assert (reading.energy_wh, reading.epoch, reading.note) == (1005, 0, None)


def test_unknown_is_none_and_the_last_good_value_is_kept() -> None:
    f = EnergyFilter(max_power_w=MAX_W)
    f.update(1000.0, 0.0, 0.0)
    assert f.update(None, None, 1.0).energy_wh is None
    assert f.update(1003.0, 0.0, 2.0).energy_wh == 1003


def test_a_decrease_starts_a_new_epoch_without_inventing_energy() -> None:
    f = EnergyFilter(max_power_w=MAX_W)
    f.update(50_000.0, 0.0, 0.0)
    reset = f.update(0.0, 0.0, 1.0)
    assert (reset.energy_wh, reset.epoch, reset.note) == (0, 1, "counter reset")
    after = f.update(4.0, 0.0, 2.0)
    assert (after.energy_wh, after.epoch) == (4, 1)


def test_a_wrapping_counter_is_a_new_epoch() -> None:
    f = EnergyFilter(max_power_w=MAX_W)
    f.update(65_530.0, 0.0, 0.0)
    wrapped = f.update(3.0, 0.0, 1.0)
    assert (wrapped.energy_wh, wrapped.epoch) == (3, 1)


def test_a_one_off_spike_is_dropped() -> None:
    f = EnergyFilter(max_power_w=MAX_W)
    f.update(1000.0, 0.0, 0.0)
    spike = f.update(4_000_000.0, 0.0, 1.0)
    assert (spike.energy_wh, spike.note) == (None, "implausible jump")
    back = f.update(1004.0, 0.0, 2.0)
    assert (back.energy_wh, back.epoch) == (1004, 0)


def test_a_confirmed_jump_is_rebaselined_not_billed() -> None:
    f = EnergyFilter(max_power_w=MAX_W)
    f.update(1000.0, 0.0, 0.0)
    assert f.update(900_000.0, 0.0, 1.0).energy_wh is None
    confirmed = f.update(900_003.0, 0.0, 2.0)
    assert (confirmed.energy_wh, confirmed.epoch) == (900_003, 1)


def test_a_jump_the_charger_could_have_delivered_is_accepted() -> None:
    f = EnergyFilter(max_power_w=MAX_W)
    f.update(1000.0, 0.0, 0.0)
    # 10 minutes of silence at up to 22 kW: 3.6 kWh is possible
    assert f.update(4600.0, 0.0, 600.0).energy_wh == 4600


def test_a_counter_that_stops_while_power_flows_is_unknown() -> None:
    f = EnergyFilter(max_power_w=MAX_W, frozen_after_wh=50.0)
    f.update(1000.0, 11_000.0, 0.0)
    assert f.update(1000.0, 11_000.0, 10.0).energy_wh == 1000  # 30 Wh expected: not yet
    frozen = f.update(1000.0, 11_000.0, 20.0)  # 61 Wh expected, none counted
    assert (frozen.energy_wh, frozen.note) == (None, "meter not advancing")
    moving = f.update(1070.0, 11_000.0, 25.0)
    assert (moving.energy_wh, moving.epoch) == (1070, 0)


def test_standing_still_without_power_is_fine() -> None:
    f = EnergyFilter(max_power_w=MAX_W, frozen_after_wh=50.0)
    f.update(1000.0, 0.0, 0.0)
    assert f.update(1000.0, 0.0, 3600.0).energy_wh == 1000


def test_catching_up_after_standing_still_is_plausible() -> None:
    f = EnergyFilter(max_power_w=MAX_W, frozen_after_wh=1000.0)
    f.update(1000.0, 11_000.0, 0.0)
    for t in range(1, 20):
        f.update(1000.0, 11_000.0, float(t))  # frozen for 19 s at 11 kW (58 Wh owed)
    caught_up = f.update(1080.0, 11_000.0, 20.0)
    assert (caught_up.energy_wh, caught_up.epoch) == (1080, 0)
