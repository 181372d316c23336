"""The state of one connector's session: phase enum, policy and the frozen ``SessionState``.

``SessionState`` holds everything the transition table needs, as plain data, so the
controller can persist it as JSON (``codec.py``) and restore it after a crash. Helpers here
are small pure functions shared by the handler modules. Nothing raises except
``SessionPolicy`` (``ValueError`` for a non-positive interval).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum

from .effects import Effect, Notice, Persist, WakeAt
from .events import ChargerReading, IecState, PaymentState
from .tariff import AmountDue, Interval, Measured, MeterPoint, TariffSnapshot
from .units import MS_PER_HOUR


class Phase(StrEnum):
    """Where a connector's session is; the rows of the transition table."""

    IDLE = "idle"
    CAR_CONNECTED = "car_connected"
    CHOOSING_BUDGET = "choosing_budget"
    CREATING_PAYMENT = "creating_payment"
    """Budget chosen; ``CreatePayment`` sent, waiting for its answer."""
    AWAITING_APPROVAL = "awaiting_approval"
    """Payment created; the QR is shown and the payment polled."""
    CANCELLING_PAYMENT = "cancelling_payment"
    WAITING_FOR_PLUG = "waiting_for_plug"
    CHARGING = "charging"
    CAR_PAUSED = "car_paused"
    STOPPING = "stopping"
    SETTLING = "settling"
    DONE = "done"
    ENDED = "ended"
    """Ended before any charge: declined, expired, cancelled, payment unavailable."""
    ATTENTION = "attention"
    """Settled as far as the core can; the money does not add up and needs a person."""
    RECOVERING = "recovering"


SETTLED_PHASES = frozenset({Phase.DONE, Phase.ENDED})
"""The money is settled (or none was taken): the session's record is closed, nothing more to do.
ATTENTION is not among them: its money does not add up and it waits for a person."""
TERMINAL_PHASES = frozenset({Phase.DONE, Phase.ENDED, Phase.ATTENTION})
"""The session machine stops here: nothing more happens by itself, the connector shows the
session's end screen until it is dismissed or times out."""
RESTORABLE_PHASES = frozenset(
    {
        Phase.CREATING_PAYMENT,
        Phase.AWAITING_APPROVAL,
        Phase.CANCELLING_PAYMENT,
        Phase.WAITING_FOR_PLUG,
        Phase.CHARGING,
        Phase.CAR_PAUSED,
        Phase.STOPPING,
        Phase.SETTLING,
        Phase.RECOVERING,
    }
)
"""Phases a stored session is restored in at boot (ATTENTION waits for a person instead)."""


class StopReason(StrEnum):
    DRIVER = "driver"
    PHONE = "phone"
    """The driver stopped it from the session page on a phone."""
    TECHNICIAN = "technician"
    STATION_INPUT = "station_input"
    BUDGET_REACHED = "budget_reached"
    CAR_FULL = "car_full"
    UNPLUGGED = "unplugged"
    CHARGER_FAULT = "charger_fault"
    CHARGER_UNREACHABLE = "charger_unreachable"
    STOP_UNCONFIRMED = "stop_unconfirmed"
    PLUG_IN_TIMEOUT = "plug_in_timeout"
    CANCELLED = "cancelled"
    RECOVERY = "recovery"


class SettleStep(StrEnum):
    """Settlement runs these in order; steps with nothing to do are skipped."""

    CAPTURE = "capture"
    CANCEL = "cancel"
    RECEIPT = "receipt"
    VERIFY = "verify"


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    """Station settings that shape a session (not prices); all times in ms."""

    max_current_a: int = 16
    budget_screen_timeout_ms: int = 60_000
    approval_timeout_ms: int = 300_000
    payment_poll_interval_ms: int = 2_000
    plug_in_timeout_ms: int = 180_000
    meter_poll_interval_ms: int = 5_000
    stop_latency_ms: int = 6_000
    """How long a car may keep drawing after ``DisableCharger`` (IEC 61851: up to 6 s)."""
    stop_confirm_timeout_ms: int = 20_000
    min_energy_wh: int = 10
    """Below this a session counts as zero energy: cancel all, no capture."""
    idle_power_w: int = 100
    idle_stop_ms: int = 600_000
    """A car drawing no power this long is full: stop."""
    charger_grace_ms: int = 30_000
    max_power_w: int = 50_000
    """Meter plausibility: a counter that rises faster than this is a bad reading."""
    persist_interval_ms: int = 30_000
    persist_energy_wh: int = 100
    retry_initial_ms: int = 2_000
    retry_max_ms: int = 3_600_000
    done_timeout_ms: int = 60_000
    recovery_timeout_ms: int = 15_000

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if value <= 0 and item.name not in ("min_energy_wh", "idle_power_w"):
                raise ValueError(f"{item.name} must be positive")


