"""A simulated electric car on one connector: battery, on-board charger, BMS taper, pauses.

The car only sees the current the station offers on the control pilot (0 = no PWM) and time;
it answers with whether its S2 switch is closed (state C, requesting energy) and the current
it draws per phase. Defaults follow ``shared/hardware/README.md`` §8 ("reasonable defaults,
not sourced"). When the battery reaches the target the car does one of three things, because
real cars differ: stay in C at 0 A, open S2 (go to B), or stay in C with occasional top-ups.

Errors: ``ValueError`` from ``CarSpec`` for impossible parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

MIN_PWM_CURRENT_A = 6.0


class FullBehaviour(StrEnum):
    """What the car does once the battery reached its target."""

    STAY_C = "stay_c"  # S2 stays closed, draws 0 A
    GO_TO_B = "go_to_b"  # opens S2: state B while the station still offers current
    TOP_UP = "top_up"  # stays in C at 0 A and now and then draws a small top-up current


@dataclass(frozen=True)
class CarSpec:
    """Parameters of one simulated vehicle."""

    battery_wh: int = 60_000
    soc_pct: float = 50.0
    target_soc_pct: float = 100.0
    obc_limit_a: float = 16.0
    phases: int = 3
    knee_soc_pct: float = 80.0
    taper_end_a: float = 1.0
    ramp_s: float = 5.0  # start-up ramp after entering C
    lag_s: float = 2.0  # first-order lag of the drawn current
    wakeup_s: float = 0.0  # delay from "PWM offered" to closing S2
    stop_response_s: float = 1.0  # delay from "PWM withdrawn" to opening S2
    efficiency: float = 0.9
    power_factor: float = 0.99
    full_behaviour: FullBehaviour = FullBehaviour.GO_TO_B
    top_up_every_s: float = 600.0
    top_up_duration_s: float = 60.0
    top_up_a: float = 2.0

    def __post_init__(self) -> None:
        if self.battery_wh <= 0:
            raise ValueError("battery_wh must be positive")
        if not 0.0 <= self.soc_pct <= 100.0 or not 0.0 < self.target_soc_pct <= 100.0:
            raise ValueError("state of charge must be within 0..100 %")
        if self.phases not in (1, 2, 3):
            raise ValueError("phases must be 1, 2 or 3")
        if self.obc_limit_a <= 0 or self.taper_end_a < 0 or self.top_up_a < 0:
            raise ValueError("currents must be positive")
        if not 0.0 < self.efficiency <= 1.0 or not 0.0 < self.power_factor <= 1.0:
            raise ValueError("efficiency and power factor must be within 0..1")
        if not 0.0 < self.knee_soc_pct < 100.0:
            raise ValueError("knee_soc_pct must be within 0..100 %")
        if min(self.ramp_s, self.lag_s, self.wakeup_s, self.stop_response_s) < 0:
            raise ValueError("time constants cannot be negative")

    def with_changes(self, **changes: object) -> CarSpec:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass
class Car:
    """The live state of a plugged car; ``step`` advances it by ``dt_s`` simulated seconds."""

    spec: CarSpec
    soc_pct: float = field(init=False)
    current_a: float = field(init=False, default=0.0)
    s2_closed: bool = field(init=False, default=False)
    paused: bool = field(init=False, default=False)
    _offered_since_s: float = field(init=False, default=0.0)
    _withdrawn_since_s: float = field(init=False, default=0.0)
    _in_c_s: float = field(init=False, default=0.0)
    _full_s: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        self.soc_pct = self.spec.soc_pct

    @property
    def full(self) -> bool:
        return self.soc_pct >= self.spec.target_soc_pct

    def set_soc(self, soc_pct: float) -> None:
        if not 0.0 <= soc_pct <= 100.0:
            raise ValueError("state of charge must be within 0..100 %")
        self.soc_pct = soc_pct
        self._full_s = 0.0

    def bms_limit_a(self) -> float:
        """The battery's own current limit: flat up to the knee, then falling to the end value."""
        spec = self.spec
        if self.full:
            return 0.0
        if self.soc_pct <= spec.knee_soc_pct:
            return spec.obc_limit_a
        share = (100.0 - self.soc_pct) / (100.0 - spec.knee_soc_pct)
        return spec.taper_end_a + (spec.obc_limit_a - spec.taper_end_a) * max(0.0, share)

    def _wants_s2(self, offered_a: float) -> bool:
        spec = self.spec
        if self.paused:
            return False
        if self.full and spec.full_behaviour is FullBehaviour.GO_TO_B:
            return False
        if offered_a >= MIN_PWM_CURRENT_A:
            return self.s2_closed or self._offered_since_s >= spec.wakeup_s
        # No PWM: a car in C drops its current and opens S2 after a short while.
        return self.s2_closed and self._withdrawn_since_s < spec.stop_response_s

    def _target_a(self, offered_a: float) -> float:
        spec = self.spec
        if not self.s2_closed or offered_a < MIN_PWM_CURRENT_A:
            return 0.0
        if self.full:
            if spec.full_behaviour is FullBehaviour.TOP_UP:
                cycle_s = self._full_s % (spec.top_up_every_s + spec.top_up_duration_s)
                if cycle_s >= spec.top_up_every_s:
                    return min(spec.top_up_a, offered_a)
            return 0.0
        target = min(offered_a, spec.obc_limit_a, self.bms_limit_a())
        if spec.ramp_s > 0 and self._in_c_s < spec.ramp_s:
            target *= self._in_c_s / spec.ramp_s
        return target

    def step(
        self, dt_s: float, offered_a: float, voltage_v: float, supply_phases: int = 3
    ) -> float:
        """Advance by ``dt_s``; return the energy in Wh the car took from the grid meanwhile.

        ``offered_a`` is the current the station offers (below 6 A: no PWM);
        ``supply_phases`` how many phases the socket switches through.
        """
        if dt_s <= 0:
            return 0.0
        spec = self.spec
        if offered_a >= MIN_PWM_CURRENT_A:
            self._offered_since_s += dt_s
            self._withdrawn_since_s = 0.0
        else:
            self._offered_since_s = 0.0
            self._withdrawn_since_s += dt_s
        self.s2_closed = self._wants_s2(offered_a)
        self._in_c_s = self._in_c_s + dt_s if self.s2_closed else 0.0
        if self.full:
            self._full_s += dt_s
        target_a = self._target_a(offered_a)
        if spec.lag_s > 0 and target_a > self.current_a:
            self.current_a += (target_a - self.current_a) * min(1.0, dt_s / spec.lag_s)
        else:
            # A car follows a lower limit at once (IEC 61851 gives it seconds; we are strict).
            self.current_a = target_a
        if self.current_a < 0.05:
            self.current_a = 0.0
        grid_wh = self.power_w(voltage_v, supply_phases) * dt_s / 3600.0
        if not self.full:
            stored_wh = grid_wh * spec.efficiency
            self.soc_pct = min(100.0, self.soc_pct + 100.0 * stored_wh / spec.battery_wh)
        return grid_wh

    def phases_used(self, supply_phases: int = 3) -> int:
        """A 1-phase car on a 3-phase socket loads L1 only; a 3-phase car on 1 phase uses L1."""
        return max(1, min(self.spec.phases, supply_phases))

    def power_w(self, voltage_v: float, supply_phases: int = 3) -> float:
        phases = self.phases_used(supply_phases)
        return self.current_a * voltage_v * phases * self.spec.power_factor
