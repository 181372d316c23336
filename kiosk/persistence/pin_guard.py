"""The service PIN pad's guard: verify a PIN, count failures, lock after too many, persistently.

The failure count and the lock live in the database (``pin_lockout``), so a restart neither
resets nor forgets them. The scrypt verification runs in a worker thread, off the event loop.
Database errors are the ``kiosk.persistence.errors`` tree; a wrong PIN is an outcome, not an
error.
"""

from __future__ import annotations

import asyncio
import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import SecretStr

from kiosk.config.pin import verify_pin
from kiosk.persistence.records import PinLockout
from kiosk.persistence.repository import Repository
from kiosk.persistence.transaction import Clock, utc_now


class PinOutcome(enum.StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    LOCKED = "locked"
    NOT_CONFIGURED = "not_configured"  # no PIN hash set: service mode cannot be entered


@dataclass(frozen=True, slots=True)
class PinCheck:
    outcome: PinOutcome
    attempts_left: int
    locked_until: datetime | None = None


class PinGuard:
    """Checks PINs against ``pin_hash`` with ``max_attempts`` tries before a ``lockout_s`` lock."""

    def __init__(
        self,
        repository: Repository,
        pin_hash: SecretStr | None,
        *,
        max_attempts: int = 5,
        lockout_s: int = 300,
        clock: Clock = utc_now,
    ) -> None:
        self._repository = repository
        self._pin_hash = pin_hash
        self._max_attempts = max_attempts
        self._lockout = timedelta(seconds=lockout_s)
        self._clock = clock
        self._lock = asyncio.Lock()

    def _current(self, state: PinLockout, now: datetime) -> PinLockout:
        if state.locked_until is not None and now >= state.locked_until:
            return PinLockout()  # the lock ran out: a fresh set of tries
        return state

    async def status(self) -> PinCheck:
        """Whether the pad is locked now, and how many tries are left."""
        state = self._current(await self._repository.get_pin_lockout(), self._clock())
        if state.locked_until is not None:
            return PinCheck(PinOutcome.LOCKED, 0, state.locked_until)
        return PinCheck(PinOutcome.REJECTED, self._max_attempts - state.failed_attempts)

    async def check(self, pin: str) -> PinCheck:
        async with self._lock:
            if self._pin_hash is None:
                return PinCheck(PinOutcome.NOT_CONFIGURED, 0)
            now = self._clock()
            stored = await self._repository.get_pin_lockout()
            state = self._current(stored, now)
            if state.locked_until is not None:
                return PinCheck(PinOutcome.LOCKED, 0, state.locked_until)
            secret = self._pin_hash.get_secret_value()
            if await asyncio.to_thread(verify_pin, pin, secret):
                if stored != PinLockout():
                    await self._repository.set_pin_lockout(PinLockout())
                return PinCheck(PinOutcome.ACCEPTED, self._max_attempts)
            failed = state.failed_attempts + 1
            if failed >= self._max_attempts:
                until = now + self._lockout
                await self._repository.set_pin_lockout(PinLockout(failed, until))
                await self._repository.append_audit(
                    "technician", "service.pin_locked", {"locked_until": until.isoformat()}
                )
                return PinCheck(PinOutcome.LOCKED, 0, until)
            await self._repository.set_pin_lockout(PinLockout(failed, None))
            await self._repository.append_audit(
                "technician", "service.pin_rejected", {"failed_attempts": failed}
            )
            return PinCheck(PinOutcome.REJECTED, self._max_attempts - failed)
