"""What a driver sees of a session: ``SessionState`` -> ``ConnectorSnapshot``
(``kiosk.station.snapshot``).

The screen follows from the phase and the notice (the core has no screen effect), so a
restored session shows the right screen. Money on screen is the same
``amount_due`` the capture uses: while charging, the price of what was measured so far,
limited to the authorized amount. A push payment shows the masked number it went to instead
of a QR; a settled session with a capture links its receipt page (the same URL the Vipps
client sent as the receipt's category link).

Telling the truth when things break (issue 14): ``charging_why`` gives the one-line reason
on the charging screen for every case of PRODUCT.md §2 step 5; a tile whose charger reports a
fault says fault, "not responding" only when the link is lost; the Done screen of a
settlement still waiting for the payment service says so (``settlement_pending``); and
``with_storage_fault`` adds the station-problem line while records cannot be written. Pure;
raises nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kiosk.core.effects import Notice
from kiosk.core.events import IecState
from kiosk.core.settlement import measure
from kiosk.core.state import Phase, SessionState, StopReason
from kiosk.core.tariff import amount_due
from kiosk.payments.settings import receipt_url
from kiosk.station.snapshot import ConnectorSnapshot, Failure, Screen, StorageFault, Why

_PHASE_SCREEN = {
    Phase.IDLE: Screen.IDLE,
    Phase.CAR_CONNECTED: Screen.CAR_CONNECTED,
    Phase.CHOOSING_BUDGET: Screen.BUDGET,
    Phase.CREATING_PAYMENT: Screen.PAY,
    Phase.AWAITING_APPROVAL: Screen.PAY,
    Phase.WAITING_FOR_PLUG: Screen.PLUG_IN,
    Phase.CHARGING: Screen.CHARGING,
    Phase.CAR_PAUSED: Screen.CHARGING,
    Phase.STOPPING: Screen.STOPPING,
    Phase.SETTLING: Screen.SETTLING,
    Phase.RECOVERING: Screen.SETTLING,
    Phase.DONE: Screen.DONE,
}
_NOTICE_SCREEN = {
    Notice.DECLINED: Screen.DECLINED,
    Notice.EXPIRED: Screen.EXPIRED,
    Notice.APPROVAL_TIMEOUT: Screen.EXPIRED,
    Notice.CANCELLED: Screen.CANCELLED,
    Notice.PAYMENT_UNAVAILABLE: Screen.FAILED,
    Notice.NEEDS_ATTENTION: Screen.FAILED,
}
_COUNTDOWN = frozenset({Screen.PAY, Screen.PLUG_IN, Screen.DONE})
_FOLLOWED = frozenset(
    {Screen.PAY, Screen.PLUG_IN, Screen.CHARGING, Screen.STOPPING, Screen.SETTLING, Screen.DONE}
)
"""Screens whose session has a page on the driver's phone worth showing a code for."""
SessionLink = Callable[[str], str]
"""A session id -> its page on the driver's phone (``kiosk.web.session_links``)."""
_PROBLEM_SCREENS = frozenset({Screen.CHARGING, Screen.STOPPING})
MIN_CHARGING_CURRENT_A = 6.0
"""IEC 61851: below 6 A offered a car cannot charge at all."""
LIMIT_MARGIN_A = 1.0
"""An offer this much below the connector's maximum is the station limiting power."""


def charging_why(state: SessionState, offered_current_a: float | None = None) -> Why | None:
    """The one-line "why" while a charge runs (None outside CHARGING / CAR_PAUSED).

    ``offered_current_a`` is the current the charger offers the car now (its reading), None
    when the charger does not say.

    * charging, the car not drawing since the charge was enabled: waiting for the car;
    * charging at an offer below the connector's maximum: the station is limiting power;
    * paused with an offer too low to charge (under 6 A): the station is limiting power;
    * paused with the car no longer asking for energy (IEC state B): the car is full;
    * any other pause: the car has paused charging.
    """
    offered = offered_current_a
    if state.phase is Phase.CHARGING:
        if state.paused_since_ms is not None:
            return Why.WAITING_FOR_CAR  # enabled, and the car has not drawn power yet
        if offered is not None and offered < state.policy.max_current_a - LIMIT_MARGIN_A:
            return Why.STATION_LIMITING
        return Why.CHARGING
    if state.phase is Phase.CAR_PAUSED:
        if offered is not None and offered < MIN_CHARGING_CURRENT_A:
            return Why.STATION_LIMITING
        if state.iec_state is IecState.B:
            return Why.CAR_FULL
        return Why.CAR_PAUSED
    return None


def tile_failure(state: SessionState) -> Failure | None:
    """Why a connector without a session cannot be used: a lost link says "not responding",
    a charger reporting a fault (IEC E/F) says fault; None when it can be used."""
    if state.charger_lost_since_ms is not None:
        return Failure.CHARGER_NOT_RESPONDING
    if state.iec_state is not None and state.iec_state.fault:
        return Failure.CHARGER_FAULT
    return None


def with_storage_fault(view: ConnectorSnapshot, fault: StorageFault | None) -> ConnectorSnapshot:
    """``view`` with the station-problem line while records cannot be written (on the screens
    of a running charge: the numbers there come from the meter, and Stop works)."""
    problem = fault is not None and view.screen in _PROBLEM_SCREENS
    return view if problem == view.station_problem else replace(view, station_problem=problem)


