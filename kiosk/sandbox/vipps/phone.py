"""The customer's phone: small HTML pages where a person approves or declines a payment.

The QR target / landing URL (``/phone?token=…`` and ``/landing?token=…``) opens a page with
the merchant, amount, description and two plain HTML forms (no JavaScript). A ``WEB_REDIRECT``
payment's landing page also offers "Pay with card" where the sales unit takes cards
(``EmulatorConfig.card_payments``), and after the decision sends the browser to the payment's
``returnUrl`` (303), as the real landing page does. Push payments
wait at ``/phone/push/{phoneNumber}``. The payment QR image (``/qr-image/v1``) answers 404
once the payment has left CREATED, as the real image URL does after expiry.
"""

from __future__ import annotations

import html
import io
from urllib.parse import parse_qs, quote

import segno
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from kiosk.sandbox.vipps.emulator import Emulator, UnknownPaymentError
from kiosk.sandbox.vipps.payment import Payment, PaymentState
from kiosk.sandbox.vipps.problem import ApiError

_STYLE = (
    "body{font-family:sans-serif;max-width:26em;margin:2em auto;padding:0 1em}"
    "button{font-size:1.2em;padding:.6em 1.4em;margin:.3em}"
    ".approve{background:#ff5b24;color:#fff;border:0}.state{font-weight:bold}"
)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    document = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )
    return HTMLResponse(document, status_code=status)


def _kroner(payment: Payment) -> str:
    return f"{payment.amount_value // 100},{payment.amount_value % 100:02d} {payment.currency}"


def _payment_page(
    payment: Payment, message: str = "", *, card_payments: bool = False
) -> HTMLResponse:
    token = html.escape(payment.token, quote=True)
    parts = [
        "<h1>Vipps MobilePay (emulator)</h1>",
        f"<p>Merchant {html.escape(payment.msn)}</p>",
        f"<p id='amount'>Amount: <b>{_kroner(payment)}</b></p>",
    ]
    if payment.description:
        parts.append(f"<p id='description'>{html.escape(payment.description)}</p>")
    parts.append(f"<p>Reference: {html.escape(payment.reference)}</p>")
    parts.append(f"<p>State: <span class='state' id='state'>{payment.state.value}</span></p>")
    if message:
        parts.append(f"<p id='message'>{html.escape(message)}</p>")
    if payment.state is PaymentState.CREATED and not payment.user_authorizing:
        parts.append(
            "<form method='post' action='/phone/approve'>"
            f"<input type='hidden' name='token' value='{token}'>"
            "<button class='approve' type='submit' id='approve'>Approve</button></form>"
            "<form method='post' action='/phone/decline'>"
            f"<input type='hidden' name='token' value='{token}'>"
            "<button type='submit' id='decline'>Decline</button></form>"
        )
        if card_payments and payment.user_flow == "WEB_REDIRECT":
            parts.append(
                "<form method='post' action='/phone/card'>"
                f"<input type='hidden' name='token' value='{token}'>"
                "<button type='submit' id='card'>Pay with card</button></form>"
            )
    elif payment.user_authorizing:
        parts.append("<p>Authorizing with your bank…</p>")
    return _page(f"Pay {_kroner(payment)}", "".join(parts))


def _not_found() -> HTMLResponse:
    return _page("Not found", "<h1>This payment link is not valid</h1>", status=404)


async def show(request: Request, emulator: Emulator) -> Response:
    try:
        payment = emulator.payment_by_token(request.query_params.get("token", ""))
    except UnknownPaymentError:
        return _not_found()
    return _payment_page(payment, card_payments=emulator.config.card_payments)


async def _form_token(request: Request) -> str:
    fields = parse_qs((await request.body()).decode("utf-8", "replace"))
    return fields.get("token", [""])[0]


async def act(request: Request, emulator: Emulator, approve: bool, card: bool = False) -> Response:
    token = await _form_token(request)
    try:
        payment = emulator.payment_by_token(token)
    except UnknownPaymentError:
        return _not_found()
    if card and not (emulator.config.card_payments and payment.user_flow == "WEB_REDIRECT"):
        return _payment_page(payment, message="Card payments are not offered here")
    try:
        if approve:
            if card and payment.state is PaymentState.CREATED:
                payment.payment_method_type = "CARD"
            emulator.approve(payment.reference)
        else:
            emulator.decline(payment.reference)
    except ApiError as error:
        return _payment_page(payment, message=error.title)
    if payment.user_flow == "WEB_REDIRECT" and payment.return_url is not None:
        return RedirectResponse(payment.return_url, status_code=303)
    return RedirectResponse(f"/phone?token={quote(token)}", status_code=303)


async def push_inbox(request: Request, emulator: Emulator) -> Response:
    phone = request.path_params["phone"]
    items = "".join(
        f"<li><a href='/phone?token={quote(p.token)}'>{_kroner(p)} — "
        f"{html.escape(p.description or p.reference)}</a></li>"
        for p in emulator.pending_push(phone)
    )
    return _page(
        "Push messages", f"<h1>Push messages for {html.escape(phone)}</h1><ul>{items}</ul>"
    )


async def qr_image(request: Request, emulator: Emulator) -> Response:
    try:
        payment = emulator.payment_by_token(request.query_params.get("token", ""))
    except UnknownPaymentError:
        return Response("not found", status_code=404)
    if payment.state is not PaymentState.CREATED:
        return Response("not found", status_code=404)
    target = f"{emulator.base_url(str(request.base_url))}/phone?token={quote(payment.token)}"
    params = request.query_params
    return render_qr(target, params.get("format", "svg"), params.get("size"))


def render_qr(content: str, fmt: str, size_px: str | None = None) -> Response:
    """The QR code of ``content`` as an SVG or a PNG about ``size_px`` wide."""
    qr = segno.make(content, error="m")
    buffer = io.BytesIO()
    if fmt == "png":
        size = int(size_px) if size_px is not None and size_px.isdigit() else 1024
        scale = max(1, max(100, min(2000, size)) // qr.symbol_size()[0])
        qr.save(buffer, kind="png", scale=scale)
        return Response(buffer.getvalue(), media_type="image/png")
    qr.save(buffer, kind="svg", scale=8)
    return Response(buffer.getvalue(), media_type="image/svg+xml")


def routes(emulator: Emulator) -> list[Route]:
    async def show_page(request: Request) -> Response:
        return await show(request, emulator)

    async def approve(request: Request) -> Response:
        return await act(request, emulator, approve=True)

    async def decline(request: Request) -> Response:
        return await act(request, emulator, approve=False)

    async def card(request: Request) -> Response:
        return await act(request, emulator, approve=True, card=True)

    async def inbox(request: Request) -> Response:
        return await push_inbox(request, emulator)

    async def image(request: Request) -> Response:
        return await qr_image(request, emulator)

    return [
        Route("/phone", show_page, methods=["GET"]),
        Route("/landing", show_page, methods=["GET"]),
        Route("/phone/approve", approve, methods=["POST"]),
        Route("/phone/decline", decline, methods=["POST"]),
        Route("/phone/card", card, methods=["POST"]),
        Route("/phone/push/{phone}", inbox, methods=["GET"]),
        Route("/qr-image/v1", image, methods=["GET"]),
    ]
