"""Handles the tests, the HTTP control API and the demo use to play the car and the faults.

``CarControl`` plugs, unplugs, pauses and sets the battery of the car on one connector;
``ConnectorControl`` reads the socket's live state and injects per-connector faults (CP states
E/F, meter glitches, counter reset). Both bring the simulated world up to date first, so what
they report is what a Modbus read would show at that instant (before meter refresh delays).

Errors: ``ValueError`` for an impossible car parameter, state or SoC; ``LookupError`` when the
car is asked for while none is plugged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.sandbox.charger.car import Car, CarSpec, FullBehaviour
from kiosk.sandbox.charger.evse import CpState, Evse, MeterFault


class CarControl:
    """The car on one connector (plugged or not)."""

    def __init__(self, evse: Callable[[], Evse], sync: Callable[[], None]) -> None:
        self._evse = evse
        self._sync = sync

    def plug(self, spec: CarSpec | None = None, **changes: Any) -> Car:
        """Plug a car in; ``changes`` override fields of ``spec`` (or of the default car)."""
        self._sync()
        base = spec or CarSpec()
        if "full_behaviour" in changes:
            changes["full_behaviour"] = FullBehaviour(changes["full_behaviour"])
        return self._evse().plug(base.with_changes(**changes) if changes else base)

    def unplug(self) -> None:
        self._sync()
        self._evse().unplug()

    @property
    def plugged(self) -> bool:
        return self._evse().car is not None

    def _car(self) -> Car:
        self._sync()
        car = self._evse().car
        if car is None:
            raise LookupError("no car is plugged in")
        return car

    def set_soc(self, soc_pct: float) -> None:
        self._car().set_soc(soc_pct)

    def pause(self) -> None:
        """The car stops asking for energy on its own (state B while the station offers)."""
        self._car().paused = True

    def resume(self) -> None:
        self._car().paused = False

    @property
    def soc_pct(self) -> float:
        return self._car().soc_pct

    @property
    def current_a(self) -> float:
        return self._car().current_a

    @property
    def spec(self) -> CarSpec:
        return self._car().spec

    def status(self) -> dict[str, Any] | None:
        self._sync()
        car = self._evse().car
        if car is None:
            return None
        return {
            "soc_pct": round(car.soc_pct, 3),
            "battery_wh": car.spec.battery_wh,
            "target_soc_pct": car.spec.target_soc_pct,
            "current_a": round(car.current_a, 3),
            "phases": car.spec.phases,
            "obc_limit_a": car.spec.obc_limit_a,
            "full_behaviour": car.spec.full_behaviour.value,
            "paused": car.paused,
            "full": car.full,
            "requesting": car.s2_closed,
        }


class ConnectorControl:
    """The live state and the faults of one socket."""

    def __init__(self, evse: Callable[[], Evse], sync: Callable[[], None]) -> None:
        self._evse = evse
        self._sync = sync

    def _now(self) -> Evse:
        self._sync()
        return self._evse()

    @property
    def state(self) -> CpState:
        return self._now().cp_state()

    @property
    def energy_wh(self) -> float:
        """The exact lifetime counter (registers show it after the meter refresh)."""
        return self._now().lifetime_energy_wh

    @property
    def session_energy_wh(self) -> float:
        return self._now().session_energy_wh

    @property
    def power_w(self) -> float:
        return self._now().live_reading().power_w

    @property
    def currents_a(self) -> tuple[float, float, float]:
        """The exact per-phase currents now (registers show them after the meter refresh)."""
        return self._now().live_reading().currents_a

    def set_site_load(self, load: Callable[[float], tuple[float, float, float]] | None) -> None:
        """Make this socket's meter a grid meter: ``load(now_s)`` is added to its currents."""
        self._now().site_load = load

    @property
    def setpoint_a(self) -> float | None:
        return self._now().setpoint_a

    @property
    def applied_limit_a(self) -> float:
        return self._now().applied_limit_a()

    @property
    def enabled(self) -> bool:
        return self._now().enabled

    @property
    def failsafe_active(self) -> bool:
        return self._now().failsafe_active()

    def set_energy_wh(self, energy_wh: float) -> None:
        """Preset the lifetime counter (e.g. a station that has been in service for years)."""
        if energy_wh < 0:
            raise ValueError("a lifetime counter cannot be negative")
        self._now().lifetime_energy_wh = float(energy_wh)

    def force_state(self, state: str | CpState | None, error_code: int = 1) -> None:
        """Force CP state E (short) or F (EVSE fault); ``None`` clears it."""
        evse = self._now()
        if state is None:
            evse.forced_state = None
            evse.error_code = 0
            return
        forced = CpState(state)
        if forced not in (CpState.E, CpState.F):
            raise ValueError("only the fault states E and F can be forced")
        evse.forced_state = forced
        evse.error_code = error_code

    def set_meter_fault(self, fault: str | MeterFault | None) -> None:
        self._now().meter_fault = None if fault is None else MeterFault(fault)

    def reset_counter(self) -> None:
        self._now().reset_counter()

    def press_stop(self, pressed: bool = True) -> None:
        """Press (or release) the station's stop input of this socket."""
        self._now().stop_input_pressed = pressed

    def status(self) -> dict[str, Any]:
        evse = self._now()
        meter = evse.meter()
        remaining = evse.watchdog_remaining_s()
        return {
            "state": evse.cp_state().value,
            "plugged": evse.car is not None,
            "enabled": evse.enabled,
            "stop_input_pressed": evse.stop_input_pressed,
            "setpoint_a": evse.setpoint_a,
            "applied_limit_a": evse.applied_limit_a(),
            "failsafe_active": evse.failsafe_active(),
            "watchdog_remaining_s": None if remaining is None else round(remaining, 3),
            "energy_wh": round(evse.lifetime_energy_wh, 3),
            "session_energy_wh": round(evse.session_energy_wh, 3),
            "power_w": round(evse.live_reading().power_w, 1),
            "meter_energy_wh": round(meter.energy_wh, 3),
            "meter_fault": None if evse.meter_fault is None else evse.meter_fault.value,
            "forced_state": None if evse.forced_state is None else evse.forced_state.value,
            "error_code": evse.error_code,
        }
