"""A settled queued session's runner stays listed (``SettlementQueue.closing``) until its
close has ended, so a station that closes first (and cancels that close) closes it too."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import replace
from typing import Any, cast

from kiosk.core.state import Phase, SessionState, idle_state
from kiosk.station.session_runner import SessionRunner
from kiosk.station.settlement_queue import SettlementQueue


class Runner:
    """A runner whose close takes a while (records to flush)."""

    def __init__(self, state: SessionState) -> None:
        self.state = state
        self.closes = 0
        self.closed = False

    async def aclose(self) -> None:
        self.closes += 1
        await asyncio.sleep(0.05)
        self.closed = True


async def test_a_close_cut_short_leaves_the_runner_to_the_station() -> None:
    spawned: list[asyncio.Task[None]] = []

    def spawn(coro: Awaitable[None], name: str) -> None:
        spawned.append(asyncio.ensure_future(coro))

    queue = SettlementQueue(spawn)
    fake = Runner(replace(idle_state("1"), phase=Phase.DONE))
    runner = cast(SessionRunner, cast(Any, fake))
    queue.add(runner)
    assert queue.finish_if_settled(runner)
    assert queue.runners == []
    assert queue.closing == [runner]  # listed while its close runs
    (close,) = spawned
    await asyncio.sleep(0.01)
    close.cancel()  # the station closes first and cancels its tasks
    await asyncio.gather(close, return_exceptions=True)
    assert not fake.closed
    assert queue.closing == [runner]  # the station's own close still finds it

    other = Runner(replace(idle_state("2"), phase=Phase.ENDED))
    settled = cast(SessionRunner, cast(Any, other))
    queue.add(settled)
    assert queue.finish_if_settled(settled)
    await spawned[-1]
    assert other.closed
    assert settled not in queue.closing  # a close that ended is no longer listed
