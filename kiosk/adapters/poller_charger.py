"""The core's ``Charger`` port over the hardware poller.

``PollerCharger`` implements ``kiosk.core.ports.Charger`` on a ``DevicePoller``: every command
is written with priority over poll reads and confirmed by reading back; an unconfirmed command
raises ``TemporaryFailure`` (the poller itself never raises ``LinkError`` to us). The station
turns the poller's readings into core events itself (``kiosk.station.connector.reading_event``).
"""

from __future__ import annotations

from kiosk.core.ports import TemporaryFailure
from kiosk.hardware.poller import CommandResult, DevicePoller


class PollerCharger:
    """``kiosk.core.ports.Charger`` on one connector's ``DevicePoller``."""

    def __init__(self, poller: DevicePoller, current_a: int) -> None:
        self.poller = poller
        self._current_a = current_a
        self._enabled = False

    @staticmethod
    def _confirmed(result: CommandResult, what: str) -> None:
        if not result.confirmed:
            raise TemporaryFailure(f"{what} not confirmed: {result.error}")

    async def set_current(self, current_a: int) -> None:
        self._current_a = current_a
        if self._enabled:
            self._confirmed(await self.poller.set_current(current_a), "set current")

    async def enable(self) -> None:
        self._enabled = True
        self._confirmed(await self.poller.enable(self._current_a), "enable")

    async def disable(self) -> None:
        self._enabled = False
        self._confirmed(await self.poller.stop(), "stop")
