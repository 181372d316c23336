"""The simulator's building loads, and a meter simulator that reads them plus the cars."""

from __future__ import annotations

import pytest

from kiosk.hardware.profile import load_named_profile
from kiosk.sandbox.charger import ChargerSimulator, ManualClock
from kiosk.sandbox.charger.site_load import constant, grid_currents, morning_peak, steps


def test_shapes() -> None:
    assert constant(10.0)(123.0) == (10.0, 10.0, 10.0)
    assert constant(1.0, 2.0, 3.0)(0.0) == (1.0, 2.0, 3.0)
    stepped = steps(5.0, [(10.0, 20.0), (30.0, 8.0)])
    assert [stepped(t)[0] for t in (0.0, 9.9, 10.0, 29.0, 30.0, 99.0)] == [5, 5, 20, 20, 8, 8]
    peak = morning_peak(10.0, 40.0, at_s=3600.0, width_s=1800.0)
    assert peak(3600.0)[0] == pytest.approx(40.0)
    assert peak(0.0)[0] == pytest.approx(10.0, abs=0.01)
    assert 10.0 < peak(3000.0)[0] < 40.0


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: constant(-1.0), "negative"),
        (lambda: steps(1.0, [(5.0, 2.0), (1.0, 3.0)]), "time order"),
        (lambda: morning_peak(1.0, 2.0, 0.0, 0.0), "positive width"),
    ],
)
def test_bad_shapes_are_refused(make: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        make()  # type: ignore[operator]


def test_a_grid_meter_reads_the_building_and_the_cars() -> None:
    clock = ManualClock()
    charger = ChargerSimulator(load_named_profile("sim"), connectors=2, clock=clock)
    meter = ChargerSimulator(load_named_profile("eastron-sdm630"), clock=clock)
    building = steps(8.0, [(100.0, 16.0)])
    meter.connector(0).set_site_load(grid_currents(building, *map(charger.connector, (0, 1))))
    assert meter.connector(0).currents_a == (8.0, 8.0, 8.0)
    charger.car(0).plug(soc_pct=20)
    socket = charger._evse_at(0)  # as the Modbus master would: offer 16 A
    socket.write_setpoint(16.0)
    socket.write_enabled(True)
    clock.advance(10.0)
    drawn = charger.connector(0).currents_a
    assert drawn[0] > 0
    assert meter.connector(0).currents_a == pytest.approx(tuple(8.0 + a for a in drawn))
    clock.advance(100.0)
    drawn = charger.connector(0).currents_a
    assert meter.connector(0).currents_a == pytest.approx(tuple(16.0 + a for a in drawn))
    assert meter.connector(0).power_w > 16.0 * 3 * 200
