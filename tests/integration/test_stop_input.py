"""The station's own stop input (issue 14): a profile declares ``registers.stop_input`` and the
value meaning "pressed" (``control.stop_input_pressed``); pressing it on the charger simulator
(a real pymodbus server) stops that connector's session like the screen's Stop, and only that
one; a press while nothing runs does nothing."""

from __future__ import annotations

from pathlib import Path

from station_rig import approve, phase, settled, world

from kiosk.core.state import Phase, StopReason
from kiosk.hardware.profile import load_named_profile


def test_the_sim_profile_declares_a_stop_input() -> None:
    profile = load_named_profile("sim")
    assert profile.registers.stop_input is not None
    assert profile.control is not None
    assert profile.control.stop_input_pressed == 1


async def test_pressing_the_stop_input_stops_that_connectors_session(tmp_path: Path) -> None:
    async with world(tmp_path, connectors=2) as w, w.station() as station:
        for index, connector in ((0, 1), (1, 2)):
            w.sim.car(index).plug(soc_pct=20)
            await approve(w, station, connector)
            await phase(station, connector, Phase.CHARGING)
        session_id = station.session(1).session_id or ""
        w.sim.connector(0).press_stop()
        final = await settled(station, session_id)
        assert final.stop_reason is StopReason.STATION_INPUT
        assert not w.sim.connector(0).enabled  # the charger was told to stop
        assert station.session(2).phase is Phase.CHARGING  # the other connector goes on
        assert w.sim.connector(1).enabled


async def test_a_press_while_nothing_runs_starts_or_stops_nothing(tmp_path: Path) -> None:
    async with world(tmp_path) as w, w.station() as station:
        w.sim.car(0).plug(soc_pct=20)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CAR_CONNECTED, 5)
        w.sim.connector(0).press_stop()  # nothing to stop: ignored
        await station.wait_for(lambda s: s.snapshot.payment_available, 5)
        w.sim.connector(0).press_stop(False)
        await approve(w, station, 1)  # a later session is not stopped by that old press
        await phase(station, 1, Phase.CHARGING)
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) > 5, 10)
        assert station.session(1).stop_reason is None