@dataclass(frozen=True, slots=True)
class SessionState:
    """One connector and (from ``CREATING_PAYMENT`` on) its paid session."""

    connector_id: str
    policy: SessionPolicy = field(default_factory=SessionPolicy)
    phase: Phase = Phase.IDLE
    # what the charger said last
    iec_state: IecState | None = None
    power_w: int | None = None
    last_meter_wh: int | None = None
    """Last plausible lifetime counter value; None until one arrives."""
    last_meter_ms: int | None = None
    meter_epoch: int | None = None
    """The poller's counter epoch of ``last_meter_wh`` (None: not known, e.g. after a restart)."""
    charger_lost_since_ms: int | None = None
    # the session
    session_id: str | None = None
    reference: str | None = None
    budget_ore: int = 0
    tariff: TariffSnapshot | None = None
    qr_url: str | None = None
    push_phone_masked: str | None = None
    """A push payment: the masked number it went to (the full number is never kept)."""
    on_phone: bool = False
    """Begun on the driver's phone (``userFlow: WEB_REDIRECT``): the station shows no QR."""
    authorized_ore: int = 0
    captured_ore: int = 0
    cancelled_ore: int = 0
    meter_start_wh: int | None = None
    """The counter at the start of the session's current meter segment (a reset, wrap or
    replacement of the meter closes a segment and starts the next one)."""
    energy_before_wh: int = 0
    """Energy of the session's closed meter segments (before the last reset)."""
    meter_resets: int = 0
    """How many times the meter reset, wrapped or was replaced during this session."""
    meter_reset_ms: int | None = None
    """When the last of them was seen (the reading that started the current segment)."""
    meter_offset_wh: int = 0
    """Added to the counter after a reset so that it keeps rising on the session's own scale
    (``session_meter_wh``, the scale of ``meter_points``); 0 until the first reset."""
    charging_started_ms: int | None = None
    stopped_ms: int | None = None
    paused_since_ms: int | None = None
    idle_ms: int = 0
    meter_points: tuple[MeterPoint, ...] = ()
    """Sliced tariff only: the readings since the charging start that its billing needs (two
    intervals of the same kind inside one slot are merged: that bills the same)."""
    outage_ms: int = 0
    """Time the station was down mid-session (last good reading before a restart -> resume):
    the charger's watchdog had stopped charging, so it is left out of the billed time."""
    stop_reason: StopReason | None = None
    notice: Notice | None = None
    # timers
    deadline_ms: int | None = None
    next_poll_ms: int | None = None
    retry_at_ms: int | None = None
    retry_count: int = 0
    # payment operations
    cancel_all: bool = False
    """In ``CANCELLING_PAYMENT``: the full cancel after a ``cancelTransactionOnly`` refusal."""
    settle_step: SettleStep | None = None
    settle_query: str | None = None
    """The capture or cancel of ``settle_step`` was refused or got an ambiguous answer (e.g. a 409
    idempotency conflict on a retry): why. The payment is read (GET) and settlement goes on from
    its real captured and cancelled amounts; None when no such read is pending."""
    measured: Measured | None = None
    amount_due: AmountDue | None = None
    """What the session costs, already limited to the authorized amount; what is captured."""
    persisted_meter_wh: int | None = None
    persisted_ms: int | None = None
    recovered_from: Phase | None = None
    recovered_payment: PaymentState | None = None
    recovered_charger_known: bool = False
    attention_reason: str | None = None

    @property
    def delivered_wh(self) -> int | None:
        """Energy so far: the closed segments plus (counter now - at the segment's start);
        None while unknown."""
        if self.meter_start_wh is None or self.last_meter_wh is None:
            return None
        return self.energy_before_wh + max(0, self.last_meter_wh - self.meter_start_wh)

    @property
    def session_meter_wh(self) -> int | None:
        """The counter on the session's continuous scale: the lifetime counter until the meter
        first resets, then shifted by ``meter_offset_wh``; None while unknown."""
        if self.last_meter_wh is None:
            return None
        return self.last_meter_wh + self.meter_offset_wh

    @property
    def session_start_wh(self) -> int | None:
        """Where the session started on that scale (``session_meter_wh`` - ``delivered_wh``)."""
        if self.meter_start_wh is None:
            return None
        return self.meter_start_wh + self.meter_offset_wh - self.energy_before_wh

    @property
    def is_queued_settlement(self) -> bool:
        """Settling, waiting to retry (payment service unreachable): the controller may move
        this session to its background queue and give the connector a fresh ``idle_state``."""
        return self.phase is Phase.SETTLING and self.retry_at_ms is not None


