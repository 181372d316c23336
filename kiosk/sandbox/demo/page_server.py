"""Serve the world page with uvicorn on a socket the demo binds itself, before anything else.

``PageServer.bind(host, port)`` takes the address at once, so a taken port fails the demo
before the world and the station start (and as a plain ``OSError``: uvicorn would end its task
with ``SystemExit``, which escapes the event loop). ``serve(app)`` then runs uvicorn on that
socket; the server leaves the process's signal handlers alone (the demo owns SIGINT/SIGTERM).

Errors: ``OSError`` from ``bind``; ``RuntimeError`` from ``serve`` when uvicorn stops before
it is serving.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import uvicorn


class _EmbeddedServer(uvicorn.Server):
    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class PageServer:
    """A bound loopback socket, later served by uvicorn; ``close`` stops and frees it."""

    def __init__(self, sock: socket.socket, host: str) -> None:
        self._socket = sock
        self.host = host
        self.port = int(sock.getsockname()[1])
        self._server: _EmbeddedServer | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @classmethod
    def bind(cls, host: str, port: int) -> PageServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
        except OSError:
            sock.close()
            raise
        return cls(sock, host)

    async def serve(self, app: Any) -> None:
        """Start uvicorn for ``app`` on the bound socket; return once it accepts requests."""
        config = uvicorn.Config(
            app, log_level="warning", lifespan="off", access_log=False, timeout_graceful_shutdown=2
        )
        server = _EmbeddedServer(config)
        task = asyncio.create_task(server.serve(sockets=[self._socket]), name="world page")
        self._server, self._task = server, task
        while not server.started:
            if task.done():
                cause = None if task.cancelled() else task.exception()
                raise RuntimeError("the world page server stopped") from cause
            await asyncio.sleep(0.01)

    async def close(self) -> None:
        server, task = self._server, self._task
        self._server = self._task = None
        if server is not None and task is not None:
            server.should_exit = True
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout=5)
            except TimeoutError:
                server.force_exit = True
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
        self._socket.close()
