"""One Modbus connection (TCP or RTU) over pymodbus, serialized, with priority and back-off.

A :class:`PymodbusLink` is the only thing that talks to the bus for one device. Every request
takes a gate: writes and commands (``priority=True``) go before waiting poll reads, and an
``urgent`` request (a command) that waits longer than ``preempt_after_s`` behind a slow read
cancels that read and drops the
connection (a late answer must not be taken for the command's), so a stop never waits behind a
slow batch for longer than that. The link connects on demand; after a failed connect it refuses
further attempts until an exponential back-off has passed (``generation`` counts successful
connects so the owner can re-send volatile setpoints).

On a serial line (RTU) there is no connection to drop and no transaction id to tell answers
apart: a request on the wire is answered whatever the master does next, and an answer read
after the next request went out would be taken for its answer. So on RTU an urgent command
waits for the read under way (one frame time, at most the timeout) instead of cancelling it,
the port stays open after a failed request (pymodbus reads and ignores an answer that comes
with no request outstanding), and the next request waits ``RTU_SETTLE_S`` (or the profile's
request gap, if longer) for such a late answer to pass. Every answer must also match its
request's function code (and, for a read, its register count). The links to several devices
on one serial port (a grid meter and billing meters on one RS-485 adapter) share one open
port, one gate and one request timing (``_Line``): one master, one request at a time; a
device on it at other serial settings is refused with both settings named.

Exceptions (all :class:`LinkError`)::

    LinkError
     ├── LinkUnavailable   cannot connect, connection lost, no answer in time, back-off
     ├── DeviceRefused     the device answered with a Modbus exception (``code``)
     └── Preempted         a poll read was cancelled to let a command through
"""

from __future__ import annotations

import asyncio
import collections
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from kiosk.hardware.profile import Profile, Table, Transport

T = TypeVar("T")

RTU_SETTLE_S = 0.1
"""After a failed request on a serial line: quiet time before the next one (a late answer)."""


class LinkError(Exception):
    """A Modbus request that did not produce an answer we can use."""


class LinkUnavailable(LinkError):
    """No connection, or no answer in time."""


class DeviceRefused(LinkError):
    """The device answered with a Modbus exception response."""

    def __init__(self, code: int, what: str) -> None:
        self.code = code
        super().__init__(f"{what}: Modbus exception {code:#04x}")


class Preempted(LinkError):
    """A low-priority request was cancelled so that a command could go first."""


