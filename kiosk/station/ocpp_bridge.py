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
stops them safely first (``Immediate``) and then calls ``restart``. Remote starts are refused
(a session needs a payment), unless the bridge was given ``test_charges`` (``[ocpp]
allow_remote_test_charge``) and the idToken is the CSMS's own (``Central``/``NoAuthorization``)
and the EVSE is free and in order: then the EVSE shows ``TEST_CHARGE`` (no driver starts on it)
and runs a technician's test charge (no payment), reported as a transaction (``RemoteStart``,
``Updated`` at the meter interval, ``Ended``). It ends on RequestStopTransaction (``Remote``),
when the car leaves, after ``test_idle_s`` without power, or when the bridge closes (the charger
is stopped first). Display messages are checked and kept by ``kiosk.core.display_messages``
and shown on the idle screen (``Station.set_display_messages``). Raises nothing into the
station.

Closing cancels the bridge's and the link's tasks until they have ended
(``kiosk.station.cancelling``): on Python 3.11 one cancel can be swallowed by an
``asyncio.wait_for`` whose answer arrives with it, and awaiting such a task hung the close for
ever.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.core.central_system import (
    REMOTE_TEST_TOKEN_TYPES,
    CentralSystemLink,
    ConnectorStatus,
    JsonObject,
    RemoteTestEnd,
    ResetKind,
    TrackedTransaction,
    remote_test_end,
    resume_tracking,
    settlement_notice,
    technician_charge_event,
    track_session,
)
from kiosk.core.display_messages import MessageBoard, parse_message_info
from kiosk.core.state import Phase, SessionState
from kiosk.hardware.reading import DeviceReading
from kiosk.station.connector import connector_number, iec_state
from kiosk.station.snapshot import ConnectorSnapshot, Screen, StationSnapshot
from kiosk.station.station import Station
from kiosk.tasks import cancel_and_wait

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
    Screen.TEST_CHARGE: ConnectorStatus.OCCUPIED,
    Screen.STARTING: ConnectorStatus.UNAVAILABLE,
    Screen.FAULT: ConnectorStatus.FAULTED,
}
_NOTIFIED_KEPT = 500
"""Sessions whose NotifySettlement was handed to the link (each is sent once)."""
_FREE = frozenset({Screen.IDLE, Screen.CAR_CONNECTED})  # no session, in order
_TEST_TICK_S = 0.5  # how often a remote test charge's watcher reads the charger
_TEST_POWER_W = 100  # less than this: the car draws nothing (the idle timeout runs)
_TEST_TASK = "ocpp test charge"
DEFAULT_TEST_IDLE_S = 300
_STOPPABLE = frozenset({Phase.CHARGING, Phase.CAR_PAUSED, Phase.WAITING_FOR_PLUG})
_SAFE = frozenset(
    {Phase.IDLE, Phase.CAR_CONNECTED, Phase.SETTLING, Phase.DONE, Phase.ENDED, Phase.ATTENTION}
)


class ChargeResult(Protocol):
    @property
    def ok(self) -> bool: ...

    @property
    def params(self) -> Mapping[str, str]: ...


class TestCharges(Protocol):
    """A technician's test charges (``kiosk.service.technician_charge.TechnicianCharges``)."""

    def reading(self, connector_id: int) -> DeviceReading | None: ...

    async def start(self, connector_id: int, *, out_of_order: bool) -> ChargeResult: ...

    async def stop(self, connector_id: int) -> ChargeResult: ...


@dataclass(slots=True)
class _RemoteTest:
    evse_id: int
    remote_start_id: int
    id_token: JsonObject
    transaction_id: str | None = None
    next_seq_no: int = 0
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    """Set by a RequestStopTransaction: the watcher stops the charger at once."""


def _plugged(reading: DeviceReading | None) -> bool | None:
    """A car on the charger (IEC state B, C or D); None: not known."""
    iec = iec_state(reading) if reading is not None and reading.online else None
    return iec.plugged if iec is not None else None


def connector_status(view: ConnectorSnapshot) -> ConnectorStatus:
    """The OCPP status of what a connector shows: free (Available), held for a paying driver
    (Reserved: paying, or paid and waiting for the cable), a car or its session on it
    (Occupied), no sessions possible (Unavailable), the charger failing (Faulted)."""
    return _STATUS[view.screen]


