"""Transitions of an authorized session: waiting for the plug, charging, car paused, stopping.

Budget reached is decided ahead: the session stops as soon as the price of what the meter
could show at the next reading - current energy plus the last power over one meter poll
interval and the car's stop latency, with the times moved on as much - reaches the authorized
amount (``budget_reached``). The energy billed is the lifetime counter difference, summed over
the meter's segments when it resets, wraps or is replaced mid-session (``state.observe``); the
budget counts all of them. A counter that is unknown at start is latched at the first good
reading. Pure; rejects, never raises.
"""

from __future__ import annotations

from dataclasses import replace

from .effects import DisableCharger, EnableCharger, Notice, SetCurrent, WakeAt
from .events import (
    CancelTapped,
    ChargerReading,
    ChargerUnreachable,
    StopRequested,
    StopSource,
    Tick,
)
from .settlement import begin_settlement, measure
from .state import (
    PERSIST,
    Phase,
    SessionState,
    Step,
    StopReason,
    accept,
    charger_gone,
    lost_charger,
    observe,
    track,
)
from .tariff import Interval, Measured, MeterPoint, amount_due
from .units import energy_wh_at_power

_SOURCE_REASON = {
    StopSource.DRIVER: StopReason.DRIVER,
    StopSource.PHONE: StopReason.PHONE,
    StopSource.TECHNICIAN: StopReason.TECHNICIAN,
    StopSource.STATION_INPUT: StopReason.STATION_INPUT,
}


def authorized(state: SessionState, now_ms: int, authorized_ore: int) -> Step:
    """The driver approved: charge at once if a car is plugged, otherwise wait for the plug."""
    paid = replace(state, authorized_ore=authorized_ore, next_poll_ms=None, deadline_ms=None)
    if paid.iec_state is not None and paid.iec_state.plugged and not charger_lost(paid):
        return start_charging(paid, now_ms)
    return wait_for_plug(paid, now_ms)


def wait_for_plug(state: SessionState, now_ms: int) -> Step:
    at_ms = now_ms + state.policy.plug_in_timeout_ms
    waiting = replace(state, phase=Phase.WAITING_FOR_PLUG, deadline_ms=at_ms)
    return accept(waiting, PERSIST, WakeAt(at_ms))


def charger_lost(state: SessionState) -> bool:
    return state.charger_lost_since_ms is not None


def start_charging(state: SessionState, now_ms: int) -> Step:
    """Latch the counter and enable the charger (persisted first)."""
    charging = replace(
        state,
        phase=Phase.CHARGING,
        meter_start_wh=state.last_meter_wh,
        energy_before_wh=0,
        meter_resets=0,
        meter_reset_ms=None,
        meter_offset_wh=0,
        charging_started_ms=now_ms,
        paused_since_ms=now_ms,  # idle until the car draws power
        deadline_ms=None,
        persisted_ms=now_ms,
        persisted_meter_wh=state.last_meter_wh,
    )
    return accept(
        charging,
        PERSIST,
        SetCurrent(state.policy.max_current_a),
        EnableCharger(),
    )


def after_outage(state: SessionState, now_ms: int) -> SessionState:
    """The session going on at ``now_ms`` after the station was down since ``stopped_ms`` (set
    by recovery: the last good meter reading before the restart).

    The charger's watchdog stopped charging meanwhile, so the gap is neither charging nor idle
    time: it goes to ``outage_ms``. A pause is billed up to the last good reading and restarts
    now (a stored pause may predate readings that were not persisted, and what the car did
    while the station was down is unknown, so the gap does not count towards "car full").
    """
    down_since_ms = state.stopped_ms  # None: not known, nothing is added
    if down_since_ms is not None:
        state = track(track(state, down_since_ms), now_ms, Interval.OUTAGE)
    idle_ms, paused_since_ms = state.idle_ms, state.paused_since_ms
    if paused_since_ms is not None:
        if down_since_ms is not None:
            idle_ms += max(0, down_since_ms - paused_since_ms)
        paused_since_ms = now_ms
    gap_ms = 0 if down_since_ms is None else max(0, now_ms - down_since_ms)
    return replace(
        state,
        stopped_ms=None,
        outage_ms=state.outage_ms + gap_ms,
        idle_ms=idle_ms,
        paused_since_ms=paused_since_ms,
    )


