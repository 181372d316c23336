"""The RS-485 line's arithmetic and CRC faults (``kiosk.sandbox.charger.serial_line``)."""

from __future__ import annotations

import pytest
from pymodbus.framer.rtu import FramerRTU

from kiosk.hardware.profile import Connection
from kiosk.sandbox.charger.serial_line import CrcFaults, char_bits, frame_bytes, wire_time_s


@pytest.mark.parametrize(
    ("parity", "stopbits", "bytesize", "bits"),
    [("N", 1, 8, 10), ("E", 1, 8, 11), ("O", 2, 8, 12), ("N", 2, 7, 10)],
)
def test_bits_per_character(parity: str, stopbits: int, bytesize: int, bits: int) -> None:
    connection = Connection.model_validate(
        {"parity": parity, "stopbits": stopbits, "bytesize": bytesize}
    )
    assert char_bits(connection) == bits


@pytest.mark.parametrize(
    ("function_code", "count", "sizes"),
    [
        (3, 1, (8, 7)),
        (4, 60, (8, 125)),
        (1, 9, (8, 7)),  # 9 bits in 2 bytes
        (2, 8, (8, 6)),
        (5, 1, (8, 8)),
        (6, 1, (8, 8)),
        (15, 10, (11, 8)),
        (16, 2, (13, 8)),
    ],
)
def test_frame_sizes(function_code: int, count: int, sizes: tuple[int, int]) -> None:
    assert frame_bytes(function_code, count) == sizes


def test_wire_time_follows_the_baud_rate() -> None:
    slow = Connection.model_validate({"baudrate": 9600})
    fast = Connection.model_validate({"baudrate": 115200, "parity": "E"})
    assert wire_time_s(slow, 4, 60) == pytest.approx(140 * 10 / 9600)  # 8 + 125 + 2 x 3.5
    assert wire_time_s(fast, 3, 2) == pytest.approx((8 + 9 + 7) * 11 / 115200)


def _frame(payload: bytes) -> bytes:
    return FramerRTU(None).encode(payload, 1, 0)  # type: ignore[arg-type]


def _crc_ok(frame: bytes) -> bool:
    return FramerRTU.check_CRC(frame[:-2], int.from_bytes(frame[-2:], "big"))


def test_the_next_frames_go_out_broken_then_intact() -> None:
    faults = CrcFaults(next_frames=2)
    frame = _frame(b"\x04\x02\x43\x66")
    assert _crc_ok(frame)
    sent = [faults(True, frame) for _ in range(4)]
    assert [_crc_ok(f) for f in sent] == [False, False, True, True]
    assert all(f[:-2] == frame[:-2] for f in sent)  # only the CRC is touched
    assert (faults.frames_sent, faults.broken) == (4, 2)
    assert faults(False, frame) == frame  # what it receives is left alone
    assert faults.frames_sent == 4


def test_a_fraction_of_the_frames_is_broken() -> None:
    faults = CrcFaults(rate=0.25)
    frame = _frame(b"\x03\x02\x00\x10")
    broken = sum(not _crc_ok(faults(True, frame)) for _ in range(2000))
    assert broken == faults.broken
    assert 400 < broken < 600
    faults.clear()
    assert all(_crc_ok(faults(True, frame)) for _ in range(100))
