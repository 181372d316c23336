"""A meter counter reset on the charger simulator is billed across it (issues 14.3 and 20.1).

Mid-session: the energy before plus after the reset is captured at the Vipps emulator and the
journal records ``meter.reset``. Between sessions (station running) and while the station is
down (a restart in between): the next session is billed from the new counter, not 0 Wh.
Billed never exceeds what the simulator's car really drew.
"""

from __future__ import annotations

from pathlib import Path

from station_rig import PRICE_ORE_PER_KWH, World, approve, check_invariants, phase, settled, world

from kiosk.core.state import Phase, SessionState
from kiosk.core.units import WH_PER_KWH
from kiosk.persistence import Repository
from kiosk.station.station import Station

SLACK_WH = 12
"""What the station may not see of a session: the meter's refresh and one poll at each end."""
RESOLUTION_WH = 1
"""The simulator's counter is read in Wh and rounded: each end may be half a Wh off."""


async def _session(
    w: World, station: Station, *, reset_mid_session: bool = False
) -> tuple[SessionState, float]:
    """Plug, pay, charge about 40 Wh (resetting the counter halfway if asked), stop, settle;
    the final state and the energy the car drew."""
    w.sim.car(0).plug(soc_pct=20)
    reference = await approve(w, station)
    state = await phase(station, 1, Phase.CHARGING)
    await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 30, 10)
    before_wh = 0
    if reset_mid_session:
        before_wh = station.session(1).delivered_wh or 0
        w.sim.connector(0).reset_counter()
        await station.wait_for(lambda s: s.session(1).meter_resets == 1, 5)
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= before_wh + 30, 10)
    station.stop(1)
    final = await settled(station, state.session_id or "")
    assert final.phase is Phase.DONE
    assert final.measured is not None
    assert final.amount_due is not None
    billed_wh = final.measured.energy_wh
    assert billed_wh >= before_wh + 30
    assert final.amount_due.total_ore * WH_PER_KWH == billed_wh * PRICE_ORE_PER_KWH
    check_invariants(w, reference, final.amount_due.total_ore)
    drawn_wh = w.sim.connector(0).session_energy_wh
    w.sim.car(0).unplug()
    await station.wait_for(lambda s: s.session(1).phase is Phase.IDLE, 10)
    return final, drawn_wh


async def test_a_meter_reset_is_billed_across_it_and_every_later_session_too(
    tmp_path: Path,
) -> None:
    async with world(tmp_path) as w:
        w.sim.connector(0).set_energy_wh(12_000_000)  # a meter that has been in service
        async with w.station() as station:
            first, drawn_wh = await _session(w, station, reset_mid_session=True)
            assert first.meter_resets == 1
            assert first.measured is not None
            assert drawn_wh - SLACK_WH <= first.measured.energy_wh <= drawn_wh + RESOLUTION_WH

            w.sim.connector(0).reset_counter()  # between sessions, station running
            second, drawn_wh = await _session(w, station)
            assert second.measured is not None
            assert drawn_wh - SLACK_WH <= second.measured.energy_wh <= drawn_wh + RESOLUTION_WH

        w.sim.connector(0).set_energy_wh(3)  # the meter is swapped while the station is down
        async with w.station() as station:
            third, drawn_wh = await _session(w, station)
            assert third.measured is not None
            assert drawn_wh - SLACK_WH <= third.measured.energy_wh <= drawn_wh + RESOLUTION_WH

    async with await Repository.open(w.db_url, "test-station") as repo:
        journal = await repo.journal_entries(first.session_id)
        resets = [entry for entry in journal if entry.kind == "meter.reset"]
        assert len(resets) == 1
        assert resets[0].payload["energy_before_wh"] >= 30
        assert (await repo.verify_chain()).ok


async def test_a_reset_while_the_station_is_down_mid_session_is_billed_across(
    tmp_path: Path,
) -> None:
    async with world(tmp_path) as w:
        w.sim.connector(0).set_energy_wh(12_000_000)
        w.sim.car(0).plug(soc_pct=20)
        async with w.station() as station:
            reference = await approve(w, station)
            state = await phase(station, 1, Phase.CHARGING)
            await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 40, 10)
        async with await Repository.open(w.db_url, "test-station") as repo:
            record = await repo.get_session(state.session_id or "")
        assert record is not None
        assert record.state_name in ("charging", "car_paused")
        stored_wh = (record.meter_last_wh or 0) - (record.meter_start_wh or 0)
        w.sim.connector(0).reset_counter()  # the meter restarts while the station is down
        async with w.station() as station:
            resumed = await phase(station, 1, Phase.CHARGING, timeout_s=10)
            assert resumed.session_id == state.session_id
            await station.wait_for(lambda s: s.session(1).meter_resets == 1, 5)
            await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= stored_wh + 30, 10)
            station.stop(1)
            final = await settled(station, state.session_id or "")
        drawn_wh = w.sim.connector(0).session_energy_wh
    assert final.phase is Phase.DONE
    assert final.measured is not None
    assert final.amount_due is not None
    assert stored_wh + 30 <= final.measured.energy_wh <= drawn_wh + RESOLUTION_WH
    check_invariants(w, reference, final.amount_due.total_ore)
