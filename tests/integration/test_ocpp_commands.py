"""The operator acts on the station: commands from a CSMS over OCPP 2.0.1 on loopback.

The CSMS is the tests' own (``ocpp_test_csms``; remote stop and availability are also tested
from arthexis in ``test_ocpp_arthexis``); the station is real: charger simulator over Modbus
TCP, Vipps emulator over HTTP, SQLite files."""

from __future__ import annotations

import asyncio
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from ocpp.v201 import call
from ocpp_test_csms import OwnCsms, own_csms
from ocpp_test_csms import linked as ocpp_linked
from station_rig import approve, phase, settled, until, world

from kiosk.core.state import Phase
from kiosk.station.ocpp_bridge import OcppBridge
from kiosk.station.snapshot import Screen
from kiosk.station.station import Station

IDENTITY = "LS-CMD-1"


def linked(
    station: Station, csms: OwnCsms, tmp_path: Path, **changes: Any
) -> AbstractAsyncContextManager[OcppBridge]:
    return ocpp_linked(station, csms, tmp_path, IDENTITY, **{"meter_interval_s": 1, **changes})


def latest_status(csms: OwnCsms, evse_id: int) -> str | None:
    found = [p["connectorStatus"] for p in csms.of("StatusNotification") if p["evseId"] == evse_id]
    return found[-1] if found else None


async def test_a_remote_stop_stops_the_charger_and_the_session_settles(tmp_path: Path) -> None:
    async with (
        own_csms() as csms,
        world(tmp_path) as w,
        w.station() as station,
        linked(station, csms, tmp_path) as bridge,
    ):
        await csms.wait_for(lambda: bridge.link.connected)
        w.sim.car(0).plug(soc_pct=20)
        reference = await approve(w, station)
        state = await phase(station, 1, Phase.CHARGING)
        session_id = state.session_id or ""
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 40, 10)
        unknown = await csms.call(call.RequestStopTransaction(transaction_id="not-a-session"))
        assert unknown.status == "Rejected"
        answer = await csms.call(call.RequestStopTransaction(transaction_id=session_id))
        assert answer.status == "Accepted"
        final = await settled(station, session_id)
        assert not w.sim.connector(0).enabled
        assert final.phase is Phase.DONE
        assert final.captured_ore > 0
        payment = w.payment(reference)
        assert payment.captured_value == final.captured_ore
        await csms.wait_for(
            lambda: any(e["eventType"] == "Ended" for e in csms.of("TransactionEvent"))
        )
        ended = csms.of("TransactionEvent")[-1]
        assert ended["transactionInfo"]["transactionId"] == session_id
        assert ended["transactionInfo"]["stoppedReason"] == "Remote"
        assert ended["triggerReason"] == "RemoteStop"
        assert ended["customData"]["totalCostMinor"] == final.captured_ore


async def test_remote_start_is_refused_and_data_transfer_is_unknown(tmp_path: Path) -> None:
    async with (
        own_csms() as csms,
        world(tmp_path) as w,
        w.station() as station,
        linked(station, csms, tmp_path) as bridge,
    ):
        await csms.wait_for(lambda: bridge.link.connected)
        answer = await csms.call(
            call.RequestStartTransaction(
                id_token={"id_token": "card-1", "type": "ISO14443"}, remote_start_id=7, evse_id=1
            )
        )
        assert answer.status == "Rejected"
        assert not w.sim.connector(0).enabled
        transfer = await csms.call(call.DataTransfer(vendor_id="com.example", data="x"))
        assert transfer.status == "UnknownVendorId"