def _screen(state: SessionState) -> Screen:
    phase, notice = state.phase, state.notice
    if phase is Phase.SETTLING and state.retry_at_ms is not None:
        return Screen.DONE  # charging is over; the money settles in the background
    if phase is Phase.DONE and state.meter_start_wh is None:
        # settled without a charge: the reservation was released before the car was plugged
        if state.stop_reason is StopReason.PLUG_IN_TIMEOUT:
            return Screen.PLUG_IN_TIMEOUT
        return Screen.CANCELLED
    if phase in (Phase.ENDED, Phase.CANCELLING_PAYMENT, Phase.ATTENTION):
        if state.stop_reason is StopReason.PLUG_IN_TIMEOUT:
            return Screen.PLUG_IN_TIMEOUT
        if notice is Notice.RELEASED:
            return Screen.CANCELLED if state.meter_start_wh is None else Screen.DONE
        return _NOTICE_SCREEN.get(notice or Notice.CANCELLED, Screen.CANCELLED)
    return _PHASE_SCREEN.get(phase, Screen.IDLE)


def _failure(state: SessionState, screen: Screen) -> Failure | None:
    if screen is not Screen.FAILED:
        return None
    if state.notice is Notice.PAYMENT_UNAVAILABLE:
        return Failure.PAYMENT_ERROR
    return Failure.INTERNAL


def _cost_ore(state: SessionState, now_ms: int) -> int | None:
    if state.amount_due is not None:
        return state.amount_due.total_ore
    if state.tariff is None or state.charging_started_ms is None:
        return None
    if state.delivered_wh is None:
        return None
    due = amount_due(state.tariff, measure(state, now_ms))
    return due.limited_to(state.authorized_ore).total_ore if state.authorized_ore else due.total_ore


def _receipt_url(
    state: SessionState, screen: Screen, template: str | None, link: SessionLink | None
) -> str | None:
    """The receipt's category link, once settled with a capture: DONE is only reached after
    the receipt (with its link) was posted; a refused receipt goes to ATTENTION instead.
    Without a template it is the session page (when the phone pages are served)."""
    if screen is not Screen.DONE or state.phase is not Phase.DONE or not state.captured_ore:
        return None
    if state.session_id is None:
        return None
    if template is None and link is not None:
        return link(state.session_id)
    return receipt_url(template, state.session_id)


def connector_view(
    state: SessionState,
    *,
    connector_id: int,
    name: str,
    now_ms: int,
    out_of_order: bool,
    test_charge: bool = False,
    receipt_url_template: str | None = None,
    session_link: SessionLink | None = None,
    offered_current_a: float | None = None,
) -> ConnectorSnapshot:
    """The driver's view of one connector's session (or its tile when there is none);
    ``offered_current_a``: what the charger offers the car now (for the "why" line)."""
    screen = _screen(state)
    if screen in (Screen.IDLE, Screen.CAR_CONNECTED):
        failure = tile_failure(state)
        if test_charge:  # the charger runs for a technician: no failure shown, no driver
            screen, failure = Screen.TEST_CHARGE, None
        elif out_of_order:
            screen, failure = Screen.OUT_OF_ORDER, None
        elif failure is not None:
            screen = Screen.FAULT
        return ConnectorSnapshot(connector_id, name, screen, failure=failure, power_w=state.power_w)
    why = charging_why(state, offered_current_a)
    started = state.charging_started_ms
    end_ms = state.stopped_ms if state.stopped_ms is not None else now_ms
    deadline_s = None
    if screen in _COUNTDOWN and state.deadline_ms is not None:
        deadline_s = max(0, (state.deadline_ms - now_ms + 999) // 1000)
    settled = state.phase in (Phase.DONE, Phase.ENDED, Phase.ATTENTION)
    push = state.push_phone_masked is not None
    return ConnectorSnapshot(
        connector_id=connector_id,
        name=name,
        screen=screen,
        why=why,
        failure=_failure(state, screen),
        stop_reason=state.stop_reason,
        energy_wh=state.delivered_wh if started is not None else None,
        power_w=state.power_w if why is not None else None,
        # the time billed (an outage of the station is not charging time)
        elapsed_s=measure(state, end_ms).duration_ms // 1000 if started is not None else None,
        cost_ore=_cost_ore(state, now_ms),
        budget_ore=state.authorized_ore or state.budget_ore or None,
        authorized_ore=state.authorized_ore or None,
        paid_ore=state.captured_ore if settled else None,
        released_ore=state.cancelled_ore if settled else None,
        deadline_s=deadline_s,
        qr_text=(
            (state.qr_url or None)
            if screen is Screen.PAY and not push and not state.on_phone
            else None
        ),
        phone_number=state.push_phone_masked if screen is Screen.PAY else None,
        receipt_url=_receipt_url(state, screen, receipt_url_template, session_link),
        session_url=(
            session_link(state.session_id)
            if session_link is not None and state.session_id is not None and screen in _FOLLOWED
            else None
        ),
        on_phone=state.on_phone,
        settlement_pending=screen is Screen.DONE and not settled,
    )