def resume_charging(state: SessionState, now_ms: int) -> Step:
    """After a restart: same start counter and start time, the outage left out of the billed
    time (``after_outage``), charger enabled again."""
    back = after_outage(state, now_ms)
    phase = Phase.CHARGING if back.paused_since_ms is None else Phase.CAR_PAUSED
    resumed = replace(back, phase=phase, deadline_ms=None, persisted_ms=now_ms)
    return accept(
        resumed,
        PERSIST,
        SetCurrent(state.policy.max_current_a),
        EnableCharger(),
    )


# --- waiting for the plug -------------------------------------------------------------------


def plug_on_reading(state: SessionState, event: ChargerReading) -> Step:
    seen = observe(state, event)
    if seen.iec_state is not None and seen.iec_state.fault:
        return begin_settlement(seen, event.now_ms, StopReason.CHARGER_FAULT)
    if seen.iec_state is not None and seen.iec_state.plugged:
        return start_charging(seen, event.now_ms)
    return accept(seen)


def plug_on_tick(state: SessionState, event: Tick) -> Step:
    if charger_gone(state, event.now_ms):
        return begin_settlement(state, event.now_ms, StopReason.CHARGER_UNREACHABLE)
    if state.deadline_ms is not None and event.now_ms >= state.deadline_ms:
        return begin_settlement(state, event.now_ms, StopReason.PLUG_IN_TIMEOUT)
    return accept(state)


def plug_on_cancel(state: SessionState, event: CancelTapped) -> Step:
    return begin_settlement(
        replace(state, notice=Notice.RELEASED), event.now_ms, StopReason.CANCELLED
    )


def plug_on_stop(state: SessionState, event: StopRequested) -> Step:
    return begin_settlement(state, event.now_ms, _SOURCE_REASON[event.source])


# --- charging / car paused ------------------------------------------------------------------


def budget_reached(state: SessionState, now_ms: int) -> bool:
    """Could the next meter reading cost the authorized amount or more?"""
    assert state.tariff is not None
    policy = state.policy
    ahead_ms = policy.meter_poll_interval_ms + policy.stop_latency_ms
    now_measured = measure(state, now_ms)
    ahead_wh = energy_wh_at_power(max(0, state.power_w or 0), ahead_ms)
    idle_ahead_ms = ahead_ms if state.paused_since_ms is not None else 0
    points = now_measured.points
    if points:
        last = points[-1]
        points = (
            *points,
            MeterPoint(last.at_ms + ahead_ms, last.meter_wh + ahead_wh, last.interval),
        )
    projected = Measured(
        now_measured.energy_wh + ahead_wh,
        now_measured.duration_ms + ahead_ms,
        now_measured.idle_ms + idle_ahead_ms,
        points,
    )
    return amount_due(state.tariff, projected).total_ore >= state.authorized_ore


def stop(state: SessionState, now_ms: int, reason: StopReason) -> Step:
    at_ms = now_ms + state.policy.stop_confirm_timeout_ms
    stopping = replace(
        state, phase=Phase.STOPPING, stop_reason=reason, stopped_ms=now_ms, deadline_ms=at_ms
    )
    return accept(stopping, PERSIST, DisableCharger(), WakeAt(at_ms))


_CAR_LEFT = frozenset({StopReason.UNPLUGGED, StopReason.CHARGER_FAULT})
"""Stops the car or the charger made: the IEC state says so before the meter's last refresh."""


def _final_reading_next(state: SessionState, now_ms: int, reason: StopReason) -> Step:
    """The car left (or the charger faulted): disable at once, but bill from a later reading.

    The poll that sees the car leave may carry the meter's previous refresh (1-3 Wh on the
    simulator, tens of Wh at 22 kW), so the session waits in STOPPING, as after a Stop tap, for
    a reading with the power at zero (``stopping_on_reading``) or its deadline. A reading that
    already shows zero power is final now."""
    if state.power_w is not None and state.power_w <= state.policy.idle_power_w:
        return begin_settlement(state, now_ms, reason, DisableCharger())
    return stop(state, now_ms, reason)


def _paused(state: SessionState) -> bool | None:
    """Is the car drawing nothing? None when the reading does not say."""
    if state.iec_state is not None and not state.iec_state.drawing:
        return True
    if state.power_w is None:
        return None
    return state.power_w <= state.policy.idle_power_w


