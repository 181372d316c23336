"""Runs one core session: events in, effects out, records written behind, outcomes back in.

A ``SessionRunner`` owns one ``SessionState`` and a queue of events. Its step task takes one
event at a time, asks ``kiosk.core.session.transition`` for the step, adopts the new state at
once and sorts the step's effects (ADR 0014, "safety never waits for storage"):

* safety effects go to the charger at once, each in its own task, before anything is written:
  ``DisableCharger`` and a ``SetCurrent`` that does not raise the current. A stop (driver,
  phone, budget reached, car full, unplug, fault, technician, stop input) never waits for the
  database, nor behind an earlier step's record, nor behind the step's snapshot (the step
  task lets the command's task send its request before it publishes the step);
* ``WakeAt`` schedules a ``Tick`` at once; a heartbeat ``Tick`` also comes every second while a
  session is active (extra ticks are harmless, and they keep countdowns on screen fresh);
* a step holding ``Persist`` is handed to the runner's record task, which commits the steps in
  order (a failed commit is retried every ``COMMIT_RETRY_S``, never skipped);
* write-ahead effects wait until their step's record (and every earlier one) is committed:
  payment effects (create, capture, cancel, receipt; their outcomes come back as events
  through the same queue, and ``PaymentEffects`` records each call before it is sent),
  ``EnableCharger`` and a ``SetCurrent`` that raises the current. A charger enable or raise
  still waiting when a later step stops the charger is dropped: it would undo the stop;
* there is no screen effect: the screen follows from the state (``connector_display``).

A crash between a stop and its record restores the older state at boot; recovery then
decides again from the charger's reading and the payment (the stop is in the charger, not lost).

Every task is owned and cancelled/awaited by ``aclose()``. A runner is *attached* to its
connector (has a charger) or *detached* (a settlement moved to the background queue).
Errors: nothing escapes the tasks; failures are logged and turned into events where the
core expects one.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from kiosk.core.effects import (
    DisableCharger,
    Effect,
    EnableCharger,
    GetPayment,
    Persist,
    SetCurrent,
    WakeAt,
)
from kiosk.core.events import Event, Tick, journal_form
from kiosk.core.ports import Charger, Ledger, LedgerError, PortError
from kiosk.core.session import transition
from kiosk.core.state import Phase, SessionState
from kiosk.station.clock import WallClock
from kiosk.station.payment_effects import (
    PAYMENT_EFFECTS,
    PaymentEffect,
    PaymentEffects,
    failure_event,
)
from kiosk.tasks import cancel_and_wait

log = logging.getLogger(__name__)

HEARTBEAT_MS = 1_000
COMMIT_RETRY_S = 0.5
GETS_PER_WINDOW = 2
GET_WINDOW_MS = 1000
"""At most two GETs of one payment in any second (Vipps allows 120 a minute): the regular
poll plus a webhook's poke go at once, a storm of pokes is held to that rate."""
_QUIET = frozenset({Phase.IDLE, Phase.CAR_CONNECTED})
CLOSE_FLUSH_S = 2.0
"""How long ``aclose`` waits for records not yet written (a locked database must not hold up
a shutdown for ever; what is not written then is decided again by recovery at boot)."""

StepListener = Callable[["SessionRunner", Event], None]
ChargerEffect = SetCurrent | EnableCharger | DisableCharger
_CHARGER_EFFECTS = (SetCurrent, EnableCharger, DisableCharger)


@dataclass(frozen=True, slots=True)
class _Record:
    """One step for the record task: its state and event (``None``: nothing to write, only
    effects that wait behind earlier records) and the effects that run once it is written."""

    state: SessionState | None
    event: Event | None
    after: tuple[Effect, ...]


