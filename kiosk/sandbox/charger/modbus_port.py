"""One listening Modbus TCP port of the simulator, on pymodbus's ``SimDevice`` datastore.

Each unit id on the port becomes one ``SimDevice`` with four separate tables (coils, discrete
inputs, holding and input registers). The tables only mark which addresses exist; the
device's ``action`` callback fills the requested registers from the live ``UnitImage`` on a
read and hands writes to it, so every answer reflects the simulated world at that instant.
``RequestFilter`` (the ``trace_pdu`` hook) screens function codes, unit ids and faults first.

Errors: ``OSError`` when the port cannot be bound.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from typing import Any

from pymodbus.constants import ExcCodes
from pymodbus.framer import FramerType
from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice

from kiosk.hardware.profile import Table
from kiosk.sandbox.charger.request_filter import RequestFilter, TransportFaults
from kiosk.sandbox.charger.unit_image import READ_TABLES, WRITE_TABLES, UnitImage

_TABLE_ORDER = (Table.COIL, Table.DISCRETE, Table.HOLDING, Table.INPUT)


def _runs(addresses: list[int]) -> list[tuple[int, int]]:
    """Contiguous (start, length) runs of sorted addresses."""
    runs: list[tuple[int, int]] = []
    for address in addresses:
        if runs and runs[-1][0] + runs[-1][1] == address:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((address, 1))
    return runs


def _table_data(unit: UnitImage, table: Table) -> list[SimData]:
    runs = _runs(unit.addresses(table))
    if table.is_bit:
        if not runs:
            return [SimData(address=0, values=[False] * 16, datatype=DataType.BITS)]
        return [
            SimData(address=start, values=[False] * length, datatype=DataType.BITS)
            for start, length in runs
        ]
    if not runs:
        return [SimData(address=0, datatype=DataType.INVALID)]
    return [
        SimData(address=start, values=[0] * length, datatype=DataType.REGISTERS)
        for start, length in runs
    ]


async def _action(
    unit: UnitImage,
    function_code: int,
    start_address: int,
    address: int,
    count: int,
    registers: list[int],
    set_values: list[int] | list[bool] | None,
) -> ExcCodes | None:
    """pymodbus ``SimAction``: serve a read from the live image or apply a write to it."""
    if set_values is not None:
        return unit.write(function_code, address, set_values)
    if function_code in (5, 6):
        return None  # the echo after a single write: pymodbus already holds the written value
    table = READ_TABLES.get(function_code) or WRITE_TABLES.get(function_code)
    if table is None:
        return ExcCodes.ILLEGAL_FUNCTION
    if table.is_bit:
        # pymodbus packs 16 bits per register and passes whole registers here.
        first_bit = address - address % 16
        for reg in range(count):
            word = 0
            for bit in range(16):
                value = unit.read(table, first_bit + 16 * reg + bit, 1)
                if isinstance(value, list) and value[0]:
                    word |= 1 << bit
            registers[(first_bit // 16 - start_address) + reg] = word
        return None
    values = unit.read(table, address, count)
    if isinstance(values, ExcCodes):
        return values
    offset = address - start_address
    registers[offset : offset + count] = [int(v) for v in values]
    return None


def build_devices(units: dict[int, UnitImage]) -> list[SimDevice]:
    devices = []
    for unit_id, unit in sorted(units.items()):
        coils, discrete, holding, inputs = (_table_data(unit, table) for table in _TABLE_ORDER)
        devices.append(
            SimDevice(
                id=unit_id,
                simdata=(coils, discrete, holding, inputs),
                use_bit_addressing=True,
                action=partial(_action, unit),
            )
        )
    return devices


class ModbusPort:
    """A pymodbus TCP server for the units that share one port."""

    def __init__(
        self,
        units: dict[int, UnitImage],
        function_codes: frozenset[int],
        faults: TransportFaults,
        on_request: Callable[[], None],
        max_clients: int | None = None,
        framer: FramerType = FramerType.SOCKET,
    ) -> None:
        self.units = units
        self.filter = RequestFilter(units, function_codes, faults, on_request)
        self.max_clients = max_clients
        self.framer = framer
        self.port = 0
        self._server: ModbusTcpServer | None = None

    @property
    def listening(self) -> bool:
        return self._server is not None

    async def listen(self, host: str, port: int) -> int:
        """Start listening (port 0 = any free port); return the bound port."""
        server = ModbusTcpServer(
            build_devices(self.units),
            framer=self.framer,
            address=(host, port),
            trace_pdu=self.filter,
            trace_connect=self._on_connect,
        )
        try:
            await server.serve_forever(background=True)
        except RuntimeError as error:  # pymodbus: "Could not start listen" (address taken)
            with suppress(Exception):
                await server.shutdown()  # type: ignore[no-untyped-call]
            raise OSError(f"cannot listen on {host}:{port}: {error}") from error
        listener: Any = server.transport
        if listener is None:
            raise OSError(f"cannot listen on {host}:{port}")
        self._server = server
        self.port = int(listener.sockets[0].getsockname()[1])
        return self.port

    def _on_connect(self, connected: bool) -> None:
        server = self._server
        if not connected or server is None or self.max_clients is None:
            return
        clients = list(server.active_connections.values())
        if len(clients) > self.max_clients:
            clients[-1].close()  # the newest connection is refused, as the device does

    def client_count(self) -> int:
        return 0 if self._server is None else len(self._server.active_connections)

    def drop_connections(self) -> None:
        """Close every open client connection; keep listening."""
        if self._server is None:
            return
        for connection in list(self._server.active_connections.values()):
            connection.close()

    async def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            self.drop_connections_of(server)
            await server.shutdown()  # type: ignore[no-untyped-call]
        await self.filter.release_all()
        # Let the transports deliver their connection_lost callbacks.
        with suppress(asyncio.CancelledError):
            await asyncio.sleep(0)

    @staticmethod
    def drop_connections_of(server: ModbusTcpServer) -> None:
        for connection in list(server.active_connections.values()):
            connection.close()
