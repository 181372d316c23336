"""The one generic Modbus driver: reads and writes a device exactly as its profile says.

There is no vendor code here: which registers exist, their encoding, how to stop and how to
enable all come from the :class:`~kiosk.hardware.profile.Profile`. The driver is stateless
apart from its plan; the :class:`~kiosk.hardware.poller.DevicePoller` owns timing and intent.

Exceptions: the :mod:`kiosk.hardware.link` tree (``LinkError`` and subclasses) passes through;
a batch the device refuses (``DeviceRefused``) makes only its own values unknown.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kiosk.hardware.batch import Batch, plan_reads
from kiosk.hardware.link import DeviceRefused, Link
from kiosk.hardware.profile import Control, Profile, Register, StopAction, Table

ReadValue = int | float | str | bool | None

# roles the poll never reads (write-only configuration)
_NOT_POLLED = frozenset({"failsafe_timeout", "failsafe_current"})
CONFIRM_RETRY_S = 0.01


@dataclass(frozen=True, slots=True)
class Target:
    """What the kiosk wants the charger to do: offer ``current_a`` or be stopped."""

    enabled: bool
    current_a: float = 0.0

    @classmethod
    def stopped(cls) -> Target:
        return cls(enabled=False, current_a=0.0)


@dataclass(frozen=True, slots=True)
class Readings:
    """Decoded role values (base units) of one poll; ``refused`` names batches that failed."""

    values: Mapping[str, ReadValue]
    refused: tuple[str, ...] = field(default=())

    def number(self, role: str) -> float | None:
        value = self.values.get(role)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)


class ModbusDriver:
    """Reads snapshots and writes setpoints for one connector of one device."""

    def __init__(self, profile: Profile, link: Link, connector_id: int = 1) -> None:
        self.profile = profile
        self.link = link
        self.connector = profile.connector(connector_id)
        self._offset = self.connector.address_offset
        roles = profile.registers.present()
        self.polled = {k: v for k, v in roles.items() if k not in _NOT_POLLED}
        conn = profile.connection
        self.batches: list[Batch] = plan_reads(
            self.polled,
            max_count=conn.max_read_registers,
            max_gap=conn.batch_max_gap,
            address_offset=self._offset,
        )

    @property
    def control(self) -> Control:
        if self.profile.control is None:
            raise TypeError(f"profile {self.profile.name} is a {self.profile.kind}: no control")
        return self.profile.control

    # --- reading ----------------------------------------------------------------------

    async def _read_batches(
        self, batches: list[Batch], priority: bool, urgent: bool = False
    ) -> Readings:
        values: dict[str, ReadValue] = {}
        refused: list[str] = []
        for batch in batches:
            try:
                raw = await self.link.read(
                    batch.table, batch.start, batch.count, priority=priority, urgent=urgent
                )
            except DeviceRefused as exc:
                refused.append(str(exc))
                values.update({item.name: None for item in batch.items})
                continue
            for item in batch.items:
                chunk = batch.slice(raw, item)
                if item.register.table.is_bit:
                    values[item.name] = bool(chunk[0])
                else:
                    values[item.name] = item.register.decode([int(w) for w in chunk])
        return Readings(values, tuple(refused))

    async def read(self, *, priority: bool = False) -> Readings:
        """Every polled role, in as few requests as the profile allows."""
        return await self._read_batches(self.batches, priority)

    async def read_roles(
        self, roles: list[str], *, priority: bool = True, urgent: bool = False
    ) -> Readings:
        regs = {r: self.polled[r] for r in roles if r in self.polled}
        conn = self.profile.connection
        batches = plan_reads(
            regs,
            max_count=conn.max_read_registers,
            max_gap=conn.batch_max_gap,
            address_offset=self._offset,
        )
        return await self._read_batches(batches, priority, urgent)

    async def read_diagnostics(self) -> dict[str, ReadValue]:
        """Every ``[diagnostics]`` register, one request each (for service mode)."""
        out: dict[str, ReadValue] = {}
        for name, reg in self.profile.diagnostics.items():
            batches = plan_reads({name: reg}, max_count=125, address_offset=self._offset)
            try:
                out.update((await self._read_batches(batches, priority=False)).values)
            except DeviceRefused:
                out[name] = None
        return out

    # --- writing ----------------------------------------------------------------------

    async def _write(self, role: str, value: float | int | bool, urgent: bool = False) -> None:
        reg = getattr(self.profile.registers, role)
        if not isinstance(reg, Register):
            raise TypeError(f"profile {self.profile.name} has no {role} register")
        address = reg.address + self._offset
        if reg.table is Table.COIL:
            await self.link.write_bit(address, bool(value), priority=True, urgent=urgent)
        else:
            words = reg.encode(float(value))
            await self.link.write_words(address, words, priority=True, urgent=urgent)

    def clamp(self, current_a: float) -> float:
        c = self.control
        return min(max(current_a, c.min_current_a), c.max_current_a)

    def expected(self, target: Target) -> dict[str, float | bool]:
        """Role -> the value a read-back must show once ``target`` is applied."""
        c = self.control
        regs = self.profile.registers
        out: dict[str, float | bool] = {}
        if target.enabled and target.current_a >= c.min_current_a:
            out["current_setpoint"] = self.clamp(target.current_a)
            if regs.enable is not None:
                out["enable"] = self._enable_value(on=True)
        else:
            for action in c.stop:
                if action is StopAction.CURRENT:
                    out["current_setpoint"] = c.stop_current_a
                else:
                    out["enable"] = self._enable_value(on=False)
        return out

    def _enable_value(self, *, on: bool) -> float | bool:
        c = self.control
        reg = self.profile.registers.enable
        value = c.enable_on if on else c.enable_off
        if reg is not None and reg.table is Table.COIL:
            return bool(value)
        return float(value)

    async def apply(self, target: Target, *, urgent: bool = False) -> None:
        """Write ``target``: setpoint then enable to charge; the profile's stop actions to stop.

        Each value is one request (multi-register values in one FC16 write). ``urgent``
        (commands) may preempt a slow poll read; the watchdog's rewrites are not urgent.
        """
        for role, value in self.expected(target).items():
            await self._write(role, value, urgent)

    async def write_failsafe(self) -> None:
        """Write the failsafe timeout and current registers the profile declares."""
        fs = self.profile.failsafe
        regs = self.profile.registers
        if regs.failsafe_timeout is not None and fs.timeout_s is not None:
            await self._write("failsafe_timeout", fs.timeout_s)
        if regs.failsafe_current is not None and fs.current_a is not None:
            await self._write("failsafe_current", fs.current_a)

    def matches(self, role: str, wanted: float | bool, seen: ReadValue) -> bool:
        if seen is None or isinstance(seen, str):
            return False
        if isinstance(wanted, bool) or isinstance(seen, bool):
            return bool(seen) == bool(wanted)
        reg: Register = getattr(self.profile.registers, role)
        tolerance = abs(reg.factor) / 2 + 1e-3 * max(1.0, abs(wanted))
        return math.isclose(float(seen), float(wanted), abs_tol=tolerance)

    async def confirm(
        self,
        target: Target,
        timeout_s: float,
        superseded: Callable[[], bool] = lambda: False,
        *,
        urgent: bool = False,
    ) -> bool:
        """Read back until the device shows ``target`` (True) or ``timeout_s`` passes (False)."""
        wanted = self.expected(target)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while True:
            seen = await self.read_roles(list(wanted), priority=True, urgent=urgent)
            if all(self.matches(r, w, seen.values.get(r)) for r, w in wanted.items()):
                return True
            if superseded() or loop.time() >= deadline:
                return False
            await asyncio.sleep(CONFIRM_RETRY_S)
