"""``ChargerSimulator``: a Modbus charger (or meter) that serves any profile, with a car.

It lays the profile's connectors out on ports and unit ids exactly as the device does
(second socket on another unit id, at an address offset or on port + 1), serves them through
pymodbus, runs the simulated world on an injectable clock (optionally faster than real time)
and offers the controls the tests, the HTTP API and the demo use::

    async with ChargerSimulator.serving("alfen-eve-double", connectors=2) as sim:
        sim.car(0).plug(soc_pct=20)
        client = AsyncModbusTcpClient("127.0.0.1", port=sim.port_of(0))

Modbus TCP on 127.0.0.1 by default; with ``serial_path`` Modbus RTU on that serial port
instead (one end of a ``VirtualSerialLine``), at the profile's baud rate, with the line's
timing and CRC faults (``kiosk.sandbox.charger.serial_line``)::

    with VirtualSerialLine(tmp_path) as line:
        async with ChargerSimulator.serving("eastron-sdm630", serial_path=line.device_end):
            ...  # the kiosk's RTU client opens line.kiosk_end

Errors: ``ValueError`` for impossible options (more connectors than can be laid out, a bad
speed, a layout on more than one port served on one serial line), ``OSError`` when a port
cannot be bound or the serial port cannot be opened, ``ProfileError`` for an unloadable profile
name, ``TypeError`` when ``advance`` is used without a ``ManualClock``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from pymodbus.framer import FramerType

from kiosk.hardware.profile import Profile, Quirk, load_named_profile
from kiosk.sandbox.charger.clock import ManualClock, ScaledClock, SimClock
from kiosk.sandbox.charger.controls import CarControl, ConnectorControl
from kiosk.sandbox.charger.evse import Evse
from kiosk.sandbox.charger.layout import connector_layout, evse_settings
from kiosk.sandbox.charger.modbus_port import ModbusPort
from kiosk.sandbox.charger.request_filter import TransportFaults
from kiosk.sandbox.charger.serial_line import CrcFaults, SerialModbusPort
from kiosk.sandbox.charger.unit_image import UnitImage

log = logging.getLogger(__name__)

_BIND_ATTEMPTS = 20


class ChargerSimulator:
    """A simulated charger serving ``profile`` on 127.0.0.1 (see the module docstring)."""

    def __init__(
        self,
        profile: Profile,
        *,
        connectors: int | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: SimClock | None = None,
        speed: float = 1.0,
        supply_phases: int = 3,
        failsafe_timeout_s: float | None = None,
        meter_refresh_s: float = 1.0,
        voltage_noise_v: float = 0.0,
        tick_s: float = 0.1,
        framer: FramerType = FramerType.SOCKET,
        state_path: Path | None = None,
        serial_path: str | None = None,
        wire_timing: bool = True,
    ) -> None:
        self.profile = profile
        self.host = host
        self._requested_port = port
        self.clock: SimClock = clock if clock is not None else ScaledClock(speed)
        if clock is not None and speed != 1.0:
            self.clock.set_speed(speed)
        self.tick_s = tick_s
        self.state_path = state_path
        self.faults = TransportFaults()
        self.crc = CrcFaults()
        self.serial_path = serial_path
        self.layout = connector_layout(profile, connectors)
        now_s = self.clock.now_s()
        self._evses = [
            Evse(
                evse_settings(
                    profile,
                    supply_phases=supply_phases,
                    failsafe_timeout_s=failsafe_timeout_s,
                    meter_refresh_s=meter_refresh_s,
                    voltage_noise_v=voltage_noise_v,
                    seed=index,
                ),
                now_s,
            )
            for index in range(len(self.layout))
        ]
        self._ports: dict[int, ModbusPort] = {}
        self._build_ports(framer, wire_timing)
        self._tick_task: asyncio.Task[None] | None = None
        self._started = False

    # --- construction --------------------------------------------------------------------

    def _build_ports(self, framer: FramerType, wire_timing: bool) -> None:
        profile = self.profile
        units_by_offset: dict[int, dict[int, UnitImage]] = {}
        for index, connector in enumerate(self.layout):
            units = units_by_offset.setdefault(connector.port_offset, {})
            unit = units.get(connector.unit_id)
            if unit is None:
                unit = UnitImage(profile, connector.unit_id, self._evse_at, strict_fc6=True)
                units[connector.unit_id] = unit
            offset = connector.address_offset
            for name, register in profile.all_registers().items():
                readback = register.readback_address
                unit.add(
                    index,
                    name,
                    register,
                    register.address + offset,
                    write_only=readback is not None,
                )
                if readback is not None:
                    unit.add(index, name, register, readback + offset, readback=True)
        for units in units_by_offset.values():
            for unit in units.values():
                unit.fill_gaps(profile.connection.batch_max_gap)
        max_clients = 2 if Quirk.MAX_TWO_MASTERS in profile.quirks else None
        function_codes = frozenset(int(fc) for fc in profile.connection.function_codes)
        if self.serial_path is not None:
            if len(units_by_offset) != 1:
                raise ValueError(
                    f"{profile.name}: connectors on {len(units_by_offset)} ports cannot share"
                    " one serial line"
                )
            ((offset, units),) = units_by_offset.items()
            self._ports[offset] = SerialModbusPort(
                units,
                function_codes,
                self.faults,
                self.sync,
                path=self.serial_path,
                connection=profile.connection,
                crc=self.crc,
                wire_timing=wire_timing,
            )
            return
        for offset, units in sorted(units_by_offset.items()):
            self._ports[offset] = ModbusPort(
                units, function_codes, self.faults, self.sync, max_clients, framer
            )

    def _evse_at(self, index: int) -> Evse:
        return self._evses[index]

    @classmethod
    @asynccontextmanager
    async def serving(
        cls, profile: Profile | str, **options: Any
    ) -> AsyncIterator[ChargerSimulator]:
        """Run a simulator for ``profile`` (a Profile or a name in ``drivers/``) in a block."""
        loaded = load_named_profile(profile) if isinstance(profile, str) else profile
        sim = cls(loaded, **options)
        await sim.start()
        try:
            yield sim
        finally:
            await sim.aclose()

    # --- lifecycle -----------------------------------------------------------------------

    async def start(self) -> None:
        """Load saved counters, bind every port, start the world clock."""
        if self._started:
            raise RuntimeError("the simulator is already running")
        self._load_state()
        await self._listen_all(self._requested_port)
        self._started = True
        self._tick_task = asyncio.create_task(self._tick(), name="charger-sim tick")

    async def _listen_all(self, port: int) -> None:
        offsets = sorted(self._ports)
        for attempt in range(_BIND_ATTEMPTS):
            try:
                first = await self._ports[offsets[0]].listen(self.host, port)
                base = first - offsets[0]
                for offset in offsets[1:]:
                    await self._ports[offset].listen(self.host, base + offset)
                return
            except OSError:
                await self._close_ports()
                if port != 0 or self.serial_path is not None or attempt == _BIND_ATTEMPTS - 1:
                    raise

    async def _relisten(self) -> None:
        for _offset, modbus_port in sorted(self._ports.items()):
            if not modbus_port.listening:
                await modbus_port.listen(self.host, modbus_port.port)

    async def _close_ports(self) -> None:
        for modbus_port in self._ports.values():
            await modbus_port.close()

    async def aclose(self) -> None:
        """Stop serving and the clock; save counters. Safe to call twice."""
        task, self._tick_task = self._tick_task, None
        if task is not None:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
        await self._close_ports()
        if self._started:
            self.sync()
            self._save_state()
        self._started = False

    async def _tick(self) -> None:
        while True:
            self.sync()
            await asyncio.sleep(self.tick_s)

    def sync(self) -> None:
        """Bring every socket up to the clock's current time."""
        now_s = self.clock.now_s()
        for evse in self._evses:
            evse.advance(now_s)

    def advance(self, seconds: float) -> None:
        """Move a ``ManualClock`` forward and integrate the world up to it."""
        if not isinstance(self.clock, ManualClock):
            raise TypeError("advance() needs the simulator to run on a ManualClock")
        self.clock.advance(seconds)
        self.sync()

    # --- where things are ----------------------------------------------------------------

    @property
    def port(self) -> int:
        """The base port (connector offsets 0)."""
        return self._ports[min(self._ports)].port

    def port_of(self, connector: int) -> int:
        return self._ports[self.layout[connector].port_offset].port

    def unit_id(self, connector: int) -> int:
        return self.layout[connector].unit_id

    def address_offset(self, connector: int) -> int:
        return self.layout[connector].address_offset

    @property
    def connector_count(self) -> int:
        return len(self.layout)

    # --- controls ------------------------------------------------------------------------

    def car(self, connector: int) -> CarControl:
        self._check_index(connector)
        return CarControl(lambda: self._evses[connector], self.sync)

    def connector(self, connector: int) -> ConnectorControl:
        self._check_index(connector)
        return ConnectorControl(lambda: self._evses[connector], self.sync)

    def _check_index(self, connector: int) -> None:
        if not 0 <= connector < len(self._evses):
            raise IndexError(f"connector index {connector} (this simulator has {len(self._evses)})")

    @property
    def speed(self) -> float:
        return self.clock.speed

    def set_speed(self, factor: float) -> None:
        self.sync()
        self.clock.set_speed(factor)

    def inject_exception(
        self,
        code: int,
        *,
        function_codes: frozenset[int] | set[int] | None = None,
        unit_id: int | None = None,
    ) -> None:
        """Answer matching requests with Modbus exception ``code`` (1..11) until cleared."""
        if not 1 <= code <= 0x0B:
            raise ValueError(f"{code} is not a Modbus exception code")
        self.faults.exception_code = code
        self.faults.exception_function_codes = (
            frozenset(function_codes) if function_codes is not None else None
        )
        self.faults.exception_unit_id = unit_id

    def set_silent(self, silent: bool) -> None:
        """Stop answering (requests are read and dropped; clients time out)."""
        self.faults.silent = silent

    def set_silent_units(self, unit_ids: frozenset[int] | set[int]) -> None:
        """Only these unit ids stop answering (a device switched off on a shared bus)."""
        self.faults.silent_unit_ids = frozenset(unit_ids)

    def set_crc_errors(self, next_frames: int = 0, rate: float = 0.0) -> None:
        """On a serial line: break the CRC of the next ``next_frames`` answers, then of each
        further one with probability ``rate`` (0 = none). Counted in ``line_stats``."""
        if self.serial_path is None:
            raise ValueError("CRC errors need the simulator on a serial line (serial_path)")
        if next_frames < 0 or not 0.0 <= rate <= 1.0:
            raise ValueError("next_frames must be >= 0 and rate within 0..1")
        self.crc.next_frames = next_frames
        self.crc.rate = rate

    def line_stats(self) -> dict[str, int]:
        """Answer frames sent on the serial line and how many of them had a broken CRC."""
        return {"frames_sent": self.crc.frames_sent, "crc_broken": self.crc.broken}

    def set_delay(self, delay_s: float) -> None:
        """Answer every request ``delay_s`` real seconds late (0 = on time)."""
        if delay_s < 0:
            raise ValueError("a delay cannot be negative")
        self.faults.delay_s = delay_s

    def drop_connections(self) -> None:
        """Close every client connection once (clients must reconnect)."""
        for modbus_port in self._ports.values():
            modbus_port.drop_connections()

    async def set_refusing(self, refusing: bool) -> None:
        """Stop listening (connections are refused) or listen again on the same ports."""
        self.faults.refusing = refusing
        if refusing:
            await self._close_ports()
        elif self._started:
            await self._relisten()

    async def clear_faults(self) -> None:
        """Clear every transport fault and every per-connector fault."""
        refusing = self.faults.refusing
        self.faults.clear()
        self.crc.clear()
        if refusing and self._started:
            await self._relisten()
        for index in range(len(self._evses)):
            control = self.connector(index)
            control.force_state(None)
            control.set_meter_fault(None)

    async def reboot(self, down_s: float = 0.0) -> None:
        """Power-cycle the device: connections drop, volatile state is lost, counters stay."""
        self.sync()
        await self._close_ports()
        keep_setpoint = Quirk.SETPOINT_NOT_PERSISTED not in self.profile.quirks
        rebooted = []
        for evse in self._evses:
            fresh = evse.reboot()
            if keep_setpoint and evse.setpoint_a is not None:
                fresh.setpoint_a = evse.setpoint_a
                fresh.enabled = evse.enabled
            rebooted.append(fresh)
        self._evses = rebooted
        self._save_state()
        if down_s > 0:
            await asyncio.sleep(down_s)
        if self._started and not self.faults.refusing:
            await self._relisten()

    def client_count(self) -> int:
        return sum(p.client_count() for p in self._ports.values())

    def status(self) -> dict[str, Any]:
        self.sync()
        return {
            "profile": self.profile.name,
            "title": self.profile.title,
            "host": self.host,
            "serial_path": self.serial_path,
            "ports": {str(o): p.port for o, p in sorted(self._ports.items())},
            "speed": self.clock.speed,
            "sim_time_s": round(self.clock.now_s(), 3),
            "faults": {
                **self.faults.as_dict(),
                "crc_next_frames": self.crc.next_frames,
                "crc_error_rate": self.crc.rate,
            },
            "line": self.line_stats(),
            "clients": self.client_count(),
            "connectors": [
                {
                    "index": index,
                    "id": connector.id,
                    "unit_id": connector.unit_id,
                    "port": self.port_of(index),
                    "address_offset": connector.address_offset,
                    **self.connector(index).status(),
                    "car": self.car(index).status(),
                }
                for index, connector in enumerate(self.layout)
            ],
        }

    # --- lifetime counters on disk (optional) --------------------------------------------

    def _load_state(self) -> None:
        if self.state_path is None or not self.state_path.exists():
            return
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
            counters = [float(v) for v in data["energy_wh"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring unreadable simulator state %s: %s", self.state_path, exc)
            return
        for evse, energy_wh in zip(self._evses, counters, strict=False):
            evse.lifetime_energy_wh = energy_wh

    def _save_state(self) -> None:
        if self.state_path is None:
            return
        data = {
            "profile": self.profile.name,
            "energy_wh": [e.lifetime_energy_wh for e in self._evses],
        }
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(self.state_path)
