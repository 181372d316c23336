"""``StationOperations`` over the controller (``kiosk.station.Station``) and its pollers.

Out of order, the technician's stop and the settlement retry are the controller's own hooks;
test charges are run here (``TechnicianCharges``) on a connector the controller keeps out of
order, so its session runner never meets them. Results are ``ActionResult`` s; nothing raises.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.service.control import ActionResult
from kiosk.service.technician_charge import TechnicianCharges
from kiosk.station.snapshot import Screen, StationSnapshot

STOPPABLE = frozenset({Screen.PLUG_IN, Screen.CHARGING})


class StationHooks(Protocol):
    """The service-mode hooks ``kiosk.station.Station`` offers."""

    @property
    def snapshot(self) -> StationSnapshot: ...

    def set_out_of_order(self, connector_id: int, out_of_order: bool) -> None: ...

    def technician_stop(self, connector_id: int) -> None: ...

    def retry_settlement(self, session_id: str) -> bool: ...


class ControllerOperations:
    """Implements ``kiosk.service.operations.StationOperations``."""

    def __init__(self, station: StationHooks, charges: TechnicianCharges) -> None:
        self._station = station
        self._charges = charges

    def _screen(self, connector_id: int) -> Screen | None:
        connector = self._station.snapshot.connector(connector_id)
        return connector.screen if connector is not None else None

    async def set_out_of_order(self, connector_id: int, out_of_order: bool) -> ActionResult:
        if self._screen(connector_id) is None:
            return ActionResult(False, "unknown_connector", {"connector": str(connector_id)})
        if not out_of_order and self._charges.running(connector_id):
            reason = "stop the test charge first"
            return ActionResult(False, "station_refused", {"reason": reason})
        self._station.set_out_of_order(connector_id, out_of_order)
        return ActionResult(True, "ok")

    async def start_test_charge(self, connector_id: int) -> ActionResult:
        out_of_order = self._screen(connector_id) is Screen.OUT_OF_ORDER
        return await self._charges.start(connector_id, out_of_order=out_of_order)

    async def stop_by_technician(self, connector_id: int) -> ActionResult:
        if self._charges.running(connector_id):
            return await self._charges.stop(connector_id)
        if self._screen(connector_id) not in STOPPABLE:
            return ActionResult(False, "station_refused", {"reason": "nothing is charging"})
        self._station.technician_stop(connector_id)
        return ActionResult(True, "ok")

    async def retry_settlement(self, session_id: str) -> ActionResult:
        if self._station.retry_settlement(session_id):
            return ActionResult(True, "ok")
        reason = "the controller has no queued step for this session"
        return ActionResult(False, "station_refused", {"reason": reason})
