"""The driver's phone pages as HTML strings (server-rendered, no template engine).

Every page is one small document: ``/static/phone.css`` and (where live updates help)
``/static/phone.js``, no inline script or style (the CSP forbids them), no external request,
every form a plain POST that works without JavaScript. Every text passes ``html.escape``.
Pages take what they show as plain data (``kiosk.station.snapshot`` objects, a
``SessionState``), a ``Catalog`` for the words and a ``NumberFormat`` for money and energy.
Pure functions; nothing raises for data the station produces.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from kiosk.core.languages import LANGUAGE_NAMES
from kiosk.core.number_format import NumberFormat
from kiosk.core.payment_app import app_name
from kiosk.core.state import SessionState, StopReason
from kiosk.core.tariff import LineKind
from kiosk.station.snapshot import (
    ConnectorSnapshot,
    Failure,
    Screen,
    StationSnapshot,
    Why,
)
from kiosk.web.catalog import Catalog

SHORT_TERMS = (
    "We reserve this amount and take only what the charge costs; the rest is released at once. "
    "You can stop any time, here or at the station."
)
KEEP_OPEN = (
    "Keep this page open to follow the charge. You can close it; the link in %1 brings you back."
)
COME_BACK = "When you have approved in %1, you come back to this page and see the charge."
YOUR_CHARGE = (
    "Is it your charge? Open it from the link in %1, or scan the code on the station's screen."
)
RESERVED_PLUG_IN = "%1 is reserved. Plug in within %2, or the reservation is released."
MONEY_RELEASED = "The money was released: %1. Your bank may take a few days to show it."
BANK_DELAY = "%1 released; your bank may take a few days to show it."
OUT_OF_ORDER_TEXT = "This connector is out of order. Please use another connector."
BUSY_WORDS = {Screen.STOPPING: "Stopping…", Screen.SETTLING: "Settling the payment…"}


def _kwh(numbers: NumberFormat, energy_wh: int) -> str:
    """Whole kWh, or two decimals below 10 kWh (a steep price or a small budget)."""
    text = numbers.energy_whole(energy_wh) if energy_wh >= 10_000 else numbers.energy(energy_wh)
    return text.split()[0]


def _button(cls: str, ident: str, text: str) -> str:
    return f'<button type="submit" class="{cls}" id="{ident}">{esc(text)}</button>'


def _link_button(href: str, text: str, ident: str | None = None) -> str:
    id_attr = f' id="{ident}"' if ident else ""
    return f'<p><a class="button"{id_attr} href="{esc(href)}">{esc(text)}</a></p>'


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class PageContext:
    """What every page needs: the words, numbers, station, and this page's own path."""

    words: Catalog
    numbers: NumberFormat
    station_name: str
    languages: tuple[str, ...]
    path: str  # this page, for the language switch (no query)
    currency: str = "NOK"

    def t(self, source: str, *args: str) -> str:
        return self.words.text(source, *args)

    @property
    def lang(self) -> str:
        return self.words.language

    @property
    def app(self) -> str:
        return app_name(self.currency)

    def href(self, path: str) -> str:
        """``path`` in this page's language."""
        return f"{path}?lang={quote(self.lang)}"


def document(
    ctx: PageContext,
    title: str,
    body: str,
    *,
    script: bool = False,
    data: dict[str, str] | None = None,
    head: str = "",
) -> str:
    switch = " ".join(
        f'<a href="{esc(ctx.path)}?lang={code}" lang="{code}" hreflang="{code}"'
        + (' aria-current="true"' if code == ctx.lang else "")
        + f">{esc(LANGUAGE_NAMES.get(code, code))}</a>"
        for code in ctx.languages
    )
    attrs = "".join(f' data-{esc(k)}="{esc(v)}"' for k, v in (data or {}).items())
    js = '<script src="/static/phone.js" defer></script>' if script else ""
    return (
        f'<!doctype html><html lang="{esc(ctx.lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(title)} · {esc(ctx.station_name)}</title>"
        f'<link rel="stylesheet" href="/static/phone.css">{js}{head}</head>'
        f'<body{attrs}><header><p class="station">{esc(ctx.station_name)}</p>'
        f'<nav aria-label="{esc(ctx.t("Language"))}">{switch}</nav></header>'
        f"<main>{body}</main></body></html>"
    )