class OcppBridge:
    def __init__(
        self,
        station: Station,
        *,
        restart: Callable[[], None] | None = None,
        test_charges: TestCharges | None = None,
        test_idle_s: int = DEFAULT_TEST_IDLE_S,
    ) -> None:
        self.station = station
        self._test_charges = test_charges
        self._test_idle_s = test_idle_s
        self._remote_tests: dict[int, _RemoteTest] = {}
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
        self._closing = False

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
        await self._end_tests()
        await self._flush()
        await cancel_and_wait(self._tasks)
        self._tasks.clear()
        await self.link.aclose()

    async def _end_tests(self, timeout_s: float = 10) -> None:
        """Stop running test charges (the chargers off, ``Ended`` stored) before closing."""
        self._closing = True
        running = [task for task in self._tasks if task.get_name() == _TEST_TASK]
        for test in self._remote_tests.values():
            test.stop.set()
        if running:
            await asyncio.wait(running, timeout=timeout_s)

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
        for test in self._remote_tests.values():
            if test.transaction_id == transaction_id and not test.stop.is_set():
                test.stop.set()  # the watcher stops the charger now
                return True
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

    def remote_start(self, evse_id: int | None, id_token: JsonObject, remote_start_id: int) -> bool:
        if self._test_charges is None or self._closing:
            log.info("OCPP remote start refused: a session needs a payment")
            return False
        if id_token.get("type") not in REMOTE_TEST_TOKEN_TYPES:
            log.info("OCPP remote test charge refused: idToken type %s", id_token.get("type"))
            return False
        views = {view.connector_id: view for view in self.station.snapshot.connectors}
        view = views.get(evse_id) if evse_id is not None else None
        if (
            evse_id is None
            or view is None
            or view.screen not in _FREE
            or evse_id in self._remote_tests
            or self.station.session(evse_id).phase not in {Phase.IDLE, Phase.CAR_CONNECTED}
        ):
            log.info("OCPP remote test charge refused: EVSE %s is not free", evse_id)
            return False
        self.station.set_test_charge(evse_id, True)  # shown as such; no driver starts meanwhile
        test = _RemoteTest(evse_id, remote_start_id, id_token)
        self._remote_tests[evse_id] = test
        self._tasks.append(asyncio.create_task(self._run_test(test), name=_TEST_TASK))
        log.info("OCPP remote start: test charge on EVSE %d (no payment)", evse_id)
        return True

    async def _run_test(self, test: _RemoteTest) -> None:
        """Start the test charge, report it, and stop it when asked (RequestStopTransaction),
        when the car leaves, after the idle timeout, or when the station closes."""
        charges = self._test_charges
        assert charges is not None
        try:
            result = await charges.start(test.evse_id, out_of_order=True)
            if not result.ok:
                log.warning("OCPP test charge on EVSE %d failed: %s", test.evse_id, result.params)
                return
            test.transaction_id = result.params["session"]
            self._test_event("Started", test)
            end = RemoteTestEnd.SHUTDOWN
            try:
                end = await self._watch_test(test, charges)
            finally:
                await charges.stop(test.evse_id)  # the charger is told at once
                self._test_event("Ended", test, end)
                log.info("OCPP test charge on EVSE %d ended: %s", test.evse_id, end.name)
        except Exception:
            log.exception("OCPP test charge on EVSE %d failed", test.evse_id)
        finally:
            self._remote_tests.pop(test.evse_id, None)
            self.station.set_test_charge(test.evse_id, False)

    async def _watch_test(self, test: _RemoteTest, charges: TestCharges) -> RemoteTestEnd:
        clock = self.station.clock
        car_seen = _plugged(charges.reading(test.evse_id)) is True  # plugged before the start
        idle_since_ms: int | None = clock.now_ms()
        last_meter_ms = clock.now_ms()
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(_TEST_TICK_S):
                    await test.stop.wait()
            if test.stop.is_set():
                return RemoteTestEnd.SHUTDOWN if self._closing else RemoteTestEnd.REMOTE
            now_ms = clock.now_ms()
            reading = charges.reading(test.evse_id)
            online = reading is not None and reading.online
            plugged = _plugged(reading)
            car_seen = car_seen or plugged is True
            power_w = reading.power_w if reading is not None else None
            if (power_w or 0) >= _TEST_POWER_W:
                idle_since_ms = None
            elif idle_since_ms is None:
                idle_since_ms = now_ms
            end = remote_test_end(
                online=online,
                plugged=plugged,
                car_seen=car_seen,
                idle_since_ms=idle_since_ms,
                now_ms=now_ms,
                idle_timeout_ms=self._test_idle_s * 1000,
            )
            if end is not None:
                return end
            if now_ms - last_meter_ms >= self.link.meter_interval_ms:
                last_meter_ms = now_ms
                self._test_event("Updated", test)

    def _test_event(
        self, event_type: str, test: _RemoteTest, end: RemoteTestEnd | None = None
    ) -> None:
        charges = self._test_charges
        assert charges is not None
        assert test.transaction_id is not None
        reading = charges.reading(test.evse_id)
        event = technician_charge_event(
            event_type,
            test.transaction_id,
            test.evse_id,
            test.next_seq_no,
            self.station.clock.now_ms(),
            reading.energy_wh if reading is not None else None,
            reading.power_w if reading is not None and event_type != "Ended" else None,
            remote_start_id=test.remote_start_id,
            id_token=test.id_token,
            offline=not self.link.connected,
            end=end,
        )
        self._queue.put_nowait(("TransactionEvent", event))
        test.next_seq_no += 1

    def change_availability(self, evse_id: int | None, operative: bool) -> str:
        connectors = [view.connector_id for view in self.station.snapshot.connectors]
        if evse_id is not None:
            if evse_id not in connectors:
                return "Rejected"
            connectors = [evse_id]
        for connector_id in connectors:
            self.station.set_out_of_order(connector_id, not operative)
        # a running session or test charge finishes first; the connector stays out of order after
        running = set(self.station.running_connectors()) | set(self._remote_tests)
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