@dataclass(frozen=True, slots=True)
class Step:
    """The result of one transition. ``rejected``: the event does not apply in this phase;
    the state is unchanged and there are no effects."""

    state: SessionState
    effects: tuple[Effect, ...] = ()
    rejected: bool = False


def idle_state(connector_id: str, policy: SessionPolicy | None = None) -> SessionState:
    """A connector with no session (the state at first start)."""
    return SessionState(connector_id=connector_id, policy=policy or SessionPolicy())


def accept(state: SessionState, *effects: Effect) -> Step:
    return Step(state, tuple(effects))


def reject(state: SessionState) -> Step:
    return Step(state, (), rejected=True)


def free_connector(state: SessionState) -> SessionState:
    """Forget the session; keep what is known about the charger."""
    fresh = idle_state(state.connector_id, state.policy)
    plugged = state.iec_state is not None and state.iec_state.plugged
    return replace(
        fresh,
        phase=Phase.CAR_CONNECTED if plugged else Phase.IDLE,
        iec_state=state.iec_state,
        power_w=state.power_w,
        last_meter_wh=state.last_meter_wh,
        last_meter_ms=state.last_meter_ms,
        meter_epoch=state.meter_epoch,
        charger_lost_since_ms=state.charger_lost_since_ms,
    )


_METERING = frozenset({Phase.CHARGING, Phase.CAR_PAUSED, Phase.STOPPING})


def metering(state: SessionState) -> bool:
    """Is the session's energy still being counted (a counter reset must be billed across)?"""
    if state.meter_start_wh is None:
        return False
    if state.phase is Phase.RECOVERING:
        return state.recovered_from in _METERING
    return state.phase in _METERING


def observe(state: SessionState, reading: ChargerReading) -> SessionState:
    """Take a charger snapshot in: plug state, power, and the counter.

    The counter is on a new track when the poller says so (another ``energy_epoch``) or when it
    went down (a reset, a wrap or a replaced meter, also one seen only after a restart): its
    value becomes the new baseline at once. While a session is metering, its current segment
    is closed at the last good value of the old track and a new one starts at the first value
    of the new track: energy before plus after, nothing subtracted across tracks, nothing
    invented (what the meter counted between those two readings is not known and not billed).
    On the same track, a counter that rises faster than ``max_power_w`` allows is ignored; the
    last good value stays. Unknown fields stay as they were (None is not 0).
    """
    iec_state = reading.iec_state if reading.iec_state is not None else state.iec_state
    seen = replace(state, iec_state=iec_state, power_w=reading.power_w, charger_lost_since_ms=None)
    value = reading.energy_wh
    if value is None or value < 0:
        return seen
    epoch = reading.energy_epoch if reading.energy_epoch is not None else state.meter_epoch
    if _new_track(state, value, reading.energy_epoch):
        if metering(state) and state.last_meter_wh is not None:
            assert state.meter_start_wh is not None
            closed_wh = max(0, state.last_meter_wh - state.meter_start_wh)
            seen = replace(
                seen,
                energy_before_wh=state.energy_before_wh + closed_wh,
                meter_start_wh=value,
                meter_resets=state.meter_resets + 1,
                meter_reset_ms=reading.now_ms,
                meter_offset_wh=state.meter_offset_wh + state.last_meter_wh - value,
                persisted_meter_wh=None,  # the next step persists the new segment
            )
        return replace(seen, last_meter_wh=value, last_meter_ms=reading.now_ms, meter_epoch=epoch)
    if _plausible(state, value, reading.now_ms):
        return replace(seen, last_meter_wh=value, last_meter_ms=reading.now_ms, meter_epoch=epoch)
    return seen


