"""The Modbus link's priority gate: high waiters first, and a cancelled waiter leaves it usable."""

from __future__ import annotations

import asyncio

from kiosk.hardware.link import Endpoint, PymodbusLink, _Gate


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


class _RecordingClient:
    """Stands in for a connected pymodbus client: notes which task sent each request."""

    connected = True

    def __init__(self) -> None:
        self.senders: list[asyncio.Task[object] | None] = []

    async def write_registers(self, address: int, words: list[int], device_id: int) -> object:
        self.senders.append(asyncio.current_task())
        return _Answer()


class _Answer:
    function_code = 16

    def isError(self) -> bool:
        return False


async def test_a_write_is_sent_by_the_callers_task_without_waiting_a_loop_turn() -> None:
    """A stop's request leaves in the task that asked for it (no task of its own, which would
    queue it behind everything else ready on the loop: an HTTP answer, a screen update)."""
    link = PymodbusLink(Endpoint("127.0.0.1", 1502, 1))
    client = _RecordingClient()
    link._client = client
    ran_before: list[bool] = []

    async def stop() -> None:
        # something else became ready first: it must not run before the request is sent
        asyncio.get_running_loop().call_soon(lambda: ran_before.append(bool(client.senders)))
        await link.write_words(10, [0], priority=True, urgent=True)

    task = asyncio.create_task(stop())
    await task
    assert client.senders == [task]
    assert ran_before == [True]
