"""The station on a real CSMS: arthexis (OCPP 2.0.1) on loopback, the charger simulator over
Modbus TCP, the Vipps emulator over HTTP, SQLite files. What the CSMS received is read from its
own database. Skips (with the reason) where ``scripts/csms-up`` has not installed arthexis."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from arthexis_csms import Arthexis, arthexis_root, sockets_to, wait_until
from station_rig import approve, pay, phase, settled, world

from kiosk.adapters.ocpp_link import OcppLink, OcppLinkSettings
from kiosk.adapters.ocpp_outbox import Outbox
from kiosk.core.state import Phase
from kiosk.station.ocpp_bridge import OcppBridge
from kiosk.station.station import Station

IDENTITY = "LS-TEST-1"


def link_settings(csms: Arthexis, **changes: Any) -> OcppLinkSettings:
    values: dict[str, Any] = {
        "url": csms.url,
        "identity": IDENTITY,
        "password": csms.token,
        "meter_interval_s": 1,
        "reconnect_initial_s": 0.2,
        "reconnect_max_s": 1.0,
        "response_timeout_s": 10.0,
        **changes,
    }
    return OcppLinkSettings(**values)


@asynccontextmanager
async def arthexis(tmp_path: Path) -> AsyncIterator[Arthexis]:
    csms = Arthexis(arthexis_root(), tmp_path)
    try:
        await csms.start()
        yield csms
    finally:
        await csms.close()


@asynccontextmanager
async def on_network(station: Station, csms: Arthexis, tmp_path: Path) -> AsyncIterator[OcppBridge]:
    bridge = OcppBridge(station)
    outbox = Outbox(tmp_path / "ocpp-outbox.sqlite3")
    bridge.attach(OcppLink(link_settings(csms), outbox, bridge))
    await bridge.start()
    try:
        yield bridge
    finally:
        await bridge.aclose()


def events_of(csms: Arthexis, transaction_id: str) -> list[dict[str, Any]]:
    return [
        event
        for event in csms.received("TransactionEvent", IDENTITY)
        if event["transactionInfo"]["transactionId"] == transaction_id
    ]


def energy_of(event: dict[str, Any]) -> int | None:
    for meter in event.get("meterValue", []):
        for sample in meter["sampledValue"]:
            if sample["measurand"] == "Energy.Active.Import.Register":
                return int(sample["value"])
    return None


async def test_station_boots_and_reports_each_connector(tmp_path: Path) -> None:
    async with (
        arthexis(tmp_path) as csms,
        world(tmp_path, connectors=2) as w,
        w.station() as station,
        on_network(station, csms, tmp_path) as bridge,
    ):
        await wait_until(lambda: bridge.link.connected, 60)
        boots = csms.received("BootNotification", IDENTITY)
        assert len(boots) == 1
        assert boots[0]["chargingStation"]["vendorName"] == "Ladeskjerm"
        assert bridge.link.health().boot_status == "Accepted"
        # arthexis numbers a 2.0.1 connector evseId * 1000 + connectorId
        await wait_until(
            lambda: csms.connector_statuses(IDENTITY) == {1001: "Available", 2001: "Available"},
            30,
        )
        await wait_until(lambda: bool(csms.received("Heartbeat", IDENTITY)), 30)
        station.set_out_of_order(2, True)
        await wait_until(lambda: csms.connector_statuses(IDENTITY).get(2001) == "Unavailable", 30)
        assert csms.connector_statuses(IDENTITY)[1001] == "Available"


async def test_a_paid_session_is_one_transaction_with_its_energy_and_cost(tmp_path: Path) -> None:
    async with (
        arthexis(tmp_path) as csms,
        world(tmp_path) as w,
        w.station() as station,
        on_network(station, csms, tmp_path) as bridge,
    ):
        await wait_until(lambda: bridge.link.connected, 60)
        w.sim.car(0).plug(soc_pct=20)
        reference = await approve(w, station)
        state = await phase(station, 1, Phase.CHARGING)
        session_id = state.session_id or ""
        await wait_until(lambda: csms.connector_statuses(IDENTITY).get(1001) == "Occupied", 30)
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 60, 15)
        await wait_until(lambda: len(events_of(csms, session_id)) >= 3, 30)
        station.stop(1)
        final = await settled(station, session_id)
        assert final.amount_due is not None
        await wait_until(
            lambda: any(e["eventType"] == "Ended" for e in events_of(csms, session_id)), 30
        )
        events = events_of(csms, session_id)
        assert [e["seqNo"] for e in events] == list(range(len(events)))
        assert events[0]["eventType"] == "Started"
        assert events[0]["idToken"] == {"idToken": reference, "type": "Local"}
        assert events[-1]["eventType"] == "Ended"
        assert {e["eventType"] for e in events[1:-1]} == {"Updated"}
        periodic = [e for e in events if e["triggerReason"] == "MeterValuePeriodic"]
        assert periodic, "no meter values at the meter interval"
        energies = [energy_of(e) for e in events if energy_of(e) is not None]
        assert energies == sorted(energies)
        assert final.measured is not None
        assert energies[-1] - energies[0] == final.measured.energy_wh
        ended = events[-1]
        assert ended["transactionInfo"]["stoppedReason"] == "Local"
        assert ended["triggerReason"] == "StopAuthorized"
        assert ended["customData"]["totalCostMinor"] == final.amount_due.total_ore
        assert ended["customData"]["currency"] == "NOK"
        if bridge.link.connections == 1:  # the link never dropped (a loaded machine may drop it)
            assert all("offline" not in e for e in events)
        (transaction,) = csms.transactions(IDENTITY)
        assert transaction["remote_id"] == session_id
        assert transaction["id_tag"] == reference[:20]
        assert transaction["stopped_at"] is not None
        assert transaction["recovery_state"] == "completed"


async def test_events_during_an_outage_arrive_in_order_once_after_it(tmp_path: Path) -> None:
    """The CSMS goes down mid-session; the session goes on, stops and settles; the station's
    link is even restarted with its outbox; when the CSMS is back every event arrives, in order,
    none twice, those of the outage marked offline."""
    async with (
        arthexis(tmp_path) as csms,
        world(tmp_path) as w,
        w.station() as station,
    ):
        outbox_path = tmp_path / "ocpp-outbox.sqlite3"
        bridge = OcppBridge(station)
        bridge.attach(OcppLink(link_settings(csms), Outbox(outbox_path), bridge))
        await bridge.start()
        try:
            await wait_until(lambda: bridge.link.connected, 60)
            w.sim.car(0).plug(soc_pct=20)
            await approve(w, station)
            state = await phase(station, 1, Phase.CHARGING)
            session_id = state.session_id or ""
            await wait_until(lambda: len(events_of(csms, session_id)) >= 2, 30)
            await csms.stop()
            await wait_until(lambda: not bridge.link.connected, 30)
            before = bridge.link.health().queued_events
            await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 80, 15)
            station.stop(1)
            final = await settled(station, session_id)
            await wait_until(lambda: bridge.link.health().queued_events > before + 1, 10)
        finally:
            await bridge.aclose()  # the station's link goes down too, with events queued
        queued = Outbox(outbox_path)
        assert queued.depth >= 2
        queued.close()
        bridge = OcppBridge(station)
        bridge.attach(OcppLink(link_settings(csms), Outbox(outbox_path), bridge))
        await bridge.start()
        try:
            await csms.start()
            await wait_until(
                lambda: any(e["eventType"] == "Ended" for e in events_of(csms, session_id)), 60
            )
            await wait_until(lambda: bridge.link.health().queued_events == 0, 30)
        finally:
            await bridge.aclose()
        events = events_of(csms, session_id)
        assert [e["seqNo"] for e in events] == list(range(len(events)))  # in order, none twice
        assert events[0]["eventType"] == "Started"
        assert "offline" not in events[0]
        assert events[-1]["eventType"] == "Ended"
        offline = [e for e in events if e.get("offline")]
        assert offline, "no event was marked offline"
        assert events[-1]["offline"] is True
        first_offline = events.index(offline[0])
        assert all(e.get("offline") for e in events[first_offline:])
        assert final.amount_due is not None
        assert events[-1]["customData"]["totalCostMinor"] == final.amount_due.total_ore
        (transaction,) = csms.transactions(IDENTITY)
        assert transaction["stopped_at"] is not None


STOP_FROM_ARTHEXIS = """
from asgiref.sync import async_to_sync
from apps.ocpp.models import Charger, StationModel
charger = Charger.objects.get(identity={identity!r})
charger.station_model = StationModel.objects.create(
    vendor="Ladeskjerm", model="kiosk", preferred_protocol="ocpp2.0.1"
)
charger.save()
operation = async_to_sync(Charger.stop)(charger)
print(operation.pk)
"""


async def test_a_remote_stop_from_arthexis_stops_the_charger_and_settles(tmp_path: Path) -> None:
    async with (
        arthexis(tmp_path) as csms,
        world(tmp_path) as w,
        w.station() as station,
        on_network(station, csms, tmp_path) as bridge,
    ):
        await wait_until(lambda: bridge.link.connected, 60)
        w.sim.car(0).plug(soc_pct=20)
        # the largest preset: the budget must outlast arthexis's command (a Django process)
        reference = await pay(w, station, budget_ore=50_000)
        w.emulator.approve(reference)
        state = await phase(station, 1, Phase.CHARGING)
        session_id = state.session_id or ""
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 40, 15)
        await wait_until(lambda: bool(csms.transactions(IDENTITY)), 30)
        operation_id = int(
            (await csms.command(STOP_FROM_ARTHEXIS.format(identity=IDENTITY))).split()[-1]
        )
        final = await settled(station, session_id, timeout_s=60)
        assert not w.sim.connector(0).enabled
        assert final.captured_ore > 0
        assert w.payment(reference).captured_value == final.captured_ore
        await wait_until(
            lambda: any(e["eventType"] == "Ended" for e in events_of(csms, session_id)), 30
        )
        ended = events_of(csms, session_id)[-1]
        assert ended["transactionInfo"]["stoppedReason"] == "Remote"
        assert ended["triggerReason"] == "RemoteStop"
        ((action, status, response),) = csms.rows(
            "SELECT action, status, response_payload FROM ocpp_protocoloperation WHERE id = ?",
            operation_id,
        )
        assert (action, status) == ("RequestStopTransaction", "completed")
        assert json.loads(response) == {"status": "Accepted"}


OPERATION_FROM_ARTHEXIS = """
from asgiref.sync import async_to_sync
from apps.ocpp.models import Charger
from apps.ocpp.protocol.contracts import ProtocolVersion
from apps.ocpp.transport.operations import request_explicit_operation
operation = async_to_sync(request_explicit_operation)(
    charger=Charger.objects.get(identity={identity!r}),
    version=ProtocolVersion.OCPP_201,
    action={action!r},
    payload={payload!r},
)
print(operation.pk)
"""


async def operation(csms: Arthexis, action: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Send one command through arthexis; its answer once arthexis recorded it."""
    code = OPERATION_FROM_ARTHEXIS.format(identity=IDENTITY, action=action, payload=payload)
    operation_id = int((await csms.command(code)).split()[-1])
    query = "SELECT status, response_payload FROM ocpp_protocoloperation WHERE id = ?"
    # pending -> delivering -> completed (or failed): wait for the outcome, not the way there
    await wait_until(
        lambda: csms.rows(query, operation_id)[0][0] not in ("pending", "delivering"), 30
    )
    ((status, response),) = csms.rows(query, operation_id)
    assert status == "completed"
    answer: dict[str, Any] = json.loads(response)
    return answer