def _new_track(state: SessionState, energy_wh: int, epoch: int | None) -> bool:
    if state.last_meter_wh is None:
        return False
    if epoch is not None and state.meter_epoch is not None and epoch != state.meter_epoch:
        return True
    return energy_wh < state.last_meter_wh


def _plausible(state: SessionState, energy_wh: int, now_ms: int) -> bool:
    if state.last_meter_wh is None or state.last_meter_ms is None:
        return True
    rise_wh = energy_wh - state.last_meter_wh
    elapsed_ms = max(0, now_ms - state.last_meter_ms)
    allowed_wh = state.policy.max_power_w * elapsed_ms // MS_PER_HOUR + 50
    return 0 <= rise_wh <= allowed_wh


def track(state: SessionState, at_ms: int, interval: Interval | None = None) -> SessionState:
    """A sliced tariff's session takes the last good meter reading in as a ``MeterPoint`` at
    ``at_ms``; ``interval`` defaults to idle while paused, else charging. Flat tariffs and
    unknown counters: unchanged."""
    tariff = state.tariff
    if tariff is None or not tariff.sliced or state.charging_started_ms is None:
        return state
    if state.last_meter_wh is None or state.meter_start_wh is None:
        return state
    if interval is None:
        interval = Interval.IDLE if state.paused_since_ms is not None else Interval.CHARGING
    point = MeterPoint(at_ms, state.last_meter_wh + state.meter_offset_wh, interval)
    points = state.meter_points
    if points and at_ms < points[-1].at_ms:
        return state
    before = points[-2].at_ms if len(points) >= 2 else state.charging_started_ms
    if (
        points
        and points[-1].interval is interval
        and tariff.slot_index(before) == tariff.slot_index(at_ms)
        and before >= tariff.slots[0].start_ms
    ):
        points = points[:-1]
    return replace(state, meter_points=(*points, point))


def lost_charger(state: SessionState, now_ms: int) -> SessionState:
    since = state.charger_lost_since_ms if state.charger_lost_since_ms is not None else now_ms
    return replace(state, charger_lost_since_ms=since, power_w=None)


def charger_gone(state: SessionState, now_ms: int) -> bool:
    """Unreachable for longer than the grace time."""
    since = state.charger_lost_since_ms
    return since is not None and now_ms - since >= state.policy.charger_grace_ms


def backoff_ms(state: SessionState) -> int:
    """Retry delay: doubling from ``retry_initial_ms`` up to ``retry_max_ms``, then "equal
    jitter": between half and all of it, fixed per session and attempt (a hash, not a random
    draw: the core stays deterministic), so a fleet's queued settlements do not all come back
    to Vipps in the same second after an outage."""
    policy = state.policy
    full_ms = min(policy.retry_max_ms, policy.retry_initial_ms << min(state.retry_count, 30))
    seed = f"{state.session_id}/{state.retry_count}".encode()
    fraction = zlib.crc32(seed) / 0xFFFFFFFF
    return full_ms // 2 + round(full_ms / 2 * fraction)


def deadline(at_ms: int) -> WakeAt:
    return WakeAt(at_ms)


PERSIST = Persist()
