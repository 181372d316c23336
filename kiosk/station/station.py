"""``Station``: one session runner per connector, the background settlement queue, snapshots.

The controller of PRODUCT.md §2-§4 (ADR 0008). Build it with ``kiosk.app.build_station`` (or
directly from ``StationInfo`` + ``ConnectorSetup`` s + a ``Ledger`` + a ``PaymentGateway``),
``await start()`` it, and ``await aclose()`` it. It implements ``kiosk.snapshot.StationControl``:
every command only queues an event and returns; the runners do the work in their tasks.

* Boot: every unfinished session of the ledger is restored and sent ``Rebooted`` first (the
  core then GETs the payment and waits for the charger) - on its connector, or, when it was
  already settling, in the background queue.
* A session whose settlement waits for a retry (``is_queued_settlement``) moves to the
  background queue at once; its connector gets a fresh session (showing "Done" until
  dismissed) and its car may leave. Background sessions keep retrying with the core's
  back-off; when the payment service answers again they are told to retry now.
* No new payment starts while the payment service is unreachable (``payment_available``).
* A snapshot is published after every step and every charger reading, if it changed.
Errors: none escape the commands; ``start`` raises the ledger's ``PersistenceError``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence

from kiosk.core.events import (
    BudgetChosen,
    CancelTapped,
    ConnectorTapped,
    Event,
    Rebooted,
    StopRequested,
    StopSource,
)
from kiosk.core.state import Phase, SessionState, free_connector, idle_state
from kiosk.hardware.snapshot import DeviceSnapshot
from kiosk.snapshot import ConnectorSnapshot, Screen, SnapshotCallback, StationSnapshot
from kiosk.station.charger_port import reading_event
from kiosk.station.clock import SystemClock, WallClock
from kiosk.station.display import connector_view
from kiosk.station.ledger import Ledger
from kiosk.station.payment_desk import PaymentDesk
from kiosk.station.payment_gateway import PaymentGateway
from kiosk.station.session_runner import SessionRunner
from kiosk.station.setup import ConnectorSetup, StationInfo

log = logging.getLogger(__name__)

Closer = Callable[[], Awaitable[None]]
_FREE = frozenset({Phase.IDLE, Phase.CAR_CONNECTED})
_DONE = frozenset({Phase.DONE, Phase.ENDED, Phase.ATTENTION})


@dataclasses.dataclass(slots=True)
class _Slot:
    setup: ConnectorSetup
    runner: SessionRunner
    out_of_order: bool = False
    held: ConnectorSnapshot | None = None
    """The "Done" screen of a session that moved to the background queue."""
    held_until_ms: int = 0
    plugged: bool = False
    last_phase: Phase = Phase.IDLE
    unsubscribe: Callable[[], None] | None = None


class Station:
    def __init__(
        self,
        info: StationInfo,
        connectors: Sequence[ConnectorSetup],
        *,
        ledger: Ledger,
        gateway: PaymentGateway,
        clock: WallClock | None = None,
        probe_interval_s: float = 10.0,
        closers: Sequence[Closer] = (),
    ) -> None:
        self.info = info
        self.clock: WallClock = clock or SystemClock()
        self.ledger = ledger
        self.desk = PaymentDesk(gateway, ledger, self.clock, self._availability_changed)
        self._probe_interval_s = probe_interval_s
        self._closers = list(closers)
        self._slots: dict[int, _Slot] = {}
        for setup in connectors:
            state = idle_state(str(setup.number), setup.policy)
            self._slots[setup.number] = _Slot(setup, self._runner(state, setup))
        self.background: list[SessionRunner] = []
        self.recently_settled: collections.deque[SessionState] = collections.deque(maxlen=50)
        """Final states of queued settlements that completed (newest last)."""
        self._subscribers: list[SnapshotCallback] = []
        self._language = info.default_language
        self._focus: int | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._changed = asyncio.Event()
        self._snapshot = self._build_snapshot()
        self._started = False
        self._closed = False

    # --- lifecycle -----------------------------------------------------------------------

    def _runner(self, state: SessionState, setup: ConnectorSetup | None) -> SessionRunner:
        return SessionRunner(
            state,
            ledger=self.ledger,
            desk=self.desk,
            clock=self.clock,
            charger=setup.charger if setup is not None else None,
            on_step=self._on_step,
        )

    async def start(self) -> None:
        """Restore unfinished sessions (each gets ``Rebooted`` first), then run."""
        if self._started:
            return
        self._started = True
        restored = await self.ledger.load_unfinished()
        now_ms = self.clock.now_ms()
        for state in restored:
            slot = self._slots.get(_number(state.connector_id))
            on_connector = (
                slot is not None
                and state.phase is not Phase.SETTLING
                and slot.runner.state.session_id is None
            )
            if slot is not None and on_connector:
                slot.runner = self._runner(state, slot.setup)
                slot.runner.post(Rebooted(now_ms))
            else:
                runner = self._runner(state, None)
                runner.post(Rebooted(now_ms))
                self.background.append(runner)
            log.info("restored session %s in %s", state.session_id, state.phase.value)
        for runner in self._runners():
            runner.start()
        for number, slot in self._slots.items():
            slot.unsubscribe = slot.setup.feed.subscribe(self._reading_handler(number))
            await slot.setup.feed.start()
        self._spawn(self._watch_payment_service(), "payment service watch")
        self._publish()

    async def aclose(self) -> None:
        """Stop everything this station started and close what it was given to own."""
        if self._closed:
            return
        self._closed = True
        for slot in self._slots.values():
            if slot.unsubscribe is not None:
                slot.unsubscribe()
                slot.unsubscribe = None
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for runner in self._runners():
            await runner.aclose()
        for slot in self._slots.values():
            await slot.setup.feed.aclose()
        for closer in reversed(self._closers):
            try:
                await closer()
            except Exception:
                log.exception("closing %r failed", closer)

    async def __aenter__(self) -> Station:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def _runners(self) -> list[SessionRunner]:
        return [slot.runner for slot in self._slots.values()] + list(self.background)

    def _spawn(self, coro: Awaitable[None], name: str) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- facts ---------------------------------------------------------------------------

    @property
    def snapshot(self) -> StationSnapshot:
        return self._snapshot

    @property
    def payment_available(self) -> bool:
        return self.desk.available

    def session(self, connector_id: int) -> SessionState:
        """The core state of the session on ``connector_id`` (the live one, not the queue)."""
        return self._slots[connector_id].runner.state

    def runner(self, connector_id: int) -> SessionRunner:
        return self._slots[connector_id].runner

    def settlement_queue(self) -> list[SessionState]:
        """Sessions settling in the background (payment service unreachable)."""
        return [runner.state for runner in self.background]

    def subscribe(self, callback: SnapshotCallback) -> Callable[[], None]:
        self._subscribers.append(callback)
        callback(self._snapshot)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._subscribers.remove(callback)

        return unsubscribe

    async def wait_for(self, predicate: Callable[[Station], bool], timeout_s: float) -> None:
        """Wait until ``predicate(self)`` holds (checked after every step)."""
        async with asyncio.timeout(timeout_s):
            while not predicate(self):
                await self._changed.wait()

    # --- StationControl ------------------------------------------------------------------

    def select_connector(self, connector_id: int) -> None:
        slot = self._slots.get(connector_id)
        if slot is None:
            return
        self._focus = connector_id
        if slot.runner.state.phase in _FREE and self._may_start(slot):
            slot.held = None
            slot.runner.post(ConnectorTapped(self.clock.now_ms()))
        self._publish()

    def show_overview(self) -> None:
        self._focus = None
        self._publish()

    def choose_budget(
        self, connector_id: int, amount_ore: int, phone_number: str | None = None
    ) -> None:
        slot = self._slots.get(connector_id)
        if slot is None or slot.runner.state.phase is not Phase.CHOOSING_BUDGET:
            return
        if not self._may_start(slot) or not self.info.accepts_budget(amount_ore):
            return
        if phone_number is not None and not self.info.push_payment_allowed:
            return  # the screen offers no phone keypad then; a stray number is not pushed to
        session_id = uuid.uuid4().hex[:24]
        slot.runner.post(
            BudgetChosen(
                self.clock.now_ms(),
                session_id=session_id,
                reference=f"ls-{session_id}",
                budget_ore=amount_ore,
                tariff=self.info.tariff,
                phone_number=phone_number,
            )
        )

    def cancel(self, connector_id: int) -> None:
        self._post(connector_id, CancelTapped(self.clock.now_ms()))

    def stop(self, connector_id: int) -> None:
        self._post(connector_id, StopRequested(self.clock.now_ms(), StopSource.DRIVER))

    def dismiss(self, connector_id: int) -> None:
        slot = self._slots.get(connector_id)
        if slot is None:
            return
        slot.held = None
        if slot.runner.state.phase in _DONE:
            slot.runner.post(CancelTapped(self.clock.now_ms()))
        self._end_focus(connector_id)
        self._publish()

    def set_language(self, code: str) -> None:
        if code in self.info.languages:
            self._language = code
            self._publish()

    # --- service-mode hooks --------------------------------------------------------------

    def set_out_of_order(self, connector_id: int, out_of_order: bool) -> None:
        """A technician's switch: no new session starts on this connector."""
        self._slots[connector_id].out_of_order = out_of_order
        self._publish()

    def technician_stop(self, connector_id: int) -> None:
        self._post(connector_id, StopRequested(self.clock.now_ms(), StopSource.TECHNICIAN))

    def station_stop(self, connector_id: int) -> None:
        """The station's own stop input fired."""
        self._post(connector_id, StopRequested(self.clock.now_ms(), StopSource.STATION_INPUT))

    def retry_settlement(self, session_id: str) -> bool:
        """Send a queued settlement's current step again now; False if there is none."""
        for runner in self._runners():
            state = runner.state
            if state.session_id == session_id and state.is_queued_settlement:
                runner.post(Rebooted(self.clock.now_ms()))
                return True
        return False

    def poke_payment(self, reference: str) -> None:
        """A webhook named this payment: poll it now."""
        for runner in self._runners():
            if runner.state.reference == reference:
                runner.poll_payment()

    # --- internals -----------------------------------------------------------------------

    def _may_start(self, slot: _Slot) -> bool:
        return self.desk.available and not slot.out_of_order

    def _post(self, connector_id: int, event: Event) -> None:
        slot = self._slots.get(connector_id)
        if slot is not None:
            slot.runner.post(event)

    def _end_focus(self, connector_id: int) -> None:
        if self._focus == connector_id:
            self._focus = None
            self._language = self.info.default_language

    def _reading_handler(self, number: int) -> Callable[[DeviceSnapshot], None]:
        def handle(snapshot: DeviceSnapshot) -> None:
            slot = self._slots[number]
            event = reading_event(snapshot, self.clock.now_ms())
            plugged = snapshot.online and snapshot.state in ("B", "C", "D")
            if slot.plugged and snapshot.online and not plugged:
                slot.held = None  # the car left: the held "Done" screen goes too
            slot.plugged = plugged if snapshot.online else slot.plugged
            slot.runner.post(event)

        return handle

    def _on_step(self, runner: SessionRunner, event: Event) -> None:
        slot = self._slots.get(_number(runner.connector_id))
        state = runner.state
        if slot is not None and slot.runner is runner:
            if state.is_queued_settlement:
                self._detach(slot)
            elif state.phase in _FREE and slot.last_phase not in _FREE and slot.held is None:
                self._end_focus(slot.setup.number)  # the session is over: back to the tiles
            slot.last_phase = slot.runner.state.phase
        elif runner in self.background and state.phase in _DONE:
            self.background.remove(runner)
            self.recently_settled.append(state)
            self._spawn(runner.aclose(), "close settled session")
            log.info("queued session %s settled (%s)", state.session_id, state.phase.value)
        self._publish()

    def _detach(self, slot: _Slot) -> None:
        """Move the live session to the background queue; the connector starts afresh."""
        old = slot.runner
        now_ms = self.clock.now_ms()
        slot.held = dataclasses.replace(
            self._view(slot, old.state, now_ms), screen=Screen.DONE, deadline_s=None
        )
        slot.held_until_ms = now_ms + old.state.policy.done_timeout_ms
        old.detach()
        self.background.append(old)
        fresh = free_connector(old.state)
        slot.runner = self._runner(fresh, slot.setup)
        slot.runner.start()
        log.info(
            "session %s: settlement queued, connector %s free",
            old.state.session_id,
            slot.setup.number,
        )

    def _availability_changed(self, available: bool) -> None:
        if available:
            now_ms = self.clock.now_ms()
            for runner in self._runners():
                if runner.state.is_queued_settlement:
                    runner.post(Rebooted(now_ms))  # the core sends the same step again
        self._publish()

    async def _watch_payment_service(self) -> None:
        await self.desk.check()
        while True:
            await asyncio.sleep(self._probe_interval_s)
            if not self.desk.available:
                await self.desk.check()

    def _view(self, slot: _Slot, state: SessionState, now_ms: int) -> ConnectorSnapshot:
        return connector_view(
            state,
            connector_id=slot.setup.number,
            name=slot.setup.name,
            now_ms=now_ms,
            out_of_order=slot.out_of_order,
            receipt_url_template=self.info.receipt_url_template,
        )

    def _build_snapshot(self) -> StationSnapshot:
        now_ms = self.clock.now_ms()
        connectors = []
        for slot in self._slots.values():
            view = self._view(slot, slot.runner.state, now_ms)
            if (
                slot.held is not None
                and now_ms < slot.held_until_ms
                and view.screen
                in (
                    Screen.IDLE,
                    Screen.CAR_CONNECTED,
                    Screen.PAYMENT_UNAVAILABLE,
                )
            ):
                view = slot.held
            elif view.screen in (Screen.IDLE, Screen.CAR_CONNECTED) and not self.desk.available:
                view = dataclasses.replace(view, screen=Screen.PAYMENT_UNAVAILABLE)
            connectors.append(view)
        return StationSnapshot(
            station_name=self.info.name,
            language=self._language,
            default_language=self.info.default_language,
            languages=self.info.languages,
            tariff=self.info.tariff_display(),
            budget=self.info.budget,
            payment_available=self.desk.available,
            push_payment_allowed=self.info.push_payment_allowed,
            terms_url=self.info.terms_url,
            connectors=tuple(connectors),
            focused_connector_id=self._focus,
        )

    def _publish(self) -> None:
        snapshot = self._build_snapshot()
        if snapshot != self._snapshot:
            self._snapshot = snapshot
            for callback in list(self._subscribers):
                try:
                    callback(snapshot)
                except Exception:
                    log.exception("snapshot subscriber failed")
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()


def _number(connector_id: str) -> int:
    try:
        return int(connector_id)
    except ValueError:
        return -1