async def test_change_of_availability_from_arthexis(tmp_path: Path) -> None:
    async with (
        arthexis(tmp_path) as csms,
        world(tmp_path, connectors=2) as w,
        w.station() as station,
        on_network(station, csms, tmp_path) as bridge,
    ):
        await wait_until(lambda: bridge.link.connected, 60)
        await wait_until(lambda: csms.connector_statuses(IDENTITY).get(2001) == "Available", 30)
        off = {"operationalStatus": "Inoperative", "evse": {"id": 2}}
        assert await operation(csms, "ChangeAvailability", off) == {"status": "Accepted"}
        await wait_until(lambda: csms.connector_statuses(IDENTITY).get(2001) == "Unavailable", 30)
        assert csms.connector_statuses(IDENTITY)[1001] == "Available"
        assert station.snapshot.connectors[1].screen.value == "out_of_order"
        on = {"operationalStatus": "Operative", "evse": {"id": 2}}
        assert await operation(csms, "ChangeAvailability", on) == {"status": "Accepted"}
        await wait_until(lambda: csms.connector_statuses(IDENTITY).get(2001) == "Available", 30)


CLOSE_BOUND_S = 8.0
"""The link's close waits at most ``close_timeout`` (2 s) for the CSMS's close frame, then
drops the connection; the rest is margin for a loaded machine."""


