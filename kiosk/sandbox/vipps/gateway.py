"""What every emulated API call passes first: keys, token, MSN, system headers, body parsing.

``endpoint`` wraps a handler so that gateway checks run first, expiry is swept, and any
``problem.ApiError`` becomes the error body of the API family the path belongs to.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from kiosk.sandbox.vipps.emulator import Emulator, RequestRecord
from kiosk.sandbox.vipps.problem import ApiError, Family, FieldError, error_response
from kiosk.sandbox.vipps.validation import object_pairs

Handler = Callable[[Request, Emulator], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]

SYSTEM_HEADERS = (
    "vipps-system-name",
    "vipps-system-version",
    "vipps-system-plugin-name",
    "vipps-system-plugin-version",
)


async def read_json(request: Request) -> object:
    """The decoded body; ``None`` for an empty body; 400 for anything that is not JSON."""
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return json.loads(raw, object_pairs_hook=object_pairs)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FieldError("body", "is not valid JSON") from exc


def idempotency_key(request: Request) -> str:
    key = request.headers.get("idempotency-key")
    if not key:
        raise FieldError("Idempotency-Key", "header is required")
    if len(key) > 50:
        raise FieldError("Idempotency-Key", "at most 50 characters")
    return key


def check_gateway(
    emulator: Emulator, request: Request, family: Family, *, bearer: bool, msn_required: bool
) -> None:
    headers = request.headers
    now = emulator.clock.now()
    emulator.tokens.check_subscription_key(headers.get("ocp-apim-subscription-key"))
    if bearer:
        emulator.tokens.check_bearer(headers.get("authorization"), now)
    msn = headers.get("merchant-serial-number")
    if msn_required and not msn:
        raise FieldError("Merchant-Serial-Number", "header is required")
    if msn and msn != emulator.config.msn:
        raise ApiError(403, "Forbidden", detail="the token does not belong to this MSN")
    limit = 100 if family is Family.ORDER_MANAGEMENT else 30
    system = {name: headers[name] for name in SYSTEM_HEADERS if name in headers}
    for name, value in system.items():
        if len(value) > limit:
            raise FieldError(name, f"at most {limit} characters")
    emulator.record_request(
        RequestRecord(
            method=request.method,
            path=request.url.path,
            at=now,
            system_headers=system,
            msn=msn,
            idempotency_key=headers.get("idempotency-key"),
        )
    )


def endpoint(
    emulator: Emulator,
    family: Family,
    handler: Handler,
    *,
    bearer: bool = True,
    msn_required: bool = False,
) -> Endpoint:
    async def run(request: Request) -> Response:
        try:
            check_gateway(emulator, request, family, bearer=bearer, msn_required=msn_required)
            emulator.sweep()
            return await handler(request, emulator)
        except ApiError as error:
            return error_response(error, family, request.url.path)

    return run
