"""One simulated charge point (EVSE) socket: CP state, current setpoint, failsafe, meter.

The EVSE holds what a real controller holds per connector: the setpoint the Modbus master
wrote (volatile), an enable switch, the watchdog that falls back to a safe current when the
master goes quiet, the car (if one is plugged), and its meter. ``advance(now_s)`` moves the
physics to ``now_s`` in steps of at most ``MAX_STEP_S`` so energy is integrated at >= 1 Hz
whatever the clock speed. The lifetime energy counter is the only state that survives
``reboot``.

IEC 61851 states: A (no car), B1/B2 (car, S2 open; without/with PWM), C1/C2 (car requests;
without/with PWM), E and F only when injected.

Errors: ``ValueError`` for a negative current or an unknown state letter.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.sandbox.charger.car import MIN_PWM_CURRENT_A, Car, CarSpec

MAX_STEP_S = 1.0


class CpState(StrEnum):
    """IEC 61851-1 control-pilot states with the PWM suffix where it exists."""

    A = "A"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    D1 = "D1"
    D2 = "D2"
    E = "E"
    F = "F"

    @property
    def letter(self) -> str:
        return self.value[0]


class MeterFault(StrEnum):
    """Glitches of the connector's meter, as reported by real devices."""

    NAN = "nan"  # every measured value reads as NaN / the type's sentinel
    FROZEN = "frozen"  # the published values stop changing
    ZERO_POWER = "zero_power"  # power reads 0 while energy still rises


class Watchdog(StrEnum):
    """What keeps the master's setpoint alive."""

    NONE = "none"
    WRITE = "write"  # each setpoint write reloads the countdown (Alfen 1208)
    ANY = "any"  # any request resets it (ABB 0x4106)


@dataclass(frozen=True)
class EvseSettings:
    """Fixed properties of one socket (from the profile and the simulator's options)."""

    hardware_max_a: float = 32.0
    cable_rating_a: float = 32.0
    supply_phases: int = 3
    voltage_v: float = 230.0
    voltage_noise_v: float = 0.0
    watchdog: Watchdog = Watchdog.NONE
    watchdog_timeout_s: float = 60.0
    failsafe_current_a: float = 0.0
    boot_current_a: float | None = None  # current offered before any write (None: failsafe)
    boot_enabled: bool = True
    meter_refresh_s: float = 1.0
    seed: int = 0


@dataclass(frozen=True)
class MeterReading:
    """What the meter publishes (refreshed every ``meter_refresh_s``)."""

    energy_wh: float
    power_w: float
    currents_a: tuple[float, float, float]
    voltages_v: tuple[float, float, float]
    session_energy_wh: float
    age_s: float = 0.0


