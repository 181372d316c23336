"""Routes of the emulated Webhooks API (``/webhooks/v1/webhooks``, digest §6.1)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kiosk.sandbox.vipps.emulator import Emulator
from kiosk.sandbox.vipps.gateway import endpoint, read_json
from kiosk.sandbox.vipps.problem import ApiError, Family, FieldError


async def register(request: Request, emulator: Emulator) -> Response:
    body = await read_json(request)
    if not isinstance(body, dict):
        raise FieldError("body", "must be a JSON object")
    registration = emulator.webhooks.register(body.get("url"), body.get("events"))
    return JSONResponse({"id": registration.id, "secret": registration.secret}, status_code=201)


async def list_all(_request: Request, emulator: Emulator) -> Response:
    items = [r.to_json() for r in emulator.webhooks.registrations.values()]
    return JSONResponse({"webhooks": items})


async def delete(request: Request, emulator: Emulator) -> Response:
    if not emulator.webhooks.delete(request.path_params["id"]):
        raise ApiError(404, "Not Found", detail="no such webhook")
    return Response(status_code=204)


def routes(emulator: Emulator) -> list[Route]:
    def api(handler: Any) -> Any:
        return endpoint(emulator, Family.WEBHOOKS, handler)

    return [
        Route("/webhooks/v1/webhooks", api(register), methods=["POST"]),
        Route("/webhooks/v1/webhooks", api(list_all), methods=["GET"]),
        Route("/webhooks/v1/webhooks/{id}", api(delete), methods=["DELETE"]),
    ]