def _form(ctx: PageContext, action: str, csrf: str, inner: str, extra: str = "") -> str:
    return (
        f'<form method="post" action="{esc(action)}"{extra}>'
        f'<input type="hidden" name="csrf" value="{esc(csrf)}">'
        f'<input type="hidden" name="lang" value="{esc(ctx.lang)}">{inner}</form>'
    )


# --- the connector page ---------------------------------------------------------------------

_STATE_WORD = {
    Screen.IDLE: "Available",
    Screen.CAR_CONNECTED: "Car connected",
    Screen.OUT_OF_ORDER: "Out of order",
    Screen.FAULT: "Charger fault",
    Screen.PAYMENT_UNAVAILABLE: "Payment unavailable",
    Screen.STARTING: "Starting…",
    Screen.TEST_CHARGE: "Test charge",  # a technician's (or the operator's remote) test charge
}


def state_word(connector: ConnectorSnapshot) -> str:
    return _STATE_WORD.get(connector.screen, "In use")


def price_list(ctx: PageContext, snapshot: StationSnapshot) -> str:
    """The full price in the order AFIR asks for: energy, then time, start and idle fees, and
    the minimum price; with prices by the hour, first the price now and its next change."""
    tariff, n = snapshot.tariff, ctx.numbers
    rows = [(ctx.t("Energy"), f"{n.money(tariff.price_ore_per_kwh)} {ctx.t('per kWh')}")]
    if tariff.price_ore_per_minute:
        rows.append(
            (ctx.t("Time"), f"{n.money(tariff.price_ore_per_minute)} {ctx.t('per minute')}")
        )
    if tariff.start_fee_ore:
        rows.append((ctx.t("Start fee"), n.money(tariff.start_fee_ore)))
    if tariff.idle_fee_ore_per_minute:
        grace = str(tariff.idle_grace_minutes or 0)
        rows.append(
            (
                ctx.t("Idle fee after %1 min", grace),
                f"{n.money(tariff.idle_fee_ore_per_minute)} {ctx.t('per minute')}",
            )
        )
    if tariff.minimum_ore is not None:
        rows.append((ctx.t("Minimum price"), n.money(tariff.minimum_ore)))
    cells = "".join(f'<tr><th scope="row">{esc(a)}</th><td>{esc(b)}</td></tr>' for a, b in rows)
    return (
        f'<section aria-labelledby="price"><h2 id="price">{esc(ctx.t("Price"))}</h2>'
        f"{price_change(ctx, snapshot)}"
        f'<table class="prices">{cells}</table>'
        f'<p class="small">{esc(ctx.t("All prices include VAT."))}</p></section>'
    )


def _unbroken(price: str) -> str:
    """A price never breaks across lines ("kr 2,50/" | "kWh"), as on the screens."""
    return price.replace(" ", "\u00a0").replace("/", "/\u2060")


def price_change(ctx: PageContext, snapshot: StationSnapshot) -> str:
    """Prices that change by the hour: the energy price now, until when, and the next one
    ("kr 3,90/kWh until 22:00, then kr 2,50/kWh"), as the idle and budget screens say it;
    nothing for a flat tariff."""
    tariff, n = snapshot.tariff, ctx.numbers
    if tariff.next_change_at is None or tariff.next_price_ore_per_kwh is None:
        return ""
    source = (
        "%1 until tomorrow %2, then %3"
        if tariff.next_change_in_days > 0
        else "%1 until %2, then %3"
    )
    text = ctx.t(
        source,
        _unbroken(n.money_per(tariff.price_ore_per_kwh, "kWh")),
        tariff.next_change_at,
        _unbroken(n.money_per(tariff.next_price_ore_per_kwh, "kWh")),
    )
    return f'<p class="price-change" id="price-change">{esc(text)}</p>'