async def test_change_availability_per_connector_and_back(tmp_path: Path) -> None:
    async with (
        own_csms() as csms,
        world(tmp_path, connectors=2) as w,
        w.station() as station,
        linked(station, csms, tmp_path) as bridge,
    ):
        await csms.wait_for(lambda: latest_status(csms, 2) == "Available")
        answer = await csms.call(
            call.ChangeAvailability(operational_status="Inoperative", evse={"id": 2})
        )
        assert answer.status == "Accepted"
        await csms.wait_for(lambda: latest_status(csms, 2) == "Unavailable")
        assert station.snapshot.connectors[1].screen is Screen.OUT_OF_ORDER
        assert latest_status(csms, 1) == "Available"
        station.select_connector(2)  # a driver's tap cannot start a session there
        assert station.session(2).phase is Phase.IDLE
        back = await csms.call(
            call.ChangeAvailability(operational_status="Operative", evse={"id": 2})
        )
        assert back.status == "Accepted"
        await csms.wait_for(lambda: latest_status(csms, 2) == "Available")
        unknown = await csms.call(
            call.ChangeAvailability(operational_status="Inoperative", evse={"id": 9})
        )
        assert unknown.status == "Rejected"
        whole = await csms.call(call.ChangeAvailability(operational_status="Inoperative"))
        assert whole.status == "Accepted"
        await csms.wait_for(
            lambda: latest_status(csms, 1) == "Unavailable" == latest_status(csms, 2)
        )
        assert bridge.link.connected


async def test_device_model_get_set_and_base_report(tmp_path: Path) -> None:
    async with (
        own_csms() as csms,
        world(tmp_path) as w,
        w.station() as station,
        linked(station, csms, tmp_path) as bridge,
    ):
        await csms.wait_for(lambda: bridge.link.connected)
        got = await csms.call(
            call.GetVariables(
                get_variable_data=[
                    {
                        "component": {"name": "SampledDataCtrlr"},
                        "variable": {"name": "TxUpdatedInterval"},
                    },
                    {"component": {"name": "ChargingStation"}, "variable": {"name": "StationName"}},
                    {"component": {"name": "Nope"}, "variable": {"name": "X"}},
                ]
            )
        )
        results = got.get_variable_result
        assert [r["attribute_status"] for r in results] == [
            "Accepted",
            "Accepted",
            "UnknownComponent",
        ]
        assert results[0]["attribute_value"] == "1"
        assert results[1]["attribute_value"] == "Teststasjon"
        changed = await csms.call(
            call.SetVariables(
                set_variable_data=[
                    {
                        "attribute_value": "7",
                        "component": {"name": "SampledDataCtrlr"},
                        "variable": {"name": "TxUpdatedInterval"},
                    },
                    {
                        "attribute_value": "x",
                        "component": {"name": "OCPPCommCtrlr"},
                        "variable": {"name": "HeartbeatInterval"},
                    },
                    {
                        "attribute_value": "Other",
                        "component": {"name": "ChargingStation"},
                        "variable": {"name": "StationName"},
                    },
                ]
            )
        )
        assert [r["attribute_status"] for r in changed.set_variable_result] == [
            "Accepted",
            "Rejected",
            "Rejected",
        ]
        assert bridge.link.meter_interval_ms == 7000
        report = await csms.call(call.GetBaseReport(request_id=5, report_base="FullInventory"))
        assert report.status == "Accepted"
        await csms.wait_for(lambda: bool(csms.of("NotifyReport")))
        (notify,) = csms.of("NotifyReport")
        assert notify["requestId"] == 5
        names = {item["variable"]["name"] for item in notify["reportData"]}
        assert {
            "HeartbeatInterval",
            "TxUpdatedInterval",
            "OfflineThreshold",
            "StationName",
        } <= names
        heartbeats = len(csms.of("Heartbeat"))
        trigger = await csms.call(call.TriggerMessage(requested_message="Heartbeat"))
        assert trigger.status == "Accepted"
        await csms.wait_for(lambda: len(csms.of("Heartbeat")) > heartbeats)


async def test_boot_pending_then_accepted_sends_nothing_else_before(tmp_path: Path) -> None:
    async with own_csms() as csms, world(tmp_path) as w, w.station() as station:
        csms.boot_answers = ["Pending", "Rejected"]
        csms.interval_s = 1
        async with linked(station, csms, tmp_path) as bridge:
            await csms.wait_for(lambda: bridge.link.connected)
            actions = [name for name, _ in csms.received]
            assert actions[:3] == ["BootNotification"] * 3
            assert bridge.link.health().boot_status == "Accepted"
            await csms.wait_for(lambda: latest_status(csms, 1) is not None)


