"""What service mode needs from the controller, and when a driver needs the display.

``StationOperations`` is the controller's side: the few commands that change a connector or a
session's settlement, which only the controller may do (it owns the state machine, the
write-ahead journal and the charger pollers' intents). Each returns an ``ActionResult`` in
plain words; a refusal (e.g. a test charge on a connector that is charging) is ``ok=False``,
never an exception. Whatever else a controller raises is caught by ``StationService`` and
reported as ``station_failed``.

The display rule (ADR 0009): a driver *needs the display* while the focused connector is in
the payment part of a flow - choosing a budget, looking at the QR code, or told to plug in -
because each runs against a deadline and the driver is standing at the screen. Service mode
cannot be entered then, and leaves at once if a flow reaches one of those screens while it is
open. A running charge, a done or message screen, or the overview do not block it: a
technician must be able to diagnose and stop a running charge. Raises nothing.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.service.control import ActionResult
from kiosk.station.snapshot import Screen, StationSnapshot

DRIVER_SCREENS = frozenset({Screen.BUDGET, Screen.PAY, Screen.PLUG_IN})


def driver_needs_display(snapshot: StationSnapshot | None) -> bool:
    """Whether a driver's flow must keep the screen now (see the module docstring)."""
    if snapshot is None or snapshot.focused_connector_id is None:
        return False
    focused = snapshot.connector(snapshot.focused_connector_id)
    return focused is not None and focused.screen in DRIVER_SCREENS


class StationOperations(Protocol):
    """Commands the controller offers service mode (the technician's, all audited by the caller)."""

    async def set_out_of_order(self, connector_id: int, out_of_order: bool) -> ActionResult:
        """Switch the connector out of (or back into) service; its tile shows "Out of order"."""
        ...

    async def start_test_charge(self, connector_id: int) -> ActionResult:
        """Enable charging without a payment: a session with ``test_charge=True``."""
        ...

    async def stop_by_technician(self, connector_id: int) -> ActionResult:
        """Stop the connector's charge (paid or test) with stop reason "technician"."""
        ...

    async def retry_settlement(self, session_id: str) -> ActionResult:
        """Make the session's queued payment operations due now and run them."""
        ...
