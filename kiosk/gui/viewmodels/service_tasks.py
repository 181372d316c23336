"""Running service-mode work off the UI thread's critical path: asyncio tasks with a busy count.

A slot never awaits: it hands a coroutine to ``ServiceTasks.spawn`` and returns. The count of
running tasks drives a ``busy`` property; it is decremented in ``finally`` whatever happens.
An exception that escapes a task is a bug: it is logged, never raised into Qt. ``drain()``
(tests) waits for every task; ``close()`` cancels them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class ServiceTasks:
    def __init__(self, on_busy: Callable[[bool], None]) -> None:
        self._on_busy = on_busy
        self._tasks: set[asyncio.Task[None]] = set()
        self._running = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    def spawn(self, coro: Coroutine[Any, Any, object], name: str) -> bool:
        """Run ``coro`` on the running loop; False (and the coroutine closed) if there is none."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            coro.close()
            log.error("service: no running event loop for %s", name)
            return False
        self._running += 1
        if self._running == 1:
            self._on_busy(True)
        task = loop.create_task(self._guard(coro, name), name=f"service {name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    async def _guard(self, coro: Coroutine[Any, Any, object], name: str) -> None:
        try:
            await coro
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("service task %s failed", name)
        finally:
            self._running -= 1
            if self._running == 0:
                self._on_busy(False)

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)
