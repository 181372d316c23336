"""Fault injection for the emulated APIs, switchable at runtime (Python API and HTTP).

A ``Fault`` matches an operation (``"create"``, ``"capture"``, ``"*"`` for every Vipps API
path, see ``OPERATIONS``) and hits the next ``count`` matching requests (``None``: until
cleared). Kinds:

* ``latency``: sleep ``delay_s``, then serve normally (stacks with the others).
* ``error``: answer ``status`` (5xx/423/...) with an optional ErrorCode, without doing the work.
* ``rate_limit``: answer 429 with ``Retry-After: retry_after_s``, without doing the work.
* ``hang``: hold the request until released (``FaultPlan.release_hung``/``clear``/``aclose``)
  or ``hang_s`` passes, then answer 504; the work is not done.
* ``drop``: close the connection without an answer; the work is not done.
* ``lost_response``: DO the work (it is committed and stored under its Idempotency-Key), then
  lose the answer. ``lost_mode="disconnect"`` starts the response and aborts it; over real
  HTTP (uvicorn) httpx raises ``httpx.RemoteProtocolError`` ("peer closed connection without
  sending complete message body"), and in-process under ``httpx.ASGITransport`` the app raises
  ``ResponseDroppedError`` (a subclass of ``httpx.RemoteProtocolError``) which the transport
  passes to the caller, so the client sees the same exception class either way.
  ``lost_mode="gateway_timeout"`` answers 504 instead (what a proxy that gave up looks like).

Hangs and drops under ``ASGITransport``: httpx does not apply its timeouts in-process, so a
client test of a hang needs its own ``asyncio.timeout`` or a real loopback server.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

import httpx

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_API = r"^/(accesstoken|epayment|order-management|qr|webhooks)/"
OPERATIONS: dict[str, tuple[str | None, re.Pattern[str]]] = {
    "*": (None, re.compile(_API)),
    "token": ("POST", re.compile(r"^/accesstoken/get$")),
    "create": ("POST", re.compile(r"^/epayment/v1/payments$")),
    "get": ("GET", re.compile(r"^/epayment/v1/payments/[^/]+$")),
    "events": ("GET", re.compile(r"^/epayment/v1/payments/[^/]+/events$")),
    "capture": ("POST", re.compile(r"^/epayment/v1/payments/[^/]+/capture$")),
    "cancel": ("POST", re.compile(r"^/epayment/v1/payments/[^/]+/cancel$")),
    "refund": ("POST", re.compile(r"^/epayment/v1/payments/[^/]+/refund$")),
    "approve": ("POST", re.compile(r"^/epayment/v1/test/payments/[^/]+/approve$")),
    "epayment": (None, re.compile(r"^/epayment/")),
    "receipt": ("POST", re.compile(r"^/order-management/v2/[^/]+/receipts/[^/]+$")),
    "order_management": (None, re.compile(r"^/order-management/")),
    "qr": (None, re.compile(r"^/qr/")),
    "webhooks": (None, re.compile(r"^/webhooks/")),
}


class FaultKind(StrEnum):
    LATENCY = "latency"
    ERROR = "error"
    RATE_LIMIT = "rate_limit"
    HANG = "hang"
    DROP = "drop"
    LOST_RESPONSE = "lost_response"


class ResponseDroppedError(httpx.RemoteProtocolError):
    """Raised by the emulator app to lose a response (see the module docstring)."""


_ids = itertools.count(1)


@dataclass(slots=True)
class Fault:
    kind: FaultKind
    operation: str = "*"
    count: int | None = 1
    delay_s: float = 0.0
    status: int = 500
    error_code: int | None = None
    retry_after_s: int = 1
    hang_s: float = 3600.0
    lost_mode: Literal["disconnect", "gateway_timeout"] = "disconnect"
    hits: int = 0
    id: int = field(default_factory=lambda: next(_ids))

    def __post_init__(self) -> None:
        self.kind = FaultKind(self.kind)
        if self.operation not in OPERATIONS:
            raise ValueError(f"unknown operation {self.operation!r}; one of {sorted(OPERATIONS)}")
        if self.count is not None and self.count < 1:
            raise ValueError("count must be >= 1 or None")
        if self.lost_mode not in ("disconnect", "gateway_timeout"):
            raise ValueError("lost_mode must be 'disconnect' or 'gateway_timeout'")

    def matches(self, method: str, path: str) -> bool:
        wanted_method, pattern = OPERATIONS[self.operation]
        return (wanted_method is None or wanted_method == method) and bool(pattern.match(path))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "operation": self.operation,
            "count": self.count,
            "delay_s": self.delay_s,
            "status": self.status,
            "error_code": self.error_code,
            "retry_after_s": self.retry_after_s,
            "hang_s": self.hang_s,
            "lost_mode": self.lost_mode,
            "hits": self.hits,
        }


class FaultPlan:
    """The active faults. Not thread-safe: use it from the event loop the app runs on."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._release = asyncio.Event()
        self.hung_now = 0

    @property
    def active(self) -> tuple[Fault, ...]:
        return tuple(self._faults)

    def add(self, fault: Fault) -> Fault:
        self._faults.append(fault)
        return fault

    def latency(
        self, operation: str = "*", delay_s: float = 0.5, count: int | None = None
    ) -> Fault:
        return self.add(Fault(FaultKind.LATENCY, operation, count, delay_s=delay_s))

    def error(
        self,
        operation: str = "*",
        status: int = 500,
        *,
        error_code: int | None = None,
        count: int | None = 1,
    ) -> Fault:
        return self.add(
            Fault(FaultKind.ERROR, operation, count, status=status, error_code=error_code)
        )

    def rate_limit(
        self, operation: str = "*", retry_after_s: int = 1, count: int | None = 1
    ) -> Fault:
        return self.add(Fault(FaultKind.RATE_LIMIT, operation, count, retry_after_s=retry_after_s))

    def hang(self, operation: str = "*", count: int | None = 1, hang_s: float = 3600.0) -> Fault:
        return self.add(Fault(FaultKind.HANG, operation, count, hang_s=hang_s))

    def drop(self, operation: str = "*", count: int | None = 1) -> Fault:
        return self.add(Fault(FaultKind.DROP, operation, count))

    def lose_response(
        self,
        operation: str = "*",
        count: int | None = 1,
        mode: Literal["disconnect", "gateway_timeout"] = "disconnect",
    ) -> Fault:
        return self.add(Fault(FaultKind.LOST_RESPONSE, operation, count, lost_mode=mode))

    def remove(self, fault_id: int) -> bool:
        before = len(self._faults)
        self._faults = [f for f in self._faults if f.id != fault_id]
        return len(self._faults) != before

    def clear(self) -> None:
        self._faults.clear()
        self.release_hung()

    def release_hung(self) -> None:
        """Let every hung request end (with 504) now."""
        self._release.set()
        self._release = asyncio.Event()

    def take(self, method: str, path: str) -> list[Fault]:
        """The faults hitting this request, with their counts consumed."""
        hit: list[Fault] = []
        terminal_taken = False
        for fault in list(self._faults):
            if not fault.matches(method, path):
                continue
            if fault.kind is not FaultKind.LATENCY:
                if terminal_taken:
                    continue
                terminal_taken = True
            hit.append(fault)
            fault.hits += 1
            if fault.count is not None and fault.hits >= fault.count:
                self._faults.remove(fault)
        return hit

    async def wait_hung(self, hang_s: float) -> None:
        release = self._release
        self.hung_now += 1
        try:
            async with asyncio.timeout(hang_s):
                await release.wait()
        except TimeoutError:
            pass
        finally:
            self.hung_now -= 1