@dataclass
class Evse:
    """The live state of one socket."""

    settings: EvseSettings
    now_s: float
    lifetime_energy_wh: float = 0.0
    car: Car | None = None
    setpoint_a: float | None = None
    enabled: bool = True
    forced_state: CpState | None = None
    meter_fault: MeterFault | None = None
    session_energy_wh: float = 0.0
    error_code: int = 0
    stop_input_pressed: bool = False
    """The station's stop button (the profile's ``stop_input`` register reads it)."""
    site_load: Callable[[float], tuple[float, float, float]] | None = None
    """A meter on a site's supply: the building's (and other sockets') current, added to what
    this socket's own car draws (``kiosk.sandbox.charger.site_load``)."""
    failsafe_current_a: float = field(init=False, default=0.0)
    watchdog_timeout_s: float = field(init=False, default=60.0)
    _last_command_s: float | None = field(default=None)
    _boot_s: float = field(default=0.0)
    _published: MeterReading | None = field(default=None)
    _published_s: float = field(default=-math.inf)
    _voltages_v: tuple[float, float, float] = field(default=(0.0, 0.0, 0.0))
    _rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self.enabled = self.settings.boot_enabled
        self.failsafe_current_a = self.settings.failsafe_current_a
        self.watchdog_timeout_s = self.settings.watchdog_timeout_s
        self._boot_s = self.now_s
        self._rng = random.Random(self.settings.seed)
        self._voltages_v = self._sample_voltages()

    # --- commands from the Modbus master -------------------------------------------------

    def write_setpoint(self, current_a: float) -> None:
        if current_a < 0 or not math.isfinite(current_a):
            raise ValueError(f"current {current_a!r} A is not valid")
        self.setpoint_a = current_a
        if self.settings.watchdog is Watchdog.WRITE:
            self._last_command_s = self.now_s

    def write_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if self.settings.watchdog is Watchdog.WRITE:
            self._last_command_s = self.now_s

    def touch(self) -> None:
        """A request reached the device (resets an ``ANY`` watchdog)."""
        if self.settings.watchdog is Watchdog.ANY:
            self._last_command_s = self.now_s

    # --- the car ---------------------------------------------------------------------------

    def plug(self, spec: CarSpec) -> Car:
        self.car = Car(spec)
        self.session_energy_wh = 0.0
        return self.car

    def unplug(self) -> None:
        self.car = None

    # --- derived state ---------------------------------------------------------------------

    def watchdog_remaining_s(self) -> float | None:
        """Seconds until the failsafe applies; 0 once it does; None without a watchdog."""
        if self.settings.watchdog is Watchdog.NONE:
            return None
        if self._last_command_s is None:
            return 0.0
        left = self._last_command_s + self.watchdog_timeout_s - self.now_s
        return max(0.0, left)

    def failsafe_active(self) -> bool:
        remaining = self.watchdog_remaining_s()
        if remaining is None:
            return False
        return remaining <= 0.0 and not (
            self._last_command_s is None and self.settings.boot_current_a is not None
        )

    def requested_a(self) -> float:
        """The limit the master asked for, or the failsafe / boot current in its place."""
        if self.failsafe_active():
            return self.failsafe_current_a
        if self.setpoint_a is not None:
            return self.setpoint_a
        if self.settings.boot_current_a is not None:
            return self.settings.boot_current_a
        return self.failsafe_current_a

    def applied_limit_a(self) -> float:
        """The current the socket offers after every limit; 0 when paused (below 6 A)."""
        if self.forced_state is not None or not self.enabled:
            return 0.0
        limit = min(self.requested_a(), self.settings.hardware_max_a, self.settings.cable_rating_a)
        return limit if limit >= MIN_PWM_CURRENT_A else 0.0

    def cp_state(self) -> CpState:
        if self.forced_state is not None:
            return self.forced_state
        if self.car is None:
            return CpState.A
        pwm = self.applied_limit_a() >= MIN_PWM_CURRENT_A
        if self.car.s2_closed:
            return CpState.C2 if pwm else CpState.C1
        return CpState.B2 if pwm else CpState.B1

    def uptime_s(self) -> float:
        return self.now_s - self._boot_s

    # --- time ------------------------------------------------------------------------------

    def advance(self, now_s: float) -> None:
        """Integrate the physics up to ``now_s`` in steps of at most ``MAX_STEP_S``."""
        while self.now_s < now_s:
            dt_s = min(MAX_STEP_S, now_s - self.now_s)
            self._step(dt_s)
            self.now_s += dt_s
            if self.now_s - self._published_s >= self.settings.meter_refresh_s:
                self._publish()

    def _step(self, dt_s: float) -> None:
        self._voltages_v = self._sample_voltages()
        if self.car is None:
            return
        offered_a = self.applied_limit_a()
        energy_wh = self.car.step(dt_s, offered_a, self._voltages_v[0], self.settings.supply_phases)
        self.lifetime_energy_wh += energy_wh
        self.session_energy_wh += energy_wh

    def _sample_voltages(self) -> tuple[float, float, float]:
        noise = self.settings.voltage_noise_v
        nominal = self.settings.voltage_v
        return (
            nominal + self._rng.uniform(-noise, noise),
            nominal + self._rng.uniform(-noise, noise),
            nominal + self._rng.uniform(-noise, noise),
        )

    def live_reading(self) -> MeterReading:
        """The meter's exact values right now (no refresh period, no faults)."""
        currents = [0.0, 0.0, 0.0]
        power_w = 0.0
        if self.car is not None:
            phases = self.car.phases_used(self.settings.supply_phases)
            for i in range(phases):
                currents[i] = self.car.current_a
            power_w = self.car.power_w(self._voltages_v[0], self.settings.supply_phases)
        if self.site_load is not None:
            extra = self.site_load(self.now_s)
            for i in range(3):
                currents[i] += extra[i]
                power_w += extra[i] * self._voltages_v[i]
        return MeterReading(
            energy_wh=self.lifetime_energy_wh,
            power_w=power_w,
            currents_a=(currents[0], currents[1], currents[2]),
            voltages_v=self._voltages_v,
            session_energy_wh=self.session_energy_wh,
        )

    def _publish(self) -> None:
        if self.meter_fault is MeterFault.FROZEN and self._published is not None:
            return
        self._published = self.live_reading()
        self._published_s = self.now_s

    def meter(self) -> MeterReading:
        """What the meter registers show now (refresh period and frozen values applied)."""
        if self._published is None:
            self._publish()
        assert self._published is not None
        reading = self._published
        age_s = self.now_s - self._published_s
        if self.meter_fault is MeterFault.ZERO_POWER:
            return MeterReading(
                energy_wh=self.lifetime_energy_wh,
                power_w=0.0,
                currents_a=(0.0, 0.0, 0.0),
                voltages_v=reading.voltages_v,
                session_energy_wh=self.session_energy_wh,
                age_s=age_s,
            )
        return MeterReading(
            energy_wh=reading.energy_wh,
            power_w=reading.power_w,
            currents_a=reading.currents_a,
            voltages_v=reading.voltages_v,
            session_energy_wh=reading.session_energy_wh,
            age_s=age_s,
        )

    # --- faults and reboots ----------------------------------------------------------------

    def reset_counter(self) -> None:
        """The meter's lifetime counter restarts from 0 (meter swap or firmware glitch)."""
        self.lifetime_energy_wh = 0.0
        self._publish()

    def reboot(self) -> Evse:
        """A power cycle: a fresh controller that keeps the lifetime counter and the car."""
        fresh = Evse(
            settings=self.settings,
            now_s=self.now_s,
            lifetime_energy_wh=self.lifetime_energy_wh,
            car=self.car,
        )
        return fresh
