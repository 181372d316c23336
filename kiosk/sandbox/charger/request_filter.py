"""Gatekeeper in front of the datastore: function codes, unit ids and injected transport faults.

pymodbus hands every decoded request to the server's ``trace_pdu`` hook before it touches the
datastore. ``RequestFilter`` answers there what a real device answers before looking at data:
a function code the device does not implement (exception 01), a unit id nobody answers to
(exception 0B, as a gateway would; silence on a serial line, where no device has that
address), an injected exception code, silence (the request is dropped, the client times out;
for every unit or for chosen unit ids: a device switched off on a shared bus) and slow
answers (the request is held for a while; on a serial line also for the time the frames take
on the wire).

Held requests run in tasks pymodbus creates; ``release_all`` cancels and awaits them so a
stopped simulator leaves no task behind.

Errors: none raised; everything becomes a Modbus exception response or silence.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pymodbus.constants import ExcCodes
from pymodbus.pdu import ExceptionResponse, ModbusPDU

from kiosk.sandbox.charger.unit_image import UnitImage


@dataclass
class TransportFaults:
    """Faults of the Modbus link, shared by every port of one simulator."""

    exception_code: int | None = None
    exception_function_codes: frozenset[int] | None = None  # None: every function code
    exception_unit_id: int | None = None  # None: every unit
    silent: bool = False
    silent_unit_ids: frozenset[int] = frozenset()  # these units never answer
    delay_s: float = 0.0
    refusing: bool = False

    def clear(self) -> None:
        self.exception_code = None
        self.exception_function_codes = None
        self.exception_unit_id = None
        self.silent = False
        self.silent_unit_ids = frozenset()
        self.delay_s = 0.0
        self.refusing = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "exception_code": self.exception_code,
            "exception_function_codes": (
                sorted(self.exception_function_codes)
                if self.exception_function_codes is not None
                else None
            ),
            "exception_unit_id": self.exception_unit_id,
            "silent": self.silent,
            "silent_unit_ids": sorted(self.silent_unit_ids),
            "delay_s": self.delay_s,
            "refusing": self.refusing,
        }


class _Rejected(ModbusPDU):
    """Stands in for a request the device answers with an exception code."""

    def __init__(self, request: ModbusPDU, code: int) -> None:
        super().__init__(dev_id=request.dev_id, transaction_id=request.transaction_id)
        self.function_code = request.function_code
        self._code = code

    async def datastore_update(self, context: Any, device_id: int) -> ModbusPDU:
        return ExceptionResponse(self.function_code, self._code)


class _Delayed(ModbusPDU):
    """Stands in for a request answered late."""

    def __init__(self, request: ModbusPDU, delay_s: float, held: set[asyncio.Task[Any]]) -> None:
        super().__init__(dev_id=request.dev_id, transaction_id=request.transaction_id)
        self.function_code = request.function_code
        self._request = request
        self._delay_s = delay_s
        self._held = held

    async def datastore_update(self, context: Any, device_id: int) -> ModbusPDU:
        task = asyncio.current_task()
        if task is not None:
            self._held.add(task)
        try:
            await asyncio.sleep(self._delay_s)
        finally:
            if task is not None:
                self._held.discard(task)
        response: ModbusPDU = await self._request.datastore_update(context, device_id)
        return response


_SPANNED = frozenset({1, 2, 3, 4, 5, 6, 15, 16})


def request_span(request: ModbusPDU) -> tuple[int, int]:
    """(first address, number of registers or bits) a request touches."""
    function_code = int(request.function_code)
    if function_code in (5, 6):
        return int(request.address), 1
    if function_code == 15:
        return int(request.address), len(request.bits)
    if function_code == 16:
        return int(request.address), len(request.registers)
    return int(request.address), int(request.count)


@dataclass
class RequestFilter:
    """The ``trace_pdu`` hook of one port."""

    units: dict[int, UnitImage]
    function_codes: frozenset[int]
    faults: TransportFaults
    on_request: Any  # Callable[[], None]: bring the world up to date
    held: set[asyncio.Task[Any]] = field(default_factory=set)
    unknown_unit_silent: bool = False  # a serial bus: no device has that address
    wire_delay: Callable[[int, int], float] | None = None  # (function code, count) -> s

    def __call__(self, sending: bool, pdu: ModbusPDU) -> ModbusPDU:
        if sending:
            return pdu
        return self._inspect(pdu)  # type: ignore[return-value]

    def _inspect(self, request: ModbusPDU) -> ModbusPDU | None:
        faults = self.faults
        unit_id = int(request.dev_id)
        if faults.silent or unit_id in faults.silent_unit_ids:
            return None
        unit = self.units.get(unit_id)
        if unit is None:
            if self.unknown_unit_silent:
                return None
            return _Rejected(request, ExcCodes.GATEWAY_NO_RESPONSE)
        answer = self._answer(request, unit)
        delay_s = faults.delay_s
        function_code = int(request.function_code)
        if self.wire_delay is not None and function_code in _SPANNED:
            delay_s += self.wire_delay(function_code, request_span(request)[1])
        if delay_s > 0:
            return _Delayed(answer, delay_s, self.held)
        return answer

    def _answer(self, request: ModbusPDU, unit: UnitImage) -> ModbusPDU:
        faults = self.faults
        function_code = int(request.function_code)
        if function_code not in self.function_codes:
            return _Rejected(request, ExcCodes.ILLEGAL_FUNCTION)
        if faults.exception_code is not None and (
            (faults.exception_unit_id is None or faults.exception_unit_id == unit.unit_id)
            and (
                faults.exception_function_codes is None
                or function_code in faults.exception_function_codes
            )
        ):
            return _Rejected(request, faults.exception_code)
        self.on_request()
        address, count = request_span(request)
        refused = unit.check(function_code, address, count)
        if refused is not None:
            return _Rejected(request, refused)
        unit.touch()
        return request

    async def release_all(self) -> None:
        """Cancel every held (slow) answer and wait for it to end."""
        tasks = list(self.held)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self.held.clear()
