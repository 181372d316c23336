"""The station on the operator's network: between the ``Station`` and its OCPP link (ADR 0013).

``OcppBridge`` watches the station and reports to a ``CentralSystemLink``:

* every connector's status, from the snapshot (``connector_status``, pure);
* every session's transaction events, from each step of its state
  (``kiosk.core.central_system.track_session``), handed to the link in the order they happened
  (one writer task; the link stores them on disk before it sends them). After a restart a
  session's numbering continues from the outbox.
* once a session's payment is settled, OCPP 2.1's ``NotifySettlement`` (``settlement_notice``:
  Vipps' psp reference of the capture, the amount, the receipt link), after its ``Ended`` and
  through the same writer and outbox.

and implements ``StationCommands`` for the CSMS: a remote stop is a technician's stop (the
session then settles normally, and its ``Ended`` says ``Remote``); a change of availability is
the technician's out-of-order switch; a reset waits for running sessions to end (``OnIdle``) or
stops them safely first (``Immediate``) and then calls ``restart``. Remote starts are refused:
a session needs a payment. Display messages are checked and kept by
``kiosk.core.display_messages`` and shown on the idle screen (``Station.set_display_messages``).
Raises nothing into the station.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
from collections.abc import Callable

from kiosk.core.central_system import (
    CentralSystemLink,
    ConnectorStatus,
    JsonObject,
    ResetKind,
    TrackedTransaction,
    resume_tracking,
    settlement_notice,
    track_session,
)
from kiosk.core.display_messages import MessageBoard, parse_message_info
from kiosk.core.state import Phase, SessionState
from kiosk.station.connector import connector_number
from kiosk.station.snapshot import ConnectorSnapshot, Screen, StationSnapshot
from kiosk.station.station import Station

log = logging.getLogger(__name__)

_STATUS: dict[Screen, ConnectorStatus] = {
    Screen.IDLE: ConnectorStatus.AVAILABLE,
    Screen.BUDGET: ConnectorStatus.AVAILABLE,
    Screen.DECLINED: ConnectorStatus.AVAILABLE,
    Screen.EXPIRED: ConnectorStatus.AVAILABLE,
    Screen.CANCELLED: ConnectorStatus.AVAILABLE,
    Screen.PLUG_IN_TIMEOUT: ConnectorStatus.AVAILABLE,
    Screen.FAILED: ConnectorStatus.AVAILABLE,
    Screen.PAY: ConnectorStatus.RESERVED,
    Screen.PLUG_IN: ConnectorStatus.RESERVED,
    Screen.CAR_CONNECTED: ConnectorStatus.OCCUPIED,
    Screen.CHARGING: ConnectorStatus.OCCUPIED,
    Screen.STOPPING: ConnectorStatus.OCCUPIED,
    Screen.SETTLING: ConnectorStatus.OCCUPIED,
    Screen.DONE: ConnectorStatus.OCCUPIED,
    Screen.PAYMENT_UNAVAILABLE: ConnectorStatus.UNAVAILABLE,
    Screen.OUT_OF_ORDER: ConnectorStatus.UNAVAILABLE,
    Screen.STARTING: ConnectorStatus.UNAVAILABLE,
    Screen.FAULT: ConnectorStatus.FAULTED,
}
_NOTIFIED_KEPT = 500
"""Sessions whose NotifySettlement was handed to the link (each is sent once)."""
_STOPPABLE = frozenset({Phase.CHARGING, Phase.CAR_PAUSED, Phase.WAITING_FOR_PLUG})
_SAFE = frozenset(
    {Phase.IDLE, Phase.CAR_CONNECTED, Phase.SETTLING, Phase.DONE, Phase.ENDED, Phase.ATTENTION}
)


def connector_status(view: ConnectorSnapshot) -> ConnectorStatus:
    """The OCPP status of what a connector shows: free (Available), held for a paying driver
    (Reserved: paying, or paid and waiting for the cable), a car or its session on it
    (Occupied), no sessions possible (Unavailable), the charger failing (Faulted)."""
    return _STATUS[view.screen]


class OcppBridge:
    def __init__(self, station: Station, *, restart: Callable[[], None] | None = None) -> None:
        self.station = station
        self._link: CentralSystemLink | None = None
        self._restart = restart
        self._tracked: dict[int, TrackedTransaction] = {}
        self._remote_stops: set[str] = set()
        self._queue: asyncio.Queue[tuple[str, JsonObject]] = asyncio.Queue()
        self._notified: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._tasks: list[asyncio.Task[None]] = []
        self._unsubscribe: list[Callable[[], None]] = []
        self._reset: ResetKind | None = None
        self.display = MessageBoard()
        """The operator's display messages (kept in memory, like the device model)."""

    def attach(self, link: CentralSystemLink) -> None:
        """The link this bridge reports to (made with this bridge as its commands)."""
        self._link = link

    @property
    def link(self) -> CentralSystemLink:
        if self._link is None:
            raise RuntimeError("OcppBridge.attach(link) first")
        return self._link

    async def start(self) -> None:
        self._tasks.append(asyncio.create_task(self._writer(), name="ocpp event writer"))
        self._unsubscribe.append(self.station.subscribe(self._on_snapshot))
        self._unsubscribe.append(self.station.observe_steps(self._on_step))
        await self.link.start()

    async def aclose(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        await self._flush()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        await self.link.aclose()

    async def _flush(self) -> None:
        """Let the writer store what it was handed (events are never dropped on a clean stop)."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(5):
                await self._queue.join()

    # --- the station's facts -> the link -------------------------------------------------

    def _on_snapshot(self, snapshot: StationSnapshot) -> None:
        for view in snapshot.connectors:
            self.link.report_status(view.connector_id, connector_status(view))

    def _on_step(self, state: SessionState) -> None:
        evse_id = connector_number(state.connector_id)
        tracked = self._tracked.get(evse_id)
        session_id = state.session_id
        if (
            session_id is not None
            and state.charging_started_ms is not None
            and (tracked is None or tracked.transaction_id != session_id)
        ):
            stored = self.link.last_event(session_id)
            if stored is not None:  # the station restarted mid-session
                tracked = resume_tracking(session_id, evse_id, *stored)
        if tracked is not None and tracked.transaction_id in self._remote_stops:
            tracked = TrackedTransaction(
                tracked.transaction_id,
                tracked.evse_id,
                tracked.next_seq_no,
                tracked.charging_state,
                tracked.last_meter_ms,
                remote_stop=True,
                ended=tracked.ended,
            )
        tracked, events = track_session(
            tracked,
            state,
            evse_id=evse_id,
            now_ms=self.station.clock.now_ms(),
            meter_interval_ms=self.link.meter_interval_ms,
            offline=not self.link.connected,
        )
        if tracked is None:
            self._tracked.pop(evse_id, None)
        else:
            self._tracked[evse_id] = tracked
            if tracked.ended:
                self._remote_stops.discard(tracked.transaction_id)
        for event in events:
            self._queue.put_nowait(("TransactionEvent", event))
        if session_id is not None and session_id not in self._notified:
            self._notify_settlement(state, session_id)

    def _notify_settlement(self, state: SessionState, session_id: str) -> None:
        """2.1's NotifySettlement once the session's payment is settled (after its Ended)."""
        reference = state.reference
        notice = settlement_notice(
            state,
            now_ms=self.station.clock.now_ms(),
            psp_reference=(
                self.station.payment_effects.psp_reference(reference) if reference else None
            ),
            receipt_url=self.station.receipt_url(session_id),
        )
        if notice is None:
            return
        self._notified[session_id] = None
        while len(self._notified) > _NOTIFIED_KEPT:
            self._notified.popitem(last=False)
        self._queue.put_nowait(("NotifySettlement", notice))

    async def _writer(self) -> None:
        while True:
            action, payload = await self._queue.get()
            try:
                if action == "NotifySettlement":
                    await self.link.send_settlement(payload)
                else:
                    await self.link.send_transaction_event(payload)
            except Exception:
                log.exception("OCPP %s could not be stored", action)
            finally:
                self._queue.task_done()

    # --- StationCommands -------------------------------------------------------------------

    def remote_stop(self, transaction_id: str) -> bool:
        for view in self.station.snapshot.connectors:
            state = self.station.session(view.connector_id)
            if state.session_id == transaction_id and state.phase in _STOPPABLE:
                self._remote_stops.add(transaction_id)
                self.station.technician_stop(view.connector_id)
                log.info(
                    "OCPP remote stop of %s on connector %d", transaction_id, view.connector_id
                )
                return True
        return False

    def remote_start(self, evse_id: int | None, id_token: str) -> bool:
        log.info("OCPP remote start refused: a session needs a payment")
        return False

    def change_availability(self, evse_id: int | None, operative: bool) -> str:
        connectors = [view.connector_id for view in self.station.snapshot.connectors]
        if evse_id is not None:
            if evse_id not in connectors:
                return "Rejected"
            connectors = [evse_id]
        for connector_id in connectors:
            self.station.set_out_of_order(connector_id, not operative)
        running = set(self.station.running_connectors())
        return "Scheduled" if running.intersection(connectors) and not operative else "Accepted"

    def reset(self, kind: ResetKind) -> str:
        if self._restart is None or self._reset is not None:
            return "Rejected"
        running = self.station.running_connectors()
        self._reset = kind
        if not running:
            return "Accepted"
        for view in self.station.snapshot.connectors:  # no new session meanwhile
            self.station.set_out_of_order(view.connector_id, True)
        if kind is ResetKind.IMMEDIATE:
            for connector_id in running:
                self.station.technician_stop(connector_id)  # the safe stop comes first
            return "Accepted"
        return "Scheduled"

    def after_reset(self) -> None:
        kind = self._reset
        if kind is not None:
            self._tasks.append(asyncio.create_task(self._restart_when_safe(kind), name="reset"))

    async def _restart_when_safe(self, kind: ResetKind) -> None:
        def safe(station: Station) -> bool:
            phases = [station.session(c.connector_id).phase for c in station.snapshot.connectors]
            if kind is ResetKind.IMMEDIATE:
                return all(phase in _SAFE for phase in phases)  # the chargers are off
            return not station.running_connectors()

        while True:
            with contextlib.suppress(TimeoutError):
                await self.station.wait_for(safe, 3600)
                break
        await self._flush()
        if self._restart is not None:
            self._restart()

    def set_display_message(self, info: JsonObject) -> str:
        connectors = [view.connector_id for view in self.station.snapshot.connectors]
        transaction_id = info.get("transactionId")
        known = transaction_id is not None and self.station.find_session(transaction_id) is not None
        status, message = parse_message_info(info, evse_ids=connectors, known_transaction=known)
        if message is not None:
            status = self.display.set(message, self.station.clock.now_ms())
        if status == "Accepted":
            self.station.set_display_messages(self.display.messages)
        log.info("OCPP display message %s: %s", info.get("id"), status)
        return status

    def display_messages(
        self, ids: list[int] | None, priority: str | None, state: str | None
    ) -> list[JsonObject]:
        found = self.display.find(
            self.station.clock.now_ms(), ids=ids, priority=priority, state=state
        )
        return [message.to_json() for message in found]

    def clear_display_message(self, message_id: int) -> str:
        status = self.display.clear(message_id, self.station.clock.now_ms())
        self.station.set_display_messages(self.display.messages)
        return status

    def trigger_status(self) -> None:
        self.link.resend_all_status()
