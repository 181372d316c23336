"""Messages between the station and the operator over OCPP: display messages on the idle screen
(Set, Get, Clear, expiry) and OCPP 2.1's NotifySettlement after a paid session, with the tests'
own CSMS and a real station (charger simulator over Modbus TCP, Vipps emulator over HTTP,
SQLite files) on loopback."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import pytest
from ocpp.v201 import call
from ocpp_test_csms import OwnCsms, own_csms
from ocpp_test_csms import linked as ocpp_linked
from station_rig import approve, phase, settled, until, world

from kiosk.core.state import Phase
from kiosk.sandbox.vipps.payment import EventName
from kiosk.station.ocpp_bridge import OcppBridge
from kiosk.station.station import Station

IDENTITY = "LS-MSG-1"
RECEIPTS = {"receipt_url_template": "https://ladeskjerm.example/kvittering/{session_id}"}
pytestmark = pytest.mark.timeout(90)  # a hang fails here, whatever the event loop does


def linked(
    station: Station, csms: OwnCsms, tmp_path: Path, **changes: Any
) -> AbstractAsyncContextManager[OcppBridge]:
    return ocpp_linked(station, csms, tmp_path, IDENTITY, **changes)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _message(message_id: int, content: str, language: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": message_id,
        "priority": "NormalCycle",
        "message": {"format": "UTF8", "content": content, "language": language},
        **extra,
    }


async def test_display_messages_set_get_clear_and_expire(tmp_path: Path) -> None:
    async with (
        own_csms() as csms,
        world(tmp_path) as w,
        w.station() as station,
        linked(station, csms, tmp_path) as bridge,
    ):
        await csms.wait_for(lambda: bridge.link.connected)
        assert station.snapshot.operator_messages == ()
        # the same notice in two languages (2.0.1: two messages); the screen speaks Norwegian
        for message in (
            _message(1, "Stengt for vedlikehold i morgen", "nb"),
            _message(2, "Closed for maintenance tomorrow", "en"),
        ):
            answer = await csms.call(call.SetDisplayMessage(message=message))
            assert answer.status == "Accepted"
        await station.wait_for(
            lambda s: s.snapshot.operator_messages == ("Stengt for vedlikehold i morgen",), 5
        )
        station.set_language("en")
        await station.wait_for(
            lambda s: s.snapshot.operator_messages == ("Closed for maintenance tomorrow",), 5
        )
        html = _message(3, "<b>Hei</b>", "nb")
        html["message"]["format"] = "HTML"
        refused = await csms.call(call.SetDisplayMessage(message=html))
        assert refused.status == "NotSupportedMessageFormat"
        charging = await csms.call(
            call.SetDisplayMessage(message=_message(4, "Lader", "nb", state="Charging"))
        )
        assert charging.status == "NotSupportedState"

        got = await csms.call(call.GetDisplayMessages(request_id=11))
        assert got.status == "Accepted"
        await csms.wait_for(lambda: bool(csms.of("NotifyDisplayMessages")))
        (notify,) = csms.of("NotifyDisplayMessages")
        assert notify["requestId"] == 11
        assert sorted(m["id"] for m in notify["messageInfo"]) == [1, 2]
        none = await csms.call(call.GetDisplayMessages(request_id=12, id=[99]))
        assert none.status == "Unknown"

        cleared = await csms.call(call.ClearDisplayMessage(id=2))
        assert cleared.status == "Accepted"
        # no English text left: the first (Norwegian) one shows on the English screen
        await station.wait_for(
            lambda s: s.snapshot.operator_messages == ("Stengt for vedlikehold i morgen",), 5
        )
        unknown = await csms.call(call.ClearDisplayMessage(id=2))
        assert unknown.status == "Unknown"

        # a message in front, ending in two seconds: it shows, then vanishes by itself
        now = dt.datetime.now(dt.UTC)
        soon = _message(
            5,
            "Kort melding",
            "nb",
            priority="InFront",
            startDateTime=_iso(now - dt.timedelta(seconds=1)),
            endDateTime=_iso(now + dt.timedelta(seconds=2)),
        )
        answer = await csms.call(call.SetDisplayMessage(message=soon))
        assert answer.status == "Accepted"
        await station.wait_for(lambda s: s.snapshot.operator_messages == ("Kort melding",), 5)
        await station.wait_for(
            lambda s: s.snapshot.operator_messages == ("Stengt for vedlikehold i morgen",), 10
        )
        assert [m["id"] for m in bridge.display_messages(None, None, None)] == [1]


async def _paid_session(w: Any, station: Station) -> tuple[str, str, int]:
    """Plug, pay, charge 40 Wh, stop, settle: (session id, psp reference of the capture, øre)."""
    w.sim.car(0).plug(soc_pct=20)
    reference = await approve(w, station)
    state = await phase(station, 1, Phase.CHARGING)
    session_id = state.session_id or ""
    await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 40, 10)
    station.stop(1)
    final = await settled(station, session_id)
    assert final.phase is Phase.DONE
    assert final.captured_ore > 0
    (capture,) = [e for e in w.payment(reference).events if e.name is EventName.CAPTURED]
    return session_id, capture.psp_reference, final.captured_ore


async def test_a_paid_session_notifies_its_settlement_to_a_csms_speaking_21(
    tmp_path: Path,
) -> None:
    async with (
        own_csms(protocol="ocpp2.1") as csms,
        world(tmp_path, vipps=RECEIPTS) as w,
        w.station() as station,
        linked(station, csms, tmp_path, meter_interval_s=1) as bridge,
    ):
        await csms.wait_for(lambda: bridge.link.connected)
        assert bridge.link.protocol == "2.1"  # type: ignore[attr-defined]
        session_id, psp, captured_ore = await _paid_session(w, station)
        await csms.wait_for(lambda: bool(csms.of("NotifySettlement")))
        (notice,) = csms.of("NotifySettlement")
        assert notice["pspRef"] == psp
        assert notice["status"] == "Settled"
        assert notice["transactionId"] == session_id
        assert notice["settlementAmount"] == captured_ore / 100
        assert notice["customData"]["settlementAmountMinor"] == captured_ore
        # sent as receiptUrl (2.1's schema, checked by the CSMS's library, has no other); the
        # record of it goes through that library's snake->camel rule, which spells it URL
        assert notice["receiptURL"] == f"https://ladeskjerm.example/kvittering/{session_id}"
        assert dt.datetime.fromisoformat(notice["settlementTime"]) <= dt.datetime.now(dt.UTC)
        actions = [name for name, _ in csms.received]
        ended = max(
            i
            for i, (name, payload) in enumerate(csms.received)
            if name == "TransactionEvent" and payload["eventType"] == "Ended"
        )
        assert ended < actions.index("NotifySettlement")  # after the transaction's end
        await until(lambda: bridge.link.health().queued_events == 0)


async def test_a_settlement_made_offline_is_sent_after_a_restart(tmp_path: Path) -> None:
    async with (
        own_csms(protocol="ocpp2.1") as csms,
        world(tmp_path) as w,
        w.station() as station,
    ):
        csms.accepting = False  # the CSMS cannot be reached during the whole session
        async with linked(station, csms, tmp_path) as bridge:
            session_id, psp, captured_ore = await _paid_session(w, station)
            await station.wait_for(
                lambda s: any(
                    item.action == "NotifySettlement"
                    for item in bridge.link.outbox._pending(100)  # type: ignore[attr-defined]
                ),
                10,
            )
            assert not bridge.link.connected
        # the station restarts its link (a new process would read the same outbox file)
        csms.accepting = True
        async with linked(station, csms, tmp_path) as bridge:
            await csms.wait_for(lambda: bool(csms.of("NotifySettlement")))
            (notice,) = csms.of("NotifySettlement")
            assert notice["pspRef"] == psp
            assert notice["transactionId"] == session_id
            assert notice["customData"]["settlementAmountMinor"] == captured_ore
            assert "receiptURL" not in notice  # no receipt link configured
            events = [p["eventType"] for p in csms.of("TransactionEvent")]
            assert events[0] == "Started"
            assert events[-1] == "Ended"
            assert all(p.get("offline") for p in csms.of("TransactionEvent"))
            await until(lambda: bridge.link.health().queued_events == 0)


async def test_a_csms_speaking_201_gets_no_settlement(tmp_path: Path) -> None:
    async with (
        own_csms() as csms,
        world(tmp_path) as w,
        w.station() as station,
        linked(station, csms, tmp_path) as bridge,
    ):
        await csms.wait_for(lambda: bridge.link.connected)
        assert bridge.link.protocol == "2.0.1"  # type: ignore[attr-defined]
        await _paid_session(w, station)
        await csms.wait_for(
            lambda: any(p["eventType"] == "Ended" for p in csms.of("TransactionEvent"))
        )
        await until(lambda: bridge.link.health().queued_events == 0)
        assert csms.of("NotifySettlement") == []
