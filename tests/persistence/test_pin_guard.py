"""PIN checks with a lockout that survives restarts (a new repository on the same database)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

import pytest
from pydantic import SecretStr

from kiosk.config.pin import hash_pin
from kiosk.persistence import Repository
from kiosk.persistence.pin_guard import PinGuard, PinOutcome

STATION = "station-1"
PIN = "482916"


class AdvancingClock(Protocol):
    def __call__(self) -> datetime: ...

    def advance(self, seconds: float) -> None: ...


@pytest.fixture(scope="module")
def pin_hash() -> SecretStr:
    return SecretStr(hash_pin(PIN, n=2**10))  # cheap parameters: the tests check the logic


class Station:
    """Opens the repository and guard as the app does at start; ``restart`` does it again."""

    def __init__(self, url: str, pin_hash: SecretStr, clock: Callable[[], datetime]) -> None:
        self.url, self.pin_hash, self.clock = url, pin_hash, clock
        self.repo: Repository | None = None

    async def start(self) -> PinGuard:
        self.repo = await Repository.open(self.url, STATION, clock=self.clock)
        return PinGuard(self.repo, self.pin_hash, max_attempts=5, lockout_s=300, clock=self.clock)

    async def restart(self) -> PinGuard:
        await self.stop()
        return await self.start()

    async def stop(self) -> None:
        if self.repo is not None:
            await self.repo.aclose()
            self.repo = None


async def test_right_pin_is_accepted_and_resets_failures(
    db_url: str, pin_hash: SecretStr, clock: Callable[[], datetime]
) -> None:
    station = Station(db_url, pin_hash, clock)
    guard = await station.start()
    try:
        assert (await guard.check("000000")).attempts_left == 4
        result = await guard.check(PIN)
        assert result.outcome is PinOutcome.ACCEPTED
        assert (await guard.status()).attempts_left == 5
    finally:
        await station.stop()


async def test_five_wrong_tries_lock_the_pad_across_a_restart(
    db_url: str, pin_hash: SecretStr, clock: AdvancingClock
) -> None:
    station = Station(db_url, pin_hash, clock)
    guard = await station.start()
    try:
        for _ in range(3):
            assert (await guard.check("111111")).outcome is PinOutcome.REJECTED
        guard = await station.restart()  # the count survives
        assert (await guard.check("111111")).attempts_left == 1
        locked = await guard.check("111111")
        assert locked.outcome is PinOutcome.LOCKED
        assert locked.locked_until is not None
        guard = await station.restart()  # the lock survives
        assert (await guard.check(PIN)).outcome is PinOutcome.LOCKED  # even the right PIN
        clock.advance(299)
        assert (await guard.status()).outcome is PinOutcome.LOCKED
        clock.advance(2)
        assert (await guard.status()).attempts_left == 5
        assert (await guard.check(PIN)).outcome is PinOutcome.ACCEPTED
        assert station.repo is not None
        actions = [e.action for e in await station.repo.audit_log()]
        assert actions.count("service.pin_rejected") == 4
        assert actions.count("service.pin_locked") == 1
    finally:
        await station.stop()


async def test_no_pin_configured_never_opens(db_url: str, clock: Callable[[], datetime]) -> None:
    repo = await Repository.open(db_url, STATION, clock=clock)
    try:
        guard = PinGuard(repo, None, clock=clock)
        assert (await guard.check("1234")).outcome is PinOutcome.NOT_CONFIGURED
    finally:
        await repo.aclose()
