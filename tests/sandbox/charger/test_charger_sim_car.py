"""Car physics: ramp-up, lag, taper near full, the three "full" behaviours, pauses, phases."""

from __future__ import annotations

import pytest

from kiosk.sandbox.charger.car import Car, CarSpec, FullBehaviour


def run(car: Car, seconds: float, offered_a: float = 16.0, dt_s: float = 1.0) -> float:
    energy_wh = 0.0
    for _ in range(round(seconds / dt_s)):
        energy_wh += car.step(dt_s, offered_a, 230.0)
    return energy_wh


def test_ramp_up_reaches_the_offered_current_after_the_ramp() -> None:
    car = Car(CarSpec(ramp_s=10.0, lag_s=0.0, obc_limit_a=32.0))
    run(car, 1)
    assert car.s2_closed
    early_a = car.current_a
    run(car, 4)
    middle_a = car.current_a
    run(car, 10)
    assert 0 < early_a < middle_a < 16.0
    assert car.current_a == pytest.approx(16.0)


def test_current_is_limited_by_the_on_board_charger_and_follows_a_lag() -> None:
    car = Car(CarSpec(ramp_s=0.0, lag_s=2.0, obc_limit_a=13.0))
    run(car, 1, offered_a=32.0)
    assert car.current_a == pytest.approx(6.5)  # half way after dt/lag = 0.5
    run(car, 20, offered_a=32.0)
    assert car.current_a == pytest.approx(13.0, abs=0.01)


def test_taper_above_the_knee_lowers_the_current_towards_full() -> None:
    car = Car(CarSpec(soc_pct=79.0, knee_soc_pct=80.0, ramp_s=0, lag_s=0, battery_wh=10_000))
    run(car, 2)
    assert car.current_a == pytest.approx(16.0)
    currents = []
    while car.soc_pct < 99.0:
        run(car, 30)
        currents.append(car.current_a)
    assert currents == sorted(currents, reverse=True)
    assert currents[-1] < 3.0


def test_full_behaviour_go_to_b_opens_s2() -> None:
    car = Car(CarSpec(soc_pct=99.99, ramp_s=0, lag_s=0, full_behaviour=FullBehaviour.GO_TO_B))
    run(car, 120)
    assert car.full
    assert not car.s2_closed
    assert car.current_a == 0.0


def test_full_behaviour_stay_c_draws_nothing_with_s2_closed() -> None:
    car = Car(CarSpec(soc_pct=99.99, ramp_s=0, lag_s=0, full_behaviour=FullBehaviour.STAY_C))
    run(car, 120)
    assert car.full
    assert car.s2_closed
    assert car.current_a == 0.0
    assert run(car, 3600) == 0.0


def test_full_behaviour_top_up_draws_small_currents_now_and_then() -> None:
    spec = CarSpec(
        soc_pct=100.0,
        ramp_s=0,
        lag_s=0,
        full_behaviour=FullBehaviour.TOP_UP,
        top_up_every_s=100,
        top_up_duration_s=20,
        top_up_a=2.0,
    )
    car = Car(spec)
    samples = []
    for _ in range(240):
        car.step(1.0, 16.0, 230.0)
        samples.append(car.current_a)
    assert car.s2_closed
    assert max(samples) == pytest.approx(2.0)
    assert samples[50] == 0.0
    assert samples[110] == pytest.approx(2.0)
    assert car.soc_pct == 100.0


def test_car_pause_opens_s2_and_resume_charges_again() -> None:
    car = Car(CarSpec(ramp_s=0, lag_s=0))
    run(car, 2)
    assert car.s2_closed
    assert car.current_a > 0
    car.paused = True
    run(car, 1)
    assert not car.s2_closed
    assert car.current_a == 0.0
    car.paused = False
    run(car, 1)
    assert car.s2_closed


def test_withdrawn_pwm_makes_the_car_drop_current_then_open_s2() -> None:
    car = Car(CarSpec(ramp_s=0, lag_s=0, stop_response_s=2.0))
    run(car, 2)
    car.step(1.0, 0.0, 230.0)
    assert car.current_a == 0.0
    assert car.s2_closed  # C1 for a moment
    run(car, 2, offered_a=0.0)
    assert not car.s2_closed


def test_wakeup_delay_keeps_s2_open_after_pwm_appears() -> None:
    car = Car(CarSpec(wakeup_s=5.0))
    run(car, 3)
    assert not car.s2_closed
    run(car, 3)
    assert car.s2_closed


def test_energy_and_soc_follow_power_phases_and_efficiency() -> None:
    spec = CarSpec(
        battery_wh=50_000, soc_pct=10, ramp_s=0, lag_s=0, power_factor=1.0, efficiency=0.9
    )
    car = Car(spec)
    energy_wh = run(car, 3600)
    assert energy_wh == pytest.approx(16 * 230 * 3, rel=1e-6)  # 11.04 kWh in one hour
    assert car.soc_pct == pytest.approx(10 + 100 * energy_wh * 0.9 / 50_000)


def test_single_phase_car_uses_one_phase_and_three_phase_car_on_one_phase_too() -> None:
    one = Car(CarSpec(phases=1, ramp_s=0, lag_s=0, power_factor=1.0))
    three = Car(CarSpec(phases=3, ramp_s=0, lag_s=0, power_factor=1.0))
    assert run(one, 3600) == pytest.approx(16 * 230)
    assert three.step(3600.0, 16.0, 230.0, supply_phases=1) == pytest.approx(16 * 230)
    assert three.phases_used(supply_phases=1) == 1


@pytest.mark.parametrize(
    "changes",
    [{"battery_wh": 0}, {"soc_pct": 120.0}, {"phases": 4}, {"efficiency": 1.5}, {"lag_s": -1}],
)
def test_impossible_cars_are_rejected(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=r"must|cannot"):
        CarSpec().with_changes(**changes)
