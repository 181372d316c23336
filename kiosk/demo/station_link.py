"""The one place the demo builds the real station (controller, database, Vipps client, pollers).

It hands the demo's ``StationConfig`` to the composition root ``kiosk.app`` and yields the
running station as a ``StationControl``; leaving the block stops it.

Errors: ``DemoStartError`` when the station cannot start.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from kiosk.config import StationConfig
from kiosk.snapshot import StationControl


@asynccontextmanager
async def open_demo_station(config: StationConfig) -> AsyncIterator[StationControl]:
    from kiosk.demo.runner import DemoStartError

    raise DemoStartError(f"the station controller is not available yet ({config.station.id})")
    yield  # pragma: no cover
