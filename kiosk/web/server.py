"""Run an ASGI app (the station's webhook receiver, the Vipps emulator) as a uvicorn server.

``start_server(app, host, port)`` starts uvicorn in a task of the running loop and returns a
``RunningServer`` once it listens (port 0 binds a free port; ``RunningServer.port`` is the bound
one). ``RunningServer.stop()`` asks uvicorn to exit, forces it after a few seconds and awaits its
task, so nothing leaks. The server leaves the process's signal handlers alone: the caller owns
SIGINT/SIGTERM.

The HTTP protocol is uvicorn's ``httptools`` (the C parser and a lean send path), not its
pure-Python ``h11``: on the kiosk the phone pages share the screen's event loop, and 200 phones
following a session over SSE cost a Python HTTP chunk each per event (``HTTP_PROTOCOL``; the
benchmark ``bench/phone_crowd.py`` compares the two).

Errors: ``ServerStartError`` (a ``RuntimeError``) when uvicorn stops before it listens (for
example the address is taken or cannot be bound).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, Literal

import uvicorn

STOP_TIMEOUT_S = 10.0
HTTP_PROTOCOL: Literal["httptools", "h11"] = "httptools"
"""uvicorn's HTTP/1.1 implementation for every server started here."""


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
            async with asyncio.timeout(STOP_TIMEOUT_S):
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
        http=HTTP_PROTOCOL,
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