def transport_for_host(profile: Profile, host: str) -> Transport:
    """How the station reaches a device at ``host``: a path (``/dev/ttyUSB0``) is a serial port,
    spoken Modbus RTU at the profile's serial settings (a serial line carries no other framing
    here, whatever transport the profile names for its usual connection); anything else is a
    network host, spoken Modbus TCP (an RTU device there sits behind an RS-485 gateway).
    ``kiosk run`` and ``kiosk modbus probe`` both use this."""
    del profile  # the profile gives the serial settings, not the framing
    return Transport.RTU if host.startswith("/") else Transport.TCP


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where one device (connector) answers. ``host`` is a serial device path for RTU."""

    host: str
    port: int
    unit_id: int
    transport: Transport = Transport.TCP
    timeout_s: float = 1.0
    function_codes: frozenset[int] = frozenset({1, 2, 3, 4, 5, 6, 15, 16})
    request_gap_s: float = 0.0
    baudrate: int = 9600
    parity: str = "N"
    stopbits: int = 1
    bytesize: int = 8

    @classmethod
    def for_connector(
        cls,
        profile: Profile,
        host: str,
        *,
        port: int | None = None,
        unit_id: int | None = None,
        connector_id: int = 1,
    ) -> Endpoint:
        """The endpoint of one connector: profile defaults, overridden by the arguments.

        ``port`` is the base port (connector 1); the connector's ``port_offset`` is added.
        """
        conn = profile.connection
        connector = profile.connector(connector_id)
        return cls(
            host=host,
            port=(conn.port if port is None else port) + connector.port_offset,
            unit_id=connector.unit_id if unit_id is None else unit_id,
            transport=conn.transport,
            timeout_s=conn.timeout_s,
            function_codes=frozenset(conn.function_codes),
            request_gap_s=conn.request_gap_s,
            baudrate=conn.baudrate,
            parity=conn.parity,
            stopbits=conn.stopbits,
            bytesize=conn.bytesize,
        )

    def describe(self) -> str:
        if self.transport is Transport.RTU:
            line = f"{self.baudrate} {self.bytesize}{self.parity}{self.stopbits}"
            return f"{self.host} ({line})/unit {self.unit_id}"
        return f"{self.host}:{self.port}/unit {self.unit_id}"


class Link(Protocol):
    """What the driver needs from a connection (the seam for fakes in tests)."""

    @property
    def generation(self) -> int: ...

    async def read(
        self,
        table: Table,
        address: int,
        count: int,
        *,
        priority: bool = False,
        urgent: bool = False,
    ) -> list[int] | list[bool]:
        """``priority`` goes before waiting poll reads; ``urgent`` also preempts a slow one."""

    async def write_words(
        self, address: int, words: list[int], *, priority: bool = True, urgent: bool = False
    ) -> None:
        """Write a whole value in one request (FC16; FC6 only for one word without FC16)."""

    async def write_bit(
        self, address: int, value: bool, *, priority: bool = True, urgent: bool = False
    ) -> None: ...

    async def aclose(self) -> None: ...


LinkFactory = Callable[[Endpoint], Link]


class _Gate:
    """A lock that hands over to high-priority waiters first."""

    def __init__(self) -> None:
        self._busy = False
        self._high: collections.deque[asyncio.Future[None]] = collections.deque()
        self._low: collections.deque[asyncio.Future[None]] = collections.deque()

    async def acquire(self, high: bool) -> None:
        if not self._busy and not self._high and not self._low:
            self._busy = True
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._high if high else self._low).append(future)
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # granted just as we were cancelled: pass it on
            else:
                queue = self._high if high else self._low
                if future in queue:  # a release() in between may have dropped it already
                    queue.remove(future)
            raise

    def release(self) -> None:
        for queue in (self._high, self._low):
            while queue:
                future = queue.popleft()
                if not future.done():
                    future.set_result(None)
                    return
        self._busy = False


class _Line:
    """What the links over one connection share: the pymodbus client, the gate, the request
    timing and the reconnect back-off. A TCP link has a line of its own; every link to a device
    on one serial port shares that port's line (one master, one request at a time on a bus,
    and pyserial opens a port exclusively)."""

    def __init__(
        self, backoff_initial_s: float, settings: tuple[int, str, int, int] = (0, "", 0, 0)
    ) -> None:
        self.client: Any = None
        self.gate = _Gate()
        self.backoff_s = backoff_initial_s
        self.next_attempt = 0.0
        self.last_failure = "not connected"
        self.last_request_end = 0.0
        self.settle = False
        self.connects = 0
        self.quiet_reconnect = False
        self.users = 0
        self.settings = settings
        self.loop: asyncio.AbstractEventLoop | None = None

    def check_settings(self, endpoint: Endpoint) -> None:
        wanted = _serial_settings(endpoint)
        if wanted != self.settings:
            raise LinkUnavailable(
                f"{endpoint.host} is open at {_describe_settings(self.settings)} for another"
                f" device on the bus; unit {endpoint.unit_id} wants {_describe_settings(wanted)}"
            )


def _serial_settings(endpoint: Endpoint) -> tuple[int, str, int, int]:
    return (endpoint.baudrate, endpoint.parity, endpoint.stopbits, endpoint.bytesize)


def _describe_settings(settings: tuple[int, str, int, int]) -> str:
    baudrate, parity, stopbits, bytesize = settings
    return f"{baudrate} {bytesize}{parity}{stopbits}"


_SERIAL_LINES: dict[tuple[int, str], _Line] = {}
"""The shared line of each serial port (per event loop) while a link uses it."""


def _acquire_serial_line(endpoint: Endpoint, backoff_initial_s: float) -> _Line:
    loop = asyncio.get_running_loop()
    key = (id(loop), endpoint.host)
    line = _SERIAL_LINES.get(key)
    if line is None or line.loop is not loop:  # none, or left over from a closed loop
        line = _Line(backoff_initial_s, _serial_settings(endpoint))
        line.loop = loop
        _SERIAL_LINES[key] = line
    line.users += 1
    return line


def _release_serial_line(line: _Line) -> None:
    line.users -= 1
    if line.users > 0:
        return
    if line.client is not None:
        line.client.close()
        line.client = None
    for key, held in list(_SERIAL_LINES.items()):
        if held is line:
            del _SERIAL_LINES[key]


class PymodbusLink:
    """A :class:`Link` over ``pymodbus`` async clients (``device_id=`` keyword, pymodbus ≥ 3.9)."""

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        preempt_after_s: float = 0.01,
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 5.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.endpoint = endpoint
        self._preempt_after_s = preempt_after_s
        self._backoff_initial_s = backoff_initial_s
        self._backoff_max_s = backoff_max_s
        self._monotonic = monotonic
        self._low_task: asyncio.Task[Any] | None = None
        self._preempted = False
        self._closed = False
        self._serial = endpoint.transport is Transport.RTU
        # a TCP link has a line of its own; on a serial port it is shared (on first use)
        self._own_line: _Line | None = None if self._serial else _Line(backoff_initial_s)

    @property
    def _line(self) -> _Line:
        if self._own_line is None:
            if self._closed:
                raise LinkUnavailable("link closed")
            self._own_line = _acquire_serial_line(self.endpoint, self._backoff_initial_s)
        return self._own_line

    @property
    def _client(self) -> Any:
        """The line's pymodbus client (None until connected); tests set a stand-in here."""
        return self._line.client

    @_client.setter
    def _client(self, client: Any) -> None:
        self._line.client = client

    @property
    def generation(self) -> int:
        return 0 if self._own_line is None else self._own_line.connects

    @property
    def connected(self) -> bool:
        line = self._own_line
        return line is not None and line.client is not None and bool(line.client.connected)

    # --- connection -------------------------------------------------------------------

    def _new_client(self) -> Any:
        from pymodbus.client import AsyncModbusSerialClient, AsyncModbusTcpClient

        ep = self.endpoint
        if ep.transport is Transport.RTU:
            return AsyncModbusSerialClient(
                port=ep.host,
                baudrate=ep.baudrate,
                parity=ep.parity,
                stopbits=ep.stopbits,
                bytesize=ep.bytesize,
                timeout=ep.timeout_s,
                retries=0,
                reconnect_delay=0,
            )
        return AsyncModbusTcpClient(
            ep.host, port=ep.port, timeout=ep.timeout_s, retries=0, reconnect_delay=0
        )

    def _drop(self) -> None:
        if self._line.client is not None:
            self._line.client.close()
            self._line.client = None

    async def _ensure_connected(self) -> None:
        if self._closed:
            raise LinkUnavailable("link closed")
        if self._serial:
            self._line.check_settings(self.endpoint)
        if self.connected:
            return
        self._drop()
        now = self._monotonic()
        if now < self._line.next_attempt:
            raise LinkUnavailable(
                f"{self.endpoint.describe()}: {self._line.last_failure} (retrying)"
            )
        client = self._new_client()
        try:
            ok = await asyncio.wait_for(client.connect(), self.endpoint.timeout_s + 1.0)
        except (OSError, TimeoutError) as exc:
            ok = False
            reason = str(exc) or type(exc).__name__
        else:
            reason = "connection refused or timed out"
        if not ok:
            client.close()
            self._line.last_failure = reason
            self._line.next_attempt = self._monotonic() + self._line.backoff_s
            self._line.backoff_s = min(self._line.backoff_s * 2, self._backoff_max_s)
            raise LinkUnavailable(f"{self.endpoint.describe()}: {reason}")
        self._line.client = client
        self._line.backoff_s = self._backoff_initial_s
        self._line.next_attempt = 0.0
        if not self._line.quiet_reconnect:
            self._line.connects += 1
        self._line.quiet_reconnect = False

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._low_task is not None:
            self._low_task.cancel()
        if self._serial:
            if self._own_line is not None:
                _release_serial_line(self._own_line)
        else:
            self._drop()

    # --- requests ---------------------------------------------------------------------

    def _preempt(self) -> None:
        task = self._low_task
        if task is not None and not task.done():
            self._preempted = True
            task.cancel()

    async def _call(
        self,
        make: Callable[[], Awaitable[Any]],
        what: str,
        high: bool,
        urgent: bool = False,
        function_code: int | None = None,
    ) -> Any:
        loop = asyncio.get_running_loop()
        can_preempt = urgent and self.endpoint.transport is not Transport.RTU
        timer = loop.call_later(self._preempt_after_s, self._preempt) if can_preempt else None
        try:
            await self._line.gate.acquire(high)
        finally:
            if timer is not None:
                timer.cancel()
        try:
            await self._ensure_connected()
            await self._respect_gap()
            if high:
                return await self._request(make, what, function_code)
            self._preempted = False
            task = asyncio.ensure_future(self._request(make, what, function_code))
            self._low_task = task
            try:
                await asyncio.wait({task})
            except asyncio.CancelledError:
                task.cancel()
                raise
            finally:
                self._low_task = None
            if task.cancelled():
                if self._serial:
                    raise LinkUnavailable(f"{what}: cancelled")  # the line settles first
                # the answer may still arrive: never let it be read as the next reply
                self._drop()
                self._line.next_attempt = 0.0
                self._line.quiet_reconnect = True  # our own drop: the device kept its setpoints
                if self._preempted:
                    raise Preempted(what)
                raise LinkUnavailable(f"{what}: cancelled")
            return task.result()
        finally:
            self._line.last_request_end = self._monotonic()
            self._line.gate.release()

    def _out_of_step(self) -> None:
        """An answer may still be on its way: on a serial line, let it pass first."""
        if self.endpoint.transport is Transport.RTU:
            self._line.settle = True

    async def _respect_gap(self) -> None:
        gap = self.endpoint.request_gap_s
        if self._line.settle:
            gap = max(gap, RTU_SETTLE_S)
            self._line.settle = False
        if gap > 0:
            wait = self._line.last_request_end + gap - self._monotonic()
            if wait > 0:
                await asyncio.sleep(wait)

    async def _request(
        self, make: Callable[[], Awaitable[Any]], what: str, function_code: int | None
    ) -> Any:
        from pymodbus.exceptions import ModbusException

        try:
            # asyncio.timeout, not wait_for: on 3.11 wait_for runs ``make()`` in a task of its
            # own, so the request left one loop turn later, behind whatever else was ready
            # (a stop's write waited for an HTTP answer to be sent, a screen to be updated)
            async with asyncio.timeout(self.endpoint.timeout_s + 0.5):
                response = await make()
        except (ModbusException, TimeoutError) as exc:
            if self.endpoint.transport is Transport.RTU:
                self._out_of_step()  # keep the port: a late answer is read and ignored
            else:
                self._drop()
            raise LinkUnavailable(f"{what}: {exc}") from exc
        except OSError as exc:
            self._drop()
            raise LinkUnavailable(f"{what}: {exc}") from exc
        except asyncio.CancelledError:
            self._out_of_step()  # its answer may still come
            raise
        if response.isError():
            raise DeviceRefused(int(getattr(response, "exception_code", 0)), what)
        if function_code is not None and int(response.function_code) != function_code:
            self._out_of_step()
            raise LinkUnavailable(
                f"{what}: answer of function {int(response.function_code)} (not ours)"
            )
        return response

    async def read(
        self,
        table: Table,
        address: int,
        count: int,
        *,
        priority: bool = False,
        urgent: bool = False,
    ) -> list[int] | list[bool]:
        unit = self.endpoint.unit_id
        what = f"read {table.value} {address}+{count} unit {unit}"

        def make() -> Awaitable[Any]:
            client = self._line.client
            method = {
                Table.HOLDING: client.read_holding_registers,
                Table.INPUT: client.read_input_registers,
                Table.COIL: client.read_coils,
                Table.DISCRETE: client.read_discrete_inputs,
            }[table]
            return method(address, count=count, device_id=unit)  # type: ignore[no-any-return]

        function_code = {Table.COIL: 1, Table.DISCRETE: 2, Table.HOLDING: 3, Table.INPUT: 4}
        response = await self._call(make, what, priority, urgent, function_code[table])
        if table.is_bit:
            return [bool(b) for b in response.bits[:count]]
        registers = list(response.registers)
        if len(registers) != count:
            self._out_of_step()
            raise LinkUnavailable(f"{what}: got {len(registers)} registers")
        return registers

    async def write_words(
        self, address: int, words: list[int], *, priority: bool = True, urgent: bool = False
    ) -> None:
        unit = self.endpoint.unit_id
        fcs = self.endpoint.function_codes
        what = f"write {address}+{len(words)} unit {unit}"
        use_fc6 = 16 not in fcs and len(words) == 1 and 6 in fcs

        def make() -> Awaitable[Any]:
            if use_fc6:
                return self._line.client.write_register(address, words[0], device_id=unit)  # type: ignore[no-any-return]
            return self._line.client.write_registers(address, words, device_id=unit)  # type: ignore[no-any-return]

        await self._call(make, what, priority, urgent, 6 if use_fc6 else 16)

    async def write_bit(
        self, address: int, value: bool, *, priority: bool = True, urgent: bool = False
    ) -> None:
        unit = self.endpoint.unit_id
        what = f"write coil {address} unit {unit}"
        use_fc15 = 5 not in self.endpoint.function_codes

        def make() -> Awaitable[Any]:
            if use_fc15:
                return self._line.client.write_coils(address, [value], device_id=unit)  # type: ignore[no-any-return]
            return self._line.client.write_coil(address, value, device_id=unit)  # type: ignore[no-any-return]

        await self._call(make, what, priority, urgent, 15 if use_fc15 else 5)


def pymodbus_link(endpoint: Endpoint) -> Link:
    """The default :data:`LinkFactory`."""
    return PymodbusLink(endpoint)
