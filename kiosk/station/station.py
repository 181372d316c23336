"""``Station``: one session runner per connector, the background settlement queue, snapshots.

The controller of PRODUCT.md §2-§4 (ADR 0008). Build it with ``kiosk.app.build_station`` (or
directly from ``StationInfo`` + ``ConnectorSetup`` s + a ``Ledger`` + a ``PaymentGateway``),
``await start()`` it, and ``await aclose()`` it. It implements
``kiosk.station.snapshot.StationControl``:
every command only queues an event and returns; the runners do the work in their tasks.

* Boot: every unfinished session of the ledger is restored and sent ``Rebooted`` first, on
  its connector or in the settlement queue (``boot_recovery``).
* A session whose settlement waits for a retry (``is_queued_settlement``) moves to the
  background queue at once (``settlement_queue``); its connector (``connector``) gets a
  fresh session, showing "Done" until dismissed, and its car may leave. When the payment
  service answers again, queued sessions are told to retry now.
* No new payment starts while the payment service is unreachable (``payment_available``).
* A snapshot is published after every step and every charger reading, if it changed
  (``snapshot_publisher``), and when the station starts or stops being able to write its
  records (``storage_watch``, checked every ``STORAGE_CHECK_S``; charging and Stop never wait
  for it).
Errors: none escape the commands; ``start`` raises the ledger's ``LedgerError``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Literal

from kiosk.core.display_messages import DisplayMessage, next_change_ms
from kiosk.core.events import (
    BudgetChosen,
    CancelTapped,
    ConnectorTapped,
    Event,
    StopRequested,
    StopSource,
)
from kiosk.core.ports import Ledger, PaymentGateway
from kiosk.core.state import TERMINAL_PHASES, Phase, SessionState, free_connector, idle_state
from kiosk.hardware.reading import DeviceReading
from kiosk.payments.settings import receipt_url
from kiosk.station.boot_recovery import restore_sessions
from kiosk.station.clock import SystemClock, WallClock
from kiosk.station.connector import (
    FREE_PHASES,
    ConnectorSlot,
    connector_number,
    reading_event,
)
from kiosk.station.connector_display import SessionLink
from kiosk.station.lanes import LaneFocus
from kiosk.station.payment_effects import PaymentEffects
from kiosk.station.session_runner import SessionRunner
from kiosk.station.settlement_queue import SettlementQueue, retry_now
from kiosk.station.setup import ConnectorSetup, StationInfo
from kiosk.station.site_power import SitePower
from kiosk.station.snapshot import (
    PhoneStart,
    PhoneStartResult,
    Screen,
    SnapshotCallback,
    StationSnapshot,
    StorageFault,
)
from kiosk.station.snapshot_publisher import SnapshotPublisher, station_snapshot
from kiosk.station.storage_watch import WatchedLedger
from kiosk.tasks import cancel_and_wait

log = logging.getLogger(__name__)

STORAGE_CHECK_S = 0.1
PRICE_CHECK_S = 20.0
"""How often the screens' price now and next change are brought up to date."""

