"""The emulated QR API: merchant-redirect QR codes (``/qr/v1/merchant-redirect``, digest §5).

A static, printable QR whose target can change without reprinting. The ``Accept`` header picks
what ``url`` is: ``image/*`` or ``image/svg+xml`` a link to an SVG, ``image/png`` a link to a
PNG (``Size`` 100–2000), ``text/targetUrl`` the QR content itself. Here the content is
``{base}/qr/r/{id}`` on the emulator, which redirects to the current ``redirectUrl``, and the
images are served by the emulator (``/qr-image/merchant/{id}``). Errors: 400 (bad body),
404 (unknown id), 409 (duplicate id, body ``{"id": …}``), 415 (unsupported ``Accept``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from kiosk.sandbox.vipps.emulator import Emulator
from kiosk.sandbox.vipps.gateway import endpoint, read_json
from kiosk.sandbox.vipps.merchant_qr import ID_RE, REDIRECT_RE, MerchantQr
from kiosk.sandbox.vipps.phone import render_qr
from kiosk.sandbox.vipps.problem import ApiError, Family, FieldError
from kiosk.sandbox.vipps.validation import loopback_http


def _kind(accept: str | None, *, reading: bool = False) -> str:
    value = (accept or "").split(";")[0].strip().lower()
    if reading and value in ("", "*/*", "application/json"):
        return "svg"
    if value in ("image/*", "image/svg+xml"):
        return "svg"
    if value == "image/png":
        return "png"
    if value == "text/targeturl":
        return "target"
    raise ApiError(415, "Unsupported Media Type", detail=f"Accept {accept!r} is not supported")


def _size(raw: str | None) -> int:
    if raw is None:
        return 1024
    if not raw.isdigit() or not 100 <= int(raw) <= 2000:
        raise FieldError("Size", "must be 100-2000")
    return int(raw)


def _redirect_url(body: dict[str, Any], emulator: Emulator) -> str:
    url = body.get("redirectUrl")
    if isinstance(url, str) and loopback_http(url, emulator.config):
        return url
    if not isinstance(url, str) or not REDIRECT_RE.match(url):
        raise FieldError("redirectUrl", "must be an https URL")
    return url


def routes(emulator: Emulator) -> list[Route]:
    store = emulator.merchant_qr

    def describe(qr: MerchantQr, request: Request) -> dict[str, Any]:
        kind = _kind(request.headers.get("accept"), reading=request.method in ("GET", "DELETE"))
        size = _size(request.headers.get("size"))
        base = emulator.base_url(str(request.base_url))
        quoted = quote(qr.id, safe="")
        if kind == "target":
            url = f"{base}/qr/r/{quoted}"
        elif kind == "png":
            url = f"{base}/qr-image/merchant/{quoted}?format=png&size={size}"
        else:
            url = f"{base}/qr-image/merchant/{quoted}?format=svg"
        now = emulator.clock.now()
        left = -1 if qr.expires_at is None else int((qr.expires_at - now).total_seconds())
        return {"id": qr.id, "url": url, "redirectUrl": qr.redirect_url, "expiresIn": left}

    def find(request: Request) -> MerchantQr:
        qr = store.live(emulator.clock.now()).get(request.path_params["id"])
        if qr is None:
            raise ApiError(404, "Not Found", detail="no merchant redirect QR with that id")
        return qr

    async def create(request: Request, _emulator: Emulator) -> Response:
        _kind(request.headers.get("accept"))
        body = await read_json(request)
        if not isinstance(body, dict):
            raise FieldError("body", "must be a JSON object")
        qr_id = body.get("id")
        if not isinstance(qr_id, str) or not 1 <= len(qr_id) <= 128 or not ID_RE.match(qr_id):
            raise FieldError("id", "1-128 characters of letters, digits, space and -_+%")
        url = _redirect_url(body, emulator)
        ttl = body.get("ttl")
        if ttl is not None and (not isinstance(ttl, int) or ttl < 300):
            raise FieldError("ttl", "must be an integer >= 300 seconds")
        now = emulator.clock.now()
        if qr_id in store.live(now):
            return JSONResponse({"id": qr_id}, status_code=409)
        expires = now + timedelta(seconds=ttl) if ttl is not None else None
        store.codes[qr_id] = MerchantQr(qr_id, url, expires)
        return JSONResponse(describe(store.codes[qr_id], request))

    async def list_all(request: Request, _emulator: Emulator) -> Response:
        codes = store.live(emulator.clock.now()).values()
        return JSONResponse([describe(qr, request) for qr in codes])

    async def get_one(request: Request, _emulator: Emulator) -> Response:
        return JSONResponse(describe(find(request), request))

    async def update(request: Request, _emulator: Emulator) -> Response:
        _kind(request.headers.get("accept"))
        qr = find(request)
        body = await read_json(request)
        if not isinstance(body, dict):
            raise FieldError("body", "must be a JSON object")
        qr.redirect_url = _redirect_url(body, emulator)
        return JSONResponse(describe(qr, request))

    async def delete(request: Request, _emulator: Emulator) -> Response:
        del store.codes[find(request).id]
        return Response(status_code=200)

    async def scan(request: Request) -> Response:
        qr = store.live(emulator.clock.now()).get(request.path_params["id"])
        if qr is None:
            return Response("not found", status_code=404)
        return RedirectResponse(qr.redirect_url, status_code=302)

    async def image(request: Request) -> Response:
        qr_id = request.path_params["id"]
        if qr_id not in store.live(emulator.clock.now()):
            return Response("not found", status_code=404)
        target = f"{emulator.base_url(str(request.base_url))}/qr/r/{quote(qr_id, safe='')}"
        params = request.query_params
        return render_qr(target, params.get("format", "svg"), params.get("size"))

    def api(handler: Any) -> Any:
        return endpoint(emulator, Family.QR, handler)

    base = "/qr/v1/merchant-redirect"
    return [
        Route(base, api(create), methods=["POST"]),
        Route(base, api(list_all), methods=["GET"]),
        Route(base + "/{id}", api(get_one), methods=["GET"]),
        Route(base + "/{id}", api(update), methods=["PUT"]),
        Route(base + "/{id}", api(delete), methods=["DELETE"]),
        Route("/qr/r/{id}", scan, methods=["GET"]),
        Route("/qr-image/merchant/{id}", image, methods=["GET"]),
    ]
