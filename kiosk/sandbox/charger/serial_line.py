"""The simulator's RS-485 side: Modbus RTU on a serial port, its timing, CRC faults, a pty pair.

A real RTU device answers on a shared serial line: no TCP connection, no transaction id, a
CRC-16 at the end of every frame, and a line that needs time for every character.
:class:`SerialModbusPort` serves a simulator's units that way (pymodbus's
``ModbusSerialServer`` with the RTU framer). What the wire adds is simulated here:

* **timing** (:func:`wire_time_s`): a pseudo-terminal carries bytes at once, so each answer
  is held for the time the request and the answer take on the line at the profile's baud rate
  plus the 3.5-character silence that ends each frame (9600 8N1, 60 registers: about 150 ms);
* **CRC errors** (:class:`CrcFaults`): the next N answers, or a fraction of them, go out with a
  broken CRC, as noise on the bus does; the master must discard them (never decode them);
* **silence**: a unit id that nobody answers to on the bus, or one that is switched off, simply
  does not answer (``RequestFilter``; a TCP gateway would answer exception 0B instead).

:class:`VirtualSerialLine` makes the line itself: ``socat`` joins two pseudo-terminals, the
simulator opens one end and the kiosk's RTU client the other, exactly as it opens
``/dev/ttyUSB0``.

Errors: ``OSError`` when the serial port cannot be opened; :class:`SocatMissing` when
``socat`` is not installed; ``OSError`` when ``socat`` does not make the pair in time.
"""

from __future__ import annotations

import asyncio
import math
import random
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from pymodbus.framer import FramerType
from pymodbus.server import ModbusSerialServer

from kiosk.hardware.profile import Connection
from kiosk.sandbox.charger.modbus_port import ModbusPort, build_devices
from kiosk.sandbox.charger.request_filter import TransportFaults
from kiosk.sandbox.charger.unit_image import UnitImage

SILENT_CHARS = 3.5
"""The silence that ends an RTU frame, in character times (Modbus over serial line, 2.5.1.1)."""


def char_bits(connection: Connection) -> int:
    """Bits on the wire per byte: start, data, parity (unless none) and stop bits."""
    return 1 + connection.bytesize + (0 if connection.parity == "N" else 1) + connection.stopbits


def frame_bytes(function_code: int, count: int) -> tuple[int, int]:
    """(request, answer) RTU frame sizes in bytes of a request that touches ``count`` registers
    or bits with ``function_code`` (address, function, data, 2 CRC bytes)."""
    bit_bytes = math.ceil(count / 8)
    if function_code in (1, 2):
        return 8, 5 + bit_bytes
    if function_code in (3, 4):
        return 8, 5 + 2 * count
    if function_code == 15:
        return 9 + bit_bytes, 8
    if function_code == 16:
        return 9 + 2 * count, 8
    return 8, 8  # 5, 6 and anything else of fixed size


def wire_time_s(connection: Connection, function_code: int, count: int) -> float:
    """How long one request and its answer occupy the line, with the silence after each."""
    request, answer = frame_bytes(function_code, count)
    chars = request + answer + 2 * SILENT_CHARS
    return chars * char_bits(connection) / connection.baudrate


@dataclass
class CrcFaults:
    """Broken CRCs on the answers one serial port sends (the ``trace_packet`` hook).

    ``next_frames`` answers from now on are broken, then each further one with probability
    ``rate`` (seeded: the same run breaks the same frames). ``frames_sent`` and ``broken``
    count what went out."""

    next_frames: int = 0
    rate: float = 0.0
    frames_sent: int = 0
    broken: int = 0
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def clear(self) -> None:
        self.next_frames = 0
        self.rate = 0.0

    def __call__(self, sending: bool, data: bytes) -> bytes:
        if not sending or not data:
            return data
        self.frames_sent += 1
        if self.next_frames > 0:
            self.next_frames -= 1
        elif not (self.rate > 0 and self.rng.random() < self.rate):
            return data
        self.broken += 1
        return data[:-1] + bytes([data[-1] ^ 0x5A])  # one CRC byte flipped


