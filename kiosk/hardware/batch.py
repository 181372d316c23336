"""Group the registers a poll reads into as few Modbus read requests as the device allows.

:func:`plan_reads` merges registers of the same table whose gap is at most
``connection.batch_max_gap`` and whose span fits ``connection.max_read_registers``. The charger
simulator may use the same plan to know which address spans a device must answer whole.
Pure functions; no errors beyond ``ValueError`` for a register that does not fit a request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.hardware.register import Register, Table

MAX_BITS_PER_READ = 2000


@dataclass(frozen=True, slots=True)
class ReadItem:
    """One register inside a batch; ``address`` already includes offsets and read-back."""

    name: str
    register: Register
    address: int

    @property
    def size(self) -> int:
        return max(1, self.register.words)


@dataclass(frozen=True, slots=True)
class Batch:
    table: Table
    start: int
    count: int
    items: tuple[ReadItem, ...]

    def slice(self, values: list[int] | list[bool], item: ReadItem) -> list[int] | list[bool]:
        offset = item.address - self.start
        return values[offset : offset + item.size]


def read_address(register: Register, address_offset: int = 0) -> int:
    """Where a register is read: its read-back address if it has one, plus the offset."""
    base = register.readback_address if register.readback_address is not None else register.address
    return base + address_offset


def plan_reads(
    registers: Mapping[str, Register],
    *,
    max_count: int,
    max_gap: int = 0,
    address_offset: int = 0,
) -> list[Batch]:
    """Batches covering every register, in table then address order."""
    by_table: dict[Table, list[ReadItem]] = {}
    for name, register in registers.items():
        item = ReadItem(name, register, read_address(register, address_offset))
        by_table.setdefault(register.table, []).append(item)
    batches: list[Batch] = []
    for table in sorted(by_table, key=lambda t: t.read_function):
        limit = MAX_BITS_PER_READ if table.is_bit else max_count
        items = sorted(by_table[table], key=lambda i: i.address)
        current: list[ReadItem] = []
        start = end = 0
        for item in items:
            if item.size > limit:
                raise ValueError(f"{item.name} needs {item.size} registers, over {limit}")
            item_end = item.address + item.size
            if current and item.address - end <= max_gap and max(end, item_end) - start <= limit:
                current.append(item)
                end = max(end, item_end)
                continue
            if current:
                batches.append(Batch(table, start, end - start, tuple(current)))
            current, start, end = [item], item.address, item_end
        if current:
            batches.append(Batch(table, start, end - start, tuple(current)))
    return batches
