"""Routes of the emulated Access Token and ePayment APIs (digest §2, §3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kiosk.sandbox.vipps.emulator import Emulator, UnknownPaymentError
from kiosk.sandbox.vipps.gateway import endpoint, idempotency_key, read_json
from kiosk.sandbox.vipps.idempotency import StoredOutcome, body_hash, is_storable
from kiosk.sandbox.vipps.problem import ApiError, Family, FieldError, domain_error, error_response
from kiosk.sandbox.vipps.validation import (
    cancel_transaction_only,
    modification_amount,
    parse_create,
)

Outcome = Callable[[], tuple[int, dict[str, Any]]]


def _limit(request: Request, emulator: Emulator, operation: str, reference: object) -> None:
    key = request.headers.get("ocp-apim-subscription-key", "")
    emulator.rate_limit(operation, str(reference), key)


def _payment_or_404(emulator: Emulator, reference: str) -> None:
    if reference not in emulator.payments:
        raise domain_error(5090, "Reference not found", status=404)


async def _idempotent(
    request: Request, emulator: Emulator, operation: str, body: object, run: Outcome
) -> Response:
    key = idempotency_key(request)
    scope = (emulator.config.msn, f"{request.method} {request.url.path}", key)
    stored = emulator.idempotency.lookup(scope, operation, body_hash(body))
    if stored is not None:
        return Response(stored.body, stored.status, media_type=stored.media_type)
    response: Response
    try:
        status, payload = run()
        response = JSONResponse(payload, status_code=status)
    except ApiError as error:
        response = error_response(error, Family.EPAYMENT, request.url.path)
    if is_storable(response.status_code):
        media = response.media_type or "application/json"
        outcome = StoredOutcome(body_hash(body), response.status_code, bytes(response.body), media)
        emulator.idempotency.store(scope, outcome)
    return response


async def token(request: Request, emulator: Emulator) -> Response:
    headers = {k.lower(): v for k, v in request.headers.items()}
    return JSONResponse(emulator.tokens.issue(headers, emulator.clock.now()))


async def create(request: Request, emulator: Emulator) -> Response:
    body = await read_json(request)
    key = idempotency_key(request)
    base_url = emulator.base_url(str(request.base_url))
    _limit(request, emulator, "create", body.get("reference") if isinstance(body, dict) else "")

    def run() -> tuple[int, dict[str, Any]]:
        if isinstance(body, dict) and body.get("reference") in emulator.payments:
            raise domain_error(4150, "Reference exists", status=409)
        parsed = parse_create(body, emulator.config, emulator.clock.now())
        payment = emulator.create_payment(parsed, key, base_url)
        answer: dict[str, Any] = {"reference": payment.reference}
        if payment.redirect_url is not None:
            answer["redirectUrl"] = payment.redirect_url
        return 201, answer

    return await _idempotent(request, emulator, "create", body, run)


async def get_payment(request: Request, emulator: Emulator) -> Response:
    reference = request.path_params["reference"]
    _limit(request, emulator, "get", reference)
    _payment_or_404(emulator, reference)
    return JSONResponse(emulator.payment(reference).to_json())


async def get_events(request: Request, emulator: Emulator) -> Response:
    reference = request.path_params["reference"]
    _limit(request, emulator, "events", reference)
    _payment_or_404(emulator, reference)
    return JSONResponse([event.to_json() for event in emulator.events(reference)])


async def capture(request: Request, emulator: Emulator) -> Response:
    reference = request.path_params["reference"]
    _limit(request, emulator, "capture", reference)
    body = await read_json(request)
    key = idempotency_key(request)

    def run() -> tuple[int, dict[str, Any]]:
        _payment_or_404(emulator, reference)
        value, currency = modification_amount(body)
        payment, event = emulator.capture(reference, key, value, currency)
        return 200, payment.modification_json(event)

    return await _idempotent(request, emulator, "capture", body, run)


async def cancel(request: Request, emulator: Emulator) -> Response:
    reference = request.path_params["reference"]
    _limit(request, emulator, "cancel", reference)
    body = await read_json(request)
    key = idempotency_key(request)
    normalized = {} if body is None else body

    def run() -> tuple[int, dict[str, Any]]:
        _payment_or_404(emulator, reference)
        only = cancel_transaction_only(body)
        payment, event = emulator.cancel(reference, key, transaction_only=only)
        return 200, payment.modification_json(event)

    return await _idempotent(request, emulator, "cancel", normalized, run)


async def refund(request: Request, emulator: Emulator) -> Response:
    reference = request.path_params["reference"]
    _limit(request, emulator, "refund", reference)
    body = await read_json(request)
    key = idempotency_key(request)

    def run() -> tuple[int, dict[str, Any]]:
        _payment_or_404(emulator, reference)
        value, currency = modification_amount(body)
        payment, event = emulator.refund(reference, key, value, currency)
        return 200, payment.modification_json(event)

    return await _idempotent(request, emulator, "refund", body, run)


async def force_approve(request: Request, emulator: Emulator) -> Response:
    reference = request.path_params["reference"]
    body = await read_json(request)
    if body is not None and not isinstance(body, dict):
        raise FieldError("body", "must be a JSON object")
    try:
        payment = emulator.payment(reference)
    except UnknownPaymentError:
        raise domain_error(5090, "Reference not found", status=404) from None
    token_given = body.get("token") if isinstance(body, dict) else None
    if token_given is not None and token_given != payment.token:
        raise domain_error(10010, "Approve failed", detail="token does not match the payment")
    emulator.approve(reference)
    return Response(status_code=200)


def routes(emulator: Emulator) -> list[Route]:
    def api(handler: Any, *, msn: bool = True) -> Any:
        return endpoint(emulator, Family.EPAYMENT, handler, msn_required=msn)

    base = "/epayment/v1/payments"
    return [
        Route(
            "/accesstoken/get",
            endpoint(emulator, Family.TOKEN, token, bearer=False),
            methods=["POST"],
        ),
        Route(base, api(create), methods=["POST"]),
        Route(base + "/{reference}", api(get_payment), methods=["GET"]),
        Route(base + "/{reference}/events", api(get_events), methods=["GET"]),
        Route(base + "/{reference}/capture", api(capture), methods=["POST"]),
        Route(base + "/{reference}/cancel", api(cancel), methods=["POST"]),
        Route(base + "/{reference}/refund", api(refund), methods=["POST"]),
        Route(
            "/epayment/v1/test/payments/{reference}/approve",
            api(force_approve, msn=False),
            methods=["POST"],
        ),
    ]
