"""HTTP control endpoints of the emulator (``/_emulator/…``), for the demo and other processes.

They mirror the Python control API: act as the customer (approve, decline/abort, expire now,
mid-authorization), inspect payments, and switch faults at runtime. No credentials: the
emulator only ever listens on loopback.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kiosk.sandbox.vipps.emulator import Emulator, UnknownPaymentError
from kiosk.sandbox.vipps.faults import Fault
from kiosk.sandbox.vipps.gateway import read_json
from kiosk.sandbox.vipps.payment import Payment
from kiosk.sandbox.vipps.problem import ApiError


def _describe(payment: Payment, base_url: str) -> dict[str, Any]:
    body = payment.to_json()
    body["userFlow"] = payment.user_flow
    body["phoneUrl"] = f"{base_url}/phone?token={payment.token}"
    body["userAuthorizing"] = payment.user_authorizing
    body["failureReason"] = payment.failure_reason
    return body


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def routes(emulator: Emulator) -> list[Route]:
    def base(request: Request) -> str:
        return emulator.base_url(str(request.base_url))

    async def list_payments(request: Request) -> Response:
        emulator.sweep()
        return JSONResponse([_describe(p, base(request)) for p in emulator.payments.values()])

    async def customer_action(request: Request) -> Response:
        reference = request.path_params["reference"]
        action = request.path_params["action"]
        body = await read_json(request)
        try:
            if action == "approve":
                payment = emulator.approve(reference)
            elif action in ("decline", "abort"):
                payment = emulator.decline(reference)
            elif action == "expire":
                payment = emulator.expire_now(reference)
            elif action == "authorizing":
                on = not (isinstance(body, dict) and body.get("authorizing") is False)
                payment = emulator.set_user_authorizing(reference, on)
            else:
                return _error(404, f"unknown action {action}")
        except UnknownPaymentError:
            return _error(404, f"unknown payment {reference}")
        except (ApiError, ValueError) as exc:
            return _error(409, str(exc))
        return JSONResponse(_describe(payment, base(request)))

    async def list_faults(_request: Request) -> Response:
        return JSONResponse([f.to_json() for f in emulator.faults.active])

    async def add_fault(request: Request) -> Response:
        body = await read_json(request)
        if not isinstance(body, dict):
            return _error(400, "body must be a JSON object")
        allowed = set(Fault.__dataclass_fields__) - {"hits", "id"}
        unknown = set(body) - allowed
        if unknown:
            return _error(400, f"unknown fields {sorted(unknown)}")
        try:
            fault = emulator.faults.add(Fault(**body))
        except (TypeError, ValueError) as exc:
            return _error(400, str(exc))
        return JSONResponse(fault.to_json(), status_code=201)

    async def clear_faults(_request: Request) -> Response:
        emulator.faults.clear()
        return Response(status_code=204)

    async def remove_fault(request: Request) -> Response:
        removed = emulator.faults.remove(int(request.path_params["fault_id"]))
        return Response(status_code=204 if removed else 404)

    async def release_hung(_request: Request) -> Response:
        emulator.faults.release_hung()
        return Response(status_code=204)

    return [
        Route("/_emulator/payments", list_payments, methods=["GET"]),
        Route("/_emulator/payments/{reference}/{action}", customer_action, methods=["POST"]),
        Route("/_emulator/faults", list_faults, methods=["GET"]),
        Route("/_emulator/faults", add_fault, methods=["POST"]),
        Route("/_emulator/faults", clear_faults, methods=["DELETE"]),
        Route("/_emulator/faults/release", release_hung, methods=["POST"]),
        Route("/_emulator/faults/{fault_id:int}", remove_fault, methods=["DELETE"]),
    ]
