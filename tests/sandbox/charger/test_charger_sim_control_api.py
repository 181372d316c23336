"""The HTTP control API: plug, battery, pause, faults, speed, reboot; and its real server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from kiosk.hardware.profile import load_named_profile
from kiosk.sandbox.charger import ChargerSimulator, ManualClock
from kiosk.sandbox.charger.control_api import ControlServer, build_app


@pytest.fixture
async def sim() -> AsyncIterator[ChargerSimulator]:
    async with ChargerSimulator.serving(load_named_profile("sim"), clock=ManualClock()) as sim:
        yield sim


@pytest.fixture
async def api(sim: ChargerSimulator) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app(sim))
    async with httpx.AsyncClient(transport=transport, base_url="http://sim") as client:
        yield client


async def test_status_lists_every_connector(api: httpx.AsyncClient, sim: ChargerSimulator) -> None:
    response = await api.get("/api/status")
    assert response.status_code == 200
    body = response.json()
    assert body["profile"] == "sim"
    assert [c["unit_id"] for c in body["connectors"]] == [1, 2]
    assert body["connectors"][0]["port"] == sim.port
    assert body["connectors"][0]["car"] is None


async def test_plug_battery_pause_and_unplug(api: httpx.AsyncClient, sim: ChargerSimulator) -> None:
    response = await api.post(
        "/api/connectors/1/plug",
        json={"soc_pct": 30, "battery_wh": 40000, "phases": 1, "full_behaviour": "stay_c"},
    )
    assert response.status_code == 200
    car = response.json()["connectors"][1]["car"]
    assert car["soc_pct"] == 30
    assert car["phases"] == 1
    assert car["full_behaviour"] == "stay_c"
    assert sim.car(1).plugged
    assert sim.connector(1).state.value == "B1"
    assert (await api.post("/api/connectors/1/battery", json={"soc_pct": 95})).status_code == 200
    assert sim.car(1).soc_pct == 95
    assert (await api.post("/api/connectors/1/pause", json={"paused": True})).status_code == 200
    assert sim.car(1).status()["paused"] is True  # type: ignore[index]
    await api.post("/api/connectors/1/pause", json={"paused": False})
    assert sim.car(1).status()["paused"] is False  # type: ignore[index]
    assert (await api.post("/api/connectors/1/unplug")).status_code == 200
    assert not sim.car(1).plugged


async def test_connector_faults(api: httpx.AsyncClient, sim: ChargerSimulator) -> None:
    response = await api.post("/api/connectors/0/state", json={"state": "F", "error_code": 2})
    assert response.json()["connectors"][0]["state"] == "F"
    assert response.json()["connectors"][0]["error_code"] == 2
    await api.post("/api/connectors/0/state", json={"state": None})
    assert sim.connector(0).state.value == "A"
    await api.post("/api/connectors/0/meter", json={"fault": "frozen"})
    assert sim.status()["connectors"][0]["meter_fault"] == "frozen"
    sim.connector(0).set_energy_wh(5000)
    await api.post("/api/connectors/0/counter-reset")
    assert sim.connector(0).energy_wh == 0


async def test_stop_input(api: httpx.AsyncClient, sim: ChargerSimulator) -> None:
    response = await api.post("/api/connectors/1/stop-input", json={"pressed": True})
    assert response.json()["connectors"][1]["stop_input_pressed"] is True
    assert response.json()["connectors"][0]["stop_input_pressed"] is False
    await api.post("/api/connectors/1/stop-input", json={"pressed": False})
    assert sim.status()["connectors"][1]["stop_input_pressed"] is False
    bad = await api.post("/api/connectors/1/stop-input", json={"pressed": "yes"})
    assert bad.status_code == 400


async def test_transport_faults_speed_and_clear(
    api: httpx.AsyncClient, sim: ChargerSimulator
) -> None:
    response = await api.post(
        "/api/faults",
        json={"exception_code": 6, "function_codes": [3], "silent": True, "delay_s": 0.5},
    )
    faults = response.json()["faults"]
    assert faults["exception_code"] == 6
    assert faults["exception_function_codes"] == [3]
    assert faults["silent"] is True
    assert faults["delay_s"] == 0.5
    response = await api.post("/api/faults", json={"silent_unit_ids": [2, 5]})
    assert response.json()["faults"]["silent_unit_ids"] == [2, 5]
    assert (await api.post("/api/faults", json={"refusing": True})).json()["faults"]["refusing"]
    response = await api.delete("/api/faults")
    assert response.json()["faults"]["exception_code"] is None
    assert response.json()["faults"]["refusing"] is False
    assert response.json()["faults"]["silent_unit_ids"] == []
    assert (await api.post("/api/faults/disconnect")).status_code == 200
    assert (await api.post("/api/speed", json={"factor": 10})).json()["speed"] == 10
    assert sim.speed == 10


async def test_reboot_keeps_the_counter(api: httpx.AsyncClient, sim: ChargerSimulator) -> None:
    sim.connector(0).set_energy_wh(1234)
    response = await api.post("/api/reboot", json={"down_s": 0})
    assert response.status_code == 200
    assert response.json()["connectors"][0]["energy_wh"] == 1234


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("post", "/api/connectors/7/plug", {}, 404),
        ("post", "/api/connectors/x/plug", {}, 404),
        ("post", "/api/connectors/0/plug", {"wings": 2}, 400),
        ("post", "/api/connectors/0/plug", {"phases": 5}, 400),
        ("post", "/api/connectors/0/battery", {"soc_pct": "full"}, 400),
        ("post", "/api/connectors/0/battery", {"soc_pct": 50}, 404),  # no car plugged
        ("post", "/api/connectors/0/state", {"state": "C"}, 400),
        ("post", "/api/connectors/0/meter", {"fault": "smoke"}, 400),
        ("post", "/api/faults", {"exception_code": 99}, 400),
        ("post", "/api/faults", {"silent_unit_ids": "1"}, 400),
        ("post", "/api/faults", {"crc_next_frames": 1}, 400),  # no serial line: no CRC
        ("post", "/api/speed", {"factor": 0}, 400),
        ("post", "/api/speed", {}, 400),
    ],
)
async def test_bad_requests_get_clear_errors(
    api: httpx.AsyncClient, method: str, path: str, body: dict[str, object], status: int
) -> None:
    response = await api.request(method.upper(), path, json=body)
    assert response.status_code == status
    assert response.json()["error"]


async def test_body_that_is_not_json_is_a_bad_request(api: httpx.AsyncClient) -> None:
    response = await api.post("/api/speed", content=b"fast please")
    assert response.status_code == 400


async def test_control_server_serves_over_loopback_and_stops(sim: ChargerSimulator) -> None:
    server = ControlServer(sim)
    await server.start()
    try:
        assert server.port != 0
        async with httpx.AsyncClient(base_url=server.url) as client:
            response = await client.post("/api/connectors/0/plug", json={"soc_pct": 10})
            assert response.status_code == 200
            assert sim.car(0).plugged
    finally:
        await server.aclose()
    async with httpx.AsyncClient(base_url=server.url) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("/api/status")