class SerialModbusPort(ModbusPort):
    """The units of a simulator on one RTU serial line at ``path`` (one end of a pty pair)."""

    def __init__(
        self,
        units: dict[int, UnitImage],
        function_codes: frozenset[int],
        faults: TransportFaults,
        on_request: Callable[[], None],
        *,
        path: str,
        connection: Connection,
        crc: CrcFaults,
        wire_timing: bool = True,
    ) -> None:
        super().__init__(units, function_codes, faults, on_request, framer=FramerType.RTU)
        self.path = path
        self.connection = connection
        self.crc = crc
        self.filter.unknown_unit_silent = True
        if wire_timing:
            self.filter.wire_delay = self._wire_delay
        self._serial: ModbusSerialServer | None = None

    def _wire_delay(self, function_code: int, count: int) -> float:
        return wire_time_s(self.connection, function_code, count)

    @property
    def listening(self) -> bool:
        return self._serial is not None

    async def listen(self, host: str, port: int) -> int:
        """Open the serial port (``host`` and ``port`` are ignored); returns 0."""
        conn = self.connection
        server = ModbusSerialServer(
            build_devices(self.units),
            framer=FramerType.RTU,
            port=self.path,
            baudrate=conn.baudrate,
            bytesize=conn.bytesize,
            parity=conn.parity,
            stopbits=conn.stopbits,
            ignore_missing_devices=True,
            trace_packet=self.crc,
            trace_pdu=self.filter,
        )
        try:
            await server.serve_forever(background=True)
        except RuntimeError as error:  # pymodbus: "Could not start listen"
            await server.shutdown()  # type: ignore[no-untyped-call]
            raise OSError(f"cannot open serial port {self.path}: {error}") from error
        self._serial = server
        self.port = 0
        return 0

    def client_count(self) -> int:
        return 0  # a serial line has no connections

    def drop_connections(self) -> None:
        """A serial line has no connection to drop."""

    async def close(self) -> None:
        server, self._serial = self._serial, None
        if server is not None:
            await server.shutdown()  # type: ignore[no-untyped-call]
        await self.filter.release_all()
        await asyncio.sleep(0)


class SocatMissing(OSError):
    """``socat`` is not installed (``scripts/setup`` installs it with the test tools)."""


class VirtualSerialLine:
    """Two pseudo-terminals joined by ``socat``: ``device_end`` for the simulator,
    ``kiosk_end`` for the station (both are symlinks in ``folder``)::

        with VirtualSerialLine(tmp_path) as line:
            sim = ChargerSimulator(profile, serial_path=line.device_end)
    """

    def __init__(self, folder: Path, *, ready_timeout_s: float = 5.0) -> None:
        self.folder = folder
        self.device_end = str(folder / "rtu-device")
        self.kiosk_end = str(folder / "rtu-kiosk")
        self.log_path = folder / "socat.log"
        self._ready_timeout_s = ready_timeout_s
        self._process: subprocess.Popen[bytes] | None = None

    def open(self) -> VirtualSerialLine:
        socat = shutil.which("socat")
        if socat is None:
            raise SocatMissing("socat is not installed (scripts/setup installs it)")
        self.folder.mkdir(parents=True, exist_ok=True)
        ends = [f"pty,raw,echo=0,link={end}" for end in (self.device_end, self.kiosk_end)]
        with self.log_path.open("wb") as log:  # socat's notices (the pty names), not a pipe
            self._process = subprocess.Popen(  # noqa: S603 (socat from PATH, our own arguments)
                [socat, "-d", "-d", *ends], stdout=subprocess.DEVNULL, stderr=log
            )
        deadline = time.monotonic() + self._ready_timeout_s
        while not all(Path(end).exists() for end in (self.device_end, self.kiosk_end)):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.close()
                error = self.log_path.read_text(errors="replace").strip() or "timed out"
                raise OSError(f"socat made no pty pair: {error}")
            time.sleep(0.01)  # socat makes the pair within milliseconds
        return self

    def close(self) -> None:
        """Stop socat (the pty pair and its links go with it). Safe to call twice."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> VirtualSerialLine:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