def _keep_going(state: SessionState, now_ms: int) -> Step:
    """Checks shared by readings and ticks: budget, car full, periodic persist."""
    if state.tariff is not None and budget_reached(state, now_ms):
        return stop(state, now_ms, StopReason.BUDGET_REACHED)
    paused_since = state.paused_since_ms
    if paused_since is not None and now_ms - paused_since >= state.policy.idle_stop_ms:
        return stop(state, now_ms, StopReason.CAR_FULL)
    return _maybe_persist(state, now_ms)


def _maybe_persist(state: SessionState, now_ms: int) -> Step:
    policy = state.policy
    due_time = (
        state.persisted_ms is None or now_ms - state.persisted_ms >= policy.persist_interval_ms
    )
    meter, persisted = state.last_meter_wh, state.persisted_meter_wh
    due_energy = meter is not None and (
        persisted is None or meter - persisted >= policy.persist_energy_wh
    )
    if not (due_time or due_energy):
        return accept(state)
    return accept(replace(state, persisted_ms=now_ms, persisted_meter_wh=meter), PERSIST)


def charging_on_reading(state: SessionState, event: ChargerReading) -> Step:
    now_ms = event.now_ms
    seen = observe(state, event)
    if seen.meter_start_wh is None and seen.last_meter_wh is not None:
        seen = replace(seen, meter_start_wh=seen.last_meter_wh)  # late latch
    seen = track(seen, now_ms)
    if seen.iec_state is not None and seen.iec_state.fault:
        return _final_reading_next(seen, now_ms, StopReason.CHARGER_FAULT)
    if seen.iec_state is not None and not seen.iec_state.plugged:
        return _final_reading_next(seen, now_ms, StopReason.UNPLUGGED)
    paused = False if event.held else _paused(seen)  # held: the station's pause, not the car's
    if paused is True and seen.paused_since_ms is None:
        seen = replace(seen, phase=Phase.CAR_PAUSED, paused_since_ms=now_ms)
    elif paused is False and seen.paused_since_ms is not None:
        idle_ms = seen.idle_ms + max(0, now_ms - seen.paused_since_ms)
        seen = replace(seen, phase=Phase.CHARGING, paused_since_ms=None, idle_ms=idle_ms)
    return _keep_going(seen, now_ms)


def charging_on_tick(state: SessionState, event: Tick) -> Step:
    if charger_gone(state, event.now_ms):
        lost_at = state.charger_lost_since_ms
        stopped = replace(state, stopped_ms=lost_at)
        return begin_settlement(
            stopped, event.now_ms, StopReason.CHARGER_UNREACHABLE, DisableCharger()
        )
    return _keep_going(state, event.now_ms)


def charging_on_stop(state: SessionState, event: StopRequested) -> Step:
    return stop(state, event.now_ms, _SOURCE_REASON[event.source])


def on_unreachable(state: SessionState, event: ChargerUnreachable) -> Step:
    lost = lost_charger(state, event.now_ms)
    at_ms = (lost.charger_lost_since_ms or event.now_ms) + state.policy.charger_grace_ms
    return accept(lost, WakeAt(at_ms))


# --- stopping -------------------------------------------------------------------------------


def stopping_on_reading(state: SessionState, event: ChargerReading) -> Step:
    seen = observe(state, event)
    iec = seen.iec_state
    settled_iec = iec is not None and not iec.drawing
    if state.stop_reason in _CAR_LEFT and seen.power_w is not None:
        settled_iec = False  # the IEC state said so already: wait for the meter's zero power
    no_power = seen.power_w is not None and seen.power_w <= state.policy.idle_power_w
    if settled_iec or no_power:
        return begin_settlement(seen, event.now_ms, state.stop_reason or StopReason.DRIVER)
    if seen.meter_resets != state.meter_resets:
        return accept(seen, PERSIST)  # the journal records the reset
    return accept(seen)


def stopping_on_tick(state: SessionState, event: Tick) -> Step:
    now_ms = event.now_ms
    if charger_gone(state, now_ms):
        return begin_settlement(state, now_ms, StopReason.CHARGER_UNREACHABLE, DisableCharger())
    if state.deadline_ms is not None and now_ms >= state.deadline_ms:
        if state.stop_reason in _CAR_LEFT:  # the meter never showed zero: bill what it showed
            return begin_settlement(state, now_ms, state.stop_reason, DisableCharger())
        flagged = replace(state, attention_reason="stop not confirmed by the charger")
        return begin_settlement(flagged, now_ms, StopReason.STOP_UNCONFIRMED, DisableCharger())
    return accept(state)


def stopping_on_stop(state: SessionState, _event: StopRequested) -> Step:
    return accept(state)  # a second tap on Stop
