"""The driver's phone pages: a Starlette app over the station, and its server.

``PhoneSite(station, settings)`` serves (PRODUCT.md §2b, ADR 0015):

* ``GET /`` the connectors, ``GET /c/<n>`` one connector (state, price, budget, terms, Pay),
  ``POST /c/<n>/pay`` starts a ``WEB_REDIRECT`` payment through
  ``Station.start_from_phone`` and sends the browser to the session page;
* ``GET /s/<token>`` the session (waiting, plug in, charging, receipt), ``/s/<token>/live``
  its live figures as JSON, ``/s/<token>/events`` the same as server-sent events, and
  ``POST /s/<token>/stop`` (a confirm page first, then ``Station.stop_from_phone``);
* ``GET /terms`` the terms of sale; ``/static/phone.css`` and ``/static/phone.js``.

Every answer carries a strict Content-Security-Policy (only this origin, no inline code) and
no cookie. Every POST passes ``kiosk.web.guard`` (same origin, form token, per-address rate).
A token that is not ours, or whose session the station no longer knows, is a plain 404 page
in the driver's language. Tokens are logged only shortened.

``PhoneSite.start()`` serves the app with uvicorn (``kiosk.web.server``) on the listen
address; ``public_base_url`` None means "the bound loopback address" (the demo and tests).
Errors: ``start`` raises ``ServerStartError``; requests never raise (a bad one gets 4xx).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.core.number_format import NumberFormat
from kiosk.core.state import SessionState
from kiosk.station.clock import WallClock
from kiosk.station.connector_display import connector_view
from kiosk.station.snapshot import (
    PhoneStart,
    PhoneStartResult,
    Screen,
    SnapshotCallback,
    StationSnapshot,
)
from kiosk.station.snapshot_json import snapshot_json
from kiosk.web import pages
from kiosk.web.catalog import Catalog, choose_language
from kiosk.web.guard import FormGuard, RateLimit, origin_of
from kiosk.web.server import RunningServer, start_server
from kiosk.web.session_links import SessionLinks, SessionTokens, short

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
MAX_STREAMS = 400
"""Live feeds open at once; beyond that a page falls back to polling (the feed answers 503)."""
STREAM_LIFETIME_S = 300.0
"""A live feed ends after this; the browser's EventSource reconnects by itself."""
KEEPALIVE_S = 15.0
MIN_EVENT_GAP_S = 0.2
WAKE_BATCH = 20
"""Phones written to per loop turn when their session's figures change."""
SEND_TIMEOUT_S = 2.0
"""A batch of phones that has not taken an event by then drops the phone it waits for."""
KEEPALIVE = b": keepalive\n\n"
SSE_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-store"),
    (b"x-accel-buffering", b"no"),
]


class PhoneStation(Protocol):
    """What the phone pages need of the station (``kiosk.station.station.Station`` has it)."""

    clock: WallClock

    @property
    def snapshot(self) -> StationSnapshot: ...

    def subscribe(self, callback: SnapshotCallback) -> Callable[[], None]: ...

    def start_from_phone(
        self, connector_id: int, amount_ore: int, return_url: Callable[[str], str]
    ) -> PhoneStart: ...

    def stop_from_phone(self, session_id: str) -> bool: ...

    def find_session(self, session_id: str) -> tuple[int | None, SessionState] | None: ...


Archive = Callable[[str], Awaitable[SessionState | None]]
"""Looks a finished session up in the store (after a restart the station no longer has it)."""


@dataclass(frozen=True, slots=True)
class PhoneSiteSettings:
    key: bytes
    public_base_url: str | None = None
    listen_host: str = "127.0.0.1"
    listen_port: int = 0
    terms: Mapping[str, str] = field(default_factory=dict)
    """Terms of sale per language (the text of the configured files)."""
    pay_limit: tuple[int, float] = (6, 60.0)
    """At most this many Pay POSTs per address per this many seconds."""
    stop_limit: tuple[int, float] = (12, 60.0)
    forwarded_for: bool = False
    """Take the client address from ``X-Forwarded-For`` (only behind a trusted proxy)."""