async def test_closing_while_the_boot_is_pending_leaves_no_task_behind(tmp_path: Path) -> None:
    """The CSMS says Pending (come back in 300 s); the link closes during that wait and
    leaves nothing running (the wait for the next BootNotification was left behind)."""
    async with own_csms() as csms, world(tmp_path) as w, w.station() as station:
        csms.boot_answers = ["Pending"]
        csms.interval_s = 300
        before = asyncio.all_tasks()
        async with linked(station, csms, tmp_path) as bridge:
            await until(lambda: bridge.link.health().boot_status == "Pending")
            assert csms.of("BootNotification")
            assert not bridge.link.connected
        waits = [
            task
            for task in asyncio.all_tasks() - before
            if not task.done() and getattr(task.get_coro(), "__qualname__", "") == "sleep"
        ]
        assert waits == []  # (the autouse leak check also fails on any other task left)


async def test_reset_on_idle_restarts_after_the_running_session(tmp_path: Path) -> None:
    async with (
        own_csms() as csms,
        world(tmp_path) as w,
        w.station() as station,
        linked(station, csms, tmp_path) as bridge,
    ):
        await csms.wait_for(lambda: bridge.link.connected)
        w.sim.car(0).plug(soc_pct=20)
        await approve(w, station)
        state = await phase(station, 1, Phase.CHARGING)
        answer = await csms.call(call.Reset(type="OnIdle"))
        assert answer.status == "Scheduled"
        assert bridge.restarts == []  # type: ignore[attr-defined]
        assert station.session(1).phase in (Phase.CHARGING, Phase.CAR_PAUSED)  # it goes on
        assert station.snapshot.connectors[0].screen is not Screen.OUT_OF_ORDER  # still shown
        station.stop(1)
        await settled(station, state.session_id or "")
        await station.wait_for(lambda s: bridge.restarts == ["restart"], 10)  # type: ignore[attr-defined]


async def test_reset_immediate_stops_safely_first(tmp_path: Path) -> None:
    async with (
        own_csms() as csms,
        world(tmp_path) as w,
        w.station() as station,
        linked(station, csms, tmp_path) as bridge,
    ):
        await csms.wait_for(lambda: bridge.link.connected)
        w.sim.car(0).plug(soc_pct=20)
        await approve(w, station)
        await phase(station, 1, Phase.CHARGING)
        answer = await csms.call(call.Reset(type="Immediate"))
        assert answer.status == "Accepted"
        await station.wait_for(lambda s: bridge.restarts == ["restart"], 15)  # type: ignore[attr-defined]
        assert not w.sim.connector(0).enabled
        assert station.session(1).phase not in (Phase.CHARGING, Phase.CAR_PAUSED, Phase.STOPPING)


async def test_statuses_while_unreachable_coalesce_to_the_latest(tmp_path: Path) -> None:
    async with (
        own_csms() as csms,
        world(tmp_path, connectors=2) as w,
        w.station() as station,
        linked(station, csms, tmp_path) as bridge,
    ):
        await csms.wait_for(lambda: latest_status(csms, 1) == "Available" == latest_status(csms, 2))
        csms.accepting = False
        assert csms.station is not None
        await csms.station._connection.close()
        await csms.wait_for(lambda: csms.station is None)
        before = len(csms.of("StatusNotification"))
        for out_of_order in (True, False, True):  # changes while nobody listens
            station.set_out_of_order(2, out_of_order)
        assert not bridge.link.connected
        csms.accepting = True
        await csms.wait_for(lambda: len(csms.of("StatusNotification")) > before)
        await csms.wait_for(lambda: bool(csms.of("Heartbeat")) and bridge.link.connected)
        after = [
            (p["evseId"], p["connectorStatus"]) for p in csms.of("StatusNotification")[before:]
        ]
        assert after == [(2, "Unavailable")]  # the latest only; connector 1 did not change
