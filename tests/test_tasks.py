"""Closing a component (OCPP link and bridge, station, poller) ends its tasks even when one
swallows a cancel.

Python 3.11's ``asyncio.wait_for``, which the ``ocpp`` library awaits for every answer from the
CSMS, returns the answer instead of raising ``CancelledError`` when the cancel lands as the answer
arrives; the task then goes on to its next wait. The link's close awaited its sender after one
cancel and hung for ever (the remote test charge's end-to-end test, under xdist).
``kiosk.tasks.cancel_and_wait`` (the link, the bridge, the station, the session runners, the
poller) cancels again until every task has ended, and gives up, loudly, on a task that catches
every cancel, so that a close never hangs.
"""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from kiosk.tasks import cancel_and_wait

# a close that hangs fails here in seconds (pytest-timeout's signal: the loop waits in select)
pytestmark = pytest.mark.timeout(30)


async def test_a_task_that_swallows_the_cancel_is_cancelled_again() -> None:
    swallowed = asyncio.Event()

    async def stubborn() -> None:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            swallowed.set()  # as wait_for returning an answer that came with the cancel
        await asyncio.Event().wait()  # its next wait, as the link's sender

    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    await cancel_and_wait([task], 0.05)
    assert swallowed.is_set()
    assert task.cancelled()


async def test_a_wait_for_whose_answer_comes_with_the_cancel_ends() -> None:
    answers: asyncio.Queue[str] = asyncio.Queue()
    goes_on = asyncio.Event()

    async def sender() -> None:
        await asyncio.wait_for(answers.get(), 10)  # 3.11: may return despite the cancel
        goes_on.set()
        await asyncio.Event().wait()

    task = asyncio.create_task(sender())
    await asyncio.sleep(0.01)
    answers.put_nowait("answer")  # the CSMS answers ...
    await asyncio.sleep(0)  # ... the queue's get has its item, wait_for is not awake yet ...
    await cancel_and_wait([task], 0.05)  # ... as the link closes
    assert task.done()


async def test_the_callers_cancel_waits_for_the_tasks_then_is_raised() -> None:
    async def stubborn() -> None:
        with contextlib.suppress(asyncio.CancelledError):  # the cancel is swallowed
            await asyncio.sleep(10)
        await asyncio.Event().wait()

    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    closing = asyncio.create_task(cancel_and_wait([task], 0.05))
    await asyncio.sleep(0)
    closing.cancel()
    with pytest.raises(asyncio.CancelledError):
        await closing
    assert task.cancelled()


@pytest.mark.parametrize("log_failures", [True, False])
async def test_a_task_that_failed_does_not_fail_the_close(
    log_failures: bool, caplog: pytest.LogCaptureFixture
) -> None:
    async def failing() -> None:
        raise ValueError("lost connection")

    failed = asyncio.create_task(failing(), name="reader")
    done = asyncio.create_task(asyncio.sleep(0))
    await asyncio.sleep(0.01)
    # retrieved: no "exception was never retrieved"
    await cancel_and_wait([failed, done], 0.05, log_failures=log_failures)
    assert isinstance(failed.exception(), ValueError)
    logged = [r for r in caplog.records if r.getMessage() == "task reader failed"]
    assert len(logged) == (1 if log_failures else 0)


async def test_a_task_that_ignores_every_cancel_is_given_up_on_loudly(
    caplog: pytest.LogCaptureFixture,
) -> None:
    released = asyncio.Event()

    async def deaf() -> None:  # a bug: catches every cancel
        while not released.is_set():
            with contextlib.suppress(asyncio.CancelledError):
                await released.wait()

    task = asyncio.create_task(deaf(), name="deaf sender")
    await asyncio.sleep(0)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await cancel_and_wait([task], 0.05, 0.5)
    assert 0.5 <= loop.time() - started < 5  # the close went on
    assert not task.done()
    (record,) = [r for r in caplog.records if "ignores its cancel" in r.getMessage()]
    assert "deaf sender" in record.getMessage()
    assert "deaf (test_tasks.py:" in record.getMessage()  # where it waits
    released.set()
    await task