def _budget_choices(ctx: PageContext, snapshot: StationSnapshot, connector_id: int) -> str:
    """The budget presets with the "≈ kWh" each buys on this connector now: where the site's
    supply is shared, at no more than the power a car starting now would get."""
    n, budget, tariff = ctx.numbers, snapshot.budget, snapshot.tariff_for(connector_id)
    items = []
    for index, amount in enumerate(budget.presets_ore):
        energy = tariff.energy_wh_for(amount)
        about = (
            f'<span class="about">{esc(ctx.t("≈ %1 kWh", _kwh(n, energy)))}</span>'
            if energy is not None
            else ""
        )
        checked = " checked" if index == 0 else ""
        items.append(
            f'<label class="choice"><input type="radio" name="amount" value="{amount}"{checked}>'
            f'<span class="money">{esc(n.money(amount, drop_zero_ore=True))}</span>{about}</label>'
        )
    low = n.money(budget.custom_min_ore, drop_zero_ore=True)
    high = n.money(budget.custom_max_ore, drop_zero_ore=True)
    step = max(1, budget.custom_step_ore // 100)
    items.append(
        '<label class="choice other"><input type="radio" name="amount" value="custom">'
        f"<span>{esc(ctx.t('Other amount'))}</span></label>"
        f'<label class="custom" for="custom">{esc(ctx.t("Amount %1", f"{low} – {high}"))}</label>'
        f'<input id="custom" name="custom" type="number" inputmode="numeric" '
        f'min="{budget.custom_min_ore // 100}" max="{budget.custom_max_ore // 100}" step="{step}">'
    )
    return (
        f"<fieldset><legend>{esc(ctx.t('Choose the most you want to pay'))}</legend>"
        + estimate_note(ctx, snapshot, connector_id)
        + "".join(items)
        + "</fieldset>"
    )


def estimate_note(ctx: PageContext, snapshot: StationSnapshot, connector_id: int) -> str:
    """What the "≈ kWh" rests on, in the budget screen's one line: the power assumed where the
    tariff has a time price ("≈ kWh if your car charges at 11 kW"); while the site's supply is
    shared and a car starting now would get less than the connector's maximum, that power
    ("The station is sharing power (6.9 kW)", or with a time price "The station is sharing
    power: ≈ kWh at 6.9 kW"). A shared power above what the station assumes anyway (13.8 kW
    against 11 kW) does not change the estimate: the assumed power is said."""
    connector, tariff = snapshot.connector(connector_id), snapshot.tariff_for(connector_id)
    available_w = None if connector is None else connector.available_power_w
    n = ctx.numbers
    if tariff.estimate_needs_power and tariff.estimate_power_w != available_w:
        text = ctx.t("≈ kWh if your car charges at %1", n.power_whole(tariff.estimate_power_w))
    elif available_w is None:
        return ""
    elif tariff.estimate_needs_power:
        text = ctx.t("Power is shared: ≈ kWh at %1", n.power(available_w))
    else:
        text = ctx.t("The station is sharing power (%1)", n.power(available_w))
    return f'<p class="small" id="estimate-note">{esc(text)}</p>'


def other_connectors(ctx: PageContext, snapshot: StationSnapshot, current: int) -> str:
    others = [c for c in snapshot.connectors if c.connector_id != current]
    if not others:
        return ""
    items = "".join(
        f'<li><a href="{esc(ctx.href(f"/c/{c.connector_id}"))}">{esc(c.name)}</a> – '
        f"{esc(ctx.t(state_word(c)))}</li>"
        for c in others
    )
    return f'<h2>{esc(ctx.t("Other connectors"))}</h2><ul class="others">{items}</ul>'


def connector_page(
    ctx: PageContext,
    snapshot: StationSnapshot,
    connector: ConnectorSnapshot,
    *,
    csrf: str,
    error: str | None = None,
) -> str:
    screen = connector.screen
    parts = [
        f"<h1>{esc(connector.name)}</h1>",
        f'<p class="state" id="state">{esc(ctx.t(state_word(connector)))}</p>',
    ]
    if error:
        parts.append(f'<p class="error" role="alert">{esc(error)}</p>')
    free = screen in (Screen.IDLE, Screen.CAR_CONNECTED) and snapshot.payment_available
    if screen is Screen.OUT_OF_ORDER:
        parts.append(
            f"<p>{esc(ctx.t('This connector is out of order. Please use another connector.'))}</p>"
        )
    elif screen is Screen.FAULT:
        parts.append(
            "<p>"
            + esc(
                ctx.t(
                    "This connector has a fault and cannot charge now. "
                    "Please use another connector."
                )
            )
            + "</p>"
        )
    elif screen in (Screen.PAYMENT_UNAVAILABLE, Screen.STARTING) or not snapshot.payment_available:
        parts.append(
            "<p>"
            + esc(
                ctx.t(
                    "Payment is unavailable right now, so no new charge can start. "
                    "Charging that has started goes on."
                )
            )
            + "</p>"
        )
    elif not free:
        parts.append(f"<p>{esc(ctx.t('Someone is using this connector right now.'))}</p>")
        parts.append(f'<p class="small">{esc(ctx.t(YOUR_CHARGE, ctx.app))}</p>')
    parts.append(price_list(ctx, snapshot))
    if free:
        terms = (
            f'<p class="terms">{esc(ctx.t(SHORT_TERMS))} '
            f'<a href="{esc(ctx.href("/terms"))}">{esc(ctx.t("Read the terms of sale"))}</a></p>'
            '<label class="accept"><input type="checkbox" name="accept" value="yes" required> '
            f"{esc(ctx.t('I accept the terms of sale'))}</label>"
        )
        pay = _button("primary", "pay", ctx.t("Pay with %1", ctx.app))
        parts.append(
            _form(
                ctx,
                f"/c/{connector.connector_id}/pay",
                csrf,
                _budget_choices(ctx, snapshot, connector.connector_id) + terms + pay,
            )
        )
    else:
        parts.append(other_connectors(ctx, snapshot, connector.connector_id))
    return document(ctx, connector.name, "".join(parts))


# --- the session page -----------------------------------------------------------------------

_WHY = {
    Why.CHARGING: "Charging",
    Why.CAR_PAUSED: "The car has paused charging",
    Why.CAR_FULL: "The car is full",
    Why.STATION_LIMITING: "The station is limiting power right now",
    Why.WAITING_FOR_CAR: "Waiting for the car",
}
_REASON = {
    StopReason.DRIVER: "You stopped the charge.",
    StopReason.PHONE: "You stopped the charge from your phone.",
    StopReason.BUDGET_REACHED: "The charge stopped: your amount was used up.",
    StopReason.CAR_FULL: "The charge stopped: the car is full.",
    StopReason.UNPLUGGED: "The charge stopped: the cable was unplugged.",
    StopReason.CHARGER_FAULT: "The charge stopped because of a fault at the charger.",
    StopReason.CHARGER_UNREACHABLE: "The charge stopped because of a fault at the charger.",
    StopReason.STOP_UNCONFIRMED: "The charge stopped because of a fault at the charger.",
    StopReason.TECHNICIAN: "The charge was stopped by a technician.",
    StopReason.STATION_INPUT: "The charge was stopped by the station.",
    StopReason.RECOVERY: "The charge was stopped by the station.",
}
_ENDED = {
    Screen.DECLINED: (
        "Payment declined",
        "The payment was declined in the app. No money was taken.",
    ),
    Screen.EXPIRED: ("Time ran out", "The payment was not approved in time. No money was taken."),
    Screen.CANCELLED: ("Payment cancelled", "The payment was cancelled. No money was taken."),
    Screen.PLUG_IN_TIMEOUT: (
        "No cable was plugged in",
        "The car was not plugged in in time, so the charge did not start.",
    ),
}
_FAILED_TEXT = {
    Failure.PAYMENT_ERROR: "The payment could not be started. Please try again.",
    Failure.CHARGER_ERROR: "The charger could not start charging.",
    Failure.CHARGER_NOT_RESPONDING: "The charger is not responding.",
}


def why_text(ctx: PageContext, view: ConnectorSnapshot) -> str:
    """The why line as the charging screen says it (with the shared power when sharing)."""
    if view.why is Why.STATION_LIMITING and view.shared_power_w is not None:
        return ctx.t("The station is sharing power (%1)", ctx.numbers.power(view.shared_power_w))
    return ctx.t(_WHY[view.why]) if view.why is not None else ""


@dataclass(frozen=True, slots=True)
class SessionView:
    """A session as its page shows it."""

    token: str
    state: SessionState
    view: ConnectorSnapshot
    connector_name: str


def live_values(ctx: PageContext, view: ConnectorSnapshot, state: SessionState) -> dict[str, str]:
    """The figures the page updates live (also the JSON of the live feed). ``stage`` changes
    when the page must be drawn anew (another screen, the app link has arrived)."""
    n = ctx.numbers
    left = None
    if view.authorized_ore is not None and view.cost_ore is not None:
        left = max(0, view.authorized_ore - view.cost_ore)
    link = "+link" if state.on_phone and state.qr_url else ""
    values = {
        "stage": f"{view.screen.value}{link}:{state.phase.value}",
        "energy": n.energy(view.energy_wh) if view.energy_wh is not None else "–",
        "power": n.power(view.power_w) if view.power_w is not None else "–",
        "time": n.duration(view.elapsed_s) if view.elapsed_s is not None else "–",
        "cost": n.money(view.cost_ore) if view.cost_ore is not None else "–",
        "left": n.money(left) if left is not None else "–",
        "why": why_text(ctx, view),
        "deadline": n.duration(view.deadline_s) if view.deadline_s is not None else "",
        "left_permille": str(
            1000 * left // view.authorized_ore if left is not None and view.authorized_ore else 0
        ),
    }
    return values


def _figures(ctx: PageContext, values: dict[str, str]) -> str:
    rows = [
        ("Energy", "energy"),
        ("Power", "power"),
        ("Time", "time"),
        ("Cost so far", "cost"),
        ("Budget left", "left"),
    ]
    cells = "".join(
        f'<div class="figure"><dt>{esc(ctx.t(label))}</dt>'
        f'<dd data-live="{key}">{esc(values[key])}</dd></div>'
        for label, key in rows
    )
    meter = (
        f'<meter min="0" max="1000" value="{esc(values["left_permille"])}" '
        f'data-live-value="left_permille" aria-label="{esc(ctx.t("Budget left"))}"></meter>'
    )
    return f'<dl class="figures">{cells}</dl>{meter}'


def session_page(ctx: PageContext, session: SessionView, *, csrf: str, go: bool = False) -> str:
    view, state = session.view, session.state
    screen = view.screen
    values = live_values(ctx, view, state)
    base = f"/s/{session.token}"
    head = ""
    parts = [f"<h1>{esc(session.connector_name)}</h1>"]
    live = True
    if screen is Screen.PAY:
        url = state.qr_url if state.on_phone else None
        if url:
            parts.append(f'<p class="big">{esc(ctx.t("Approve the payment in %1.", ctx.app))}</p>')
            parts.append(
                f'<p><a class="button primary" id="open-app" href="{esc(url)}"'
                + (' data-go="1"' if go else "")
                + f">{esc(ctx.t('Open %1', ctx.app))}</a></p>"
            )
            parts.append(f"<p>{esc(ctx.t(COME_BACK, ctx.app))}</p>")
        else:
            parts.append(f'<p class="big">{esc(ctx.t("Preparing the payment…"))}</p>')
            head = '<meta http-equiv="refresh" content="2">'  # without JavaScript too
        if values["deadline"]:
            parts.append(
                f'<p>{esc(ctx.t("Time left: %1", ""))}<span data-live="deadline">'
                f"{esc(values['deadline'])}</span></p>"
            )
    elif screen is Screen.PLUG_IN:
        money = ctx.numbers.money(view.authorized_ore or view.budget_ore or 0)
        wait = values["deadline"] or "–"
        parts.append(
            f'<p class="big">✓ {esc(ctx.t("Approved."))} {esc(ctx.t("Plug in the cable."))}</p>'
        )
        parts.append(f"<p>{esc(ctx.t(RESERVED_PLUG_IN, money, wait))}</p>")
        parts.append(
            _form(
                ctx,
                f"{base}/stop",
                csrf,
                _button("secondary", "stop", ctx.t("Cancel the reservation")),
            )
        )
    elif screen is Screen.CHARGING:
        parts.append(f'<p class="why big" data-live="why">{esc(values["why"])}</p>')
        parts.append(_figures(ctx, values))
        parts.append(
            _form(
                ctx,
                f"{base}/stop",
                csrf,
                f'<button type="submit" class="stop" id="stop">{esc(ctx.t("Stop"))}</button>',
            )
        )
        parts.append(f'<p class="small">{esc(ctx.t(KEEP_OPEN, ctx.app))}</p>')
    elif screen in (Screen.STOPPING, Screen.SETTLING):
        parts.append(f'<p class="big">{esc(ctx.t(BUSY_WORDS[screen]))}</p>')
        parts.append(_figures(ctx, values))
    elif screen is Screen.DONE:
        live = state.phase.value != "done"
        parts.append(receipt(ctx, session))
        # shown by phone.js (printing needs JavaScript; the browser's own Print works too)
        parts.append(
            f'<button type="button" class="secondary" id="print" data-print hidden>'
            f"{esc(ctx.t('Print'))}</button>"
        )
    else:
        live = False
        title, text = _ENDED.get(screen, ("Something went wrong", ""))
        if screen is Screen.FAILED:
            text = _FAILED_TEXT.get(
                view.failure or Failure.INTERNAL, "Please try again, or use another connector."
            )
        parts.append(f"<h2>{esc(ctx.t(title))}</h2><p>{esc(ctx.t(text))}</p>")
        if view.released_ore:
            parts.append(
                "<p>" + esc(ctx.t(MONEY_RELEASED, ctx.numbers.money(view.released_ore))) + "</p>"
            )
        parts.append(
            _link_button(ctx.href("/c/" + session.state.connector_id), ctx.t("Start over"))
        )
    data = {"stage": values["stage"]}
    if live:
        data["live"] = f"{base}/live?lang={ctx.lang}"  # the figures in the page's language
    script = live or go or screen is Screen.DONE
    return document(
        ctx, session.connector_name, "".join(parts), script=script, data=data, head=head
    )


def stop_confirm_page(ctx: PageContext, session: SessionView, *, csrf: str) -> str:
    base = f"/s/{session.token}"
    plug_in = session.view.screen is Screen.PLUG_IN
    question = (
        "Cancel the reservation? No money is taken."
        if plug_in
        else "Stop charging now? You pay only for the energy delivered."
    )
    yes = "Cancel the reservation" if plug_in else "Stop charging"
    body = (
        f'<h1>{esc(session.connector_name)}</h1><p class="big">{esc(ctx.t(question))}</p>'
        + _form(
            ctx,
            f"{base}/stop",
            csrf,
            '<input type="hidden" name="confirm" value="yes">'
            f'<button type="submit" class="stop" id="confirm-stop">{esc(ctx.t(yes))}</button>',
        )
        + _link_button(ctx.href(base), ctx.t("Back" if plug_in else "Keep charging"), "keep")
    )
    return document(ctx, session.connector_name, body)


def _line_name(ctx: PageContext, kind: LineKind) -> str:
    return {
        LineKind.ENERGY: ctx.t("Energy"),
        LineKind.START_FEE: ctx.t("Start fee"),
        LineKind.TIME: ctx.t("Time"),
        LineKind.IDLE: ctx.t("Idle fee"),
    }[kind]


def _quantity(ctx: PageContext, kind: LineKind, quantity: int) -> str:
    if kind is LineKind.ENERGY:
        return ctx.numbers.energy(quantity)
    if kind is LineKind.START_FEE:
        return str(quantity)
    return ctx.numbers.duration(quantity // 1000)


def receipt(ctx: PageContext, session: SessionView) -> str:
    state, view, n = session.state, session.view, ctx.numbers
    parts = [f'<p class="big">✓ {esc(ctx.t("Thank you! Please unplug the cable."))}</p>']
    reason = _REASON.get(view.stop_reason) if view.stop_reason else None
    if reason:
        parts.append(f"<p>{esc(ctx.t(reason))}</p>")
    if state.phase.value != "done":
        parts.append(f"<p>{esc(ctx.t('Settling the payment…'))}</p>")
    rows: list[tuple[str, str]] = []
    due = state.amount_due
    lines = ""
    if due is not None:
        items = "".join(
            f'<tr><th scope="row">{esc(_line_name(ctx, line.kind))}'
            f"{esc(' ' + line.local_span if line.local_span else '')}</th>"
            f"<td>{esc(_quantity(ctx, line.kind, line.quantity))}</td>"
            f"<td>{esc(n.money(line.amount_ore))}</td></tr>"
            for line in due.lines
            if line.kind is LineKind.ENERGY or line.amount_ore
        )
        rate = f"{due.vat_rate_bp / 100:g} %"
        lines = (
            f'<table class="receipt"><caption>{esc(ctx.t("Receipt"))}</caption>{items}'
            f'<tr class="total"><th scope="row">{esc(ctx.t("Total"))}</th><td></td>'
            f'<td id="total">{esc(n.money(due.total_ore))}</td></tr>'
            f'<tr><th scope="row">{esc(ctx.t("of which VAT (%1)", rate))}</th><td></td>'
            f'<td id="vat">{esc(n.money(due.vat_ore))}</td></tr></table>'
        )
    rows.append((ctx.t("Reserved"), n.money(state.authorized_ore)))
    rows.append((ctx.t("Paid"), n.money(state.captured_ore)))
    rows.append((ctx.t("Released"), n.money(state.cancelled_ore)))
    if state.meter_start_wh is not None:
        rows.append((ctx.t("Meter at start"), n.energy(state.meter_start_wh)))
    if state.last_meter_wh is not None and state.meter_start_wh is not None:
        rows.append((ctx.t("Meter at end"), n.energy(state.last_meter_wh)))
    if state.tariff is not None:
        tariff = f"{n.money(state.tariff.price_ore_per_kwh)} {ctx.t('per kWh')}"
        if state.tariff.price_ore_per_minute:
            tariff += f", {n.money(state.tariff.price_ore_per_minute)} {ctx.t('per minute')}"
        if state.tariff.start_fee_ore:
            tariff += f", {ctx.t('Start fee')} {n.money(state.tariff.start_fee_ore)}"
        rows.append((ctx.t("Tariff"), tariff))
    rows.append((ctx.t("Connector"), session.connector_name))
    rows.append((ctx.t("Session"), state.session_id or ""))
    ids = {"Paid": "paid", "Released": "released", "Reserved": "reserved"}
    facts = "".join(
        f'<div class="fact"><dt>{esc(a)}</dt><dd'
        + "".join(f' id="{v}"' for k, v in ids.items() if ctx.t(k) == a)
        + f">{esc(b)}</dd></div>"
        for a, b in rows
    )
    if state.cancelled_ore:
        parts.append("<p>" + esc(ctx.t(BANK_DELAY, n.money(state.cancelled_ore))) + "</p>")
    parts.append(lines + f'<dl class="facts">{facts}</dl>')
    parts.append(
        f'<p class="small">{esc(ctx.t("The receipt is also in your %1 app.", ctx.app))}</p>'
    )
    return "".join(parts)


# --- terms and errors -----------------------------------------------------------------------


def terms_page(ctx: PageContext, text: str) -> str:
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    body = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    title = ctx.t("Terms of sale")
    return document(ctx, title, f"<h1>{esc(title)}</h1>{body}")


def message_page(
    ctx: PageContext, title: str, text: str, links: Sequence[tuple[str, str]] = ()
) -> str:
    extra = "".join(
        f'<p><a class="button" href="{esc(h)}">{esc(label)}</a></p>' for h, label in links
    )
    return document(ctx, title, f"<h1>{esc(title)}</h1><p>{esc(text)}</p>{extra}")
