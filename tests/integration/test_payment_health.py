"""Payment availability is known before a driver taps (issue 14): the station's health probe
against the Vipps emulator over HTTP, with the outage made by the emulator's fault injection.

While the emulator fails every API call (503, or the connection dropped), the station marks
payments unavailable without any driver trying first: idle tiles show "payment unavailable"
and a tap starts nothing, while the session already charging goes on. When the emulator
answers again the tiles offer charging again. The probe runs every 0.3 s here (10 s on a
station: an outage shows within the interval plus the probe's 10 s timeout).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from station_rig import approve, phase, world

from kiosk.core.state import Phase
from kiosk.station.snapshot import Screen
from kiosk.station.station import Station


def _tile(station: Station, connector: int) -> Screen:
    shown = station.snapshot.connector(connector)
    assert shown is not None
    return shown.screen


@pytest.mark.parametrize("outage", ["error_503", "connection_dropped"])
async def test_an_outage_shows_on_idle_tiles_before_anyone_taps(
    tmp_path: Path, outage: str
) -> None:
    async with world(tmp_path, connectors=2) as w, w.station() as station:
        w.sim.car(0).plug(soc_pct=20)
        await approve(w, station, 1)
        await phase(station, 1, Phase.CHARGING)
        assert _tile(station, 2) is Screen.IDLE
        probes = station.payment_effects.probes
        if outage == "error_503":
            w.emulator.faults.error("*", status=503, count=None)
        else:
            w.emulator.faults.drop("*", count=None)
        await station.wait_for(lambda s: not s.payment_available, 5)
        assert station.payment_effects.probes > probes  # the probe found it, no driver did
        assert _tile(station, 2) is Screen.PAYMENT_UNAVAILABLE
        station.select_connector(2)  # a tap starts nothing
        assert station.session(2).phase is Phase.IDLE
        energy_wh = station.session(1).delivered_wh or 0
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) > energy_wh, 5)
        assert station.session(1).phase is Phase.CHARGING  # the running session goes on
        w.emulator.faults.clear()
        await station.wait_for(lambda s: s.payment_available, 5)
        await station.wait_for(lambda s: _tile(s, 2) is Screen.IDLE, 2)