def _json_message(status: int, body: dict[str, Any], headers: dict[str, str]) -> list[Message]:
    payload = json.dumps(body).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    return [
        {"type": "http.response.start", "status": status, "headers": raw},
        {"type": "http.response.body", "body": payload, "more_body": False},
    ]


def _error_body(status: int, title: str, error_code: int | None, path: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://httpstatuses.io/{status}",
        "title": title,
        "status": status,
        "instance": path,
        "traceId": "00-fault-injected-00",
    }
    if error_code is not None:
        body["extraDetails"] = [{"name": "ErrorCode", "reason": str(error_code)}]
    return body


class FaultMiddleware:
    """ASGI middleware applying ``FaultPlan`` to the Vipps API paths."""

    def __init__(self, app: ASGIApp, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        faults = self.plan.take(scope["method"], path)
        for fault in faults:
            if fault.kind is FaultKind.LATENCY:
                await asyncio.sleep(fault.delay_s)
        terminal = next((f for f in faults if f.kind is not FaultKind.LATENCY), None)
        if terminal is None:
            await self.app(scope, receive, send)
            return
        await self._apply(terminal, scope, receive, send)

    async def _apply(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        messages: list[Message]
        if fault.kind is FaultKind.ERROR:
            title = "Internal Server Error" if fault.status == 500 else "Injected fault"
            body = _error_body(fault.status, title, fault.error_code, path)
            messages = _json_message(fault.status, body, {})
        elif fault.kind is FaultKind.RATE_LIMIT:
            body = {
                "statusCode": 429,
                "message": f"Rate limit is exceeded. Try again in {fault.retry_after_s} seconds.",
            }
            messages = _json_message(429, body, {"Retry-After": str(fault.retry_after_s)})
        elif fault.kind is FaultKind.HANG:
            await self.plan.wait_hung(fault.hang_s)
            messages = _json_message(504, _error_body(504, "Gateway Timeout", None, path), {})
        elif fault.kind is FaultKind.DROP:
            await _abort_response(send, 502)
        else:
            await self._lose(fault, scope, receive, send)
            return
        for message in messages:
            await send(message)

    async def _lose(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        captured: list[Message] = []

        async def capture(message: Message) -> None:
            captured.append(message)

        await self.app(scope, receive, capture)
        path: str = scope["path"]
        if fault.lost_mode == "gateway_timeout":
            for message in _json_message(504, _error_body(504, "Gateway Timeout", None, path), {}):
                await send(message)
            return
        start = next(m for m in captured if m["type"] == "http.response.start")
        await _abort_response(send, start["status"])


async def _abort_response(send: Send, status: int) -> None:
    """Start a response that promises a body, then break the connection.

    A server cannot close a connection through ASGI without first answering (uvicorn sends
    a 500 when the app fails before the start), so the response is started with a
    ``content-length`` and aborted: the client never gets a complete response.
    """
    headers = [(b"content-type", b"application/json"), (b"content-length", b"4096")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    raise ResponseDroppedError("peer closed connection without sending complete message body")
