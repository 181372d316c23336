"""The Vipps emulator (or any ASGI app) as a real uvicorn server for tests and the sandbox.

``serve(app)`` binds 127.0.0.1 port 0 by default and yields the bound port; leaving the
block releases the emulator's hung requests, stops the server and awaits its task (nothing
leaks). The runner itself lives in ``kiosk.web.server`` (production serves the webhook
receiver with it); its names are re-exported here for the sandbox's callers.
Raises ``ServerStartError`` when uvicorn cannot start (for example the port is taken).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from kiosk.web.server import RunningServer, ServerStartError, start_server

__all__ = ["RunningServer", "ServerStartError", "serve", "start_server"]


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
