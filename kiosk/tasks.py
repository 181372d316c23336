"""Ending a component's asyncio tasks on close, even those that do not end at one cancel.

One helper for every layer that owns tasks (station, OCPP link, hardware poller): it sits beside
``kiosk.core`` in the base every layer may import, because it is asyncio, not domain.

On Python 3.11 ``asyncio.wait_for`` (inside the ``ocpp`` library's calls, pymodbus' requests,
``hardware.link``'s connect) returns its answer instead of raising ``CancelledError`` when the
cancel lands as the answer arrives; the task then goes on to its next wait, and a close that
awaited it after one cancel hung for ever (the OCPP link's sender did, under xdist load).
``cancel_and_wait`` cancels again every ``again_s`` until each task has ended, and gives up
after ``give_up_s`` on a task that catches every cancel (a bug: logged with where it waits),
so a close never hangs. A cancel of the closer meanwhile is raised once the tasks are done.

Errors: none of the tasks' own errors are raised (they are logged); ``CancelledError`` when
the caller was cancelled meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from typing import Any

log = logging.getLogger(__name__)

AGAIN_S = 0.5
GIVE_UP_S = 10.0


def waiting_at(task: asyncio.Task[Any]) -> str:
    """Where a suspended task waits: its chain of awaits, outermost first."""
    return " > ".join(
        f"{frame.f_code.co_name} ({frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.f_lineno})"
        for frame in task.get_stack()
    )


async def cancel_and_wait(
    tasks: Collection[asyncio.Task[Any]],
    again_s: float = AGAIN_S,
    give_up_s: float = GIVE_UP_S,
    *,
    log_failures: bool = True,
) -> None:
    """Cancel ``tasks``; return once each has ended (or was given up on after ``give_up_s``),
    cancelling again any still running after ``again_s``. A task's own error is retrieved and
    logged (not logged with ``log_failures=False``: the caller has seen it, e.g. a link's
    worker that ended with its lost connection)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + give_up_s
    pending = {task for task in tasks if not task.done()}
    interrupted = False
    while pending:
        if loop.time() >= deadline:
            for task in pending:
                log.error(
                    "task %s ignores its cancel: left running at %s",
                    task.get_name(),
                    waiting_at(task),
                )
            break
        for task in pending:
            task.cancel()
        try:
            await asyncio.wait(pending, timeout=again_s)
        except asyncio.CancelledError:
            interrupted = True
        pending = {task for task in pending if not task.done()}
    for task in tasks:
        failed = task.done() and not task.cancelled() and task.exception() is not None
        if failed and log_failures:
            log.error("task %s failed", task.get_name(), exc_info=task.exception())
    if interrupted:
        raise asyncio.CancelledError
