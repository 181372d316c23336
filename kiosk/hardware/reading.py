"""The typed, frozen snapshot a device poller publishes, and how readings become one.

A missing reading is ``None``, never 0. ``online`` is False when the device does not answer;
then every measurement is ``None`` and ``error`` says why. Units are in the field names.
Raises nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.hardware.driver import Readings
from kiosk.hardware.energy_filter import EnergyReading
from kiosk.hardware.profile import Profile

_PHASES = ("l1", "l2", "l3")
_FAULT_TEXT = {"E": "control pilot error (state E)", "F": "charger fault (state F)"}


@dataclass(frozen=True, slots=True)
class DeviceReading:
    """What one connector (or meter) looks like at ``timestamp_s`` (wall clock, epoch s)."""

    device: str
    connector_id: int
    timestamp_s: float
    online: bool
    state: str | None = None  # IEC 61851 letter "A".."F"
    state_detail: str | None = None  # e.g. "B2", "C1" when the device tells
    energy_wh: int | None = None  # lifetime import counter (billing source)
    energy_epoch: int = 0  # increments at every counter reset / re-baseline
    energy_note: str | None = None  # why energy_wh is None or a new epoch began
    power_w: int | None = None
    currents_a: tuple[float | None, ...] = ()
    voltages_v: tuple[float | None, ...] = ()
    current_limit_a: float | None = None  # current actually offered to the car
    setpoint_a: float | None = None  # the setpoint read back from the device
    enabled: bool | None = None
    error: str | None = None
    stop_pressed: bool | None = None  # the profile's stop input; None: it has none / unread

    @property
    def unavailable(self) -> bool:
        return not self.online

    def probe_json(self) -> dict[str, Any]:
        """Exactly the keys of ``kiosk modbus probe``."""
        return {
            "state": self.state,
            "energy_wh": self.energy_wh,
            "power_w": self.power_w,
            "current_limit_a": self.current_limit_a,
            "enabled": self.enabled,
            "currents_a": list(self.currents_a),
            "voltages_v": list(self.voltages_v),
            "error": self.error,
        }


def _float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return round(float(value), 3)


def unavailable_reading(
    device: str, connector_id: int, timestamp_s: float, reason: str, epoch: int = 0
) -> DeviceReading:
    return DeviceReading(
        device=device,
        connector_id=connector_id,
        timestamp_s=timestamp_s,
        online=False,
        energy_epoch=epoch,
        error=f"unavailable: {reason}",
    )


def build_reading(
    profile: Profile,
    device: str,
    connector_id: int,
    timestamp_s: float,
    readings: Readings,
    energy: EnergyReading,
) -> DeviceReading:
    values = readings.values
    regs = profile.registers
    detail = profile.detailed_state(values.get("state")) if regs.state is not None else None
    state = detail[0] if detail else None
    setpoint = _float(values.get("current_setpoint"))
    limit = _float(values.get("current_limit")) if regs.current_limit is not None else setpoint
    enabled: bool | None = None
    control = profile.control
    if regs.enable is not None and control is not None:
        raw = values.get("enable")
        if isinstance(raw, bool):
            enabled = raw == bool(control.enable_on)
        elif isinstance(raw, int | float):
            enabled = raw == control.enable_on
    elif control is not None and setpoint is not None:
        enabled = setpoint >= control.min_current_a
    if regs.current_limit is None and enabled is False:
        limit = 0.0  # nothing is offered while charging is disabled
    error = profile.error_text(values.get("error")) if regs.error is not None else None
    if error is None and state in _FAULT_TEXT:
        error = _FAULT_TEXT[state]
    power = _float(values.get("power"))
    present = regs.present()
    stop_pressed: bool | None = None
    raw_stop = values.get("stop_input")
    if regs.stop_input is not None and isinstance(raw_stop, bool | int | float):
        pressed_value = control.stop_input_pressed if control is not None else 1
        stop_pressed = int(raw_stop) == pressed_value
    return DeviceReading(
        device=device,
        connector_id=connector_id,
        timestamp_s=timestamp_s,
        online=True,
        state=state,
        state_detail=detail,
        energy_wh=energy.energy_wh,
        energy_epoch=energy.epoch,
        energy_note=energy.note,
        power_w=None if power is None else round(power),
        currents_a=tuple(
            _float(values.get(f"current_{p}")) for p in _PHASES if f"current_{p}" in present
        ),
        voltages_v=tuple(
            _float(values.get(f"voltage_{p}")) for p in _PHASES if f"voltage_{p}" in present
        ),
        current_limit_a=limit,
        setpoint_a=setpoint,
        enabled=enabled,
        error=error,
        stop_pressed=stop_pressed,
    )
