"""The Modbus link's priority gate: high waiters first, and a cancelled waiter leaves it usable."""

from __future__ import annotations

import asyncio

from kiosk.hardware.link import _Gate


async def test_high_priority_waiters_are_served_before_low_ones() -> None:
    gate = _Gate()
    await gate.acquire(high=False)
    order: list[str] = []

    async def take(name: str, high: bool) -> None:
        await gate.acquire(high)
        order.append(name)
        gate.release()

    waiters = [asyncio.create_task(take("low", False)), asyncio.create_task(take("high", True))]
    await asyncio.sleep(0)  # both are queued
    gate.release()
    await asyncio.gather(*waiters)
    assert order == ["high", "low"]


async def test_a_waiter_cancelled_just_before_a_release_does_not_break_the_gate() -> None:
    gate = _Gate()
    await gate.acquire(high=True)
    waiter = asyncio.create_task(gate.acquire(high=True))
    await asyncio.sleep(0)  # queued
    waiter.cancel()  # its future is cancelled now; the task sees it on its next turn
    gate.release()  # drops the cancelled future from the queue before the waiter runs
    await asyncio.gather(waiter, return_exceptions=True)
    assert waiter.cancelled()  # not a ValueError from removing what release() took
    await asyncio.wait_for(gate.acquire(high=False), 1.0)  # free again
    gate.release()