Closer = Callable[[], Awaitable[None]]
OrderLink = Callable[[str, str], Awaitable[None]]
"""``(payment reference, session page URL)``: link the page in the driver's app."""
CLAIM_MS = 5_000
"""How long a phone's start holds its connector before the runner has taken it up."""
REMEMBERED_SESSIONS = 200
"""Final states of finished sessions kept for the session pages (the ledger has the rest)."""
_STOPPABLE = frozenset({Phase.CHARGING, Phase.CAR_PAUSED})
_SESSION_ENDS = frozenset({Phase.DONE, Phase.ENDED, Phase.ATTENTION})


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
        site_power: SitePower | None = None,
    ) -> None:
        self.info = info
        self.clock: WallClock = clock or SystemClock()
        self.ledger = ledger
        self.storage = WatchedLedger(ledger)
        self.payment_effects = PaymentEffects(
            gateway, self.storage, self.clock, self._availability_changed
        )
        self._storage_fault: StorageFault | None = None
        self._probe_interval_s = probe_interval_s
        self._closers = list(closers)
        self.site_power = site_power
        if site_power is not None:
            site_power.on_sharing = self._sharing_changed
            site_power.on_available = self._available_changed
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots: dict[int, ConnectorSlot] = {}
        for setup in connectors:
            state = idle_state(str(setup.number), setup.policy)
            self._slots[setup.number] = ConnectorSlot(setup, self._runner(state, setup))
        self.queue = SettlementQueue(self._spawn)
        self._lanes = LaneFocus(info.default_language, return_ms=info.lane_return_ms)
        self._finished: collections.OrderedDict[str, SessionState] = collections.OrderedDict()
        self._session_link: SessionLink | None = None
        self._terms_url: str | None = None
        self._on_authorized: OrderLink | None = None
        self._linked: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._display_messages: tuple[DisplayMessage, ...] = ()
        self._display_changed = asyncio.Event()
        self._view = SnapshotPublisher(self._build_snapshot())
        self._step_observers: list[Callable[[SessionState], None]] = []
        self._started = False
        self._closed = False

    # --- lifecycle -----------------------------------------------------------------------

    def _runner(self, state: SessionState, setup: ConnectorSetup | None) -> SessionRunner:
        return SessionRunner(
            state,
            ledger=self.storage,
            payment_effects=self.payment_effects,
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
        restore_sessions(restored, self._slots, self.queue, self._runner, self.clock.now_ms())
        for runner in self._runners():
            runner.start()
        for number, slot in self._slots.items():
            slot.unsubscribe = slot.setup.feed.subscribe(self._reading_handler(number))
            await slot.setup.feed.start()
        if self.site_power is not None:
            await self.site_power.start()
        self._spawn(self.payment_effects.watch(self._probe_interval_s), "payment service watch")
        self._spawn(self._watch_storage(), "storage watch")
        self._spawn(self._watch_display_messages(), "display message watch")
        if self.info.plan is not None:
            self._spawn(self._watch_prices(), "price watch")
        self._publish()

    async def _watch_storage(self) -> None:
        while True:
            fault = self.storage.fault()
            if fault != self._storage_fault:
                self._storage_fault = fault
                if fault is None:
                    log.warning("records are written again")
                else:
                    log.error("cannot write records (%s): charging and Stop go on", fault.value)
                self._publish()
            await asyncio.sleep(STORAGE_CHECK_S)

    async def _watch_prices(self) -> None:
        """Prices that change by the hour: the screens' "price now, next change" and the
        spot feed's state follow without waiting for another event (the feed logs itself)."""
        while True:
            self._publish()
            await asyncio.sleep(PRICE_CHECK_S)

    async def _watch_display_messages(self) -> None:
        """The idle screen's operator messages appear and vanish at their start and end."""
        while True:
            self._display_changed.clear()
            now_ms = self.clock.now_ms()
            due_ms = next_change_ms(self._display_messages, now_ms)
            wait_s = None if due_ms is None else max(0.05, (due_ms - now_ms) / 1000 + 0.01)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait_s):
                    await self._display_changed.wait()
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
        if self.site_power is not None:
            await self.site_power.aclose()
        cancelled = False
        try:
            # cancelled again until they end (3.11's wait_for can swallow one cancel)
            await cancel_and_wait(list(self._tasks))
        except asyncio.CancelledError:
            cancelled = True  # the close goes on; the caller's cancel is raised at its end
        for runner in self._runners_to_close():
            await runner.aclose()
        for slot in self._slots.values():
            await slot.setup.feed.aclose()
        for closer in reversed(self._closers):
            try:
                await closer()
            except Exception:
                log.exception("closing %r failed", closer)
        if cancelled:
            raise asyncio.CancelledError

    async def __aenter__(self) -> Station:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def _runners(self) -> list[SessionRunner]:
        return [slot.runner for slot in self._slots.values()] + list(self.queue.runners)

    def _runners_to_close(self) -> list[SessionRunner]:
        return self._runners() + list(self.queue.closing)

    def _spawn(self, coro: Awaitable[None], name: str) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- facts ---------------------------------------------------------------------------

    @property
    def snapshot(self) -> StationSnapshot:
        return self._view.current

    @property
    def storage_fault(self) -> StorageFault | None:
        """Why the station cannot write its records now (None: it can)."""
        return self._storage_fault

    @property
    def payment_available(self) -> bool:
        return self.payment_effects.available

    @property
    def background(self) -> list[SessionRunner]:
        """The runners of the settlement queue."""
        return self.queue.runners

    @property
    def recently_settled(self) -> collections.deque[SessionState]:
        """Final states of queued settlements that completed (newest last)."""
        return self.queue.recently_settled

    def session(self, connector_id: int) -> SessionState:
        """The core state of the session on ``connector_id`` (the live one, not the queue)."""
        return self._slots[connector_id].runner.state

    def runner(self, connector_id: int) -> SessionRunner:
        return self._slots[connector_id].runner

    def settlement_queue(self) -> list[SessionState]:
        """Sessions settling in the background (payment service unreachable)."""
        return self.queue.states()

    def subscribe(self, callback: SnapshotCallback) -> Callable[[], None]:
        return self._view.subscribe(callback)

    def observe_steps(self, callback: Callable[[SessionState], None]) -> Callable[[], None]:
        """Call ``callback`` with a session's state after every step it takes (live connectors
        and the settlement queue alike); returns a function that unsubscribes. A failing
        observer is logged, never raised into the runner."""
        self._step_observers.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._step_observers.remove(callback)

        return unsubscribe

    def running_connectors(self) -> list[int]:
        """Connectors whose session has not finished (a payment, a charge or its settlement)."""
        return [
            number
            for number, slot in self._slots.items()
            if slot.runner.state.phase not in FREE_PHASES | TERMINAL_PHASES
        ]

    def find_session(self, session_id: str) -> tuple[int | None, SessionState] | None:
        """``(connector number or None when settling in the background, state)`` of a session
        this station still knows (live, queued, or finished recently); None otherwise."""
        for number, slot in self._slots.items():
            if slot.runner.state.session_id == session_id:
                return number, slot.runner.state
        for state in self.queue.states():
            if state.session_id == session_id:
                return None, state
        for state in self.recently_settled:
            if state.session_id == session_id:
                return None, state
        finished = self._finished.get(session_id)
        return (None, finished) if finished is not None else None

    async def wait_for(self, predicate: Callable[[Station], bool], timeout_s: float) -> None:
        """Wait until ``predicate(self)`` holds (checked after every step)."""
        await self._view.wait_for(lambda: predicate(self), timeout_s)

    # --- StationControl ------------------------------------------------------------------

    def select_connector(self, connector_id: int) -> None:
        slot = self._slots.get(connector_id)
        if slot is None:
            return
        self._lanes.enter(connector_id, self.clock.now_ms())
        if slot.runner.state.phase in FREE_PHASES and self._may_start(slot):
            slot.held = None
            slot.runner.post(ConnectorTapped(self.clock.now_ms()))
        self._publish()

    def show_overview(self) -> None:
        self._lanes.leave()
        self._publish()

    def touched(self) -> None:
        self._lanes.touched(self.clock.now_ms())

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
            self._budget_chosen(
                self.clock.now_ms(), session_id, amount_ore, phone_number=phone_number
            )
        )

    def cancel(self, connector_id: int) -> None:
        self._post(connector_id, CancelTapped(self.clock.now_ms()))

    # --- the driver's phone ---------------------------------------------------------------

    def set_phone_pages(
        self,
        session_link: SessionLink,
        terms_url: str,
        on_authorized: OrderLink | None = None,
    ) -> None:
        """The phone pages are served: snapshots link each session's page (the "follow on
        your phone" and receipt codes) and the terms page; ``on_authorized(reference, url)``
        runs once per session as soon as its payment is authorized (the app's order link)."""
        self._session_link = session_link
        self._terms_url = terms_url
        self._on_authorized = on_authorized
        self._publish()

    def receipt_url(self, session_id: str) -> str | None:
        """The link a settled session's receipt carries (``[vipps] receipt_url_template``),
        else its session page when the phone pages are served; None without either."""
        template = self.info.receipt_url_template
        if template is None and self._session_link is not None:
            return self._session_link(session_id)
        return receipt_url(template, session_id)

    def start_from_phone(
        self, connector_id: int, amount_ore: int, return_url: Callable[[str], str]
    ) -> PhoneStart:
        """A phone asks to pay ``amount_ore`` on ``connector_id`` (``userFlow: WEB_REDIRECT``,
        back to ``return_url(session_id)``). Decided at once, on the loop: of two phones
        racing for one connector the first wins and the second hears ``BUSY``; a connector
        with any session (from the screen or a phone) is ``BUSY``."""
        slot = self._slots.get(connector_id)
        if slot is None:
            return PhoneStart(PhoneStartResult.UNKNOWN_CONNECTOR)
        if not self.info.accepts_budget(amount_ore):
            return PhoneStart(PhoneStartResult.BAD_AMOUNT)
        now_ms = self.clock.now_ms()
        if self._claimed(slot, now_ms) or slot.runner.state.phase not in FREE_PHASES:
            return PhoneStart(PhoneStartResult.BUSY)
        view = slot.view(slot.runner.state, now_ms, None)
        if view.screen in (Screen.OUT_OF_ORDER, Screen.FAULT):
            return PhoneStart(PhoneStartResult.OUT_OF_ORDER)
        if view.screen is Screen.TEST_CHARGE:
            return PhoneStart(PhoneStartResult.BUSY)
        if not self.payment_effects.available:
            return PhoneStart(PhoneStartResult.PAYMENT_UNAVAILABLE)
        session_id = uuid.uuid4().hex[:24]
        slot.claimed_until_ms = now_ms + CLAIM_MS
        slot.held = None
        slot.runner.post(ConnectorTapped(now_ms))
        slot.runner.post(
            self._budget_chosen(now_ms, session_id, amount_ore, return_url=return_url(session_id))
        )
        log.info("connector %s: payment started from a phone", connector_id)
        return PhoneStart(PhoneStartResult.STARTED, session_id)

    def stop_from_phone(self, session_id: str) -> bool:
        """The session page's confirmed Stop: the same stop as the screen's (a reservation
        still waiting for the cable is cancelled instead). False when that session is not
        running on a connector."""
        for number, slot in self._slots.items():
            state = slot.runner.state
            if state.session_id != session_id:
                continue
            now_ms = self.clock.now_ms()
            if state.phase in _STOPPABLE:
                slot.runner.post(StopRequested(now_ms, StopSource.PHONE))
                log.info("connector %s: stopped from a phone", number)
                return True
            if state.phase is Phase.WAITING_FOR_PLUG:
                slot.runner.post(CancelTapped(now_ms))
                return True
            return False
        return False

    def stop(self, connector_id: int) -> None:
        self._post(connector_id, StopRequested(self.clock.now_ms(), StopSource.DRIVER))

    def dismiss(self, connector_id: int) -> None:
        slot = self._slots.get(connector_id)
        if slot is None:
            return
        slot.held = None
        if slot.runner.state.phase in TERMINAL_PHASES:
            slot.runner.post(CancelTapped(self.clock.now_ms()))
        self._end_focus(connector_id)
        self._publish()

    def set_language(self, code: str) -> None:
        if code in self.info.languages:
            self._lanes.choose_language(code)
            self._publish()

    # --- service-mode hooks --------------------------------------------------------------

    def set_out_of_order(self, connector_id: int, out_of_order: bool) -> None:
        """A technician's switch: no new session starts on this connector."""
        self._slots[connector_id].out_of_order = out_of_order
        self._publish()

    def set_display_messages(self, messages: tuple[DisplayMessage, ...]) -> None:
        """The operator's messages (OCPP): the idle screen shows those active now."""
        self._display_messages = messages
        self._display_changed.set()
        self._publish()

    def set_test_charge(self, connector_id: int, running: bool) -> None:
        """A technician's test charge (no payment) runs on this connector: its screen says so
        and no session starts on it, whatever the out-of-order switch says."""
        self._slots[connector_id].test_charge = running
        self._publish()

    def technician_stop(self, connector_id: int) -> None:
        self._post(connector_id, StopRequested(self.clock.now_ms(), StopSource.TECHNICIAN))

    def station_stop(self, connector_id: int) -> None:
        """The station's own stop input fired."""
        self._post(connector_id, StopRequested(self.clock.now_ms(), StopSource.STATION_INPUT))

    def retry_settlement(self, session_id: str) -> bool:
        """Send a queued settlement's current step again now; False if there is none."""
        return retry_now(self._runners(), self.clock.now_ms(), session_id)

    def poke_payment(self, reference: str) -> None:
        """A webhook named this payment: poll it now."""
        for runner in self._runners():
            if runner.state.reference == reference:
                runner.poll_payment()

    # --- internals -----------------------------------------------------------------------

    def _may_start(self, slot: ConnectorSlot) -> bool:
        claimed = self._claimed(slot, self.clock.now_ms())
        return (
            self.payment_effects.available
            and not slot.out_of_order
            and not slot.test_charge
            and not claimed
        )

    def _claimed(self, slot: ConnectorSlot, now_ms: int) -> bool:
        """A phone's start is posted to ``slot`` and its runner has not taken it up yet."""
        return now_ms < slot.claimed_until_ms and slot.runner.state.session_id is None

    def _budget_chosen(
        self,
        now_ms: int,
        session_id: str,
        amount_ore: int,
        *,
        phone_number: str | None = None,
        return_url: str | None = None,
    ) -> BudgetChosen:
        """A new session's payment for ``amount_ore`` at the prices in force now (from the
        screen, a push to ``phone_number``, or a phone returning to ``return_url``)."""
        return BudgetChosen(
            now_ms,
            session_id=session_id,
            reference=f"ls-{session_id}",
            budget_ore=amount_ore,
            tariff=self.info.tariff_at(now_ms),
            phone_number=phone_number,
            return_url=return_url,
        )

    def _post(self, connector_id: int, event: Event) -> None:
        slot = self._slots.get(connector_id)
        if slot is not None:
            slot.runner.post(event)

    def _end_focus(self, connector_id: int) -> None:
        """``connector_id``'s session is over: its lane leaves the screen if it had it, and
        the next driver there starts in the station's default language."""
        self._lanes.session_over(connector_id)

    def _reading_handler(self, number: int) -> Callable[[DeviceReading], None]:
        epochs = [0]

        def handle(snapshot: DeviceReading) -> None:
            slot = self._slots[number]
            if slot.observe(snapshot):
                log.warning("connector %d: the station's stop input was pressed", number)
                self.station_stop(number)
            if snapshot.online and snapshot.energy_epoch != epochs[0]:
                epochs[0] = snapshot.energy_epoch
                log.warning(
                    "connector %d: energy meter %s at %s Wh (epoch %d): billing re-baselined;"
                    " check the meter",
                    number,
                    snapshot.energy_note or "counter moved",
                    snapshot.energy_wh,
                    snapshot.energy_epoch,
                )
            held = self.site_power is not None and self.site_power.holds(number)
            slot.runner.post(reading_event(snapshot, self.clock.now_ms(), held=held))

        return handle

    def _on_step(self, runner: SessionRunner, event: Event) -> None:
        slot = self._slots.get(connector_number(runner.connector_id))
        state = runner.state
        for observer in list(self._step_observers):
            try:
                observer(state)
            except Exception:
                log.exception("step observer failed")
        self._link_order(state)
        if slot is not None and slot.runner is runner and state.session_id is not None:
            slot.claimed_until_ms = 0  # the runner took the phone's start: the claim is done
        if state.session_id is not None and state.phase in _SESSION_ENDS:
            self._finished[state.session_id] = state
            self._finished.move_to_end(state.session_id)
            while len(self._finished) > REMEMBERED_SESSIONS:
                self._finished.popitem(last=False)
        if slot is not None and slot.runner is runner:
            if state.is_queued_settlement:
                self._detach(slot)
            elif (
                state.phase in FREE_PHASES
                and slot.last_phase not in FREE_PHASES
                and slot.held is None
            ):
                self._end_focus(slot.number)  # the session is over: back to the tiles
            slot.last_phase = slot.runner.state.phase
        else:
            for held in self._slots.values():
                held.follow_held(
                    state, self.clock.now_ms(), self.info.receipt_url_template, self._session_link
                )
            self.queue.finish_if_settled(runner)
        self._publish()

    def _link_order(self, state: SessionState) -> None:
        """Once per session, when its payment is authorized: link its page in the app."""
        hook, link = self._on_authorized, self._session_link
        session_id, reference = state.session_id, state.reference
        if hook is None or link is None or session_id is None or reference is None:
            return
        if not state.authorized_ore or state.phase in _SESSION_ENDS or session_id in self._linked:
            return
        self._linked[session_id] = None
        while len(self._linked) > REMEMBERED_SESSIONS:
            self._linked.popitem(last=False)
        self._spawn(hook(reference, link(session_id)), f"order link {session_id}")

    def _detach(self, slot: ConnectorSlot) -> None:
        """Move the live session to the background queue; the connector starts afresh."""
        old = slot.runner
        slot.hold_done_screen(
            old.state, self.clock.now_ms(), self.info.receipt_url_template, self._session_link
        )
        old.detach()
        self.queue.add(old)
        slot.runner = self._runner(free_connector(old.state), slot.setup)
        slot.runner.start()
        log.info(
            "session %s: settlement queued, connector %s free", old.state.session_id, slot.number
        )

    def _sharing_changed(self, sharing_w: Mapping[int, int]) -> None:
        """Site power limits these connectors to these powers now (the why line says so)."""
        self._set_watts("sharing_w", sharing_w)

    def _available_changed(self, available_w: Mapping[int, int]) -> None:
        """A car starting now on these connectors would get only this power (the budget
        screen's and the phone page's "≈ kWh" and "sharing power")."""
        self._set_watts("available_w", available_w)

    def _set_watts(
        self, field: Literal["sharing_w", "available_w"], watts: Mapping[int, int]
    ) -> None:
        """Each slot's ``field`` from ``watts`` (None where absent); publish if one changed."""
        changed = False
        for number, slot in self._slots.items():
            value = watts.get(number)
            if getattr(slot, field) != value:
                setattr(slot, field, value)
                changed = True
        if changed:
            self._publish()

    def _availability_changed(self, available: bool) -> None:
        if available:
            retry_now(self._runners(), self.clock.now_ms())  # the core sends the same step again
        self._publish()

    def _build_snapshot(self) -> StationSnapshot:
        return station_snapshot(
            self.info,
            self._slots.values(),
            now_ms=self.clock.now_ms(),
            language=self._lanes.language,
            focus=self._lanes.focus,
            payment_available=self.payment_effects.available,
            storage_fault=self._storage_fault,
            session_link=self._session_link,
            terms_url=self._terms_url,
            display_messages=self._display_messages,
        )

    def _publish(self) -> None:
        snapshot = self._build_snapshot()
        lane = self._lanes.focus
        focused = snapshot.connector(lane) if lane is not None else None
        if focused is not None and self._lanes.expire(focused.screen, self.clock.now_ms()):
            snapshot = self._build_snapshot()  # untouched and needing nothing: the overview
        self._view.publish(snapshot)
