"""Connector diagnostics and the technician's connector actions against the charger simulator
on loopback Modbus: live decoded values, out of order, a test charge (no payment, logged), stop."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.hardware.link import Endpoint
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import Polling, Transport, load_named_profile
from kiosk.sandbox.charger import ChargerSimulator
from kiosk.sandbox.preview.fake_station import FakeStation
from kiosk.service.diagnostics import ConnectorWiring
from kiosk.service.station_operations import ControllerOperations
from kiosk.service.technician_charge import TechnicianCharges
from kiosk.station.snapshot import Screen, StationSnapshot

from .service_world import ServiceWorld, service_world

PROFILE = load_named_profile("sim")


class FakeController:
    """``StationHooks`` over a FakeStation: what kiosk.station.Station does for service mode."""

    def __init__(self, station: FakeStation) -> None:
        self.station = station
        self.calls: list[tuple[str, object]] = []

    @property
    def snapshot(self) -> StationSnapshot:
        return self.station.snapshot

    def set_out_of_order(self, connector_id: int, out_of_order: bool) -> None:
        self.calls.append(("set_out_of_order", out_of_order))
        screen = Screen.OUT_OF_ORDER if out_of_order else Screen.IDLE
        self.station.update_connector(connector_id, screen=screen)

    def technician_stop(self, connector_id: int) -> None:
        self.calls.append(("technician_stop", connector_id))

    def retry_settlement(self, session_id: str) -> bool:
        self.calls.append(("retry_settlement", session_id))
        return False


@dataclasses.dataclass
class Rig:
    world: ServiceWorld
    sim: ChargerSimulator
    poller: DevicePoller
    controller: FakeController


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    profile = PROFILE.model_copy(
        update={"polling": Polling(interval_s=0.05, unavailable_after_failures=2)}
    )
    async with ChargerSimulator.serving(profile, speed=10.0) as sim:
        endpoint = Endpoint.for_connector(profile, "127.0.0.1", port=sim.port, connector_id=1)
        endpoint = dataclasses.replace(endpoint, transport=Transport.TCP)
        poller = DevicePoller(profile, endpoint, connector_id=1, clock=sim.clock.now_s)
        async with poller:
            await poller.wait_for(lambda s: s.online, 5.0)
            wiring = ConnectorWiring(1, "Kontakt A", profile.name, endpoint.describe(), poller)
            holder: dict[str, object] = {}

            class LateOperations:
                """Built after the world (it needs the world's repository)."""

                def __getattr__(self, name: str) -> object:
                    return getattr(holder["ops"], name)

            async with service_world(
                tmp_path, operations=LateOperations(), wirings=[wiring]
            ) as world:
                controller = FakeController(world.station)
                charges = TechnicianCharges(world.repo, {1: poller}, now=world.clock.now)
                holder["ops"] = ControllerOperations(controller, charges)
                yield Rig(world, sim, poller, controller)


async def test_diagnostics_show_the_live_charger(rig: Rig) -> None:
    [diag] = rig.world.service.connectors()
    assert diag.online
    assert diag.link == "online"
    assert diag.iec_state == "A"
    assert diag.profile == PROFILE.name
    assert "127.0.0.1" in diag.endpoint
    names = dict(diag.registers)
    assert names["state"].startswith("A")
    assert names["energy counter"].endswith("Wh")
    rig.sim.car(0).plug(soc_pct=30.0)
    await rig.poller.wait_for(lambda s: s.state == "B", 5.0)
    [diag] = rig.world.service.connectors()
    assert diag.iec_state == "B"
    assert diag.age_s is not None


async def test_out_of_order_test_charge_and_stop(rig: Rig) -> None:
    service, world = rig.world.service, rig.world
    rig.sim.car(0).plug(soc_pct=30.0)
    await rig.poller.wait_for(lambda s: s.state == "B", 5.0)

    refused = await service.start_test_charge(1)  # not out of order yet
    assert not refused.ok
    assert "out of order" in refused.text

    assert (await service.set_out_of_order(1, True)).code == "out_of_order_on"
    assert rig.world.service.connectors()[0].out_of_order

    started = await service.start_test_charge(1)
    assert started.ok, started.text
    session_id = started.params["session"]
    charging = await rig.poller.wait_for(lambda s: s.state == "C" and (s.power_w or 0) > 0, 5.0)
    assert charging.enabled
    assert charging.current_limit_a == pytest.approx(10.0)
    await rig.poller.wait_for(lambda s: (s.energy_wh or 0) > (charging.energy_wh or 0), 5.0)

    blocked = await service.set_out_of_order(1, False)
    assert not blocked.ok  # not back in service while the test charge runs

    stopped = await service.stop_charge(1)
    assert stopped.code == "charge_stopped"
    assert not rig.poller.snapshot.enabled
    record = await world.repo.get_session(session_id)
    assert record is not None
    assert record.test_charge
    assert record.payment_reference is None
    assert record.energy_wh is not None
    assert record.energy_wh > 0
    assert record.settled_at is not None
    assert session_id not in [s.id for s in await world.repo.unfinished_sessions()]
    kinds = [e.kind for e in await world.repo.journal_entries(session_id)]
    assert kinds == ["service.test_charge_started", "service.test_charge_stopped"]
    lines = await service.recent_sessions()
    assert lines[0].payment_state == "test_charge"
    assert lines[0].refundable_ore == 0

    assert (await service.set_out_of_order(1, False)).code == "out_of_order_off"
    audit = [(e.action, e.details["ok"]) for e in reversed(await world.repo.audit_log(20))]
    assert audit == [
        ("service.test_charge", False),
        ("service.out_of_order", True),
        ("service.test_charge", True),
        ("service.out_of_order", False),
        ("service.stop_charge", True),
        ("service.out_of_order", True),
    ]


async def test_stop_goes_to_the_controller_for_a_paid_charge(rig: Rig) -> None:
    nothing = await rig.world.service.stop_charge(1)
    assert not nothing.ok
    rig.world.station.update_connector(1, screen=Screen.CHARGING)
    assert (await rig.world.service.stop_charge(1)).ok
    assert ("technician_stop", 1) in rig.controller.calls
    assert (await rig.world.service.stop_charge(7)).code == "unknown_connector"
