"""A small JSON HTTP API over a running ``ChargerSimulator`` (Starlette), and its server.

Routes (connector indexes count from 0; every answer is the full status unless noted)::

    GET    /api/status                          simulator, faults, every connector and car
    POST   /api/connectors/{i}/plug             body: optional CarSpec fields
    POST   /api/connectors/{i}/unplug
    POST   /api/connectors/{i}/battery          {"soc_pct": 80}
    POST   /api/connectors/{i}/pause            {"paused": true}
    POST   /api/connectors/{i}/state            {"state": "E"|"F"|null, "error_code": 1}
    POST   /api/connectors/{i}/meter            {"fault": "nan"|"frozen"|"zero_power"|null}
    POST   /api/connectors/{i}/counter-reset
    POST   /api/connectors/{i}/stop-input       {"pressed": true} the station's stop button
    POST   /api/faults                          {"exception_code", "function_codes",
                                                 "unit_id", "silent", "delay_s", "refusing",
                                                 "silent_unit_ids": [2], and on a serial
                                                 line "crc_next_frames": 3, "crc_error_rate"}
    POST   /api/faults/disconnect               drop every client connection once
    DELETE /api/faults                          clear every fault
    POST   /api/speed                           {"factor": 10}
    POST   /api/reboot                          {"down_s": 0}

Errors: a bad request answers 400 ``{"error": "..."}``, an unknown connector 404; nothing
else escapes a handler.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import fields
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from kiosk.sandbox.charger.car import CarSpec
from kiosk.sandbox.charger.simulator import ChargerSimulator

_CAR_FIELDS = {f.name for f in fields(CarSpec)}

Handler = Callable[[Request], Awaitable[JSONResponse]]


class _BadRequest(ValueError):
    pass


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = await request.json()
    except ValueError as exc:
        raise _BadRequest("the body is not JSON") from exc
    if not isinstance(data, dict):
        raise _BadRequest("the body must be a JSON object")
    return data


def _index(request: Request, sim: ChargerSimulator) -> int:
    try:
        index = int(request.path_params["index"])
    except ValueError as exc:
        raise LookupError("connector index must be a number") from exc
    if not 0 <= index < sim.connector_count:
        raise LookupError(f"no connector {index}")
    return index


def _number(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _BadRequest(f"{key!r} must be a number")
    return float(value)


def build_app(sim: ChargerSimulator) -> Starlette:
    """The Starlette app controlling ``sim``."""

    def route(action: Callable[[Request, dict[str, Any]], Awaitable[None]]) -> Handler:
        async def handler(request: Request) -> JSONResponse:
            try:
                await action(request, await _body(request))
            except LookupError as exc:
                return JSONResponse({"error": str(exc)}, status_code=404)
            except (ValueError, TypeError) as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
            return JSONResponse(sim.status())

        return handler

    async def status(_request: Request, _data: dict[str, Any]) -> None:
        return None

    async def plug(request: Request, data: dict[str, Any]) -> None:
        unknown = set(data) - _CAR_FIELDS
        if unknown:
            raise _BadRequest(f"unknown car fields: {', '.join(sorted(unknown))}")
        sim.car(_index(request, sim)).plug(**data)

    async def unplug(request: Request, _data: dict[str, Any]) -> None:
        sim.car(_index(request, sim)).unplug()

    async def battery(request: Request, data: dict[str, Any]) -> None:
        sim.car(_index(request, sim)).set_soc(_number(data, "soc_pct"))

    async def pause(request: Request, data: dict[str, Any]) -> None:
        car = sim.car(_index(request, sim))
        if data.get("paused", True):
            car.pause()
        else:
            car.resume()

    async def state(request: Request, data: dict[str, Any]) -> None:
        code = data.get("error_code", 1)
        if not isinstance(code, int):
            raise _BadRequest("'error_code' must be an integer")
        sim.connector(_index(request, sim)).force_state(data.get("state"), code)

    async def meter(request: Request, data: dict[str, Any]) -> None:
        sim.connector(_index(request, sim)).set_meter_fault(data.get("fault"))

    async def counter_reset(request: Request, _data: dict[str, Any]) -> None:
        sim.connector(_index(request, sim)).reset_counter()

    async def stop_input(request: Request, data: dict[str, Any]) -> None:
        pressed = data.get("pressed", True)
        if not isinstance(pressed, bool):
            raise _BadRequest("'pressed' must be true or false")
        sim.connector(_index(request, sim)).press_stop(pressed)

    async def faults(_request: Request, data: dict[str, Any]) -> None:
        if data.get("exception_code") is not None:
            codes = data.get("function_codes")
            unit_id = data.get("unit_id")
            sim.inject_exception(
                int(data["exception_code"]),
                function_codes=None if codes is None else {int(c) for c in codes},
                unit_id=None if unit_id is None else int(unit_id),
            )
        if "silent" in data:
            sim.set_silent(bool(data["silent"]))
        if "delay_s" in data:
            sim.set_delay(_number(data, "delay_s"))
        if "refusing" in data:
            await sim.set_refusing(bool(data["refusing"]))
        if "silent_unit_ids" in data:
            units = data["silent_unit_ids"]
            if not isinstance(units, list) or not all(type(u) is int for u in units):
                raise _BadRequest("'silent_unit_ids' must be a list of unit ids")
            sim.set_silent_units(set(units))
        if "crc_next_frames" in data or "crc_error_rate" in data:
            frames = _number(data, "crc_next_frames") if "crc_next_frames" in data else 0
            rate = _number(data, "crc_error_rate") if "crc_error_rate" in data else 0.0
            if frames != int(frames):
                raise _BadRequest("'crc_next_frames' must be a whole number")
            sim.set_crc_errors(int(frames), rate)

    async def disconnect(_request: Request, _data: dict[str, Any]) -> None:
        sim.drop_connections()

    async def clear(_request: Request, _data: dict[str, Any]) -> None:
        await sim.clear_faults()

    async def speed(_request: Request, data: dict[str, Any]) -> None:
        sim.set_speed(_number(data, "factor"))

    async def reboot(_request: Request, data: dict[str, Any]) -> None:
        down_s = _number(data, "down_s") if "down_s" in data else 0.0
        await sim.reboot(down_s)

    connector = "/api/connectors/{index}"
    routes = [
        Route("/api/status", route(status), methods=["GET"]),
        Route(f"{connector}/plug", route(plug), methods=["POST"]),
        Route(f"{connector}/unplug", route(unplug), methods=["POST"]),
        Route(f"{connector}/battery", route(battery), methods=["POST"]),
        Route(f"{connector}/pause", route(pause), methods=["POST"]),
        Route(f"{connector}/state", route(state), methods=["POST"]),
        Route(f"{connector}/meter", route(meter), methods=["POST"]),
        Route(f"{connector}/counter-reset", route(counter_reset), methods=["POST"]),
        Route(f"{connector}/stop-input", route(stop_input), methods=["POST"]),
        Route("/api/faults", route(faults), methods=["POST"]),
        Route("/api/faults", route(clear), methods=["DELETE"]),
        Route("/api/faults/disconnect", route(disconnect), methods=["POST"]),
        Route("/api/speed", route(speed), methods=["POST"]),
        Route("/api/reboot", route(reboot), methods=["POST"]),
    ]
    return Starlette(routes=routes)


class _EmbeddedServer(uvicorn.Server):
    """uvicorn without its signal handlers: the host process owns SIGINT/SIGTERM."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class ControlServer:
    """Serves ``build_app(sim)`` over HTTP on ``host``; port 0 picks a free port."""

    def __init__(self, sim: ChargerSimulator, host: str = "127.0.0.1", port: int = 0) -> None:
        self.sim = sim
        self.host = host
        self.port = port
        self._server: _EmbeddedServer | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = int(sock.getsockname()[1])
        config = uvicorn.Config(
            build_app(self.sim), log_level="warning", lifespan="off", access_log=False
        )
        server = _EmbeddedServer(config)
        self._server = server
        self._task = asyncio.create_task(server.serve(sockets=[sock]), name="charger-sim http")
        while not server.started:
            if self._task.done():
                await self._task  # re-raises the start-up error
                raise OSError(f"cannot serve HTTP on {self.host}:{self.port}")
            await asyncio.sleep(0.01)

    async def aclose(self) -> None:
        server, task = self._server, self._task
        self._server = self._task = None
        if server is None or task is None:
            return
        server.should_exit = True
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=5)
        except TimeoutError:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
