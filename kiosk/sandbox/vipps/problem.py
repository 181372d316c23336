"""Errors the emulator answers with, and the body shape each Vipps API family uses.

``ApiError`` is raised by the emulator's model and handlers and rendered at the route:

* ePayment: RFC 7807 ``application/problem+json`` with ``traceId``; domain errors carry
  ``extraDetails: [{"name": "ErrorCode", "reason": "6080"}]``, malformed fields carry
  ``extraDetails`` naming the field and no ErrorCode.
* Order Management and QR: ``{type, title, detail, instance, invalidParams}``.
* Webhooks: ASP.NET ``ProblemDetails`` (as ePayment, without an ErrorCode).
* Gateway (subscription key, token): ``{"statusCode", "message"}`` like Azure APIM.

Exceptions::

    ApiError                 an HTTP error answer (status, title, optional ErrorCode)
     +-- FieldError          400, a malformed or missing field (no ErrorCode)
     +-- GatewayError        401/403 from the gateway in front of every API
"""

from __future__ import annotations

import secrets
from enum import StrEnum
from typing import Any

from starlette.responses import JSONResponse


class Family(StrEnum):
    EPAYMENT = "epayment"
    ORDER_MANAGEMENT = "order-management"
    QR = "qr"
    WEBHOOKS = "webhooks"
    TOKEN = "token"  # noqa: S105 - the access-token API, not a secret


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        title: str,
        *,
        code: int | None = None,
        detail: str | None = None,
        fields: tuple[tuple[str, str], ...] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {title}" + (f" ({code})" if code is not None else ""))
        self.status = status
        self.title = title
        self.code = code
        self.detail = detail
        self.fields = fields
        self.headers = headers or {}


class FieldError(ApiError):
    def __init__(self, name: str, reason: str) -> None:
        super().__init__(400, "Bad Request", detail=f"{name}: {reason}", fields=((name, reason),))


class GatewayError(ApiError):
    pass


def domain_error(
    code: int, title: str, *, status: int = 400, detail: str | None = None
) -> ApiError:
    return ApiError(status, title, code=code, detail=detail)


def trace_id() -> str:
    return f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"


def error_body(error: ApiError, family: Family, instance: str) -> dict[str, Any]:
    if isinstance(error, GatewayError) or family is Family.TOKEN:
        return {"statusCode": error.status, "message": error.detail or error.title}
    if family in (Family.ORDER_MANAGEMENT, Family.QR):
        body: dict[str, Any] = {
            "type": f"https://httpstatuses.io/{error.status}",
            "title": error.title,
            "detail": error.detail or error.title,
            "instance": instance,
        }
        if error.fields:
            body["invalidParams"] = [{"name": n, "reason": r} for n, r in error.fields]
        return body
    extra = [{"name": n, "reason": r} for n, r in error.fields]
    if error.code is not None:
        extra.append({"name": "ErrorCode", "reason": str(error.code)})
    body = {
        "type": f"https://httpstatuses.io/{error.status}",
        "title": error.title,
        "status": error.status,
        "instance": instance,
        "traceId": trace_id(),
    }
    if error.detail is not None:
        body["detail"] = error.detail
    if extra:
        body["extraDetails"] = extra
    return body


def error_response(error: ApiError, family: Family, instance: str) -> JSONResponse:
    problem = family in (Family.EPAYMENT, Family.WEBHOOKS) and not isinstance(error, GatewayError)
    media_type = "application/problem+json" if problem else "application/json"
    return JSONResponse(
        error_body(error, family, instance),
        status_code=error.status,
        headers=error.headers,
        media_type=media_type,
    )
