"""The charger port over the hardware poller, and poller snapshots as core events.

``PollerCharger`` implements the core's ``Charger`` on a ``DevicePoller``: every command is
written with priority over poll reads and confirmed by reading back; an unconfirmed command
raises ``TemporaryFailure`` (the poller itself never raises ``LinkError`` to us).
``reading_event`` turns a ``DeviceReading`` into ``ChargerReading`` or, when the device does
not answer, ``ChargerUnreachable`` (a missing value stays None, never 0).
"""

from __future__ import annotations

from kiosk.core.events import ChargerReading, ChargerUnreachable, IecState
from kiosk.core.ports import TemporaryFailure
from kiosk.hardware.poller import CommandResult, DevicePoller
from kiosk.hardware.reading import DeviceReading

_IEC = {state.value: state for state in IecState}


def reading_event(snapshot: DeviceReading, now_ms: int) -> ChargerReading | ChargerUnreachable:
    if not snapshot.online:
        return ChargerUnreachable(now_ms)
    iec = _IEC.get(snapshot.state) if snapshot.state is not None else None
    return ChargerReading(now_ms, iec, snapshot.energy_wh, snapshot.power_w)


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
