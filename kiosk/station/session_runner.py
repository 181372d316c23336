"""Runs one core session: events in, write-ahead commit, effects out, outcomes back in.

A ``SessionRunner`` owns one ``SessionState`` and a queue of events. Its main task takes one
event at a time, asks ``kiosk.core.session.transition`` for the step, commits the step when it
holds ``Persist`` (before anything else happens; a failed commit is retried and the effects
wait), adopts the new state and starts the effects:

* charger effects (``SetCurrent``, ``EnableCharger``, ``DisableCharger``) go straight to the
  charger in their own tasks, so a stop never waits behind a payment call;
* payment effects go to the ``PaymentDesk`` in their own tasks; their outcomes come back as
  events through the same queue;
* ``WakeAt`` schedules a ``Tick``; a heartbeat ``Tick`` also comes every second while a
  session is active (extra ticks are harmless, and they keep countdowns on screen fresh);
* there is no screen effect: the screen follows from the state (``connector_display``).

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
from kiosk.station.payment_effects import PAYMENT_EFFECTS, PaymentDesk, PaymentEffect, failure_event

log = logging.getLogger(__name__)

HEARTBEAT_MS = 1_000
COMMIT_RETRY_S = 0.5
GETS_PER_WINDOW = 2
GET_WINDOW_MS = 1000
"""At most two GETs of one payment in any second (Vipps allows 120 a minute): the regular
poll plus a webhook's poke go at once, a storm of pokes is held to that rate."""
_QUIET = frozenset({Phase.IDLE, Phase.CAR_CONNECTED})

StepListener = Callable[["SessionRunner", Event], None]


class SessionRunner:
    def __init__(
        self,
        state: SessionState,
        *,
        ledger: Ledger,
        desk: PaymentDesk,
        clock: WallClock,
        charger: Charger | None,
        on_step: StepListener,
    ) -> None:
        self.state = state
        self.charger = charger
        self._ledger = ledger
        self._desk = desk
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

    async def aclose(self) -> None:
        """Cancel and await every task of this runner (payment calls in flight included: their
        write-ahead record makes a restart send them again with the same key)."""
        self._closed = True
        if self._poke_later is not None:
            self._poke_later.cancel()
            self._poke_later = None
        tasks = [*self._loops, *self._tasks]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._loops.clear()
        self._tasks.clear()

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
        """Wait until every queued event is processed (for tests and orderly shutdown)."""
        await self._queue.join()

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
        if any(isinstance(effect, Persist) for effect in step.effects):
            await self._commit(step.state, event, step.effects)
        self.state = step.state
        self.steps += 1
        for effect in step.effects:
            self._dispatch(effect)
        self._on_step(self, event)

    async def _commit(self, state: SessionState, event: Event, effects: tuple[Effect, ...]) -> None:
        """Write ahead; until it is committed only a charger stop may go (safety first)."""
        stopped = False
        while True:
            try:
                await self._ledger.save_step(state, journal_form(event))
                return
            except LedgerError as error:
                log.error("connector %s: cannot commit the step: %s", self.connector_id, error)
                if not stopped and any(isinstance(e, DisableCharger) for e in effects):
                    self._dispatch(DisableCharger())
                    stopped = True
                await asyncio.sleep(COMMIT_RETRY_S)

    def _dispatch(self, effect: Effect) -> None:
        if isinstance(effect, WakeAt):
            heapq.heappush(self._wakes, effect.at_ms)
            self._wake_changed.set()
        elif isinstance(effect, SetCurrent | EnableCharger | DisableCharger):
            self._spawn(self._charger_command(effect), "charger")
        elif isinstance(effect, PAYMENT_EFFECTS):
            self._start_payment(effect)
        # Persist is done already

    def _spawn(self, coro: Coroutine[Any, Any, None], what: str) -> None:
        task = asyncio.create_task(coro, name=f"session {self.connector_id} {what}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- effects -------------------------------------------------------------------------

    async def _charger_command(self, effect: SetCurrent | EnableCharger | DisableCharger) -> None:
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
            events = await self._desk.run(effect, session_id, self.connector_id)
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
