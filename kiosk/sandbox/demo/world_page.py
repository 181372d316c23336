"""The "world" web page of the demo: a person plays the driver's phone and the cars.

A small Starlette app (plain HTML and a little vanilla JavaScript, no build step) over the
control APIs of the Vipps emulator and the charger simulator, plus the kiosk's own buttons for
runs without a window. Routes (JSON unless noted; connector ``index`` counts from 0 like the
simulator, ``connector_id`` from 1 like the station)::

    GET  /                                      the page (HTML), /world.js, /world.css
    GET  /api/state                             payments, charger status, station snapshot
    POST /api/payments/{reference}/approve      the driver approves in the app
    POST /api/payments/{reference}/decline      the driver declines
    POST /api/connectors/{index}/plug           {"soc_pct": 30} optional
    POST /api/connectors/{index}/unplug
    POST /api/connectors/{index}/battery        {"soc_pct": 80}
    POST /api/connectors/{index}/full           the battery jumps to the car's target
    POST /api/connectors/{index}/fault          {"state": "F"} (EVSE fault) or "E" (short)
    POST /api/connectors/{index}/clear-fault
    POST /api/station/{connector_id}/{command}  select | budget {"amount_ore"} | cancel |
                                                stop | dismiss  (the screen's taps)

Errors: a bad body answers 400, an unknown command or a missing station 404, an action the
control API refuses keeps that API's status (404/409/400) and body, an unreachable control API
502 ``{"error": ...}``. Nothing else escapes a handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kiosk.sandbox.demo.upstream import Upstream, UpstreamError
from kiosk.station.snapshot_json import SnapshotHolder, snapshot_json

Handler = Callable[[Request], Awaitable[Response]]

_STATIC = {
    "/": ("world.html", "text/html; charset=utf-8"),
    "/world.js": ("world.js", "text/javascript; charset=utf-8"),
    "/world.css": ("world.css", "text/css; charset=utf-8"),
}
_PAYMENT_ACTIONS = ("approve", "decline")
_FAULT_STATES = ("E", "F")


class BadRequest(ValueError):
    """The request body does not say what the route needs."""


def _static_text(name: str) -> str:
    return (
        resources.files("kiosk.sandbox.demo").joinpath("static", name).read_text(encoding="utf-8")
    )


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = await request.json()
    except ValueError as exc:
        raise BadRequest("the body is not JSON") from exc
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    return data


def _number(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadRequest(f"{key!r} must be a number")
    return float(value)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _guarded(handler: Handler) -> Handler:
    async def guarded(request: Request) -> Response:
        try:
            return await handler(request)
        except BadRequest as exc:
            return _error(400, str(exc))
        except UpstreamError as exc:
            return _error(502, str(exc))

    return guarded


def build_world_app(upstream: Upstream, holder: SnapshotHolder | None = None) -> Starlette:
    """The world page over ``upstream``; ``holder`` adds the kiosk's buttons and screen state.

    The caller owns ``holder`` (subscribes it to the station and closes it).
    """
    static = {path: _static_text(name) for path, (name, _type) in _STATIC.items()}

    async def page(request: Request) -> Response:
        path = request.url.path
        return Response(static[path], media_type=_STATIC[path][1])

    async def state(_request: Request) -> Response:
        payments = await upstream.payments()
        charger = await upstream.charger_status()
        snapshot = holder.latest if holder is not None else None
        return JSONResponse(
            {
                "vipps_url": upstream.vipps_url,
                "charger_url": upstream.charger_url,
                "payments": list(reversed(payments)),
                "charger": charger,
                "station": snapshot_json(snapshot) if snapshot is not None else None,
            }
        )

    async def payment(request: Request) -> Response:
        action = request.path_params["action"]
        if action not in _PAYMENT_ACTIONS:
            return _error(404, f"unknown payment action {action!r}")
        status, body = await upstream.payment_action(request.path_params["reference"], action)
        return JSONResponse(body, status_code=status)

    async def connector(request: Request) -> Response:
        index = int(request.path_params["index"])
        action = request.path_params["action"]
        data = await _body(request)
        if action == "plug":
            soc = {"soc_pct": _number(data, "soc_pct")} if "soc_pct" in data else {}
            status, body = await upstream.connector_action(index, "plug", soc)
        elif action == "unplug":
            status, body = await upstream.connector_action(index, "unplug")
        elif action == "battery":
            soc_pct = _number(data, "soc_pct")
            status, body = await upstream.connector_action(index, "battery", {"soc_pct": soc_pct})
        elif action == "full":
            status, body = await _make_full(upstream, index)
        elif action == "fault":
            fault = data.get("state", "F")
            if fault not in _FAULT_STATES:
                raise BadRequest("'state' must be 'E' or 'F'")
            status, body = await upstream.connector_action(index, "state", {"state": fault})
        elif action == "clear-fault":
            status, body = await upstream.connector_action(index, "state", {"state": None})
        else:
            return _error(404, f"unknown connector action {action!r}")
        return JSONResponse(body, status_code=status)

    async def station_command(request: Request) -> Response:
        if holder is None:
            return _error(404, "no station is attached to this world page")
        connector_id = int(request.path_params["connector_id"])
        command = request.path_params["command"]
        control = holder.control
        if command == "select":
            control.select_connector(connector_id)
        elif command == "budget":
            amount_ore = _number(await _body(request), "amount_ore")
            if amount_ore != int(amount_ore) or amount_ore <= 0:
                raise BadRequest("'amount_ore' must be a positive whole number of øre")
            control.choose_budget(connector_id, int(amount_ore))
        elif command == "cancel":
            control.cancel(connector_id)
        elif command == "stop":
            control.stop(connector_id)
        elif command == "dismiss":
            control.dismiss(connector_id)
        else:
            return _error(404, f"unknown station command {command!r}")
        return JSONResponse({"accepted": command, "connector_id": connector_id}, status_code=202)

    routes = [
        *(Route(path, page, methods=["GET"]) for path in _STATIC),
        Route("/api/state", _guarded(state), methods=["GET"]),
        Route("/api/payments/{reference}/{action}", _guarded(payment), methods=["POST"]),
        Route("/api/connectors/{index:int}/{action}", _guarded(connector), methods=["POST"]),
        Route(
            "/api/station/{connector_id:int}/{command}",
            _guarded(station_command),
            methods=["POST"],
        ),
    ]
    return Starlette(routes=routes)


async def _make_full(upstream: Upstream, index: int) -> tuple[int, Any]:
    """Set the car's battery to its target state of charge (the car then behaves as full)."""
    status = await upstream.charger_status()
    connectors = status.get("connectors", [])
    if not 0 <= index < len(connectors):
        return 404, {"error": f"no connector {index}"}
    car = connectors[index].get("car")
    if not isinstance(car, dict):
        return 409, {"error": "no car is plugged in"}
    target = float(car.get("target_soc_pct", 100.0))
    return await upstream.connector_action(index, "battery", {"soc_pct": target})
