"""A meter that resets, wraps or is replaced is billed across its epochs (issue 14.3, 20.1).

Energy before plus after the reset, nothing invented, the budget keeps counting, the next
session on the connector is billed from the new counter, also across a restart. The property
test drives the real ``EnergyFilter`` and the core together with random resets, wraps,
replacements, unreadable values (NaN) and spikes, and compares the billed energy with the
energy a simulated car really drew.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from core_world import (
    BUDGET_ORE,
    START_WH,
    T0,
    authorized,
    chosen,
    drive,
    reading,
    run,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.codec import decode_state, encode
from kiosk.core.effects import Persist
from kiosk.core.events import (
    ChargerReading,
    ConnectorTapped,
    IecState,
    PaymentCreated,
    PaymentState,
    PaymentStatus,
    Rebooted,
    StopRequested,
)
from kiosk.core.state import Phase, SessionState, idle_state
from kiosk.hardware.energy_filter import EnergyFilter


def _charging(at_wh: int = START_WH, epoch: int | None = 0) -> SessionState:
    """A session charging since T0+10 s with the counter at ``at_wh``."""
    return drive(
        idle_state("c1"),
        [
            ChargerReading(T0, IecState.B, at_wh, 0, energy_epoch=epoch),
            ConnectorTapped(T0 + 2000),
            chosen(3000),
            PaymentCreated(T0 + 4000, "https://qr.example/1"),
            authorized(5000),
            ChargerReading(T0 + 10_000, IecState.C, at_wh, 7000, energy_epoch=epoch),
        ],
    )


def _at(t_s: int, wh: int, epoch: int | None = 0, power_w: int = 7000) -> ChargerReading:
    return ChargerReading(T0 + t_s * 1000, IecState.C, wh, power_w, energy_epoch=epoch)


def test_a_reset_mid_session_bills_the_energy_before_and_after() -> None:
    state = drive(_charging(), [_at(60, START_WH + 400), _at(65, START_WH + 420)])
    step = run(state, _at(70, 15, epoch=1))  # the meter restarted from 0 meanwhile
    assert step.state.delivered_wh == 420  # the 15 Wh on the new counter are not known
    assert Persist() in step.effects  # so the journal records the reset
    assert (step.state.meter_resets, step.state.meter_reset_ms) == (1, T0 + 70_000)
    later = drive(step.state, [_at(80, 115, epoch=1), _at(90, 215, epoch=1)])
    assert later.delivered_wh == 420 + 200
    stopped = drive(later, [StopRequested(T0 + 91_000), _at(92, 220, epoch=1, power_w=0)])
    assert stopped.phase is Phase.SETTLING
    assert stopped.measured is not None
    assert stopped.measured.energy_wh == 625


def test_a_decrease_without_an_epoch_is_a_reset_too() -> None:
    state = drive(_charging(epoch=None), [_at(60, START_WH + 300, epoch=None)])
    after = drive(state, [_at(70, 50, epoch=None), _at(90, 250, epoch=None)])
    assert after.delivered_wh == 300 + 200


def test_a_confirmed_jump_is_a_new_baseline_never_billed() -> None:
    state = drive(_charging(), [_at(60, START_WH + 300)])
    jumped = drive(state, [_at(70, 9_000_000, epoch=1), _at(80, 9_000_100, epoch=1)])
    assert jumped.delivered_wh == 300 + 100


def test_the_budget_keeps_counting_after_a_reset() -> None:
    # 35 000 øre at 350 øre/kWh with a 500 øre start fee: about 98.6 kWh
    state = drive(_charging(), [_at(7200, START_WH + 60_000, power_w=22_000)])
    assert state.phase is Phase.CHARGING
    reset = drive(state, [_at(7210, 10, epoch=1, power_w=22_000)])
    assert reset.phase is Phase.CHARGING
    step = run(reset, _at(7210 + 6500, 10 + 39_000, epoch=1, power_w=22_000))
    assert step.state.phase is Phase.STOPPING
    assert step.state.stop_reason is not None
    assert step.state.stop_reason.value == "budget_reached"
    assert step.state.delivered_wh == 60_000 + 39_000


def test_every_later_session_is_billed_from_the_new_counter() -> None:
    before = drive(_charging(at_wh=12_000_000_000), [_at(60, 12_000_000_500)])
    done = drive(before, [StopRequested(T0 + 61_000), _at(62, 12_000_000_500, power_w=0)])
    assert done.phase is Phase.SETTLING
    assert done.measured is not None
    assert done.measured.energy_wh == 500
    # the meter is swapped; the next session starts on the new counter (epoch 1)
    fresh = _next_session(done, 5)
    assert fresh.meter_start_wh == 5
    charged = drive(fresh, [_at(150, 1005, epoch=1)])
    assert charged.delivered_wh == 1000


def _next_session(state: SessionState, at_wh: int) -> SessionState:
    free = idle_state(state.connector_id, state.policy)
    free = replace(
        free,
        last_meter_wh=state.last_meter_wh,
        last_meter_ms=state.last_meter_ms,
        meter_epoch=state.meter_epoch,
    )
    return drive(
        free,
        [
            ChargerReading(T0 + 40_000, IecState.B, at_wh, 0, energy_epoch=1),
            ConnectorTapped(T0 + 41_000),
            chosen(42_000),
            PaymentCreated(T0 + 43_000, "https://qr.example/2"),
            authorized(44_000),
            ChargerReading(T0 + 45_000, IecState.C, at_wh, 7000, energy_epoch=1),
        ],
    )


def test_an_idle_connector_takes_a_lower_counter_as_its_baseline() -> None:
    idle = drive(
        idle_state("c1"),
        [reading(0, IecState.A, 12_000_000), reading(1000, IecState.A, 7)],
    )
    assert idle.last_meter_wh == 7


def _restored(state: SessionState, now_ms: int) -> SessionState:
    """What boot recovery makes of the stored ``state``: decode, Rebooted, payment known."""
    stored = decode_state(encode(state))
    recovering = drive(stored, [Rebooted(now_ms)])
    assert recovering.meter_epoch is None  # the new poller's epochs start from 0 again
    return drive(recovering, [PaymentStatus(now_ms + 100, PaymentState.AUTHORIZED, BUDGET_ORE)])


def test_a_reset_while_the_station_was_down_starts_a_new_segment() -> None:
    state = drive(_charging(epoch=3), [_at(60, START_WH + 400, epoch=3)])
    back = _restored(state, T0 + 100_000)
    resumed = drive(back, [_at(101, 20, epoch=0)])
    assert resumed.phase is Phase.CHARGING
    assert resumed.delivered_wh == 400
    later = drive(resumed, [_at(111, 120, epoch=0)])
    assert later.delivered_wh == 500


def test_a_restart_without_a_reset_loses_nothing() -> None:
    """The new poller says epoch 0 where the stored state said 3: that alone is no reset."""
    state = drive(_charging(epoch=3), [_at(60, START_WH + 400, epoch=3)])
    back = _restored(state, T0 + 100_000)
    resumed = drive(back, [_at(101, START_WH + 450, epoch=0), _at(111, START_WH + 550, epoch=0)])
    assert (resumed.delivered_wh, resumed.meter_resets) == (550, 0)


# --- property: filter + core against the energy the car really drew ------------------------

MODULUS_WH = 1 << 16  # a small counter (65.5 kWh), so that wraps happen
POLICY_MAX_POWER_W = 22_000
DISCONTINUITIES = ("reset", "replace_down", "replace_up")


@dataclass(frozen=True)
class Poll:
    dt_s: int
    power_w: int
    kind: str  # normal | nan | spike | reset | replace_down | replace_up
    before_share: float = 0.5  # part of the interval's energy counted before the reset
    new_wh: int = 0  # the replacement meter's counter


_KINDS = ["normal"] * 12 + ["nan", "nan", "spike", "reset", "replace_down", "replace_up"]


@st.composite
def polls(draw: st.DrawFn) -> list[Poll]:
    out: list[Poll] = []
    for _ in range(draw(st.integers(5, 80))):
        kind = draw(st.sampled_from(_KINDS))
        if out and out[-1].kind in DISCONTINUITIES:
            kind = "normal"  # a meter does not reset twice within one poll
        out.append(
            Poll(
                dt_s=draw(st.integers(1, 5)),
                power_w=draw(st.integers(1000, POLICY_MAX_POWER_W)),
                kind=kind,
                before_share=draw(st.floats(0, 1)),
                new_wh=draw(st.integers(0, 5_000)),
            )
        )
    return out


@given(
    polls(),
    st.sampled_from([1, 10]),
    st.one_of(st.integers(0, MODULUS_WH - 1), st.integers(MODULUS_WH - 3000, MODULUS_WH - 1)),
)
@settings(max_examples=200, deadline=None)
def test_billed_energy_is_what_the_car_drew_never_more(
    schedule: list[Poll], resolution_wh: int, start_wh: int
) -> None:
    """Billed == drawn within the meter's resolution, less only what no reading could see (the
    energy between the last good reading before a discontinuity and the first one after), and
    never more; the billed energy never goes backwards (the budget keeps counting)."""
    counter_wh = float(start_wh)  # what the meter counts, modulo MODULUS_WH
    energy_filter = EnergyFilter(max_power_w=POLICY_MAX_POWER_W)
    now_s = 100.0

    def shown() -> float:
        return math.floor(counter_wh / resolution_wh) * resolution_wh

    def feed(state: SessionState, raw: float | None, power_w: int) -> SessionState:
        filtered = energy_filter.update(raw, float(power_w), now_s)
        event = ChargerReading(
            T0 + int(now_s * 1000),
            IecState.C,
            filtered.energy_wh,
            power_w,
            energy_epoch=filtered.epoch,
        )
        step = run(state, event)
        assert not step.rejected
        return step.state

    first = energy_filter.update(shown(), 0.0, now_s)
    state = _charging(at_wh=first.energy_wh or 0, epoch=first.epoch)
    state = replace(state, last_meter_ms=T0 + int(now_s * 1000))
    drawn_wh = 0.0  # what the car drew since the session's start reading
    unseen_wh = 0.0  # drawn between the last good reading before a discontinuity and the next
    since_good_wh = 0.0  # drawn since the last good reading
    confirming = False  # a jump up waits for the next reading to confirm it
    spiked = False  # the last readable value was a spike
    previous = 0
    for poll in schedule:
        now_s += poll.dt_s
        energy_wh = poll.power_w * poll.dt_s / 3600
        drawn_wh += energy_wh
        since_good_wh += energy_wh
        after_wh = energy_wh * (1 - poll.before_share)
        discontinuity = poll.kind in DISCONTINUITIES
        if poll.kind == "reset":
            counter_wh = after_wh
        elif poll.kind == "replace_down":
            counter_wh = min(float(poll.new_wh), max(counter_wh - 1, 0.0)) + after_wh
        elif poll.kind == "replace_up":
            counter_wh = (counter_wh + 20_000 + poll.new_wh + after_wh) % MODULUS_WH
        else:
            counter_wh += energy_wh
            if counter_wh >= MODULUS_WH:
                counter_wh -= MODULUS_WH  # the counter wraps
                discontinuity = True
        raw = {"nan": None, "spike": shown() + 5e8}.get(poll.kind, shown())
        state = feed(state, raw, poll.power_w)
        if poll.kind == "spike" and spiked:
            confirming = True  # two alike spikes in a row look like a meter that moved
        if discontinuity or (confirming and poll.kind not in ("spike", "nan")):
            unseen_wh += since_good_wh
            since_good_wh = 0.0
            confirming = poll.kind == "replace_up"  # it may have been a jump up
        elif poll.kind == "normal":
            since_good_wh = 0.0
        if poll.kind != "nan":
            spiked = poll.kind == "spike"
        delivered = state.delivered_wh
        assert delivered is not None
        assert delivered >= previous  # the budget keeps counting, never backwards
        previous = delivered
        assert state.phase is Phase.CHARGING
    segments = state.meter_resets + 1
    billed = state.delivered_wh
    assert billed is not None
    assert billed < drawn_wh + segments * resolution_wh  # never invented
    not_read_yet_wh = since_good_wh  # drawn after the last good reading
    assert billed > drawn_wh - unseen_wh - not_read_yet_wh - segments * resolution_wh


def test_a_sliced_tariff_bills_across_a_reset_on_a_continuous_scale() -> None:
    """Meter points stay on one rising scale, so every slot is billed what it really got."""
    state = drive(_charging(), [_at(60, START_WH + 400), _at(70, 30, epoch=1)])
    state = drive(state, [_at(80, 130, epoch=1)])
    assert (state.session_start_wh, state.session_meter_wh) == (START_WH, START_WH + 500)
    assert state.delivered_wh == 500
