"""The registers one Modbus unit shows, served from the live EVSE state through the profile.

A unit (one unit id on one port) holds the registers of one or more connectors (Alfen: one
socket per unit id; CHARX: several sockets at address offsets on one unit). Values are
encoded with the profile's own ``Register.encode`` (the shared codec), so the simulator can
never disagree with the driver about a type, word order, scale or sentinel.

Answers follow the device rules: an undeclared address is exception 02; a write to a
register the device does not let the master write is exception 02; a write covering only part
of a multi-register value, or a value that does not decode, is exception 03.

Errors: nothing escapes; every problem becomes a Modbus exception code (``ExcCodes``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pymodbus.constants import ExcCodes

from kiosk.hardware.codec import (
    INTEGER_TYPES,
    CodecError,
    DataType,
    encode_raw_pattern,
    type_modulus,
)
from kiosk.hardware.profile import Profile, Quirk, Register, Table
from kiosk.hardware.profile_checks import WRITTEN_ROLES
from kiosk.sandbox.charger.evse import CpState, Evse, MeterFault

READ_TABLES = {1: Table.COIL, 2: Table.DISCRETE, 3: Table.HOLDING, 4: Table.INPUT}
WRITE_TABLES = {5: Table.COIL, 15: Table.COIL, 6: Table.HOLDING, 16: Table.HOLDING}
METER_ROLES = frozenset(
    {
        "energy",
        "power",
        "current_l1",
        "current_l2",
        "current_l3",
        "voltage_l1",
        "voltage_l2",
        "voltage_l3",
    }
)
ABSENT_PHASE_ROLES = frozenset({"current_l2", "current_l3", "voltage_l2", "voltage_l3"})


@dataclass(frozen=True)
class Mapped:
    """One value of one connector at its final address on this unit."""

    connector: int  # index into the simulator's EVSE list
    name: str  # role name, or ``diagnostics.<name>``
    register: Register
    address: int
    readback: bool = False  # a second address that only shows the value
    write_only: bool = False  # a setpoint whose value is read at its readback address

    @property
    def words(self) -> int:
        return max(1, self.register.words)

    @property
    def writable(self) -> bool:
        return self.name in WRITTEN_ROLES and not self.readback


class UnitImage:
    """Address map and read/write semantics of one unit id."""

    def __init__(
        self, profile: Profile, unit_id: int, evses: Callable[[int], Evse], strict_fc6: bool
    ) -> None:
        self.profile = profile
        self.unit_id = unit_id
        self._evse = evses
        self._strict_fc6 = strict_fc6
        self._cover: dict[Table, dict[int, tuple[Mapped, int]]] = {t: {} for t in Table}
        self._filler: dict[Table, set[int]] = {t: set() for t in Table}
        self.connectors: list[int] = []

    def add(
        self,
        connector: int,
        name: str,
        register: Register,
        address: int,
        readback: bool = False,
        write_only: bool = False,
    ) -> None:
        mapped = Mapped(connector, name, register, address, readback, write_only)
        cover = self._cover[register.table]
        for i in range(mapped.words):
            if address + i in cover:
                return  # two names for one address (e.g. a readback): the first one serves it
        for i in range(mapped.words):
            cover[address + i] = (mapped, i)
        if connector not in self.connectors:
            self.connectors.append(connector)

    def fill_gaps(self, max_gap: int) -> None:
        """Answer holes of at most ``max_gap`` unused addresses between two values (as 0).

        The profile's ``batch_max_gap`` promises the poller that the device serves them.
        """
        for table in Table:
            used = sorted(self._cover[table])
            filler = self._filler[table]
            filler.clear()
            for before, after in itertools.pairwise(used):
                if 1 < after - before <= max_gap + 1:
                    filler.update(range(before + 1, after))

    def addresses(self, table: Table) -> list[int]:
        return sorted(set(self._cover[table]) | self._filler[table])

    def _readable(self, table: Table, address: int) -> bool:
        hit = self._cover[table].get(address)
        if hit is None:
            return address in self._filler[table]
        return not hit[0].write_only

    def check(self, function_code: int, address: int, count: int) -> ExcCodes | None:
        """Would this request be answered? (Exception code of the device, or None.)"""
        table = READ_TABLES.get(function_code) or WRITE_TABLES.get(function_code)
        if table is None:
            return ExcCodes.ILLEGAL_FUNCTION
        if count < 1:
            return ExcCodes.ILLEGAL_VALUE
        if function_code in READ_TABLES:
            if not all(self._readable(table, address + i) for i in range(count)):
                return ExcCodes.ILLEGAL_ADDRESS
        elif any(address + i not in self._cover[table] for i in range(count)):
            return ExcCodes.ILLEGAL_ADDRESS
        return None

    # --- reads ---------------------------------------------------------------------------

    def read(self, table: Table, address: int, count: int) -> list[int] | list[bool] | ExcCodes:
        cover = self._cover[table]
        if not all(self._readable(table, address + i) for i in range(count)):
            return ExcCodes.ILLEGAL_ADDRESS
        if table.is_bit:
            return [
                bool(self._value(cover[address + i][0])) if address + i in cover else False
                for i in range(count)
            ]
        out: list[int] = []
        cache: dict[int, list[int]] = {}
        for i in range(count):
            hit = cover.get(address + i)
            if hit is None:
                out.append(0)
                continue
            mapped, word = hit
            if mapped.address not in cache:
                cache[mapped.address] = self._words(mapped)
            out.append(cache[mapped.address][word])
        return out

    def _words(self, mapped: Mapped) -> list[int]:
        register = mapped.register
        value = self._value(mapped)
        if value is None:
            return self._absent(register)
        if isinstance(value, str):
            return register.encode(value)
        if register.type in INTEGER_TYPES:
            raw = round(value / register.factor) if math.isfinite(value) else 0
            modulus = type_modulus(register.type)
            if modulus is not None:
                raw = raw % modulus if raw >= 0 else 0
            return register.encode(raw * register.factor)
        return register.encode(value)

    @staticmethod
    def _absent(register: Register) -> list[int]:
        """How the device shows "no value": a NaN float, else its sentinel or all ones."""
        if register.type in (DataType.F32, DataType.F64):
            return register.encode(math.nan)
        if register.type is DataType.STRING:
            return [0] * register.words
        pattern = register.sentinels[0] if register.sentinels else (1 << (16 * register.words)) - 1
        return encode_raw_pattern(pattern, register.type, register.word_order, register.byte_order)

    def _value(self, mapped: Mapped) -> float | int | str | bool | None:
        evse = self._evse(mapped.connector)
        name = mapped.name
        profile = self.profile
        if name in METER_ROLES:
            if evse.meter_fault is MeterFault.NAN:
                return None
            if (
                name in ABSENT_PHASE_ROLES
                and Quirk.NAN_ON_ABSENT_PHASE in profile.quirks
                and evse.settings.supply_phases == 1
            ):
                return None
            return _meter_value(evse, name)
        if name == "state":
            return self._state_code(evse)
        if name == "error":
            return evse.error_code
        if name == "enable":
            control = profile.control
            on, off = (control.enable_on, control.enable_off) if control else (1, 0)
            value = on if evse.enabled else off
            return bool(value) if mapped.register.table.is_bit else value
        if name == "current_setpoint":
            # After a reboot or a watchdog timeout it shows the fallback (evcc #7122).
            if evse.setpoint_a is None or evse.failsafe_active():
                return evse.requested_a()
            return evse.setpoint_a
        if name == "current_limit":
            return evse.applied_limit_a()
        if name == "stop_input":
            control = profile.control
            pressed = control.stop_input_pressed if control is not None else 1
            value = pressed if evse.stop_input_pressed else (0 if pressed else 1)
            return bool(value) if mapped.register.table.is_bit else value
        if name == "setpoint_remaining":
            return math.floor(evse.watchdog_remaining_s() or 0.0)
        if name == "failsafe_current":
            return evse.failsafe_current_a
        if name == "failsafe_timeout":
            return evse.watchdog_timeout_s
        register = mapped.register
        if register.type is DataType.STRING:
            return profile.title[: 2 * register.words] if "name" in name else ""
        return False if register.table.is_bit else 0

    def _state_code(self, evse: Evse) -> int | str:
        state = evse.cp_state()
        if state is CpState.A and Quirk.STATE_E_IS_IDLE in self.profile.quirks:
            state = CpState.E
        candidates = [state.value, state.letter]
        if state in (CpState.E, CpState.F):
            candidates += ["F", "E"]
        for candidate in candidates:
            try:
                return self.profile.state_code(candidate)
            except KeyError:
                continue
        return self.profile.state_codes()[0][0]

    # --- writes --------------------------------------------------------------------------

    def write(
        self, function_code: int, address: int, values: Sequence[int] | Sequence[bool]
    ) -> ExcCodes | None:
        table = WRITE_TABLES[function_code]
        cover = self._cover[table]
        if any(address + i not in cover for i in range(len(values))):
            return ExcCodes.ILLEGAL_ADDRESS
        targets: list[tuple[Mapped, list[int] | bool]] = []
        i = 0
        while i < len(values):
            mapped, word = cover[address + i]
            if not mapped.writable:
                return ExcCodes.ILLEGAL_ADDRESS
            if table.is_bit:
                targets.append((mapped, bool(values[i])))
                i += 1
                continue
            if word != 0 or i + mapped.words > len(values):
                return ExcCodes.ILLEGAL_VALUE  # part of a multi-register value
            if function_code == 6 and mapped.words > 1 and self._strict_fc6:
                return ExcCodes.ILLEGAL_VALUE
            targets.append((mapped, [int(v) for v in values[i : i + mapped.words]]))
            i += mapped.words
        decoded: list[tuple[Mapped, float | bool]] = []
        for mapped, raw in targets:
            if isinstance(raw, bool):
                decoded.append((mapped, raw))
                continue
            try:
                value = mapped.register.decode(raw)
            except CodecError:
                return ExcCodes.ILLEGAL_VALUE
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                return ExcCodes.ILLEGAL_VALUE
            decoded.append((mapped, value))
        for mapped, value in decoded:
            self._apply(mapped, value)
        return None

    def _apply(self, mapped: Mapped, value: float | bool) -> None:
        evse = self._evse(mapped.connector)
        if mapped.name == "current_setpoint":
            evse.write_setpoint(float(value))
        elif mapped.name == "enable":
            control = self.profile.control
            on = control.enable_on if control else 1
            evse.write_enabled(bool(value) if mapped.register.table.is_bit else value == on)
        elif mapped.name == "failsafe_current":
            evse.failsafe_current_a = float(value)
        elif mapped.name == "failsafe_timeout":
            evse.watchdog_timeout_s = max(1.0, float(value))

    def touch(self) -> None:
        for connector in self.connectors:
            self._evse(connector).touch()


def _meter_value(evse: Evse, role: str) -> float:
    meter = evse.meter()
    if role == "energy":
        return meter.energy_wh
    if role == "power":
        return meter.power_w
    phase = int(role[-1]) - 1
    if role.startswith("current"):
        return meter.currents_a[phase]
    return meter.voltages_v[phase]
