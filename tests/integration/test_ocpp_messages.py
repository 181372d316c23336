"""The operator's messages over OCPP: display messages on the idle screen (Set, Get, Clear,
expiry), from the tests' own CSMS to a real station (charger simulator over Modbus TCP, Vipps
emulator over HTTP, SQLite files) on loopback."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from ocpp.v201 import call
from ocpp_test_csms import PASSWORD, OwnCsms, own_csms
from station_rig import world

from kiosk.adapters.ocpp_link import OcppLink, OcppLinkSettings
from kiosk.adapters.ocpp_outbox import Outbox
from kiosk.station.ocpp_bridge import OcppBridge
from kiosk.station.station import Station

IDENTITY = "LS-MSG-1"
pytestmark = pytest.mark.timeout(90)  # a hang fails here, whatever the event loop does


@asynccontextmanager
async def linked(
    station: Station, csms: OwnCsms, tmp_path: Path, **changes: Any
) -> AsyncIterator[OcppBridge]:
    bridge = OcppBridge(station)
    settings = OcppLinkSettings(
        url=csms.url,
        identity=IDENTITY,
        password=PASSWORD,
        reconnect_initial_s=0.1,
        reconnect_max_s=0.5,
        response_timeout_s=10,
        **changes,
    )
    bridge.attach(OcppLink(settings, Outbox(tmp_path / "outbox.sqlite3"), bridge))
    await bridge.start()
    try:
        yield bridge
    finally:
        await bridge.aclose()


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
