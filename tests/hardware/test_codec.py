"""Codec round-trips for every type, word order and byte order; unknown values read as None."""

from __future__ import annotations

import math
import struct

import pytest

from kiosk.hardware.codec import (
    CodecError,
    DataType,
    WordOrder,
    decode,
    encode,
    encode_raw_pattern,
    raw_pattern,
    register_count,
    type_modulus,
)

ORDERS = [(w, b) for w in WordOrder for b in WordOrder]

SAMPLES: dict[DataType, list[int | float]] = {
    DataType.U16: [0, 1, 0x1234, 0xFFFE],
    DataType.I16: [-32768, -1, 0, 12345],
    DataType.U32: [0, 0x12345678, 0xFFFFFFFE],
    DataType.I32: [-(2**31), -2, 0, 2**31 - 1],
    DataType.U64: [0, 0x0123456789ABCDEF, 2**64 - 2],
    DataType.I64: [-(2**63), -5, 2**63 - 1],
    DataType.F32: [0.0, -1.5, 16.0, 230.25],
    DataType.F64: [0.0, 123456789.125, -0.001],
}


@pytest.mark.parametrize(("word_order", "byte_order"), ORDERS)
@pytest.mark.parametrize("data_type", list(SAMPLES))
def test_numbers_round_trip(
    data_type: DataType, word_order: WordOrder, byte_order: WordOrder
) -> None:
    for value in SAMPLES[data_type]:
        words = encode(value, data_type, word_order, byte_order)
        assert len(words) == register_count(data_type)
        assert all(0 <= w <= 0xFFFF for w in words)
        assert decode(words, data_type, word_order, byte_order) == value


def test_word_orders_match_the_modbus_conventions() -> None:
    # 0x12345678 ABCD = [0x1234, 0x5678]; CDAB (LSW first) = [0x5678, 0x1234]
    assert encode(0x12345678, DataType.U32) == [0x1234, 0x5678]
    assert encode(0x12345678, DataType.U32, WordOrder.LITTLE) == [0x5678, 0x1234]
    assert encode(0x12345678, DataType.U32, WordOrder.BIG, WordOrder.LITTLE) == [0x3412, 0x7856]
    assert encode(0x12345678, DataType.U32, WordOrder.LITTLE, WordOrder.LITTLE) == [0x7856, 0x3412]
    # float32 16.0 = 0x41800000 (Alfen 1210 big-endian)
    assert encode(16.0, DataType.F32) == [0x4180, 0x0000]
    assert decode([0x0000, 0x4180], DataType.F32, WordOrder.LITTLE) == 16.0
    # uint64 little word order: lowest word first
    assert encode(1, DataType.U64, WordOrder.LITTLE) == [1, 0, 0, 0]


@pytest.mark.parametrize(("word_order", "byte_order"), ORDERS)
@pytest.mark.parametrize("data_type", [DataType.F32, DataType.F64])
def test_nan_and_infinity_read_as_unknown(
    data_type: DataType, word_order: WordOrder, byte_order: WordOrder
) -> None:
    for special in (math.nan, math.inf, -math.inf):
        words = encode(special, data_type, word_order, byte_order)
        assert decode(words, data_type, word_order, byte_order) is None
    # all-ones words (Alfen "0xFFFF per word") are a NaN too
    count = register_count(data_type)
    assert decode([0xFFFF] * count, data_type, word_order, byte_order) is None


@pytest.mark.parametrize(("word_order", "byte_order"), ORDERS)
@pytest.mark.parametrize(
    ("data_type", "pattern"),
    [
        (DataType.U16, 0xFFFF),
        (DataType.U32, 0xFFFFFFFF),
        (DataType.I32, 0x7FFFFFFF),
        (DataType.I32, 0xFFFFFFFF),
        (DataType.U64, 0xFFFFFFFFFFFFFFFF),
        (DataType.I64, 0x8000000000000000),
    ],
)
def test_sentinel_patterns_read_as_unknown(
    data_type: DataType, pattern: int, word_order: WordOrder, byte_order: WordOrder
) -> None:
    words = encode_raw_pattern(pattern, data_type, word_order, byte_order)
    assert raw_pattern(words, word_order, byte_order) == pattern
    assert decode(words, data_type, word_order, byte_order, sentinels=[pattern]) is None
    # without the sentinel the same words are an ordinary number
    assert decode(words, data_type, word_order, byte_order) is not None


def test_a_sentinel_does_not_hide_neighbouring_values() -> None:
    words = encode(0xFFFFFFFE, DataType.U32)
    assert decode(words, DataType.U32, sentinels=[0xFFFFFFFF]) == 0xFFFFFFFE


@pytest.mark.parametrize(("word_order", "byte_order"), ORDERS)
def test_strings_round_trip_nul_padded(word_order: WordOrder, byte_order: WordOrder) -> None:
    words = encode("C2", DataType.STRING, word_order, byte_order, string_count=5)
    assert len(words) == 5
    assert decode(words, DataType.STRING, word_order, byte_order) == "C2"


def test_string_byte_layout_is_high_byte_first() -> None:
    assert encode("B1", DataType.STRING, string_count=1) == [0x4231]
    assert decode([0x3142], DataType.STRING, byte_order=WordOrder.LITTLE) == "B1"


def test_a_non_ascii_string_reads_as_unknown() -> None:
    assert decode([0xFFFF, 0xFFFF], DataType.STRING) is None


def test_codec_rejects_what_does_not_fit() -> None:
    with pytest.raises(CodecError):
        encode(70000, DataType.U16)
    with pytest.raises(CodecError):
        encode(-1, DataType.U32)
    with pytest.raises(CodecError):
        encode(1.5, DataType.I16)
    with pytest.raises(CodecError):
        encode("too long for one", DataType.STRING, string_count=2)
    with pytest.raises(CodecError):
        decode([1], DataType.U32)
    with pytest.raises(CodecError):
        decode([0x10000], DataType.U16)
    with pytest.raises(CodecError):
        register_count(DataType.STRING)


def test_float_encoding_is_ieee754() -> None:
    words = encode(230.25, DataType.F32)
    assert struct.unpack(">f", bytes.fromhex(f"{words[0]:04x}{words[1]:04x}"))[0] == 230.25


def test_modulus_of_unsigned_counters() -> None:
    assert type_modulus(DataType.U16) == 65536
    assert type_modulus(DataType.U32) == 2**32
    assert type_modulus(DataType.I32) is None
    assert type_modulus(DataType.F64) is None
