"""Register codec: Modbus words <-> numbers and strings, for every type and word order.

Pure functions over lists of 16-bit register values, shared by the driver (decode what it
reads, encode what it writes) and the charger simulator (the reverse). No pymodbus here.

Conventions (see ``drivers/README.md``):

* ``word_order`` ``big`` = high word first (ABCD, the Modbus default); ``little`` = low word
  first (CDAB, "LSW first").
* ``byte_order`` ``big`` = high byte first inside each register (the Modbus default);
  ``little`` swaps the two bytes of every register (BADC / DCBA).
* A value that the device marks as absent decodes to ``None`` ("unknown", never 0): a NaN or
  infinite float, a raw bit pattern listed in ``sentinels``, or a string that is not ASCII.

Errors: :class:`CodecError` (a ``ValueError``) for a word list of the wrong length, a word
outside 0..65535, or a value that does not fit its type when encoding.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable, Sequence
from enum import StrEnum

Value = int | float | str | bool


class CodecError(ValueError):
    """Words or a value that do not fit the declared type."""


class DataType(StrEnum):
    """Register value types a profile may declare."""

    U16 = "u16"
    I16 = "i16"
    U32 = "u32"
    I32 = "i32"
    U64 = "u64"
    I64 = "i64"
    F32 = "f32"
    F64 = "f64"
    STRING = "string"
    BOOL = "bool"  # a coil or a discrete input: one bit, no words


class WordOrder(StrEnum):
    """Order of the 16-bit words of a multi-register value (or of bytes inside a word)."""

    BIG = "big"
    LITTLE = "little"


# struct format letter and register count of the fixed-width numeric types
_NUMERIC: dict[DataType, tuple[str, int]] = {
    DataType.U16: ("H", 1),
    DataType.I16: ("h", 1),
    DataType.U32: ("I", 2),
    DataType.I32: ("i", 2),
    DataType.U64: ("Q", 4),
    DataType.I64: ("q", 4),
    DataType.F32: ("f", 2),
    DataType.F64: ("d", 4),
}

INTEGER_TYPES = frozenset(
    {DataType.U16, DataType.I16, DataType.U32, DataType.I32, DataType.U64, DataType.I64}
)
FLOAT_TYPES = frozenset({DataType.F32, DataType.F64})


def register_count(data_type: DataType, string_count: int | None = None) -> int:
    """How many 16-bit registers a value of ``data_type`` occupies (0 for a bit)."""
    if data_type is DataType.BOOL:
        return 0
    if data_type is DataType.STRING:
        if string_count is None or string_count < 1:
            raise CodecError("a string needs a register count >= 1")
        return string_count
    return _NUMERIC[data_type][1]


def _to_bytes(words: Sequence[int], word_order: WordOrder, byte_order: WordOrder) -> bytes:
    for word in words:
        if not 0 <= word <= 0xFFFF:
            raise CodecError(f"register value {word} is not a 16-bit word")
    ordered = list(reversed(words)) if word_order is WordOrder.LITTLE else list(words)
    out = bytearray()
    for word in ordered:
        pair = word.to_bytes(2, "big")
        out += pair[::-1] if byte_order is WordOrder.LITTLE else pair
    return bytes(out)


def _from_bytes(data: bytes, word_order: WordOrder, byte_order: WordOrder) -> list[int]:
    words = []
    for i in range(0, len(data), 2):
        pair = data[i : i + 2]
        if byte_order is WordOrder.LITTLE:
            pair = pair[::-1]
        words.append(int.from_bytes(pair, "big"))
    if word_order is WordOrder.LITTLE:
        words.reverse()
    return words


def raw_pattern(
    words: Sequence[int],
    word_order: WordOrder = WordOrder.BIG,
    byte_order: WordOrder = WordOrder.BIG,
) -> int:
    """The unsigned bit pattern of ``words`` in logical (most significant first) order."""
    return int.from_bytes(_to_bytes(words, word_order, byte_order), "big")


def decode(
    words: Sequence[int],
    data_type: DataType,
    word_order: WordOrder = WordOrder.BIG,
    byte_order: WordOrder = WordOrder.BIG,
    sentinels: Iterable[int] = (),
) -> int | float | str | None:
    """Decode registers into a raw number or string; ``None`` when the device says "unknown".

    ``sentinels`` are unsigned bit patterns (e.g. ``0xFFFFFFFF``) compared before the sign is
    applied, so the same pattern works for signed and unsigned types.
    """
    if data_type is DataType.BOOL:
        raise CodecError("a bit is not decoded from registers")
    if data_type is DataType.STRING:
        if not words:
            raise CodecError("a string needs at least one register")
        data = _to_bytes(words, word_order, byte_order)
        text_bytes = data.split(b"\x00", 1)[0]
        try:
            text = text_bytes.decode("ascii")
        except UnicodeDecodeError:
            return None
        return text.strip()
    fmt, count = _NUMERIC[data_type]
    if len(words) != count:
        raise CodecError(f"{data_type} needs {count} register(s), got {len(words)}")
    data = _to_bytes(words, word_order, byte_order)
    if int.from_bytes(data, "big") in set(sentinels):
        return None
    value: int | float = struct.unpack(">" + fmt, data)[0]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def encode(
    value: int | float | str,
    data_type: DataType,
    word_order: WordOrder = WordOrder.BIG,
    byte_order: WordOrder = WordOrder.BIG,
    string_count: int | None = None,
) -> list[int]:
    """Encode a raw number or string into the registers a device would hold."""
    if data_type is DataType.BOOL:
        raise CodecError("a bit is not encoded into registers")
    if data_type is DataType.STRING:
        count = register_count(data_type, string_count)
        if not isinstance(value, str):
            raise CodecError(f"a string register needs text, got {value!r}")
        try:
            data = value.encode("ascii")
        except UnicodeEncodeError as exc:
            raise CodecError(f"{value!r} is not ASCII") from exc
        if len(data) > 2 * count:
            raise CodecError(f"{value!r} does not fit in {count} register(s)")
        return _from_bytes(data.ljust(2 * count, b"\x00"), word_order, byte_order)
    fmt, _count = _NUMERIC[data_type]
    if isinstance(value, str):
        raise CodecError(f"{data_type} needs a number, got {value!r}")
    if data_type in INTEGER_TYPES and isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            raise CodecError(f"{value!r} is not an integer for {data_type}")
        value = int(value)
    try:
        data = struct.pack(">" + fmt, value)
    except (struct.error, OverflowError) as exc:
        raise CodecError(f"{value!r} does not fit {data_type}") from exc
    return _from_bytes(data, word_order, byte_order)


def encode_raw_pattern(
    pattern: int,
    data_type: DataType,
    word_order: WordOrder = WordOrder.BIG,
    byte_order: WordOrder = WordOrder.BIG,
) -> list[int]:
    """The registers holding an unsigned bit pattern (e.g. a sentinel) for ``data_type``."""
    count = register_count(data_type)
    if not 0 <= pattern < 1 << (16 * count):
        raise CodecError(f"pattern {pattern:#x} does not fit {data_type}")
    return _from_bytes(pattern.to_bytes(2 * count, "big"), word_order, byte_order)


def type_modulus(data_type: DataType) -> int | None:
    """2**bits for an unsigned integer type (the wrap point of a counter); else ``None``."""
    if data_type in (DataType.U16, DataType.U32, DataType.U64):
        return 1 << (16 * _NUMERIC[data_type][1])
    return None
