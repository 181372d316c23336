"""``serve_demo``: starts every part on loopback, wires the station to them, stops in order."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from demo_fakes import FakeStation, snapshot_for

from kiosk.config import StationConfig
from kiosk.config.pin import verify_pin
from kiosk.sandbox.demo.demo_config import DEMO_SERVICE_PIN, demo_station_config
from kiosk.sandbox.demo.runner import DemoAddresses, DemoOptions, DemoStartError, serve_demo
from kiosk.sandbox.demo.world import DemoWorld
from kiosk.station.snapshot import StationControl


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class Recorder:
    def __init__(self) -> None:
        self.configs: list[StationConfig] = []
        self.stations: list[FakeStation] = []
        self.stopped = 0
        self.windows_closed = 0

    @asynccontextmanager
    async def factory(self, config: StationConfig) -> AsyncIterator[FakeStation]:
        self.configs.append(config)
        station = FakeStation(snapshot_for(config))
        self.stations.append(station)
        try:
            yield station
        finally:
            self.stopped += 1

    def window(self, station: StationControl) -> Callable[[], None]:
        assert station is self.stations[-1]

        def close() -> None:
            self.windows_closed += 1

        return close


async def _start(
    options: DemoOptions, recorder: Recorder
) -> tuple[asyncio.Task[None], asyncio.Event, DemoAddresses]:
    stop = asyncio.Event()
    ready: asyncio.Future[DemoAddresses] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(
        serve_demo(
            options,
            stop,
            station_factory=recorder.factory,
            window_factory=recorder.window,
            announce=ready.set_result,
        )
    )
    addresses = await asyncio.wait_for(ready, 20)
    return task, stop, addresses


async def test_the_demo_runs_on_loopback_and_stops_cleanly(tmp_path: Path) -> None:
    recorder = Recorder()
    task, stop, addresses = await _start(DemoOptions(data_dir=tmp_path / "data"), recorder)
    try:
        (config,) = recorder.configs
        assert [c.id for c in config.connectors] == [1, 2]
        assert {c.profile for c in config.connectors} == {"sim"}
        assert str(config.vipps.base_url).rstrip("/") == addresses.vipps_url
        assert config.secrets.missing() == ["vipps_webhook_secret"]
        pin_hash = config.secrets.service_pin_hash
        assert pin_hash is not None
        assert verify_pin(DEMO_SERVICE_PIN, pin_hash.get_secret_value())
        assert f"PIN {DEMO_SERVICE_PIN}" in addresses.banner()
        assert config.database.url == f"sqlite:///{tmp_path / 'data' / 'ladeskjerm-demo.sqlite3'}"
        ports = [urlsplit(u).port for u in (addresses.world_url, addresses.vipps_url)]
        ports += [urlsplit(addresses.charger_url).port]
        ports += [port for _host, port, _unit in addresses.modbus]
        assert all(urlsplit(u).hostname == "127.0.0.1" for u in (addresses.world_url,))
        assert addresses.modbus[0][2] != addresses.modbus[1][2]  # two unit ids
        async with httpx.AsyncClient(timeout=5) as http:
            state = (await http.get(addresses.world_url + "api/state")).json()
            assert len(state["charger"]["connectors"]) == 2
            assert [c["name"] for c in state["station"]["connectors"]] == ["Venstre", "Høyre"]
        assert f"World page (the driver's phone and the cars): {addresses.world_url}" in (
            addresses.banner()
        )
    finally:
        stop.set()
        await asyncio.wait_for(task, 20)
    assert recorder.stopped == 1
    assert recorder.windows_closed == 1
    assert recorder.stations[0].subscribers == []
    for port in ports:
        assert port is not None
        assert _port_is_free(port), f"port {port} still taken"


async def test_a_temporary_data_folder_is_removed_at_exit() -> None:
    recorder = Recorder()
    task, stop, addresses = await _start(DemoOptions(), recorder)
    folder = Path(addresses.database_url.removeprefix("sqlite:///")).parent
    assert folder.is_dir()
    assert folder.name.startswith("ladeskjerm-demo-")
    stop.set()
    await asyncio.wait_for(task, 20)
    assert not folder.exists()


async def test_a_taken_world_port_is_reported_and_the_rest_stopped() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        recorder = Recorder()
        with pytest.raises(DemoStartError, match=f"127.0.0.1:{port}"):
            await asyncio.wait_for(
                serve_demo(
                    DemoOptions(world_port=port),
                    asyncio.Event(),
                    station_factory=recorder.factory,
                ),
                20,
            )
    assert recorder.stopped == 0  # nothing else was started


async def test_demo_config_matches_the_world(tmp_path: Path) -> None:
    async with DemoWorld.running() as world:
        config = demo_station_config(world, tmp_path)
        for index, connector in enumerate(config.connectors):
            assert connector.port == world.modbus_port_of(index)
            assert connector.unit_id == world.unit_id_of(index)
            assert connector.host == "127.0.0.1"
        assert config.vipps.merchant_serial_number == world.emulator.config.msn
        secrets = config.secrets
        assert secrets.vipps_client_id is not None
        assert secrets.vipps_client_id.get_secret_value() == world.emulator.config.client_id


async def test_the_demo_uses_an_emulator_and_a_simulator_running_elsewhere(
    tmp_path: Path,
) -> None:
    async with DemoWorld.running() as elsewhere, httpx.AsyncClient(timeout=5) as http:
        recorder = Recorder()
        options = DemoOptions(
            data_dir=tmp_path / "data",
            vipps_url=elsewhere.vipps_url,
            charger_url=elsewhere.charger_url,
        )
        task, stop, addresses = await _start(options, recorder)
        try:
            (config,) = recorder.configs
            assert str(config.vipps.base_url).rstrip("/") == elsewhere.vipps_url
            assert [(c.host, c.port, c.unit_id) for c in config.connectors] == [
                (elsewhere.simulator.host, elsewhere.modbus_port_of(i), elsewhere.unit_id_of(i))
                for i in range(elsewhere.connector_count)
            ]
            assert addresses.charger_url == elsewhere.charger_url
            state = (await http.get(addresses.world_url + "api/state")).json()
            assert len(state["charger"]["connectors"]) == 2  # the world page drives those cars
            await http.post(addresses.world_url + "api/connectors/0/plug", json={"soc_pct": 50})
        finally:
            stop.set()
            await asyncio.wait_for(task, 20)
        assert recorder.stopped == 1
        # the demo stopped; the world it did not start goes on, the car still plugged in
        status = (await http.get(elsewhere.charger_url + "/api/status")).json()
        assert status["connectors"][0]["plugged"] is True
        assert (await http.get(elsewhere.vipps_url + "/")).status_code < 500


async def test_an_unreachable_simulator_elsewhere_is_reported(tmp_path: Path) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, never listening: connections are refused
        recorder = Recorder()
        async with DemoWorld.running() as elsewhere:
            with pytest.raises(DemoStartError, match="control API"):
                await asyncio.wait_for(
                    serve_demo(
                        DemoOptions(
                            data_dir=tmp_path,
                            vipps_url=elsewhere.vipps_url,
                            charger_url=f"http://127.0.0.1:{port}",
                        ),
                        asyncio.Event(),
                        station_factory=recorder.factory,
                    ),
                    20,
                )
        assert recorder.stopped == 0
