"""The one place the demo builds the real station (controller, database, Vipps client, pollers).

It hands the demo's ``StationConfig`` to the composition root (``kiosk.app.build_station``),
starts the station and yields it as the ``StationControl`` the window and the world page use;
leaving the block closes it (pollers, database, HTTP client).

Errors: ``DemoStartError`` when the station cannot be built or started (what is missing or
which database failed); a station that failed half-way is closed first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from kiosk.config import StationConfig
from kiosk.persistence import PersistenceError
from kiosk.sandbox.demo.runner import DemoStartError
from kiosk.station.snapshot import StationControl

if TYPE_CHECKING:
    from kiosk.app import StationParts


@asynccontextmanager
async def open_demo_parts(config: StationConfig) -> AsyncIterator[StationParts]:
    """The started station with the parts service mode needs beside it."""
    from kiosk.app import StationConfigError, assemble_station

    try:
        parts = await assemble_station(config)
    except (StationConfigError, PersistenceError) as exc:
        raise DemoStartError(f"the station could not be built: {exc}") from exc
    try:
        await parts.start()
    except BaseException:
        await parts.aclose()
        raise
    try:
        yield parts
    finally:
        await parts.aclose()


@asynccontextmanager
async def open_demo_station(config: StationConfig) -> AsyncIterator[StationControl]:
    async with open_demo_parts(config) as parts:
        yield parts.station
