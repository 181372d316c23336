"""One connector as the ``Station`` keeps it: its live runner, switches and what its screen holds.

A ``ConnectorSlot`` pairs a ``ConnectorSetup`` with the ``SessionRunner`` of the session on it
now, the technician's out-of-order switch, whether a car is plugged (from the charger's
snapshots), and the "Done" screen it keeps showing after its session moved to the background
settlement queue (until dismissed, the car leaves, or the done timeout passes).
``screen`` is what the connector shows in the station snapshot. ``reading_event`` turns the
charger's ``DeviceReading`` into the core's ``ChargerReading`` or, when the device does not
answer, ``ChargerUnreachable`` (a missing value stays None, never 0). Pure bookkeeping: no I/O,
raises nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from kiosk.core.events import ChargerReading, ChargerUnreachable, IecState
from kiosk.core.state import Phase, SessionState
from kiosk.hardware.reading import DeviceReading
from kiosk.station.connector_display import SessionLink, connector_view
from kiosk.station.session_runner import SessionRunner
from kiosk.station.setup import ConnectorSetup
from kiosk.station.snapshot import ConnectorSnapshot, Screen, Why

FREE_PHASES = frozenset({Phase.IDLE, Phase.CAR_CONNECTED})
"""No session: a tap may start one."""
_TILE_SCREENS = (Screen.IDLE, Screen.CAR_CONNECTED)
_BEFORE_START = (Screen.IDLE, Screen.CAR_CONNECTED, Screen.BUDGET)
"""Where a driver chooses a budget (the kiosk) or can (the phone page)."""
_IEC = {state.value: state for state in IecState}


def connector_number(connector_id: str) -> int:
    """A session's ``connector_id`` as the station's connector number (-1 when not a number)."""
    try:
        return int(connector_id)
    except ValueError:
        return -1


def iec_state(snapshot: DeviceReading) -> IecState | None:
    """The reading's control-pilot state; None when unknown (or not a letter A-F)."""
    return _IEC.get(snapshot.state) if snapshot.state is not None else None


def reading_event(
    snapshot: DeviceReading, now_ms: int, *, held: bool = False
) -> ChargerReading | ChargerUnreachable:
    """The charger's reading as the event the session machine takes; ``held``: site power
    holds the car below 6 A now (its turn has not come)."""
    if not snapshot.online:
        return ChargerUnreachable(now_ms)
    return ChargerReading(
        now_ms,
        iec_state(snapshot),
        snapshot.energy_wh,
        snapshot.power_w,
        energy_epoch=snapshot.energy_epoch,
        held=held,
    )


@dataclasses.dataclass(slots=True)
class ConnectorSlot:
    setup: ConnectorSetup
    runner: SessionRunner
    out_of_order: bool = False
    test_charge: bool = False
    """A technician's test charge (no payment) runs on it (started by the CSMS)."""
    held: ConnectorSnapshot | None = None
    """The "Done" screen of a session that moved to the background queue."""
    held_until_ms: int = 0
    held_session_id: str | None = None
    plugged: bool = False
    last_phase: Phase = Phase.IDLE
    stop_pressed: bool = False
    """The profile's stop input as last read (a press counts once, on its way down)."""
    offered_current_a: float | None = None
    """The current the charger offers the car now (its last reading; None: not said)."""
    unsubscribe: Callable[[], None] | None = None
    sharing_w: int | None = None
    """The power site sharing lets this connector's car draw now; None: not limited."""
    available_w: int | None = None
    """The power a car starting now would get while the supply is shared; None: not limited."""
    claimed_until_ms: int = 0
    """A phone's payment was just posted to the runner and not yet taken up: until then (or
    until the runner holds a session) no other start may take this connector."""

    @property
    def number(self) -> int:
        return self.setup.number

    def observe(self, snapshot: DeviceReading) -> bool:
        """Track the plug from the charger's snapshot; the car leaving drops a held screen.
        True when the station's stop input has just been pressed (released before)."""
        if not snapshot.online:
            self.offered_current_a = None
            return False  # an outage says nothing about the plug or the stop input
        self.offered_current_a = snapshot.current_limit_a
        pressed_now = snapshot.stop_pressed is True and not self.stop_pressed
        if snapshot.stop_pressed is not None:
            self.stop_pressed = snapshot.stop_pressed
        iec = iec_state(snapshot)
        plugged = iec is not None and iec.plugged
        if self.plugged and not plugged:
            self.held = None
        self.plugged = plugged
        return pressed_now

    def view(
        self,
        state: SessionState,
        now_ms: int,
        receipt_url_template: str | None,
        session_link: SessionLink | None = None,
    ) -> ConnectorSnapshot:
        """The driver's view of ``state`` on this connector."""
        view = connector_view(
            state,
            connector_id=self.setup.number,
            name=self.setup.name,
            now_ms=now_ms,
            out_of_order=self.out_of_order,
            test_charge=self.test_charge,
            receipt_url_template=receipt_url_template,
            session_link=session_link,
            offered_current_a=self.offered_current_a,
        )
        view = dataclasses.replace(view, label=self.setup.printed_label, colour=self.setup.colour)
        if self.sharing_w is not None and view.screen is Screen.CHARGING:
            shared_w = self.sharing_w or None  # 0: waiting for its turn (no "(0 kW)")
            view = dataclasses.replace(view, why=Why.STATION_LIMITING, shared_power_w=shared_w)
        if self.available_w is not None and view.screen in _BEFORE_START:
            view = dataclasses.replace(view, available_power_w=self.available_w)
        return view

    def hold_done_screen(
        self,
        state: SessionState,
        now_ms: int,
        receipt_url_template: str | None,
        session_link: SessionLink | None = None,
    ) -> None:
        """Keep showing ``state`` as "Done" while a fresh session takes the connector."""
        view = self.view(state, now_ms, receipt_url_template, session_link)
        self.held = dataclasses.replace(view, screen=Screen.DONE, deadline_s=None)
        self.held_session_id = state.session_id
        self.held_until_ms = now_ms + state.policy.done_timeout_ms

    def follow_held(
        self,
        state: SessionState,
        now_ms: int,
        receipt_url_template: str | None,
        session_link: SessionLink | None = None,
    ) -> None:
        """The held "Done" screen's session moved on in the background queue (settled, say):
        show what is true now ("Paid", no longer "will be charged"), for the same time."""
        if self.held is None or state.session_id is None:
            return
        if state.session_id != self.held_session_id:
            return
        view = self.view(state, now_ms, receipt_url_template, session_link)
        self.held = dataclasses.replace(view, screen=Screen.DONE, deadline_s=None)

    def screen(
        self,
        now_ms: int,
        *,
        payment_available: bool,
        receipt_url_template: str | None,
        session_link: SessionLink | None = None,
    ) -> ConnectorSnapshot:
        """What the connector shows now: a held "Done" screen over its idle tile, and "payment
        unavailable" instead of a tile that would invite a payment that cannot start."""
        view = self.view(self.runner.state, now_ms, receipt_url_template, session_link)
        idle_like = view.screen in _TILE_SCREENS
        held = self.held if now_ms < self.held_until_ms else None
        if held is not None and (idle_like or view.screen is Screen.PAYMENT_UNAVAILABLE):
            return held
        if idle_like and not payment_available:
            return dataclasses.replace(view, screen=Screen.PAYMENT_UNAVAILABLE)
        return view
