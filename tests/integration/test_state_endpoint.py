"""Issue 20.11: the station web server offers the screens' snapshot as JSON on loopback only."""

from __future__ import annotations

from pathlib import Path

import httpx
from phone_rig import phone_station, phone_world, site_of
from station_rig import approve, phase

from kiosk.core.state import Phase


async def test_state_json_is_the_screens_snapshot_for_loopback_only(tmp_path: Path) -> None:
    async with phone_world(tmp_path) as w, phone_station(w, tmp_path) as parts:
        station, site = parts.station, site_of(parts)
        w.sim.car(0).plug(soc_pct=20)
        await approve(w, station)
        await phase(station, 1, Phase.CHARGING)
        async with httpx.AsyncClient(base_url=site.links.base_url) as http:
            answer = await http.get("/state.json")
            assert answer.status_code == 200
            data = answer.json()
            shown = station.snapshot
            assert len(data["connectors"]) == len(shown.connectors)
            assert data["connectors"][0]["screen"] == shown.connectors[0].screen.value
            assert data["connectors"][0]["screen"] == "charging"
            proxied = await http.get("/state.json", headers={"X-Forwarded-For": "203.0.113.9"})
            assert proxied.status_code == 404
            assert "connectors" not in proxied.text
