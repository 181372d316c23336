"""The injectable clock: speed factors, continuity on a speed change, manual time."""

from __future__ import annotations

import math

import pytest

from kiosk.sandbox.charger.clock import ManualClock, ScaledClock


class FakeSource:
    def __init__(self) -> None:
        self.now_s = 100.0

    def __call__(self) -> float:
        return self.now_s


def test_scaled_clock_runs_speed_times_faster() -> None:
    source = FakeSource()
    clock = ScaledClock(speed=10.0, source_s=source)
    assert clock.now_s() == 0.0
    source.now_s += 2.0
    assert clock.now_s() == pytest.approx(20.0)


def test_changing_speed_keeps_time_continuous() -> None:
    source = FakeSource()
    clock = ScaledClock(speed=1.0, source_s=source)
    source.now_s += 5.0
    clock.set_speed(60.0)
    assert clock.now_s() == pytest.approx(5.0)
    source.now_s += 1.0
    assert clock.now_s() == pytest.approx(65.0)
    assert clock.speed == 60.0


@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf])
def test_bad_speed_factors_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="speed factor"):
        ScaledClock(speed=bad)
    with pytest.raises(ValueError, match="speed factor"):
        ManualClock().set_speed(bad)


def test_manual_clock_moves_only_when_advanced() -> None:
    clock = ManualClock()
    assert clock.now_s() == 0.0
    clock.advance(1.5)
    assert clock.now_s() == 1.5
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)