_LOOPBACK_PEERS = frozenset({"127.0.0.1", "::1"})
_FORWARD_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host")


class _Headers:
    """Adds the security headers (and ``no-store`` outside ``/static/``) to every answer.

    A plain ASGI middleware: Starlette's ``BaseHTTPMiddleware`` runs the app in a task of its
    own and passes the answer through a stream, a loop turn or two before a Stop reached the
    station (and more work per SSE event for every phone following)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cache = not str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if cache and "cache-control" not in headers:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _Phone:
    """One phone's live feed: its connection's ASGI ``send`` (the session's feed writes to it)
    and ``done``, set when the feed ends, the phone goes away or is dropped."""

    __slots__ = ("done", "dropped", "send")

    def __init__(self, send: Send) -> None:
        self.send = send
        self.done = asyncio.Event()
        self.dropped = False

    def drop(self) -> None:
        self.dropped = True
        self.done.set()


class _Feed:
    """The live figures of one session in one language, shared by every phone following it:
    ``data`` the last event (encoded once for all its phones), ``phones`` who follow it.

    ``publish`` writes the event to the phones itself, ``WAKE_BATCH`` at a time, letting the
    loop run whatever else is due in between (on the kiosk this is the screen's own loop): one
    task per session, not a task woken per phone and event. A write waits only for a phone
    whose connection has 64 KiB unread (uvicorn's flow control); one that does not take its
    batch within ``SEND_TIMEOUT_S`` is dropped (its page reconnects or polls), so it cannot hold
    up the others."""

    def __init__(self, key: tuple[str, str]) -> None:
        self.key = key
        self.data: bytes | None = None
        self.ended = False
        self.followers = 0
        self.pump: asyncio.Task[None] | None = None
        self.phones: list[_Phone] = []

    async def publish(self, data: bytes | None) -> None:
        """A new event (``None``: a keepalive) to every phone following, in batches."""
        if data is not None:
            self.data = data
        body = data if data is not None else KEEPALIVE
        phones = [phone for phone in self.phones if not phone.done.is_set()]
        for start in range(0, len(phones), WAKE_BATCH):
            if start:
                await asyncio.sleep(0)
            await _write_all(phones[start : start + WAKE_BATCH], body)

    def end(self) -> None:
        self.ended = True
        for phone in self.phones:
            phone.done.set()


async def _write_all(phones: list[_Phone], body: bytes) -> None:
    """``body`` to each of ``phones`` in turn; one that has not taken it when the batch's
    ``SEND_TIMEOUT_S`` is up, or whose connection fails, is dropped."""
    left = iter(phones)
    while True:
        current: _Phone | None = None
        try:
            async with asyncio.timeout(SEND_TIMEOUT_S):
                for current in left:
                    if not current.done.is_set():
                        await current.send(
                            {"type": "http.response.body", "body": body, "more_body": True}
                        )
            return
        except TimeoutError:
            if current is not None:
                log.info("live feed: a phone did not take its event in time; dropped")
                current.drop()
        except Exception:  # a broken connection ends that phone's feed only
            if current is not None:
                current.drop()


class _LiveFeed(Response):
    """The answer of ``/s/<token>/events``: the SSE headers and the feed's last event, then the
    phone joins its session's ``_Feed``, which writes what follows; the request's own task only
    waits for the end (feed ended, phone gone or dropped, ``STREAM_LIFETIME_S``)."""

    def __init__(self, site: PhoneSite, token: str, ctx: pages.PageContext) -> None:
        self.status_code = 200
        self.background = None
        self.body = b""
        self._site = site
        self._token = token
        self._ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        site = self._site
        await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS})
        feed = site._join(self._token, self._ctx)
        phone = _Phone(send)
        site.streams += 1
        listener = asyncio.ensure_future(_until_disconnect(receive, phone))
        try:
            feed.phones.append(phone)
            first = b"retry: 1000\n\n" + (feed.data or b"")
            await send({"type": "http.response.body", "body": first, "more_body": True})
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(STREAM_LIFETIME_S):
                    await phone.done.wait()
            if not phone.dropped:
                phone.done.set()
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            listener.cancel()
            phone.done.set()
            with contextlib.suppress(ValueError):
                feed.phones.remove(phone)
            site.streams -= 1
            site._leave(feed)


async def _until_disconnect(receive: Receive, phone: _Phone) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
    phone.drop()


class PhoneSite:
    def __init__(
        self,
        station: PhoneStation,
        settings: PhoneSiteSettings,
        *,
        archive: Archive | None = None,
    ) -> None:
        self.station = station
        self.settings = settings
        self.tokens = SessionTokens(settings.key)
        self.links = SessionLinks(settings.public_base_url or "http://127.0.0.1", self.tokens)
        self.guard = FormGuard(settings.key, lambda: origin_of(self.links.base_url))
        self.pay_rate = RateLimit(*settings.pay_limit)
        self.stop_rate = RateLimit(*settings.stop_limit)
        self._archive = archive
        self.on_started: Callable[[], None] | None = None
        """Called once the pages listen and ``links`` have their final base URL."""
        self._server: RunningServer | None = None
        self._closing = asyncio.Event()
        self.streams = 0
        self._live_cache: dict[tuple[str, str], tuple[StationSnapshot, dict[str, str]]] = {}
        self._feeds: dict[tuple[str, str], _Feed] = {}
        """The live feed of each (session token, language) someone follows."""
        self.app = Starlette(
            routes=[
                Route("/", self.index, methods=["GET"]),
                Route("/c/{connector:int}", self.connector, methods=["GET"]),
                Route("/c/{connector:int}/pay", self.pay, methods=["POST"]),
                Route("/s/{token}", self.session, methods=["GET"]),
                Route("/s/{token}/live", self.live, methods=["GET"]),
                Route("/s/{token}/events", self.events, methods=["GET"]),
                Route("/s/{token}/stop", self.stop, methods=["POST"]),
                Route("/terms", self.terms, methods=["GET"]),
                Route("/state.json", self.state_json, methods=["GET"]),
                Route("/static/{name}", self.static, methods=["GET"]),
            ],
            middleware=[Middleware(_Headers)],
            exception_handlers={HTTPException: self._http_error},
        )

    # --- lifecycle -----------------------------------------------------------------------

    @property
    def port(self) -> int | None:
        return self._server.port if self._server is not None else None

    async def start(self) -> None:
        if self._server is not None:
            return
        s = self.settings
        self._server = await start_server(self.app, s.listen_host, s.listen_port)
        if s.public_base_url is None:
            self.links.base_url = self._server.base_url
        log.info("phone pages at %s (listening on %s)", self.links.base_url, self._server.base_url)
        if self.on_started is not None:
            self.on_started()

    async def aclose(self) -> None:
        self._closing.set()
        pumps = [feed.pump for feed in self._feeds.values() if feed.pump is not None]
        for feed in list(self._feeds.values()):
            feed.end()
        for pump in pumps:
            pump.cancel()
        await asyncio.gather(*pumps, return_exceptions=True)
        server, self._server = self._server, None
        if server is not None:
            await server.stop()

    # --- helpers ---------------------------------------------------------------------------

    def _context(self, request: Request, path: str, lang: str | None = None) -> pages.PageContext:
        snapshot = self.station.snapshot
        language = choose_language(
            lang or request.query_params.get("lang"),
            request.headers.get("accept-language"),
            snapshot.languages,
            snapshot.default_language,
        )
        currency = snapshot.tariff.currency
        return pages.PageContext(
            words=Catalog(language),
            numbers=NumberFormat(language, currency),
            station_name=snapshot.station_name,
            languages=snapshot.languages,
            path=path,
            currency=currency,
        )

    def _address(self, request: Request) -> str:
        if self.settings.forwarded_for:
            forwarded = request.headers.get("x-forwarded-for")
            if forwarded:
                return forwarded.split(",")[0].strip()
        return request.client.host if request.client is not None else "unknown"

    def _not_found(self, ctx: pages.PageContext) -> HTMLResponse:
        title = ctx.t("Page not found")
        body = pages.message_page(ctx, title, ctx.t("This link is not valid or has expired."))
        return HTMLResponse(body, status_code=404)

    async def _http_error(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        ctx = self._context(request, request.url.path)
        if status == 404:
            return self._not_found(ctx)
        return HTMLResponse(
            pages.message_page(ctx, str(status), ctx.t("Something went wrong")), status_code=status
        )

    async def _form(self, request: Request) -> dict[str, str]:
        body = await request.body()
        if len(body) > 4096:
            return {}
        fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=20)
        return {name: values[0] for name, values in fields.items() if values}

    async def _find(self, token: str) -> pages.SessionView | None:
        session_id = self.tokens.session_of(token)
        if session_id is None:
            return None
        found = self.station.find_session(session_id)
        state: SessionState | None
        if found is not None:
            state = found[1]
        elif self._archive is not None:
            try:
                state = await self._archive(session_id)
            except Exception:
                log.exception("session page %s: the store could not be read", short(token))
                state = None
        else:
            state = None
        if state is None or state.session_id != session_id:
            return None
        number = int(state.connector_id) if state.connector_id.isdigit() else 0
        connector = self.station.snapshot.connector(number)
        name = connector.name if connector is not None else state.connector_id
        view = connector_view(
            state,
            connector_id=number,
            name=name,
            now_ms=self.station.clock.now_ms(),
            out_of_order=False,
        )
        live = found is not None and found[0] == number
        if live and connector is not None and connector.shared_power_w is not None:
            # site power limits this car now: the page says so as the screen does
            view = replace(view, why=connector.why, shared_power_w=connector.shared_power_w)
        return pages.SessionView(token, state, view, name)

    # --- pages ---------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        ctx = self._context(request, "/")
        snapshot = self.station.snapshot
        items = "".join(
            f'<li><a href="{pages.esc(ctx.href(f"/c/{c.connector_id}"))}">{pages.esc(c.name)}'
            f"</a> – {pages.esc(ctx.t(pages.state_word(c)))}</li>"
            for c in snapshot.connectors
        )
        body = f'<h1>{pages.esc(ctx.t("Charge here"))}</h1><ul class="others">{items}</ul>'
        body += pages.price_list(ctx, snapshot)
        return HTMLResponse(pages.document(ctx, ctx.t("Charge here"), body))

    async def connector(self, request: Request) -> Response:
        number = request.path_params["connector"]
        return self._connector_page(request, number)

    def _connector_page(
        self,
        request: Request,
        number: int,
        *,
        lang: str | None = None,
        error: str | None = None,
        status: int = 200,
    ) -> Response:
        ctx = self._context(request, f"/c/{number}", lang)
        snapshot = self.station.snapshot
        connector = snapshot.connector(number)
        if connector is None:
            return self._not_found(ctx)
        csrf = self.guard.token(f"/c/{number}/pay")
        body = pages.connector_page(ctx, snapshot, connector, csrf=csrf, error=error)
        return HTMLResponse(body, status_code=status)

    async def pay(self, request: Request) -> Response:
        number = request.path_params["connector"]
        form = await self._form(request)
        lang = form.get("lang")
        ctx = self._context(request, f"/c/{number}", lang)
        if self.station.snapshot.connector(number) is None:
            return self._not_found(ctx)
        if not self.pay_rate.allow(self._address(request)):
            error = ctx.t("Too many attempts. Please wait a minute and try again.")
            return self._connector_page(request, number, lang=lang, error=error, status=429)
        if not self.guard.check(request.url.path, request.headers, form.get("csrf", "")):
            error = ctx.t("This page is out of date. Please try again.")
            return self._connector_page(request, number, lang=lang, error=error, status=403)
        if form.get("accept") != "yes":
            error = ctx.t("Please accept the terms of sale first.")
            return self._connector_page(request, number, lang=lang, error=error, status=422)
        amount_ore = _amount_ore(form)
        if amount_ore is None:
            error = ctx.t("Please choose an amount.")
            return self._connector_page(request, number, lang=lang, error=error, status=422)
        started = self.station.start_from_phone(number, amount_ore, self.links.session_url)
        if started.result is PhoneStartResult.STARTED and started.session_id is not None:
            token = self.tokens.token(started.session_id)
            log.info("connector %s: phone payment, session page %s", number, short(token))
            return RedirectResponse(f"/s/{token}?lang={ctx.lang}&go=1", status_code=303)
        error, status = self._refusal(ctx, started.result)
        return self._connector_page(request, number, lang=lang, error=error, status=status)

    def _refusal(self, ctx: pages.PageContext, result: PhoneStartResult) -> tuple[str, int]:
        budget = self.station.snapshot.budget
        if result is PhoneStartResult.BAD_AMOUNT:
            low = ctx.numbers.money(budget.custom_min_ore, drop_zero_ore=True)
            high = ctx.numbers.money(budget.custom_max_ore, drop_zero_ore=True)
            text = ctx.t("That amount is not possible. Choose between %1.", f"{low} – {high}")
            return text, 422
        if result is PhoneStartResult.BUSY:
            return ctx.t("Someone else started on this connector just now."), 409
        if result is PhoneStartResult.OUT_OF_ORDER:
            return ctx.t(pages.OUT_OF_ORDER_TEXT), 409
        if result is PhoneStartResult.PAYMENT_UNAVAILABLE:
            return ctx.t("Payment is unavailable"), 503
        return ctx.t("Page not found"), 404

    async def session(self, request: Request) -> Response:
        token = request.path_params["token"]
        ctx = self._context(request, f"/s/{token}")
        found = await self._find(token)
        if found is None:
            return self._not_found(ctx)
        csrf = self.guard.token(f"/s/{token}/stop")
        go = request.query_params.get("go") == "1"
        return HTMLResponse(pages.session_page(ctx, found, csrf=csrf, go=go))

    async def state_json(self, request: Request) -> Response:
        """The snapshot the screens show, as JSON, for tools on this machine only (issue 20.11).

        Refused (404, as if absent) to any peer that is not loopback and to any request a
        proxy forwarded (a reverse proxy on this machine connects from loopback too)."""
        peer = request.client.host if request.client is not None else ""
        forwarded = any(name in request.headers for name in _FORWARD_HEADERS)
        if peer not in _LOOPBACK_PEERS or forwarded:
            return JSONResponse({"error": "not found"}, status_code=404)
        return JSONResponse(snapshot_json(self.station.snapshot))

    async def live(self, request: Request) -> Response:
        token = request.path_params["token"]
        ctx = self._context(request, f"/s/{token}")
        found = await self._find(token)
        if found is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        return JSONResponse(pages.live_values(ctx, found.view, found.state))

    async def events(self, request: Request) -> Response:
        token = request.path_params["token"]
        ctx = self._context(request, f"/s/{token}")
        if await self._find(token) is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        if self.streams >= MAX_STREAMS:
            return Response("busy: poll instead", status_code=503, media_type="text/plain")
        return _LiveFeed(self, token, ctx)

    def _join(self, token: str, ctx: pages.PageContext) -> _Feed:
        key = (token, ctx.lang)
        feed = self._feeds.get(key)
        if feed is None or feed.ended:
            feed = _Feed(key)
            self._feeds[key] = feed
            feed.pump = asyncio.create_task(self._pump(feed, token, ctx), name="phone feed")
        feed.followers += 1
        return feed

    def _leave(self, feed: _Feed) -> None:
        feed.followers -= 1
        if feed.followers <= 0:
            if self._feeds.get(feed.key) is feed:
                del self._feeds[feed.key]
            if feed.pump is not None:
                feed.pump.cancel()

    async def _pump(self, feed: _Feed, token: str, ctx: pages.PageContext) -> None:
        """Work out a session's live figures once per snapshot for all its phones and publish
        them when they change: at most one event per ``MIN_EVENT_GAP_S``, a keepalive after
        ``KEEPALIVE_S`` of silence (one timer per session, not per phone)."""
        poke = asyncio.Event()
        unsubscribe = self.station.subscribe(lambda _snapshot: poke.set())
        last: dict[str, str] | None = None
        try:
            while not self._closing.is_set():
                values = await self._live_values(token, ctx)
                if values is None:
                    break
                if last is None or values != last:
                    await feed.publish(_event(values))
                    last = values
                poke.clear()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(KEEPALIVE_S):
                        await poke.wait()
                if not poke.is_set():
                    await feed.publish(None)  # a keepalive
                await asyncio.sleep(MIN_EVENT_GAP_S)
        finally:
            unsubscribe()
            feed.end()

    async def _live_values(self, token: str, ctx: pages.PageContext) -> dict[str, str] | None:
        """The live figures of a session, worked out once per snapshot and language however
        many phones follow it (hundreds of phones must not slow the station's loop down)."""
        snapshot = self.station.snapshot
        key = (token, ctx.lang)
        cached = self._live_cache.get(key)
        if cached is not None and cached[0] is snapshot:
            return cached[1]
        found = await self._find(token)
        if found is None:
            self._live_cache.pop(key, None)
            return None
        values = pages.live_values(ctx, found.view, found.state)
        self._live_cache[key] = (snapshot, values)
        while len(self._live_cache) > MAX_STREAMS:
            self._live_cache.pop(next(iter(self._live_cache)))
        return values

    async def stop(self, request: Request) -> Response:
        token = request.path_params["token"]
        form = await self._form(request)
        ctx = self._context(request, f"/s/{token}", form.get("lang"))
        found = await self._find(token)
        if found is None:
            return self._not_found(ctx)
        page = f"/s/{token}?lang={ctx.lang}"
        if not self.stop_rate.allow(self._address(request)):
            text = ctx.t("Too many attempts. Please wait a minute and try again.")
            return HTMLResponse(pages.message_page(ctx, ctx.t("Stop"), text), status_code=429)
        if not self.guard.check(request.url.path, request.headers, form.get("csrf", "")):
            text = ctx.t("This page is out of date. Please try again.")
            links = [(page, ctx.t("Back"))]
            return HTMLResponse(
                pages.message_page(ctx, ctx.t("Stop"), text, links), status_code=403
            )
        if found.view.screen not in (Screen.CHARGING, Screen.PLUG_IN):
            return RedirectResponse(page, status_code=303)
        if form.get("confirm") != "yes":
            csrf = self.guard.token(f"/s/{token}/stop")
            return HTMLResponse(pages.stop_confirm_page(ctx, found, csrf=csrf))
        if found.state.session_id is None or not self.station.stop_from_phone(
            found.state.session_id
        ):
            text = ctx.t("The charge is not running, so there is nothing to stop.")
            links = [(page, ctx.t("Back"))]
            return HTMLResponse(
                pages.message_page(ctx, ctx.t("Stop"), text, links), status_code=409
            )
        log.info("session page %s: stop from the phone", short(token))
        return RedirectResponse(page, status_code=303)

    async def terms(self, request: Request) -> Response:
        ctx = self._context(request, "/terms")
        texts = self.settings.terms
        text = (
            texts.get(ctx.lang)
            or texts.get(self.station.snapshot.default_language)
            or next(iter(texts.values()), None)
            or ctx.t(pages.SHORT_TERMS)
        )
        return HTMLResponse(pages.terms_page(ctx, text))

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ("phone.css", "phone.js"):
            raise HTTPException(404)
        return FileResponse(STATIC_DIR / name, headers={"Cache-Control": "max-age=3600"})


def _event(values: dict[str, str]) -> bytes:
    return f"data: {json.dumps(values, ensure_ascii=False)}\n\n".encode()


def _amount_ore(form: Mapping[str, str]) -> int | None:
    raw = form.get("amount", "")
    if raw == "custom":
        raw_custom = form.get("custom", "").strip().replace(" ", "")
        if not raw_custom.isdigit() or len(raw_custom) > 7:
            return None
        return int(raw_custom) * 100
    if not raw.isdigit() or len(raw) > 9:
        return None
    return int(raw)