async def test_the_link_closes_in_seconds_when_the_csms_answers_nothing(tmp_path: Path) -> None:
    """The CSMS freezes (SIGSTOP: its socket stays open, nothing answers, not even the
    WebSocket close) with a call in flight; the station still closes its link in seconds and
    keeps what it could not send."""
    async with (
        arthexis(tmp_path) as csms,
        world(tmp_path, connectors=2) as w,
        w.station() as station,
    ):
        outbox_path = tmp_path / "ocpp-outbox.sqlite3"
        bridge = OcppBridge(station)
        bridge.attach(OcppLink(link_settings(csms), Outbox(outbox_path), bridge))
        await bridge.start()
        closed = False
        try:
            await wait_until(lambda: bridge.link.connected, 60)
            await wait_until(lambda: csms.connector_statuses(IDENTITY).get(2001) == "Available", 30)
            await wait_until(lambda: sockets_to(csms.port) == 1, 10)  # the link's socket
            csms.freeze()
            station.set_out_of_order(2, True)  # a StatusNotification no one answers
            w.sim.car(0).plug(soc_pct=20)
            await approve(w, station)
            await phase(station, 1, Phase.CHARGING)  # a TransactionEvent no one answers
            await wait_until(lambda: bridge.link.health().queued_events >= 1, 10)
            loop = asyncio.get_running_loop()
            started = loop.time()
            await bridge.aclose()
            closed = True
            assert loop.time() - started < CLOSE_BOUND_S
            assert sockets_to(csms.port) == 0  # dropped, not left open behind the close
        finally:
            csms.thaw()
            if not closed:
                await bridge.aclose()
        queued = Outbox(outbox_path)
        assert queued.depth >= 1  # the unanswered Started is kept for the next connection
        queued.close()
