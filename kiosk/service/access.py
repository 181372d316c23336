"""The service mode gate: a hidden long press opens the PIN pad, a right PIN opens service mode.

States: ``CLOSED`` (the driver's screens) -> ``PIN`` (the pad) -> ``OPEN`` (service screens).
The pad and the service screens close after ``idle_exit_s`` (default 120 s) without a touch,
when the technician taps Exit, and at once when a driver's flow needs the display
(``kiosk.service.operations.driver_needs_display``); entry is refused while it does. Wrong
PINs and the lockout are ``PinGuard``'s (persisted, so a restart keeps the lock).

Entering, leaving (and why) and a refused entry are written to the audit log. A PIN is never
stored, logged or audited. Errors: a database failure while checking a PIN becomes the
``pin_unavailable`` message; nothing is raised to the caller.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable
from datetime import datetime

from kiosk.persistence.errors import PersistenceError
from kiosk.persistence.pin_guard import PinCheck, PinGuard, PinOutcome
from kiosk.persistence.repository import Repository
from kiosk.service.control import ActionResult
from kiosk.service.operations import driver_needs_display
from kiosk.station.snapshot import StationSnapshot

log = logging.getLogger(__name__)

ACTOR = "technician"
DEFAULT_IDLE_EXIT_S = 120.0


class Mode(enum.StrEnum):
    CLOSED = "closed"
    PIN = "pin"
    OPEN = "open"


class ExitReason(enum.StrEnum):
    TECHNICIAN = "technician"  # tapped Exit
    INACTIVITY = "inactivity"  # untouched for idle_exit_s
    DRIVER = "driver"  # a driver's flow needs the display
    SHUTDOWN = "shutdown"


def _clock_text(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


class ServiceAccess:
    """The PIN session. ``on_change`` is called after every change of what the pad shows."""

    def __init__(
        self,
        guard: PinGuard,
        repository: Repository,
        *,
        idle_exit_s: float = DEFAULT_IDLE_EXIT_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._guard = guard
        self._repository = repository
        self._idle_exit_s = idle_exit_s
        self._monotonic = monotonic
        self._mode = Mode.CLOSED
        self._last_touch = monotonic()
        self._message: ActionResult | None = None
        self._locked_until: datetime | None = None
        self.on_change: Callable[[], None] | None = None

    # -- what the screens show ---------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def message(self) -> ActionResult | None:
        return self._message

    @property
    def locked_until(self) -> datetime | None:
        return self._locked_until

    @property
    def idle_exit_s(self) -> float:
        return self._idle_exit_s

    def idle_s(self) -> float:
        return self._monotonic() - self._last_touch

    # -- taps ----------------------------------------------------------------------------------

    def touch(self) -> None:
        """Any touch while the pad or service mode shows restarts the inactivity time."""
        self._last_touch = self._monotonic()

    def idle_expired(self) -> bool:
        return self._mode is not Mode.CLOSED and self.idle_s() >= self._idle_exit_s

    def must_yield(self, snapshot: StationSnapshot | None) -> bool:
        """Whether service mode must give the display back to a driver now."""
        return self._mode is not Mode.CLOSED and driver_needs_display(snapshot)

    async def request_entry(self, snapshot: StationSnapshot | None) -> bool:
        """The hidden spot was held long enough: show the PIN pad (unless a driver needs it)."""
        if self._mode is not Mode.CLOSED:
            return False
        if driver_needs_display(snapshot):
            await self._audit("service.entry_refused", {"reason": "driver flow on screen"})
            return False
        self._mode = Mode.PIN
        self._message = None
        self.touch()
        self._changed()
        try:
            status = await self._guard.status()
        except PersistenceError as error:
            log.warning("service PIN status unavailable: %s", error)
            self._show(ActionResult(False, "pin_unavailable"))
            return True
        self._show_check(status, after_try=False)
        return True

    async def submit_pin(self, pin: str) -> bool:
        """Check ``pin``; True when service mode opened."""
        if self._mode is not Mode.PIN:
            return False
        self.touch()
        try:
            result = await self._guard.check(pin)
        except PersistenceError as error:
            log.warning("service PIN check failed: %s", error)
            self._show(ActionResult(False, "pin_unavailable"))
            return False
        if self._mode is not Mode.PIN:
            return False  # left (driver, timeout) while the PIN was being checked
        if result.outcome is PinOutcome.ACCEPTED:
            self._mode = Mode.OPEN
            self._message = None
            self._locked_until = None
            self.touch()
            self._changed()
            await self._audit("service.enter", {})
            return True
        self._show_check(result, after_try=True)
        return False

    async def exit(self, reason: ExitReason) -> None:
        """Close the pad or service mode; leaving an open service mode is audited."""
        if self._mode is Mode.CLOSED:
            return
        was_open = self._mode is Mode.OPEN
        self._mode = Mode.CLOSED
        self._message = None
        self._changed()
        if was_open:
            await self._audit("service.exit", {"reason": reason.value})

    # -- internals -----------------------------------------------------------------------------

    def _show_check(self, check: PinCheck, *, after_try: bool) -> None:
        if check.outcome is PinOutcome.LOCKED and check.locked_until is not None:
            self._locked_until = check.locked_until
            until = _clock_text(check.locked_until)
            self._show(ActionResult(False, "pin_locked", {"until": until}))
        elif check.outcome is PinOutcome.NOT_CONFIGURED:
            self._locked_until = None
            self._show(ActionResult(False, "pin_not_set"))
        elif check.outcome is PinOutcome.REJECTED:
            self._locked_until = None
            # ``status()`` answers REJECTED too (with the tries left): no message before a try
            attempts = {"attempts": str(check.attempts_left)}
            self._show(ActionResult(False, "pin_wrong", attempts) if after_try else None)

    def _show(self, message: ActionResult | None) -> None:
        self._message = message
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    async def _audit(self, action: str, details: dict[str, object]) -> None:
        try:
            await self._repository.append_audit(ACTOR, action, dict(details))
        except PersistenceError as error:
            log.error("audit %s not written: %s", action, error)
