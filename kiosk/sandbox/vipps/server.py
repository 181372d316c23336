"""Run any ASGI app (the Vipps emulator, a webhook receiver) as a real uvicorn server.

``serve(app)`` binds 127.0.0.1 port 0 by default and yields the bound port; leaving the
block releases hung requests, stops the server and awaits its task (nothing leaks).
Raises ``ServerStartError`` when uvicorn cannot start (for example the port is taken).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Generator
from dataclasses import dataclass
from typing import Any

import uvicorn


class ServerStartError(RuntimeError):
    """uvicorn stopped before it was listening."""


class _QuietServer(uvicorn.Server):
    """A uvicorn server that leaves the process's signal handlers alone."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


@dataclass(slots=True)
class RunningServer:
    host: str
    port: int
    server: uvicorn.Server
    task: asyncio.Task[None]
    on_stop: Callable[[], None] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def stop(self) -> None:
        if self.on_stop is not None:
            self.on_stop()
        self.server.should_exit = True
        try:
            async with asyncio.timeout(10):
                await self.task
        except TimeoutError:
            self.server.force_exit = True
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task


async def start_server(
    app: Any,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    log_level: str = "warning",
    on_stop: Callable[[], None] | None = None,
) -> RunningServer:
    """Start uvicorn in a task of the running loop and return once it listens."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        lifespan="on",
        timeout_graceful_shutdown=3,
        access_log=False,
    )
    server = _QuietServer(config)
    task = asyncio.create_task(server.serve(), name=f"uvicorn-{host}:{port}")
    while not server.started:
        if task.done():
            exc = task.exception() if not task.cancelled() else None
            raise ServerStartError(f"uvicorn did not start on {host}:{port}") from exc
        await asyncio.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    return RunningServer(host, int(bound), server, task, on_stop)


@contextlib.asynccontextmanager
async def serve(
    app: Any, host: str = "127.0.0.1", port: int = 0, *, log_level: str = "warning"
) -> AsyncIterator[RunningServer]:
    """``async with serve(app) as running: running.base_url`` — stopped on exit."""
    emulator = getattr(getattr(app, "state", None), "emulator", None)
    on_stop = emulator.faults.release_hung if emulator is not None else None
    running = await start_server(app, host, port, log_level=log_level, on_stop=on_stop)
    try:
        yield running
    finally:
        await running.stop()
