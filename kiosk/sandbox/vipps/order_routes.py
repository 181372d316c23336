"""Routes of the emulated Order Management API (``/order-management/…``, digest §4)."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kiosk.sandbox.vipps.emulator import Emulator
from kiosk.sandbox.vipps.gateway import endpoint, read_json
from kiosk.sandbox.vipps.problem import ApiError, Family, FieldError
from kiosk.sandbox.vipps.receipts import order_id, payment_type


def _json_string(value: str, status: int = 200) -> Response:
    return Response(json.dumps(value), status_code=status, media_type="application/json")


async def post_receipt(request: Request, emulator: Emulator) -> Response:
    kind = payment_type(request.path_params["payment_type"])
    oid = order_id(request.path_params["order_id"])
    body = await read_json(request)
    payment = emulator.payments.get(oid)
    receipt_id = emulator.order_management.add_receipt(
        kind,
        oid,
        body,
        captured_value=payment.captured_value if payment is not None else None,
        strict_sums=emulator.config.receipt_sums_strict,
    )
    return _json_string(receipt_id, 201)


async def put_category(request: Request, emulator: Emulator) -> Response:
    kind = payment_type(request.path_params["payment_type"])
    oid = order_id(request.path_params["order_id"])
    body = await read_json(request)
    return _json_string(emulator.order_management.put_category(kind, oid, body))


async def get_order(request: Request, emulator: Emulator) -> Response:
    kind = payment_type(request.path_params["payment_type"])
    oid = order_id(request.path_params["order_id"])
    return JSONResponse(emulator.order_management.get(kind, oid))


async def post_image(request: Request, emulator: Emulator) -> Response:
    image_id = emulator.order_management.add_image(await read_json(request))
    return JSONResponse({"imageId": image_id})


async def post_category_v3(request: Request, emulator: Emulator) -> Response:
    category_id = emulator.order_management.add_category_v3(await read_json(request))
    return JSONResponse({"categoryId": category_id}, status_code=201)


async def list_categories_v3(request: Request, emulator: Emulator) -> Response:
    wanted = request.query_params.get("orderId")
    if not wanted:
        raise FieldError("orderId", "query parameter is required")
    items = [c for c in emulator.order_management.categories_v3.values() if c["orderId"] == wanted]
    return JSONResponse({"categories": items})


async def one_category_v3(request: Request, emulator: Emulator) -> Response:
    store = emulator.order_management.categories_v3
    category_id = request.path_params["category_id"]
    if category_id not in store:
        raise ApiError(404, "Not Found", detail="no such category")
    if request.method == "DELETE":
        del store[category_id]
        return Response(status_code=200)
    return JSONResponse(store[category_id])


def routes(emulator: Emulator) -> list[Route]:
    def api(handler: Any) -> Any:
        return endpoint(emulator, Family.ORDER_MANAGEMENT, handler)

    v2 = "/order-management/v2/{payment_type}"
    v3 = "/order-management/v3/categories"
    return [
        Route(v2 + "/receipts/{order_id}", api(post_receipt), methods=["POST"]),
        Route(v2 + "/categories/{order_id}", api(put_category), methods=["PUT"]),
        Route(v2 + "/{order_id}", api(get_order), methods=["GET"]),
        Route("/order-management/v1/images", api(post_image), methods=["POST"]),
        Route(v3, api(post_category_v3), methods=["POST"]),
        Route(v3, api(list_categories_v3), methods=["GET"]),
        Route(v3 + "/{category_id}", api(one_category_v3), methods=["GET", "DELETE"]),
    ]
