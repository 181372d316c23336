"""Serve the world page with uvicorn on a socket the demo binds itself.

Binding first turns "port taken" into a plain ``OSError`` before uvicorn runs (uvicorn would
otherwise end its task with ``SystemExit``, which escapes the event loop). The server leaves
the process's signal handlers alone: the demo owns SIGINT/SIGTERM.

Errors: ``OSError`` when the address cannot be bound; ``RuntimeError`` when uvicorn stops
before it is serving.
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
    """A running uvicorn server for ``app`` on ``host:port`` (port 0: a free one)."""

    def __init__(
        self, server: uvicorn.Server, task: asyncio.Task[None], sock: socket.socket, host: str
    ) -> None:
        self._server = server
        self._task = task
        self._socket = sock
        self.host = host
        self.port = int(sock.getsockname()[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @classmethod
    async def start(cls, app: Any, host: str, port: int) -> PageServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
        except OSError:
            sock.close()
            raise
        bound = int(sock.getsockname()[1])
        config = uvicorn.Config(
            app, log_level="warning", lifespan="off", access_log=False, timeout_graceful_shutdown=2
        )
        server = _EmbeddedServer(config)
        task = asyncio.create_task(server.serve(sockets=[sock]), name=f"world page :{bound}")
        while not server.started:
            if task.done():
                sock.close()
                if not task.cancelled() and task.exception() is not None:
                    raise RuntimeError("the world page server stopped") from task.exception()
                raise RuntimeError("the world page server stopped")
            await asyncio.sleep(0.01)
        return cls(server, task, sock, host)

    async def stop(self) -> None:
        self._server.should_exit = True
        try:
            await asyncio.wait_for(asyncio.shield(self._task), timeout=5)
        except TimeoutError:
            self._server.force_exit = True
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
        self._socket.close()
