"""The device profile model: what one TOML profile says, as frozen pydantic models.

Part of the profile model with :mod:`kiosk.hardware.register`; :mod:`kiosk.hardware.profile`
loads a file into it (and re-exports it), :mod:`kiosk.hardware.profile_checks` checks what the
field types cannot. Validation errors are pydantic ``ValidationError``s, turned into
file/line/field messages by the loader.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from kiosk.hardware.codec import INTEGER_TYPES
from kiosk.hardware.register import FrozenModel, Register
from kiosk.hardware.units import Dimension

IEC_STATES = ("A", "A1", "A2", "B", "B1", "B2", "C", "C1", "C2", "D", "D1", "D2", "E", "F")

# role name -> dimension its unit must have
ROLE_DIMENSIONS: dict[str, Dimension] = {
    "state": Dimension.NONE,
    "error": Dimension.NONE,
    "enable": Dimension.NONE,
    "current_setpoint": Dimension.CURRENT,
    "current_limit": Dimension.CURRENT,
    "setpoint_remaining": Dimension.TIME,
    "failsafe_current": Dimension.CURRENT,
    "failsafe_timeout": Dimension.TIME,
    "energy": Dimension.ENERGY,
    "power": Dimension.POWER,
    "current_l1": Dimension.CURRENT,
    "current_l2": Dimension.CURRENT,
    "current_l3": Dimension.CURRENT,
    "voltage_l1": Dimension.VOLTAGE,
    "voltage_l2": Dimension.VOLTAGE,
    "voltage_l3": Dimension.VOLTAGE,
    "stop_input": Dimension.NONE,
}


class Transport(StrEnum):
    TCP = "tcp"
    RTU = "rtu"


class Kind(StrEnum):
    CHARGER = "charger"
    METER = "meter"


class StopAction(StrEnum):
    CURRENT = "current"  # write control.stop_current_a to registers.current_setpoint
    ENABLE = "enable"  # write control.enable_off to registers.enable


class Quirk(StrEnum):
    """Named device peculiarities. The driver acts on some; the simulator emulates all."""

    STATE_E_IS_IDLE = "state_e_is_idle"  # firmware reports E with no car: read E as A
    SETPOINT_NOT_PERSISTED = "setpoint_not_persisted"  # reboot drops the setpoint to failsafe
    IDLE_CLOSE_60S = "idle_close_60s"  # closes a TCP connection idle for 60 s
    MAX_TWO_MASTERS = "max_two_masters"  # refuses a third concurrent TCP client
    CLOSE_ON_UNKNOWN_REGISTER = "close_on_unknown_register"  # drops TCP on undeclared reads
    TRANSIENT_ALL_ONES = "transient_all_ones"  # counters read 0xFFFF... now and then
    READ_RESETS_WATCHDOG = "read_resets_watchdog"  # any read feeds the comm timeout
    NAN_ON_ABSENT_PHASE = "nan_on_absent_phase"  # L2/L3 read NaN on a 1-phase install


class RegisterSet(FrozenModel):
    """The registers the driver knows by role; each optional, checked per ``kind``."""

    state: Register | None = None
    error: Register | None = None
    enable: Register | None = None
    current_setpoint: Register | None = None
    current_limit: Register | None = None
    setpoint_remaining: Register | None = None
    failsafe_current: Register | None = None
    failsafe_timeout: Register | None = None
    energy: Register | None = None
    power: Register | None = None
    current_l1: Register | None = None
    current_l2: Register | None = None
    current_l3: Register | None = None
    voltage_l1: Register | None = None
    voltage_l2: Register | None = None
    voltage_l3: Register | None = None
    stop_input: Register | None = None
    """The station's own stop button or input (read-only); ``control.stop_input_pressed`` is
    the value it reads while pressed. It stops that connector's session like the screen's Stop."""

    def present(self) -> dict[str, Register]:
        """Role -> register, for the roles this profile declares."""
        return {name: reg for name in ROLE_DIMENSIONS if (reg := getattr(self, name)) is not None}


class Connection(FrozenModel):
    transport: Transport = Transport.TCP
    port: int = Field(default=502, ge=1, le=65535)
    function_codes: frozenset[Literal[1, 2, 3, 4, 5, 6, 15, 16]] = frozenset(
        {1, 2, 3, 4, 5, 6, 15, 16}
    )
    timeout_s: float = Field(default=1.0, gt=0, le=30)
    max_read_registers: int = Field(default=120, ge=1, le=125)
    batch_max_gap: int = Field(default=0, ge=0, le=100)
    request_gap_s: float = Field(default=0.0, ge=0, le=1)
    baudrate: int = Field(default=9600, ge=1200, le=921600)
    parity: Literal["N", "E", "O"] = "N"
    stopbits: Literal[1, 2] = 1
    bytesize: Literal[7, 8] = 8


class Connector(FrozenModel):
    """One charging point (socket) of the device."""

    id: int = Field(ge=1)
    unit_id: int = Field(ge=0, le=255)
    port_offset: int = Field(default=0, ge=0, le=100)
    address_offset: int = Field(default=0, ge=0, le=60000)


class Polling(FrozenModel):
    interval_s: float = Field(default=1.0, ge=0.05, le=60)
    unavailable_after_failures: int = Field(default=2, ge=1, le=100)
    register_refresh_s: float = Field(default=1.0, ge=0, le=60)
    """How often the device refreshes its measurement registers: a value read may be this
    much older than the read (site power orders the grid meter's reading by it)."""


class Control(FrozenModel):
    min_current_a: float = Field(default=6.0, ge=0)
    max_current_a: float = Field(default=32.0, gt=0, le=80)
    stop: tuple[StopAction, ...] = (StopAction.CURRENT,)
    stop_current_a: float = Field(default=0.0, ge=0)
    enable_on: int = 1
    enable_off: int = 0
    confirm_timeout_s: float = Field(default=0.5, gt=0, le=10)
    stop_input_pressed: int = 1
    """What ``registers.stop_input`` reads while the stop input is pressed (a coil: 1/0)."""


class Failsafe(FrozenModel):
    rewrite_interval_s: float | None = Field(default=None, gt=0, le=3600)
    timeout_s: float | None = Field(default=None, gt=0, le=65535)
    current_a: float | None = Field(default=None, ge=0, le=80)


class Profile(FrozenModel):
    """A validated device profile. Build it with :func:`load_profile`."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str
    kind: Kind
    vendor: str = ""
    notes: str = ""
    sources: tuple[str, ...] = ()
    quirks: frozenset[Quirk] = frozenset()
    connection: Connection = Connection()
    connectors: tuple[Connector, ...] = Field(min_length=1)
    polling: Polling = Polling()
    registers: RegisterSet
    diagnostics: dict[str, Register] = Field(default_factory=dict)
    states: dict[str, str] = Field(default_factory=dict)
    errors: dict[str, str] = Field(default_factory=dict)
    control: Control | None = None
    failsafe: Failsafe = Failsafe()

    # --- state and error tables -------------------------------------------------------

    def state_codes(self) -> list[tuple[int | str, str]]:
        """(raw value, detailed IEC state such as 'B2') in file order."""
        numeric = self.registers.state is not None and self.registers.state.type in INTEGER_TYPES
        return [(int(k, 0) if numeric else k, v) for k, v in self.states.items()]

    def detailed_state(self, raw: int | str | float | None) -> str | None:
        """Raw state value -> detailed IEC state ('A', 'B2', 'E', ...) or None if unknown."""
        if raw is None:
            return None
        for code, state in self.state_codes():
            if code == raw:
                if state == "E" and Quirk.STATE_E_IS_IDLE in self.quirks:
                    return "A"
                return state
        return None

    def state_letter(self, raw: int | str | float | None) -> str | None:
        detailed = self.detailed_state(raw)
        return detailed[0] if detailed else None

    def state_code(self, state: str) -> int | str:
        """The raw value a device shows for an IEC state ('C2' or 'C'); for the simulator.

        An exact match wins; otherwise the first code with the same letter. KeyError if none.
        """
        codes = self.state_codes()
        for code, detailed in codes:
            if detailed == state:
                return code
        for code, detailed in codes:
            if detailed[0] == state[0]:
                return code
        raise KeyError(f"profile {self.name} has no code for state {state}")

    def error_text(self, code: int | float | str | None) -> str | None:
        """None for 0 (no error) or an unknown reading; otherwise the table text or the code."""
        if code is None or code == 0:
            return None
        key = str(int(code)) if isinstance(code, int | float) else code
        return self.errors.get(key, f"error code {key}")

    def connector(self, connector_id: int) -> Connector:
        for connector in self.connectors:
            if connector.id == connector_id:
                return connector
        raise KeyError(f"profile {self.name} has no connector {connector_id}")

    def all_registers(self) -> dict[str, Register]:
        """Role registers and diagnostics, by name (diagnostics prefixed ``diagnostics.``)."""
        out = dict(self.registers.present())
        out.update({f"diagnostics.{k}": v for k, v in self.diagnostics.items()})
        return out
