"""The world page's JSON API over a real emulator and simulator on loopback (page in-process)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from demo_fakes import FakeStation, create_payment

from kiosk.sandbox.demo.upstream import Upstream
from kiosk.sandbox.demo.world import DemoWorld
from kiosk.sandbox.demo.world_page import build_world_app
from kiosk.station.snapshot import Screen
from kiosk.station.snapshot_json import SnapshotHolder


@dataclass
class Page:
    world: DemoWorld
    http: httpx.AsyncClient  # to the world page (in-process)
    direct: httpx.AsyncClient  # to the real servers
    station: FakeStation

    async def state(self) -> dict[str, Any]:
        response = await self.http.get("/api/state")
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def connector(self, index: int) -> dict[str, Any]:
        item: dict[str, Any] = (await self.state())["charger"]["connectors"][index]
        return item


@pytest.fixture
async def page() -> AsyncIterator[Page]:
    async with DemoWorld.running() as world, httpx.AsyncClient(timeout=5) as direct:
        station = FakeStation()
        holder = SnapshotHolder(station)
        app = build_world_app(Upstream(direct, world.vipps_url, world.charger_url), holder)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://world") as http:
            yield Page(world, http, direct, station)
        holder.close()
        assert station.subscribers == []


async def test_page_and_its_script_are_served(page: Page) -> None:
    html = await page.http.get("/")
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert '<script src="/world.js">' in html.text
    script = await page.http.get("/world.js")
    assert script.status_code == 200
    assert 'fetch("/api/state")' in script.text
    assert (await page.http.get("/world.css")).status_code == 200


async def test_state_shows_two_empty_sockets_and_the_station(page: Page) -> None:
    state = await page.state()
    assert state["vipps_url"] == page.world.vipps_url
    assert state["payments"] == []
    charger = state["charger"]
    assert isinstance(charger, dict)
    assert [c["state"] for c in charger["connectors"]] == ["A", "A"]
    station = state["station"]
    assert isinstance(station, dict)
    assert station["connectors"][0]["screen"] == "idle"
    assert station["budget"]["presets_ore"] == [20000, 35000]


async def test_a_pending_payment_can_be_approved(page: Page) -> None:
    await create_payment(page.direct, page.world.vipps_url, "demo-approve-1", 35000)
    (payment,) = (await page.state())["payments"]
    assert payment["state"] == "CREATED"
    assert payment["amount"]["value"] == 35000
    assert payment["phoneUrl"].startswith(page.world.vipps_url + "/phone?token=")

    response = await page.http.post("/api/payments/demo-approve-1/approve")
    assert response.status_code == 200
    assert page.world.emulator.payment("demo-approve-1").state.value == "AUTHORIZED"
    # Approving twice is refused by the emulator, and the page passes its answer on.
    again = await page.http.post("/api/payments/demo-approve-1/approve")
    assert again.status_code == 409


async def test_a_pending_payment_can_be_declined(page: Page) -> None:
    await create_payment(page.direct, page.world.vipps_url, "demo-decline-1")
    response = await page.http.post("/api/payments/demo-decline-1/decline")
    assert response.status_code == 200
    assert page.world.emulator.payment("demo-decline-1").state.value == "ABORTED"


async def test_unknown_payment_and_action(page: Page) -> None:
    assert (await page.http.post("/api/payments/nope/approve")).status_code == 404
    await create_payment(page.direct, page.world.vipps_url, "demo-other-1")
    assert (await page.http.post("/api/payments/demo-other-1/capture")).status_code == 404
    assert page.world.emulator.payment("demo-other-1").state.value == "CREATED"


async def test_the_car_is_plugged_charged_full_faulted_and_unplugged(page: Page) -> None:
    plugged = await page.http.post("/api/connectors/1/plug", json={"soc_pct": 30})
    assert plugged.status_code == 200
    socket = await page.connector(1)
    assert socket["plugged"] is True
    assert socket["state"].startswith("B")
    assert socket["car"]["soc_pct"] == pytest.approx(30, abs=0.1)
    assert (await page.connector(0))["plugged"] is False

    assert (await page.http.post("/api/connectors/1/battery", json={"soc_pct": 80})).is_success
    assert (await page.connector(1))["car"]["soc_pct"] == pytest.approx(80, abs=0.1)

    assert (await page.http.post("/api/connectors/1/full")).is_success
    car = (await page.connector(1))["car"]
    assert car["full"] is True

    assert (await page.http.post("/api/connectors/1/fault", json={"state": "F"})).is_success
    assert (await page.connector(1))["state"] == "F"
    assert (await page.http.post("/api/connectors/1/clear-fault")).is_success
    assert (await page.connector(1))["forced_state"] is None

    assert (await page.http.post("/api/connectors/1/unplug")).is_success
    assert (await page.connector(1))["car"] is None


async def test_bad_car_requests_are_refused(page: Page) -> None:
    battery = await page.http.post("/api/connectors/0/battery", json={"soc_pct": "lots"})
    assert battery.status_code == 400
    assert (await page.http.post("/api/connectors/0/battery", content=b"[1]")).status_code == 400
    assert (await page.http.post("/api/connectors/0/fault", json={"state": "X"})).status_code == 400
    assert (await page.http.post("/api/connectors/0/explode")).status_code == 404
    assert (await page.http.post("/api/connectors/7/plug")).status_code == 404
    full = await page.http.post("/api/connectors/0/full")  # no car plugged in
    assert full.status_code == 409
    assert (await page.connector(0))["plugged"] is False


async def test_station_buttons_reach_the_station(page: Page) -> None:
    for command, body in [
        ("select", None),
        ("budget", {"amount_ore": 35000}),
        ("cancel", None),
        ("stop", None),
        ("dismiss", None),
    ]:
        response = await page.http.post(f"/api/station/1/{command}", json=body)
        assert response.status_code == 202, response.text
    assert page.station.calls == [
        ("select_connector", (1,)),
        ("choose_budget", (1, 35000)),
        ("cancel", (1,)),
        ("stop", (1,)),
        ("dismiss", (1,)),
    ]
    bad = await page.http.post("/api/station/1/budget", json={"amount_ore": 12.5})
    assert bad.status_code == 400
    assert (await page.http.post("/api/station/1/reboot")).status_code == 404
    assert len(page.station.calls) == 5


async def test_state_follows_the_station_snapshot(page: Page) -> None:
    page.station.show(1, Screen.CHARGING, energy_wh=1234, cost_ore=555)
    station = (await page.state())["station"]
    assert isinstance(station, dict)
    first = station["connectors"][0]
    assert (first["screen"], first["energy_wh"], first["cost_ore"]) == ("charging", 1234, 555)


async def test_without_a_station_there_are_no_station_buttons() -> None:
    async with DemoWorld.running() as world, httpx.AsyncClient(timeout=5) as direct:
        app = build_world_app(Upstream(direct, world.vipps_url, world.charger_url))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://world") as http:
            assert (await http.get("/api/state")).json()["station"] is None
            assert (await http.post("/api/station/1/select")).status_code == 404


async def test_an_unreachable_world_answers_502() -> None:
    async with httpx.AsyncClient(timeout=2) as direct:
        # Nothing listens on port 9 of loopback (discard): the connection is refused.
        app = build_world_app(Upstream(direct, "http://127.0.0.1:9", "http://127.0.0.1:9"))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://world") as http:
            response = await http.get("/api/state")
            assert response.status_code == 502
            assert response.json()["error"].startswith("vipps: cannot reach")
            plug = await http.post("/api/connectors/0/plug")
            assert plug.status_code == 502
            assert plug.json()["error"].startswith("charger:")