class SessionRunner:
    def __init__(
        self,
        state: SessionState,
        *,
        ledger: Ledger,
        payment_effects: PaymentEffects,
        clock: WallClock,
        charger: Charger | None,
        on_step: StepListener,
    ) -> None:
        self.state = state
        self.charger = charger
        self._ledger = ledger
        self._payment_effects = payment_effects
        self._clock = clock
        self._on_step = on_step
        self._queue: asyncio.Queue[Event] = asyncio.Queue()
        self._wakes: list[int] = []
        self._wake_changed = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._loops: list[asyncio.Task[None]] = []
        self._get_in_flight = False
        self._recent_gets_ms: deque[int] = deque(maxlen=GETS_PER_WINDOW)
        self._poke_later: asyncio.TimerHandle | None = None
        self._poke_after_get = False
        self._closed = False
        self._records: deque[_Record] = deque()
        self._record_added = asyncio.Event()
        self._records_drained = asyncio.Event()
        self._records_drained.set()
        self._current_a: int | None = None
        """The current last written to the charger (``None``: not known)."""
        self.steps = 0
        self.last_disable_s: float | None = None
        """How long the last ``DisableCharger`` took to be written and confirmed."""

    @property
    def connector_id(self) -> str:
        return self.state.connector_id

    @property
    def attached(self) -> bool:
        return self.charger is not None

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        if self._loops or self._closed:
            return
        name = f"session {self.connector_id}"
        self._loops.append(asyncio.create_task(self._run(), name=f"{name} steps"))
        self._loops.append(asyncio.create_task(self._timer(), name=f"{name} timer"))
        self._loops.append(asyncio.create_task(self._recorder(), name=f"{name} records"))

    async def aclose(self, flush_timeout_s: float = CLOSE_FLUSH_S) -> None:
        """Wait up to ``flush_timeout_s`` for records not yet written, then cancel and await
        every task of this runner (payment calls in flight included: their write-ahead record
        makes a restart send them again with the same key). Cancelled while it waits, it
        still cancels and awaits them."""
        try:
            if self._loops and not self._records_drained.is_set() and not self._closed:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(flush_timeout_s):
                        await self._records_drained.wait()
        finally:
            await self._cancel_tasks()

    async def _cancel_tasks(self) -> None:
        self._closed = True
        if self._poke_later is not None:
            self._poke_later.cancel()
            self._poke_later = None
        tasks = [*self._loops, *self._tasks]
        try:
            # cancelled again until they end: 3.11's wait_for (a charger command's connect,
            # pymodbus' request) can swallow one cancel
            await cancel_and_wait(tasks)
        finally:
            # a close cancelled itself leaves what has not ended yet to the next aclose
            self._loops[:] = [task for task in self._loops if not task.done()]
            self._tasks = {task for task in self._tasks if not task.done()}

    def detach(self) -> None:
        """Leave the connector: no charger commands any more (a queued settlement)."""
        self.charger = None

    def post(self, event: Event) -> None:
        """Queue an event (returns at once)."""
        if not self._closed:
            self._queue.put_nowait(event)

    def poll_payment(self) -> None:
        """Ask the payment service now (a webhook said something happened).

        A poke is never dropped: when a GET is on its way (it may have left before the
        approval) or the rate (``GETS_PER_WINDOW`` a second) is used up, one more GET goes out
        as soon as that one is answered and the rate allows; pokes in between add nothing.
        """
        state = self.state
        if self._closed or state.phase is not Phase.AWAITING_APPROVAL or state.reference is None:
            return
        if self._poke_later is not None or self._poke_after_get:
            return  # one more GET is already promised
        if self._get_in_flight:
            self._poke_after_get = True
            return
        wait_ms = self._get_wait_ms()
        if wait_ms > 0:
            loop = asyncio.get_running_loop()
            self._poke_later = loop.call_later(wait_ms / 1000, self._poke_due)
            return
        self._start_payment(GetPayment(state.reference))

    def _get_wait_ms(self) -> int:
        """How long until one more GET keeps within the rate (0: now)."""
        if len(self._recent_gets_ms) < GETS_PER_WINDOW:
            return 0
        return max(0, GET_WINDOW_MS - (self._clock.now_ms() - self._recent_gets_ms[0]))

    def _poke_due(self) -> None:
        self._poke_later = None
        state = self.state
        if self._closed or state.phase is not Phase.AWAITING_APPROVAL or state.reference is None:
            return
        if self._get_in_flight:
            self._poke_after_get = True
            return
        self._start_payment(GetPayment(state.reference))

    async def idle(self) -> None:
        """Wait until every queued event is processed and every step's record written (for
        tests and orderly shutdown)."""
        while True:
            await self._queue.join()
            await self._records_drained.wait()
            if self._queue.empty() and not self._records:
                return

    async def records_written(self) -> None:
        """Wait until every step adopted so far is written."""
        while self._records:
            await self._records_drained.wait()

    @property
    def records_behind(self) -> int:
        """Steps adopted but not yet written (0: the ledger holds everything)."""
        return len(self._records)

    # --- the step loop -------------------------------------------------------------------

    async def _run(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await self._step(event)
            except Exception:
                log.exception("connector %s: step on %s failed", self.connector_id, event)
            finally:
                self._queue.task_done()

    async def _step(self, event: Event) -> None:
        step = transition(self.state, event)
        if step.rejected:
            log.debug("connector %s: %s rejected in %s", self.connector_id, event, self.state.phase)
            return
        self.state = step.state
        self.steps += 1
        at_once = [effect for effect in step.effects if self._at_once(effect)]
        after = tuple(
            effect
            for effect in step.effects
            if not self._at_once(effect) and not isinstance(effect, Persist)
        )
        for effect in at_once:  # safety first: before anything is written
            self._dispatch(effect)
        if any(isinstance(effect, Persist) for effect in step.effects):
            self._add_record(_Record(step.state, journal_form(event), after))
        elif after and self._records:
            self._add_record(_Record(None, None, after))  # keep their order behind the records
        else:
            for effect in after:
                self._dispatch(effect)
        if any(isinstance(effect, _CHARGER_EFFECTS) for effect in at_once):
            # let the charger command's task send its request before the step is published:
            # a new snapshot (the screen and the phones following it) can take milliseconds of
            # this loop, and tasks run in the order they were made ready
            await asyncio.sleep(0)
        self._on_step(self, event)

    def _at_once(self, effect: Effect) -> bool:
        """Does ``effect`` go out without waiting for a record (a stop, a lower current, a
        timer)?"""
        if isinstance(effect, DisableCharger | WakeAt):
            return True
        if isinstance(effect, SetCurrent):
            return self._current_a is not None and effect.current_a <= self._current_a
        return False

    def _add_record(self, record: _Record) -> None:
        self._records.append(record)
        self._records_drained.clear()
        self._record_added.set()

    def _drop_waiting_charger_raises(self) -> None:
        """A stop went out: an enable or raise still waiting for its record would undo it."""
        for index, record in enumerate(self._records):
            kept = tuple(e for e in record.after if not isinstance(e, EnableCharger | SetCurrent))
            if kept != record.after:
                self._records[index] = _Record(record.state, record.event, kept)

    async def _recorder(self) -> None:
        """Write the steps' records in order; run each one's waiting effects once written."""
        while True:
            if not self._records:
                self._records_drained.set()
                self._record_added.clear()
                await self._record_added.wait()
                continue
            record = self._records[0]
            if record.state is not None and record.event is not None:
                await self._commit(record.state, record.event)
            done = self._records.popleft()  # the head may have lost a raise meanwhile
            for effect in done.after:
                self._dispatch(effect)

    async def _commit(self, state: SessionState, event: Event) -> None:
        """Write one step's record; retried until it is written (the effects behind it wait)."""
        while True:
            try:
                await self._ledger.save_step(state, event)
                return
            except LedgerError as error:
                log.error("connector %s: cannot write the step: %s", self.connector_id, error)
                await asyncio.sleep(COMMIT_RETRY_S)

    def _dispatch(self, effect: Effect) -> None:
        if isinstance(effect, WakeAt):
            heapq.heappush(self._wakes, effect.at_ms)
            self._wake_changed.set()
        elif isinstance(effect, SetCurrent | EnableCharger | DisableCharger):
            if isinstance(effect, DisableCharger):
                self._drop_waiting_charger_raises()
            elif isinstance(effect, SetCurrent):
                self._current_a = effect.current_a
            self._spawn(self._charger_command(effect), "charger")
        elif isinstance(effect, PAYMENT_EFFECTS):
            self._start_payment(effect)
        # Persist is the record task's

    def _spawn(self, coro: Coroutine[Any, Any, None], what: str) -> None:
        task = asyncio.create_task(coro, name=f"session {self.connector_id} {what}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- effects -------------------------------------------------------------------------

    async def _charger_command(self, effect: ChargerEffect) -> None:
        charger = self.charger
        if charger is None:
            return
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            if isinstance(effect, SetCurrent):
                await charger.set_current(effect.current_a)
            elif isinstance(effect, EnableCharger):
                await charger.enable()
            else:
                await charger.disable()
                self.last_disable_s = loop.time() - started
        except PortError as error:
            log.warning("connector %s: %s failed: %s", self.connector_id, effect, error)
        except Exception:
            log.exception("connector %s: %s failed", self.connector_id, effect)

    def _start_payment(self, effect: PaymentEffect) -> None:
        session_id = self.state.session_id
        if session_id is None:
            return
        if isinstance(effect, GetPayment):
            if self._get_in_flight:
                return  # one GET at a time; the next poll comes with the next tick
            self._get_in_flight = True
            self._recent_gets_ms.append(self._clock.now_ms())
        self._spawn(self._payment(effect, session_id), type(effect).__name__)

    async def _payment(self, effect: PaymentEffect, session_id: str) -> None:
        try:
            events = await self._payment_effects.run(effect, session_id, self.connector_id)
        except LedgerError as error:
            log.error("connector %s: %s not sent: %s", self.connector_id, effect, error)
            events = [failure_event(effect, self._clock.now_ms())]
        finally:
            if isinstance(effect, GetPayment):
                self._get_in_flight = False
        for event in events:
            self.post(event)
        if isinstance(effect, GetPayment) and self._poke_after_get and not self._closed:
            self._poke_after_get = False
            wait_ms = self._get_wait_ms()
            self._poke_later = asyncio.get_running_loop().call_later(wait_ms / 1000, self._poke_due)

    # --- time ----------------------------------------------------------------------------

    async def _timer(self) -> None:
        last_tick_ms = self._clock.now_ms()
        while True:
            self._wake_changed.clear()
            now_ms = self._clock.now_ms()
            due = False
            while self._wakes and self._wakes[0] <= now_ms:
                heapq.heappop(self._wakes)
                due = True
            active = self.state.phase not in _QUIET
            if active and now_ms - last_tick_ms >= HEARTBEAT_MS:
                due = True
            if due:
                last_tick_ms = now_ms
                self.post(Tick(now_ms))
            delays = [self._wakes[0] - now_ms] if self._wakes else []
            if active:
                delays.append(HEARTBEAT_MS - (now_ms - last_tick_ms))
            timeout_s = max(0.0, min(delays)) / 1000 if delays else None
            # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout_s):
                    await self._wake_changed.wait()
