"""The OCPP 2.0.1 (and 2.1) charging-station client: one WebSocket to the CSMS (ADR 0013).

``OcppLink`` implements ``kiosk.core.central_system.CentralSystemLink`` with the ``ocpp``
library's ``v201.ChargePoint`` (framing, JSON-schema validation of every message both ways,
routing of the CSMS's calls) over ``websockets``:

* Connect to ``{url}/{identity}`` offering the ``ocpp2.1`` and ``ocpp2.0.1`` subprotocols (or
  the one ``protocol`` names) and speak the one the CSMS picks (ADR 0013); security profile 1
  (HTTP Basic, plain ``ws://``, loopback only) or 2 (HTTP Basic over ``wss://``). Reconnect
  with a doubling back-off (1 s .. 60 s) forever.
* ``BootNotification`` first; ``Pending`` / ``Rejected`` are retried after the interval the CSMS
  gave, and nothing else is sent until ``Accepted``. Then every connector's status (all of them
  after an outage longer than the offline threshold, otherwise those that changed), a
  ``Heartbeat`` at the interval, and the outbox.
* Transaction events and 2.1's ``NotifySettlement`` go through the ``Outbox`` (on disk before
  sending; a settlement is dropped unsent when the connection speaks 2.0.1) and are sent one at a
  time in their order; an event leaves the outbox only when the CSMS answered it. An event the
  CSMS refuses with a CallError is logged and dropped (sending it again would block the queue).
* Status notifications are not queued: offline, only the latest per connector is kept.
* The CSMS's commands go to ``StationCommands`` (display messages too: Set, Get - answered
  with ``NotifyDisplayMessages`` - and Clear); ``GetVariables`` / ``SetVariables`` /
  ``GetBaseReport`` to the ``DeviceModel``; ``DataTransfer`` is answered ``UnknownVendorId``.

Errors: nothing escapes ``start`` / ``aclose``; connection problems are logged (never the
password) and retried. ``OutboxError`` from ``send_transaction_event`` when the disk fails.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import ssl
import time
from collections.abc import Callable, Coroutine
from typing import Any, cast

import websockets
from ocpp.charge_point import camel_to_snake_case, snake_to_camel_case
from ocpp.exceptions import OCPPError
from ocpp.messages import MessageType
from ocpp.routing import after as _after
from ocpp.routing import on as _on
from ocpp.v21 import call as call_21
from ocpp.v21 import call_result as call_result_21
from ocpp.v201 import ChargePoint, call, call_result
from websockets.typing import Subprotocol

from kiosk.adapters.ocpp_device_model import DeviceModel
from kiosk.adapters.ocpp_outbox import Outbox, OutboxItem
from kiosk.adapters.ocpp_settings import OcppLinkSettings
from kiosk.core.central_system import (
    ConnectorStatus,
    JsonObject,
    LinkHealth,
    ResetKind,
    StationCommands,
    iso_timestamp,
)
from kiosk.tasks import cancel_and_wait

log = logging.getLogger(__name__)
# the library logs every frame it sends and receives, payload and all, at INFO (the level
# `kiosk run` logs at): thousands of lines for a replay, each through the service screen's
# redacting buffer. Its warnings and errors still show.
logging.getLogger("ocpp").setLevel(logging.WARNING)

OCPP_21 = "ocpp2.1"
OPEN_TIMEOUT_S = 10
CLOSE_TIMEOUT_S = 2
"""The WebSocket's opening handshake and its close (the CSMS's close frame) are bounded."""
"""A task still running after this long of cancels is left behind (logged): close goes on."""
READ_BATCH = 500
"""Outbox rows read per worker-thread hop."""
FORGET_BATCH = 100
FORGET_INTERVAL_S = 0.25
"""Answered events are forgotten in one commit per this many, or this often."""
__all__ = ["OcppLink", "OcppLinkSettings"]


Handler = Callable[..., Any]


def on(action: str) -> Callable[[Handler], Handler]:
    """``ocpp.routing.on`` (the library has no type hints)."""
    return cast(Callable[[Handler], Handler], _on(action))


def after(action: str) -> Callable[[Handler], Handler]:
    return cast(Callable[[Handler], Handler], _after(action))


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


async def _close(connection: Any) -> None:
    """Close the WebSocket: the close handshake, at most ``CLOSE_TIMEOUT_S`` for the CSMS's
    answer (websockets' own bound), and the socket is dropped whatever happens meanwhile.

    ``async with websockets.connect(...)`` left it open when its close was interrupted: the
    link's close cancels again after half a second (``cancel_and_wait``), before a CSMS that
    answers nothing (frozen, or its host gone) has let the close time out."""
    try:
        await connection.close()
    finally:
        connection.transport.abort()  # nothing when the close completed


def _without_extra(message: JsonObject) -> JsonObject:
    """A ``MessageInfoType`` as 2.0.1 has it (one text: no 2.1 ``messageExtra``)."""
    return {key: value for key, value in message.items() if key != "messageExtra"}


class _StationChargePoint(ChargePoint):  # type: ignore[misc]
    """The CSMS's calls, answered for the link."""

    def __init__(self, link: OcppLink, connection: Any) -> None:
        super().__init__(link.settings.identity, connection, link.settings.response_timeout_s)
        self.link = link
        if getattr(connection, "subprotocol", None) == OCPP_21:
            # the whole connection speaks 2.1: its schemas validate both ways, its answers are
            # read into 2.1's dataclasses (the requests and answers the station makes are
            # 2.0.1's, which 2.1's schemas accept: ADR 0013)
            self._call = call_21
            self._call_result = call_result_21
            self._ocpp_version = "2.1"

    @property
    def version(self) -> str:
        return str(self._ocpp_version)

    async def call_stored(self, action: str, payload_json: str) -> None:
        """Send one CALL whose payload is already JSON text (an outbox row), wait for its
        answer under the library's call lock (one CALL in flight, as ``call`` does); raises
        the ``OCPPError`` of a CallError, ``TimeoutError`` without an answer.

        ``call`` would turn the text into a dataclass and back (camelCase -> snake_case ->
        camelCase, ``asdict``) for every event; the answer to a TransactionEvent is not used."""
        unique_id = str(self._unique_id_generator())
        frame = f"[2,{json.dumps(unique_id)},{json.dumps(action)},{payload_json}]"
        async with self._call_lock:
            await self._send(frame)
            response = await self._get_specific_response(unique_id, self._response_timeout)
        if response.message_type_id == MessageType.CallError:
            raise response.to_exception()

    @on("RequestStopTransaction")
    def on_request_stop(self, transaction_id: str, **_: Any) -> Any:
        ok = self.link.commands.remote_stop(transaction_id)
        return call_result.RequestStopTransaction(status="Accepted" if ok else "Rejected")

    @on("RequestStartTransaction")
    def on_request_start(
        self, id_token: JsonObject, remote_start_id: int, evse_id: int | None = None, **_: Any
    ) -> Any:
        token: JsonObject = {
            "idToken": str(id_token.get("id_token", "")),
            "type": str(id_token.get("type", "Central")),
        }
        ok = self.link.commands.remote_start(evse_id, token, remote_start_id)
        return call_result.RequestStartTransaction(status="Accepted" if ok else "Rejected")

    @on("ChangeAvailability")
    def on_change_availability(
        self, operational_status: str, evse: JsonObject | None = None, **_: Any
    ) -> Any:
        evse_id = evse.get("id") if evse else None
        status = self.link.commands.change_availability(
            evse_id if evse_id else None, operational_status == "Operative"
        )
        return call_result.ChangeAvailability(status=status)

    @on("Reset")
    def on_reset(self, type: str, evse_id: int | None = None, **_: Any) -> Any:
        if evse_id is not None or type not in tuple(ResetKind):
            # an EVSE cannot restart on its own; 2.1's ImmediateAndResume cannot resume
            return call_result.Reset(status="Rejected")
        return call_result.Reset(status=self.link.commands.reset(ResetKind(type)))

    @after("Reset")
    def after_reset(self, **_: Any) -> None:
        self.link.commands.after_reset()

    @on("GetVariables")
    def on_get_variables(self, get_variable_data: list[JsonObject], **_: Any) -> Any:
        results = [self.link.device_model.get(item) for item in get_variable_data]
        return call_result.GetVariables(get_variable_result=results)

    @on("SetVariables")
    def on_set_variables(self, set_variable_data: list[JsonObject], **_: Any) -> Any:
        results = [self.link.device_model.set(item) for item in set_variable_data]
        return call_result.SetVariables(set_variable_result=results)

    @on("GetBaseReport")
    def on_get_base_report(self, request_id: int, report_base: str, **_: Any) -> Any:
        status = (
            "Accepted"
            if report_base in ("FullInventory", "ConfigurationInventory")
            else ("NotSupported")
        )
        return call_result.GetBaseReport(status=status)

    @after("GetBaseReport")
    def after_get_base_report(self, request_id: int, report_base: str, **_: Any) -> None:
        if report_base in ("FullInventory", "ConfigurationInventory"):
            self.link.spawn(self.link.send_report(self, request_id))

    @on("TriggerMessage")
    def on_trigger(self, requested_message: str, **_: Any) -> Any:
        supported = requested_message in ("Heartbeat", "StatusNotification", "BootNotification")
        return call_result.TriggerMessage(status="Accepted" if supported else "NotImplemented")

    @after("TriggerMessage")
    def after_trigger(self, requested_message: str, **_: Any) -> None:
        # sync, spawning a task the link owns: the library would leave an async one untracked
        if requested_message == "Heartbeat":
            self.link.spawn(self.link.heartbeat(self))
        elif requested_message == "StatusNotification":
            self.link.resend_all_status()
        elif requested_message == "BootNotification":
            self.link.spawn(self.link.boot_once(self))

    @on("SetDisplayMessage")
    def on_set_display_message(self, message: JsonObject, **_: Any) -> Any:
        status = self.link.commands.set_display_message(snake_to_camel_case(message))
        return call_result.SetDisplayMessage(status=status)

    @on("GetDisplayMessages")
    def on_get_display_messages(
        self,
        request_id: int,
        id: list[int] | None = None,
        priority: str | None = None,
        state: str | None = None,
        **_: Any,
    ) -> Any:
        found = self.link.commands.display_messages(id, priority, state)
        return call_result.GetDisplayMessages(status="Accepted" if found else "Unknown")

    @after("GetDisplayMessages")
    def after_get_display_messages(
        self,
        request_id: int,
        id: list[int] | None = None,
        priority: str | None = None,
        state: str | None = None,
        **_: Any,
    ) -> None:
        found = self.link.commands.display_messages(id, priority, state)
        if found:
            self.link.spawn(self.link.send_display_messages(self, request_id, found))

    @on("ClearDisplayMessage")
    def on_clear_display_message(self, id: int, **_: Any) -> Any:
        status = self.link.commands.clear_display_message(id)
        return call_result.ClearDisplayMessage(status=status)

    @on("DataTransfer")
    def on_data_transfer(self, vendor_id: str, **_: Any) -> Any:
        return call_result.DataTransfer(status="UnknownVendorId")


class OcppLink:
    """The client; ``start()`` it after the station, ``aclose()`` it before."""

    def __init__(
        self,
        settings: OcppLinkSettings,
        outbox: Outbox,
        commands: StationCommands,
        *,
        clock_ms: Callable[[], int] = _now_ms,
    ) -> None:
        self.settings = settings
        self.outbox = outbox
        self.commands = commands
        self._clock_ms = clock_ms
        self.device_model = DeviceModel(
            heartbeat_s=settings.heartbeat_s,
            meter_interval_s=settings.meter_interval_s,
            offline_threshold_s=settings.offline_threshold_s,
            station_name=settings.station_name,
            price_text=settings.price_text,
            on_change=self._variable_changed,
        )
        self._heartbeat_s = settings.heartbeat_s
        self._status: dict[int, ConnectorStatus] = {}
        self._sent_status: dict[int, ConnectorStatus] = {}
        self._wake = asyncio.Event()
        self._connected = False
        self._boot_status: str | None = None
        self.protocol: str | None = None
        """The OCPP version of the connection ("2.0.1" / "2.1"), None before the first."""
        self._last_heartbeat_ms: int | None = None
        self._offline_since_ms: int | None = None
        self._task: asyncio.Task[None] | None = None
        self._heartbeat_changed = asyncio.Event()
        self._replies: set[asyncio.Task[Any]] = set()
        self.connections = 0
        """How many times the link was accepted by the CSMS (for tests and metrics)."""
        self.calls_failed = 0
        self._unforgotten = 0
        self.failures = 0
        """Connection attempts that failed (refused, TLS, closed)."""

    # --- CentralSystemLink ---------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def meter_interval_ms(self) -> int:
        return self.device_model.int_value("SampledDataCtrlr", "TxUpdatedInterval") * 1000

    def health(self) -> LinkHealth:
        return LinkHealth(
            connected=self._connected,
            boot_status=self._boot_status,
            last_heartbeat_ms=self._last_heartbeat_ms,
            queued_events=self.outbox.depth - self._unforgotten,
        )

    def report_status(self, connector_id: int, status: ConnectorStatus) -> None:
        self._status[connector_id] = status
        self._wake.set()

    async def send_transaction_event(self, payload: JsonObject) -> None:
        await self.outbox.append("TransactionEvent", payload, self._clock_ms())
        self._wake.set()

    async def send_settlement(self, payload: JsonObject) -> None:
        if not self.settings.may_speak_21:
            return  # configured for 2.0.1 only: no CSMS will ever take it
        await self.outbox.append("NotifySettlement", payload, self._clock_ms())
        self._wake.set()

    def last_event(self, transaction_id: str) -> tuple[int, str] | None:
        return self.outbox.last_event(transaction_id)

    def resend_all_status(self) -> None:
        self._sent_status.clear()
        self._wake.set()

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Run a follow-up call (after a CSMS request was answered) as a task of this link."""
        task = asyncio.ensure_future(coro)
        self._replies.add(task)
        task.add_done_callback(self._reply_done)

    def _reply_done(self, task: asyncio.Task[Any]) -> None:
        self._replies.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("OCPP follow-up call failed: %s", type(task.exception()).__name__)

    # --- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        if self._task is None:
            self._offline_since_ms = self._clock_ms()
            self._task = asyncio.create_task(self._run(), name="ocpp link")

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            await cancel_and_wait([task], log_failures=False)
        self._connected = False
        self.outbox.close()

    async def _run(self) -> None:
        delay = self.settings.reconnect_initial_s
        while True:
            try:
                connection = await websockets.connect(
                    self.settings.endpoint,
                    ssl=self._tls(),
                    subprotocols=[Subprotocol(p) for p in self.settings.subprotocols],
                    additional_headers=self._auth_headers(),
                    open_timeout=OPEN_TIMEOUT_S,
                    ping_interval=20,
                    ping_timeout=20,
                    close_timeout=CLOSE_TIMEOUT_S,
                )
                try:
                    delay = self.settings.reconnect_initial_s
                    await self._serve(connection)
                finally:
                    await _close(connection)
            except asyncio.CancelledError:
                raise
            except (OSError, TimeoutError, websockets.exceptions.WebSocketException) as error:
                self.failures += 1
                log.warning("OCPP link to %s: %s", self.settings.endpoint, type(error).__name__)
            except OCPPError as error:
                log.warning("OCPP link: protocol error %s", error)
            except Exception:
                log.exception("OCPP link failed")
            if self._connected:
                self._offline_since_ms = self._clock_ms()
            self._connected = False
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.settings.reconnect_max_s)

    def _tls(self) -> ssl.SSLContext | None:
        """Profile 2: TLS with the system's CAs, or only those of ``ca_file``."""
        if not self.settings.endpoint.startswith("wss://"):
            return None
        return ssl.create_default_context(cafile=self.settings.ca_file)

    def _auth_headers(self) -> dict[str, str]:
        if self.settings.password is None:
            return {}
        raw = f"{self.settings.identity}:{self.settings.password}".encode()
        return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}

    async def _serve(self, connection: Any) -> None:
        cp = _StationChargePoint(self, connection)
        reader = asyncio.create_task(cp.start(), name="ocpp reader")
        workers: list[asyncio.Task[None]] = [reader]
        try:
            await self._boot(cp, reader)
            offline_ms = self._clock_ms() - (self._offline_since_ms or self._clock_ms())
            if offline_ms > self.settings.offline_threshold_s * 1000:
                self._sent_status.clear()
            self._connected = True
            self._offline_since_ms = None
            self.connections += 1
            workers.append(asyncio.create_task(self._heartbeats(cp), name="ocpp heartbeat"))
            workers.append(asyncio.create_task(self._sender(cp), name="ocpp sender"))
            self._wake.set()
            done, _ = await asyncio.wait(workers, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()  # raises what ended the connection
        finally:
            self._connected = False
            workers.extend(self._replies)
            await cancel_and_wait(workers, log_failures=False)

    async def _boot(self, cp: _StationChargePoint, reader: asyncio.Task[None]) -> None:
        while True:
            interval = await self.boot_once(cp)
            if self._boot_status == "Accepted":
                return
            wait = asyncio.ensure_future(asyncio.sleep(max(interval, 1)))
            try:
                done, _ = await asyncio.wait({wait, reader}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                wait.cancel()  # also when the link closes meanwhile: no sleep left behind
            if reader in done:
                reader.result()
                raise ConnectionError("the CSMS closed the connection during boot")

    async def boot_once(self, cp: _StationChargePoint) -> int:
        """Send one ``BootNotification``; returns the interval the CSMS gave."""
        answer = await cp.call(
            call.BootNotification(
                charging_station={
                    "vendor_name": self.settings.vendor,
                    "model": self.settings.model,
                    "firmware_version": self.settings.firmware_version,
                },
                reason="PowerUp",
            ),
            suppress=False,
        )
        self._boot_status = str(answer.status)
        self.protocol = cp.version
        interval = int(answer.interval)
        if self._boot_status == "Accepted" and interval > 0:
            self._set_heartbeat(interval)
        log.info("OCPP boot: %s (interval %d s)", self._boot_status, interval)
        return interval if interval > 0 else self._heartbeat_s

    def _set_heartbeat(self, seconds: int) -> None:
        self._heartbeat_s = seconds
        self.device_model.set(
            {
                "component": {"name": "OCPPCommCtrlr"},
                "variable": {"name": "HeartbeatInterval"},
                "attribute_value": str(seconds),
            }
        )

    def _variable_changed(self, name: str, value: int) -> None:
        if name == "HeartbeatInterval":
            self._heartbeat_s = value
            self._heartbeat_changed.set()

    async def heartbeat(self, cp: _StationChargePoint) -> None:
        await cp.call(call.Heartbeat(), suppress=False)
        self._last_heartbeat_ms = self._clock_ms()

    async def _heartbeats(self, cp: _StationChargePoint) -> None:
        while True:
            await self.heartbeat(cp)
            self._heartbeat_changed.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._heartbeat_s):
                    await self._heartbeat_changed.wait()

    async def _sender(self, cp: _StationChargePoint) -> None:
        while True:
            self._wake.clear()
            await self._send_status(cp)
            while True:
                items = await self.outbox.pending(READ_BATCH)
                if not items:
                    break
                await self._send_items(cp, items)
            await self._wake.wait()

    async def _send_items(self, cp: _StationChargePoint, items: list[OutboxItem]) -> None:
        """Send ``items`` one call at a time; forget the answered ones in batches.

        Answered events are forgotten with one commit per ``FORGET_BATCH`` events or
        ``FORGET_INTERVAL_S``, in a worker thread while the next call is on its way. After a
        kill -9 the answered-but-not-forgotten ones (the batch being committed and the one
        being gathered: at most ``2 * FORGET_BATCH``) are sent again: the same stored JSON, so
        the CSMS recognises them by transactionId and seqNo (ADR 0013).
        Nothing is forgotten before it was answered."""
        loop = asyncio.get_running_loop()
        forgetting: asyncio.Future[None] | None = None
        answered_id: int | None = None
        batch = 0  # answered since the last forget began
        forgotten_at = loop.time()
        try:
            for item in items:
                await self._send_item(cp, item)
                answered_id = item.id
                batch += 1
                self._unforgotten += 1
                if batch >= FORGET_BATCH or loop.time() - forgotten_at >= FORGET_INTERVAL_S:
                    if forgetting is not None:
                        await forgetting
                    forgetting = asyncio.ensure_future(self._forget(answered_id, batch))
                    batch = 0
                    forgotten_at = loop.time()
                if self._status != self._sent_status:
                    await self._send_status(cp)
        finally:
            if forgetting is not None:
                await forgetting
            if batch and answered_id is not None:
                await self._forget(answered_id, batch)
            self._unforgotten = 0  # a failed forget leaves its rows queued: they go again

    async def _forget(self, last_id: int, answered: int) -> None:
        await self.outbox.remove_through(last_id)
        self._unforgotten -= answered

    async def _send_item(self, cp: _StationChargePoint, item: OutboxItem) -> None:
        if item.action == "NotifySettlement" and cp.version != "2.1":
            log.info("OCPP NotifySettlement #%d not sent: the CSMS speaks %s", item.id, cp.version)
            return
        try:
            # the stored JSON as it is: built by the pure mapping, whose payloads the tests
            # check against OCA's schema, so no second validation, no dataclass round trip
            await cp.call_stored(item.action, item.text)
        except OCPPError as error:
            self.calls_failed += 1
            log.error(
                "OCPP %s #%d refused by the CSMS (%s): dropped",
                item.action,
                item.id,
                type(error).__name__,
            )

    async def _send_status(self, cp: _StationChargePoint) -> None:
        for connector_id, status in sorted(self._status.items()):
            if self._sent_status.get(connector_id) is status:
                continue
            await cp.call(
                call.StatusNotification(
                    timestamp=iso_timestamp(self._clock_ms()),
                    connector_status=status.value,
                    evse_id=connector_id,
                    connector_id=1,
                ),
                suppress=False,
            )
            self._sent_status[connector_id] = status

    async def send_display_messages(
        self, cp: _StationChargePoint, request_id: int, messages: list[JsonObject]
    ) -> None:
        """``NotifyDisplayMessages`` for a ``GetDisplayMessages`` that found some."""
        await cp.call(
            call.NotifyDisplayMessages(
                request_id=request_id,
                message_info=camel_to_snake_case(
                    messages if cp.version == "2.1" else [_without_extra(m) for m in messages]
                ),
            ),
            suppress=False,
        )

    async def send_report(self, cp: _StationChargePoint, request_id: int) -> None:
        await cp.call(
            call.NotifyReport(
                request_id=request_id,
                generated_at=iso_timestamp(self._clock_ms()),
                seq_no=0,
                report_data=camel_to_snake_case(self.device_model.report()),
            ),
            suppress=False,
        )
