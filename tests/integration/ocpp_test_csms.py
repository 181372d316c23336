"""The tests' own small CSMS, for the commands the arthexis tests do not send (not a test module).

Remote stop and change of availability are also sent from arthexis (``test_ocpp_arthexis``);
this CSMS covers the rest (Reset with a running session, Get/SetVariables, GetBaseReport,
TriggerMessage, RequestStartTransaction, DataTransfer, a Pending/Rejected boot, display
messages, and OCPP 2.1's NotifySettlement: arthexis speaks 1.6 and 2.0.1 only) and the answers
arthexis does not let a test choose. Built on the ``ocpp`` library's server side over
``websockets`` on 127.0.0.1. It checks the station's
HTTP Basic credentials, answers BootNotification with a status the test chooses, records every
call the station makes (action and camelCase payload, in order) and lets the test call the
station.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import ssl
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import websockets
from ocpp.charge_point import snake_to_camel_case
from ocpp.exceptions import PropertyConstraintViolationError
from ocpp.routing import on
from ocpp.v21 import call as call_21
from ocpp.v21 import call_result as call_result_21
from ocpp.v201 import ChargePoint, call_result
from websockets.asyncio.server import ServerConnection, serve

from kiosk.adapters.ocpp_link import OcppLink, OcppLinkSettings
from kiosk.adapters.ocpp_outbox import Outbox
from kiosk.station.ocpp_bridge import OcppBridge
from kiosk.station.station import Station

PASSWORD = "test-csms-password-0001"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


class _Csms(ChargePoint):
    def __init__(self, owner: OwnCsms, identity: str, connection: Any) -> None:
        super().__init__(identity, connection, response_timeout=10)
        self.owner = owner
        if connection.subprotocol == "ocpp2.1":  # validate and read everything as 2.1
            self._call = call_21
            self._call_result = call_result_21
            self._ocpp_version = "2.1"

    def _record(self, action: str, payload: dict[str, Any]) -> None:
        self.owner.received.append((action, snake_to_camel_case(payload)))
        self.owner.changed.set()

    @on("BootNotification")
    def on_boot(self, **payload: Any) -> Any:
        self._record("BootNotification", payload)
        status = self.owner.boot_answers.pop(0) if self.owner.boot_answers else "Accepted"
        return call_result.BootNotification(
            current_time=_now(), interval=self.owner.interval_s, status=status
        )

    @on("Heartbeat")
    def on_heartbeat(self, **payload: Any) -> Any:
        self._record("Heartbeat", payload)
        return call_result.Heartbeat(current_time=_now())

    @on("StatusNotification")
    def on_status(self, **payload: Any) -> Any:
        self._record("StatusNotification", payload)
        return call_result.StatusNotification()

    @on("TransactionEvent")
    def on_transaction_event(self, **payload: Any) -> Any:
        self._record("TransactionEvent", payload)
        if self.owner.refuse is not None and self.owner.refuse(snake_to_camel_case(payload)):
            raise PropertyConstraintViolationError(description="refused by the test")
        return call_result.TransactionEvent()

    @on("NotifyReport")
    def on_notify_report(self, **payload: Any) -> Any:
        self._record("NotifyReport", payload)
        return call_result.NotifyReport()

    @on("NotifySettlement")
    def on_notify_settlement(self, **payload: Any) -> Any:
        self._record("NotifySettlement", payload)
        return call_result_21.NotifySettlement()

    @on("NotifyDisplayMessages")
    def on_notify_display_messages(self, **payload: Any) -> Any:
        self._record("NotifyDisplayMessages", payload)
        return call_result.NotifyDisplayMessages()


class OwnCsms:
    __test__ = False  # not a pytest class

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, Any]]] = []
        self.changed = asyncio.Event()
        self.boot_answers: list[str] = []
        self.interval_s = 300
        self.station: _Csms | None = None
        self.port = 0
        self.refused_credentials = 0
        self.scheme = "ws"
        self.accepting = True
        self.refuse: Callable[[dict[str, Any]], bool] | None = None
        """Answers the TransactionEvents it holds for with a CallError (they are recorded)."""
        """False: every connection is closed at once (the CSMS is unreachable)."""

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/ocpp"

    def of(self, action: str) -> list[dict[str, Any]]:
        return [payload for name, payload in self.received if name == action]

    async def wait_for(self, predicate: Any, timeout_s: float = 20) -> None:
        async with asyncio.timeout(timeout_s):
            while not predicate():
                self.changed.clear()
                await self.changed.wait()

    async def call(self, request: Any) -> Any:
        assert self.station is not None, "no station connected"
        return await self.station.call(request, suppress=False)

    async def _handle(self, connection: ServerConnection) -> None:
        identity = (connection.request.path if connection.request else "").strip("/").split("/")[-1]
        header = connection.request.headers.get("Authorization", "") if connection.request else ""
        expected = "Basic " + base64.b64encode(f"{identity}:{PASSWORD}".encode()).decode()
        if header != expected or not self.accepting:
            self.refused_credentials += 1
            await connection.close(code=1008)
            return
        station = _Csms(self, identity, connection)
        self.station = station
        self.changed.set()
        with contextlib.suppress(websockets.exceptions.ConnectionClosed):
            await station.start()
        if self.station is station:
            self.station = None
        self.changed.set()


@asynccontextmanager
async def own_csms(
    tls: ssl.SSLContext | None = None, protocol: str = "ocpp2.0.1"
) -> AsyncIterator[OwnCsms]:
    """The CSMS on a free loopback port; with ``tls`` on ``wss://`` (security profile 2);
    speaking ``protocol`` (``ocpp2.0.1`` or ``ocpp2.1``, the WebSocket subprotocol)."""
    csms = OwnCsms()
    csms.scheme = "wss" if tls is not None else "ws"
    async with serve(
        csms._handle,
        "127.0.0.1",
        0,
        subprotocols=[protocol],  # type: ignore[list-item]
        ssl=tls,
    ) as server:
        csms.port = next(iter(server.sockets)).getsockname()[1]
        yield csms


@asynccontextmanager
async def linked(
    station: Station, csms: OwnCsms, tmp_path: Path, identity: str, **changes: Any
) -> AsyncIterator[OcppBridge]:
    """``station`` on ``csms`` as ``kiosk.app`` wires it (bridge, link, outbox file in
    ``tmp_path``), reconnecting fast; ``changes`` override the link's settings. A restart the
    station asks for (Reset) is recorded in the bridge's ``restarts``, not carried out."""
    restarts: list[str] = []
    bridge = OcppBridge(station, restart=lambda: restarts.append("restart"))
    settings = OcppLinkSettings(
        url=csms.url,
        identity=identity,
        password=PASSWORD,
        reconnect_initial_s=0.1,
        reconnect_max_s=0.5,
        response_timeout_s=10,
        station_name=station.snapshot.station_name,
        **changes,
    )
    bridge.attach(OcppLink(settings, Outbox(tmp_path / "outbox.sqlite3"), bridge))
    bridge.restarts = restarts  # type: ignore[attr-defined]
    await bridge.start()
    try:
        yield bridge
    finally:
        await bridge.aclose()
