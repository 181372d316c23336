"""One poller per device connector: owns the connection, publishes snapshots, runs commands.

:class:`DevicePoller` runs two tasks between :meth:`~DevicePoller.start` and
:meth:`~DevicePoller.aclose`:

* the **poll loop** reads every role register in batches each ``polling.interval_s``, filters
  the energy counter, and publishes a frozen :class:`DeviceReading` to subscribers. For
  ``FOLLOW_UP_S`` after a command it reads every ``FOLLOW_UP_INTERVAL_S`` instead, so the
  car's answer (it stops drawing, or starts) is seen at once, not at the next regular poll
  (1 s or more in the shipped profiles): a Stop settles as soon as the car has let go
  (``read_often`` asks for the same pace for a while without a command). After
  ``unavailable_after_failures`` failed polls it publishes an "unavailable" snapshot and logs
  ONE warning for the outage (and one line when the device is back). The link reconnects with
  back-off on its own.
* the **watchdog** rewrites the kiosk's last intent (:class:`Target`) and the failsafe
  registers every ``failsafe.rewrite_interval_s`` and right after every reconnect, whatever
  the poll loop or the UI is doing.

Commands (:meth:`enable`, :meth:`set_current`, :meth:`stop`) go through the same link with
priority over poll reads, are confirmed by reading back, and return a :class:`CommandResult`
(a domain outcome; they never raise :class:`~kiosk.hardware.link.LinkError`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.hardware.driver import ModbusDriver, Readings, Target
from kiosk.hardware.energy_filter import EnergyFilter, EnergyReading
from kiosk.hardware.link import Endpoint, LinkError, LinkFactory, Preempted, pymodbus_link
from kiosk.hardware.profile import Kind, Profile
from kiosk.hardware.reading import DeviceReading, build_reading, unavailable_reading
from kiosk.tasks import cancel_and_wait

log = logging.getLogger(__name__)
CANCEL_RETRY_S = 0.5
"""How long ``aclose`` waits for its tasks before cancelling them again."""

Subscriber = Callable[[DeviceReading], None]
WATCHDOG_RETRY_S = 0.5
FOLLOW_UP_S = 5.0
"""How long after a command the poll loop keeps reading fast (an EV answers within seconds)."""
FOLLOW_UP_INTERVAL_S = 0.2
NOMINAL_PHASE_V = 250.0
METER_MAX_POWER_W = 3 * 80 * NOMINAL_PHASE_V

if logging.getLogger("pymodbus").level == logging.NOTSET:
    # pymodbus logs every failed request at ERROR; outages are logged once by the poller.
    logging.getLogger("pymodbus").setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class CommandResult:
    """Outcome of a command: ``confirmed`` only when the read-back showed the written values."""

    confirmed: bool
    elapsed_s: float
    error: str | None = None


class DevicePoller:
    def __init__(
        self,
        profile: Profile,
        endpoint: Endpoint,
        *,
        connector_id: int = 1,
        link_factory: LinkFactory = pymodbus_link,
        clock: Callable[[], float] = time.time,
        name: str | None = None,
        plausible_power_w: float | None = None,
    ) -> None:
        self.profile = profile
        self.endpoint = endpoint
        self.connector_id = connector_id
        self.name = name or f"{profile.name}#{connector_id}@{endpoint.describe()}"
        self._clock = clock
        self._link = link_factory(endpoint)
        self.driver = ModbusDriver(profile, self._link, connector_id)
        control = profile.control
        max_power_w = (
            3 * control.max_current_a * NOMINAL_PHASE_V
            if control is not None
            else METER_MAX_POWER_W
        )
        # tests against a simulator running faster than real time raise plausible_power_w
        self._energy = EnergyFilter(max_power_w=plausible_power_w or max_power_w)
        self._initial_timestamp_s = clock()
        self._snapshot = unavailable_reading(
            self.name, connector_id, self._initial_timestamp_s, "not polled yet"
        )
        self._subscribers: list[Subscriber] = []
        self._poll_sent_s = -math.inf
        self._snapshot_sent_s = -math.inf
        self._target: Target | None = None
        self._synced_generation = 0
        self._last_rewrite = 0.0
        self._failures = 0
        self._failed_polls = 0
        self._outage_since: float | None = None
        self._wake = asyncio.Event()
        self._follow_up_until = 0.0
        self._changed = asyncio.Condition()
        self._write_lock = asyncio.Lock()
        self._tasks: list[asyncio.Task[None]] = []

    @classmethod
    def for_connector(
        cls,
        profile: Profile,
        host: str,
        *,
        port: int | None = None,
        unit_id: int | None = None,
        connector_id: int = 1,
        link_factory: LinkFactory = pymodbus_link,
        clock: Callable[[], float] = time.time,
        name: str | None = None,
        plausible_power_w: float | None = None,
    ) -> DevicePoller:
        """A poller for connector ``connector_id`` of ``profile`` at ``host``; ``port`` is the
        device's base port (connector offsets are added), ``unit_id`` overrides the profile."""
        endpoint = Endpoint.for_connector(
            profile, host, port=port, unit_id=unit_id, connector_id=connector_id
        )
        return cls(
            profile,
            endpoint,
            connector_id=connector_id,
            link_factory=link_factory,
            clock=clock,
            name=name,
            plausible_power_w=plausible_power_w,
        )

    # --- lifecycle ----------------------------------------------------------------------

    async def start(self) -> None:
        if self._tasks:
            return
        self._tasks.append(asyncio.create_task(self._poll_loop(), name=f"poll {self.name}"))
        if self._watchdog_needed():
            self._tasks.append(
                asyncio.create_task(self._watchdog_loop(), name=f"watchdog {self.name}")
            )

    async def aclose(self) -> None:
        # On Python 3.11 ``asyncio.wait_for`` (here and inside pymodbus) can swallow a cancel
        # that lands as its inner future completes, so one cancel may not end a loop
        await cancel_and_wait(self._tasks, CANCEL_RETRY_S)
        self._tasks.clear()
        await self._link.aclose()

    async def __aenter__(self) -> DevicePoller:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # --- snapshots ----------------------------------------------------------------------

    @property
    def snapshot(self) -> DeviceReading:
        return self._snapshot

    @property
    def snapshot_measured_from_s(self) -> float:
        """The event loop's time from which the values in ``snapshot`` were measured: when its
        poll was sent, less the device's register refresh. Site power orders the grid meter's
        reading against the chargers' by it (their clocks and lags differ)."""
        return self._snapshot_sent_s - self.profile.polling.register_refresh_s

    @property
    def failed_polls(self) -> int:
        """Polls that failed since start (no answer, a broken frame, a refusal), counted even
        when the next poll succeeds and no outage is reported."""
        return self._failed_polls

    @property
    def target(self) -> Target | None:
        return self._target

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call ``subscriber`` with every new snapshot; returns the unsubscribe function."""
        self._subscribers.append(subscriber)
        return lambda: self._subscribers.remove(subscriber)

    async def wait_for(
        self, predicate: Callable[[DeviceReading], bool], timeout_s: float
    ) -> DeviceReading:
        """The first snapshot (current or future) that satisfies ``predicate``."""
        async with asyncio.timeout(timeout_s), self._changed:
            await self._changed.wait_for(lambda: predicate(self._snapshot))
            return self._snapshot

    async def _publish(self, snapshot: DeviceReading) -> None:
        self._snapshot = snapshot
        for subscriber in list(self._subscribers):
            try:
                subscriber(snapshot)
            except Exception:
                log.exception("%s: snapshot subscriber failed", self.name)
        async with self._changed:
            self._changed.notify_all()

    async def read_once(self) -> DeviceReading:
        """Poll now (without the loop running) and publish the result; for probes and tests."""
        await self._poll_once()
        return self._snapshot

    # --- the poll loop ------------------------------------------------------------------

    async def _poll_once(self) -> None:
        self._poll_sent_s = asyncio.get_running_loop().time()
        try:
            readings = await self.driver.read()
        except Preempted:
            log.debug("%s: poll preempted by a command", self.name)
            return  # a command went first; poll again right away
        except LinkError as exc:
            await self._poll_failed(str(exc))
            return
        if readings.refused and len(readings.refused) == len(self.driver.batches):
            await self._poll_failed(readings.refused[0])  # the device refuses everything
            return
        await self._poll_succeeded(readings)

    async def _poll_succeeded(self, readings: Readings) -> None:
        now = self._clock()
        if self._outage_since is not None:
            log.info("%s: online again after %.1f s", self.name, now - self._outage_since)
            self._outage_since = None
        self._failures = 0
        if self.profile.registers.energy is not None:
            energy = self._energy.update(readings.number("energy"), readings.number("power"), now)
        else:
            energy = EnergyReading(None, 0)
        if energy.note and energy.note != "unknown":
            log.info("%s: energy counter: %s", self.name, energy.note)
        self._snapshot_sent_s = self._poll_sent_s
        await self._publish(
            build_reading(self.profile, self.name, self.connector_id, now, readings, energy)
        )

    async def _poll_failed(self, reason: str) -> None:
        log.debug("%s: poll failed: %s", self.name, reason)
        self._failures += 1
        self._failed_polls += 1
        if self._failures < self.profile.polling.unavailable_after_failures:
            return
        now = self._clock()
        if self._outage_since is None:
            self._outage_since = now
            log.warning("%s: unavailable: %s", self.name, reason)
        if self._snapshot.online or self._snapshot.timestamp_s == self._initial_timestamp_s:
            await self._publish(
                unavailable_reading(self.name, self.connector_id, now, reason, self._energy.epoch)
            )

    def _interval_s(self, now: float) -> float:
        regular = self.profile.polling.interval_s
        return min(regular, FOLLOW_UP_INTERVAL_S) if now < self._follow_up_until else regular

    async def _poll_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            await self._poll_once()
            if self._link.generation != self._synced_generation:
                await self._resync()
            self._wake.clear()
            delay = self._interval_s(started) - (loop.time() - started)
            if delay > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), delay)
            else:
                await asyncio.sleep(0)

    # --- watchdog -----------------------------------------------------------------------

    def _watchdog_needed(self) -> bool:
        return self.profile.kind is Kind.CHARGER and (
            self.profile.failsafe.rewrite_interval_s is not None
        )

    async def _resync(self) -> None:
        """After a (re)connect: failsafe registers, then the kiosk's intent, if any."""
        generation = self._link.generation
        try:
            await self._rewrite(failsafe=True)
        except LinkError as exc:
            log.debug("%s: resync failed: %s", self.name, exc)
            return
        self._synced_generation = generation

    async def _rewrite(self, *, failsafe: bool = False) -> None:
        """Rewrite the kiosk's intent (and, after a reconnect, the failsafe registers)."""
        async with self._write_lock:
            if self.profile.kind is Kind.CHARGER:
                if failsafe:
                    await self.driver.write_failsafe()
                if self._target is not None:
                    await self.driver.apply(self._target)
            self._last_rewrite = asyncio.get_running_loop().time()

    async def _watchdog_loop(self) -> None:
        interval = self.profile.failsafe.rewrite_interval_s
        assert interval is not None
        loop = asyncio.get_running_loop()
        while True:
            due = self._last_rewrite + interval
            await asyncio.sleep(max(0.0, due - loop.time()))
            if loop.time() < self._last_rewrite + interval:
                continue  # a command or a resync rewrote in the meantime
            try:
                await self._rewrite()
            except LinkError as exc:
                log.debug("%s: watchdog rewrite failed: %s", self.name, exc)
                await asyncio.sleep(WATCHDOG_RETRY_S)

    # --- commands -----------------------------------------------------------------------

    async def _command(self, target: Target) -> CommandResult:
        loop = asyncio.get_running_loop()
        started = loop.time()
        control = self.driver.control
        try:
            async with asyncio.timeout(control.confirm_timeout_s + self.endpoint.timeout_s):
                async with self._write_lock:
                    self._target = target
                    await self.driver.apply(target, urgent=True)
                    self._last_rewrite = loop.time()
                confirmed = await self.driver.confirm(
                    target,
                    control.confirm_timeout_s,
                    superseded=lambda: self._target != target,
                    urgent=True,
                )
        except LinkError as exc:
            return CommandResult(False, loop.time() - started, str(exc))
        except TimeoutError:
            return CommandResult(False, loop.time() - started, "no confirmation in time")
        finally:
            self._follow_up_until = loop.time() + FOLLOW_UP_S
            self._wake.set()  # publish the new state soon, then watch the car answer
        error = None if confirmed else "the device did not show the written values"
        return CommandResult(confirmed, loop.time() - started, error)

    def read_often(self, for_s: float) -> None:
        """Read every ``FOLLOW_UP_INTERVAL_S`` for the next ``for_s`` seconds, as after a
        command (site power asks it of the grid meter while the site is near its limit: a step
        in the building's load is seen within a fifth of a second, not a whole poll later).
        Needs the running event loop; raises nothing."""
        now = asyncio.get_running_loop().time()
        if now + for_s <= self._follow_up_until:
            return
        reading_often = now < self._follow_up_until
        self._follow_up_until = now + for_s
        if not reading_often:
            self._wake.set()  # the next read now, not after the regular interval

    async def enable(self, current_a: float) -> CommandResult:
        """Offer ``current_a`` (clamped to the profile's range) and allow charging."""
        return await self._command(Target(enabled=True, current_a=current_a))

    async def set_current(self, current_a: float) -> CommandResult:
        """Change the offered current; below the profile minimum this pauses (stop actions)."""
        return await self._command(Target(enabled=current_a > 0, current_a=current_a))

    async def stop(self) -> CommandResult:
        """Safe stop: current 0 / disable as the profile says, confirmed by reading back."""
        return await self._command(Target.stopped())
