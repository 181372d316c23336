"""The driver's phone pages over a whole station on loopback (httpx as the phone's browser).

Emulator over HTTP (it takes loopback return URLs here), simulator over Modbus TCP, SQLite;
the phone pages on their own uvicorn server, exactly as ``kiosk run`` assembles them.
"""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

from phone_rig import LANGUAGES, PhoneClient, phone_station, phone_world, site_of
from station_rig import BUDGET_ORE, check_invariants, phase, settled, tap, until

from kiosk.core.number_format import NumberFormat
from kiosk.core.state import Phase, StopReason
from kiosk.station.snapshot import PhoneStartResult, Screen
from kiosk.web.catalog import Catalog

TOKEN_RE = re.compile(r"^/s/([A-Za-z0-9_-]+)\?lang=(\w+)&go=1$")
OPEN_APP_RE = re.compile(r'id="open-app" href="([^"]+)"')


async def _pay(client: PhoneClient, amount: str = str(BUDGET_ORE)) -> str:
    token = await client.form_token("/c/1")
    answer = await client.post(
        "/c/1/pay", {"csrf": token, "lang": "en", "accept": "yes", "amount": amount}
    )
    assert answer.status_code == 303, answer.text
    found = TOKEN_RE.match(answer.headers["location"])
    assert found is not None, answer.headers["location"]
    return found.group(1)


async def test_a_phone_pays_follows_stops_and_gets_the_receipt(tmp_path: Path) -> None:
    async with phone_world(tmp_path) as w, phone_station(w, tmp_path) as parts:
        station, site = parts.station, site_of(parts)
        client = PhoneClient(site.links.base_url)
        try:
            w.sim.car(0).plug(soc_pct=20)
            token = await _pay(client)
            state = await phase(station, 1, Phase.AWAITING_APPROVAL)
            assert state.on_phone
            payment = w.payment(state.reference or "")
            assert payment.user_flow == "WEB_REDIRECT"
            assert payment.return_url == f"{site.links.base_url}/s/{token}"
            # the station's screen shows the session, but never the phone's payment link
            assert station.snapshot.connectors[0].screen is Screen.PAY
            assert station.snapshot.connectors[0].on_phone
            assert station.snapshot.connectors[0].qr_text is None

            page = await client.get(f"/s/{token}?go=1")
            link = OPEN_APP_RE.search(page.text)
            assert link is not None
            assert link.group(1) == payment.redirect_url
            approved = await w.http.post(
                f"{w.server.base_url}/phone/approve",
                data={"token": payment.token},
                follow_redirects=False,
            )
            assert approved.status_code == 303
            assert approved.headers["location"] == payment.return_url

            await phase(station, 1, Phase.CHARGING)
            orders = w.emulator.order_management.orders
            key = ("ecom", state.reference or "")
            await until(lambda: key in orders and orders[key].category is not None)
            category = orders[key].category
            assert category is not None
            assert category["category"] == "ORDER_CONFIRMATION"  # the app links the page now
            assert category["orderDetailsUrl"] == payment.return_url
            first = (await client.get(f"/s/{token}/live")).json()
            assert first["stage"].startswith("charging")
            await until(lambda: (station.session(1).delivered_wh or 0) >= 30)
            later = (await client.get(f"/s/{token}/live")).json()
            assert later["energy"] != "–"
            assert later["energy"] != first["energy"]

            stop_token = await client.form_token(f"/s/{token}")
            confirm = await client.post(f"/s/{token}/stop", {"csrf": stop_token, "lang": "en"})
            assert confirm.status_code == 200
            assert 'id="confirm-stop"' in confirm.text
            assert station.session(1).phase is Phase.CHARGING  # nothing happens without confirm
            stopped = await client.post(
                f"/s/{token}/stop", {"csrf": stop_token, "lang": "en", "confirm": "yes"}
            )
            assert stopped.status_code == 303
            final = await settled(station, state.session_id or "")
            assert final.stop_reason is StopReason.PHONE
            assert station.snapshot.connectors[0].stop_reason is StopReason.PHONE
            assert not w.sim.connector(0).enabled
            assert final.amount_due is not None
            check_invariants(w, state.reference or "", final.amount_due.total_ore)

            receipt = await client.get(f"/s/{token}")
            paid = w.payment(state.reference or "")
            assert receipt.status_code == 200
            assert "You stopped the charge from your phone." in receipt.text
            assert f'id="paid">{_money(paid.captured_value)}<' in receipt.text
            assert f'id="released">{_money(paid.cancelled_value)}<' in receipt.text
            assert f'id="total">{_money(final.amount_due.total_ore)}<' in receipt.text
            assert final.session_id in receipt.text
            receipt_link = orders[key].category
            assert receipt_link is not None
            assert receipt_link["category"] == "RECEIPT"
            assert receipt_link["orderDetailsUrl"] == payment.return_url
            assert station.snapshot.connectors[0].receipt_url == payment.return_url
        finally:
            await client.aclose()


def _money(ore: int) -> str:
    return NumberFormat("en", "NOK").money(ore)


async def test_two_phones_racing_for_one_connector_get_one_winner(tmp_path: Path) -> None:
    async with phone_world(tmp_path) as w, phone_station(w, tmp_path) as parts:
        station = parts.station
        await station.wait_for(lambda s: s.payment_available, 5)
        client = PhoneClient(site_of(parts).links.base_url)
        loser_token = await client.form_token("/c/1")  # the second phone opened the page too
        first = station.start_from_phone(1, BUDGET_ORE, lambda sid: f"https://x.example/{sid}")
        second = station.start_from_phone(1, BUDGET_ORE, lambda sid: f"https://x.example/{sid}")
        assert first.result is PhoneStartResult.STARTED
        assert second.result is PhoneStartResult.BUSY
        station.select_connector(1)  # the screen cannot take it either
        await phase(station, 1, Phase.AWAITING_APPROVAL)
        assert station.session(1).session_id == first.session_id
        assert len(w.emulator.payments) == 1
        # and over HTTP: the loser gets the connector page with a clear answer
        try:
            answer = await client.post(
                "/c/1/pay",
                {"csrf": loser_token, "lang": "en", "accept": "yes", "amount": "20000"},
            )
            assert answer.status_code == 409
            assert "Someone else started on this connector just now." in answer.text
            busy = await client.get("/c/1")
            assert "Someone is using this connector right now." in busy.text
            assert 'id="pay"' not in busy.text
        finally:
            await client.aclose()


async def test_a_kiosk_session_is_followed_and_stopped_from_the_phone(tmp_path: Path) -> None:
    async with phone_world(tmp_path) as w, phone_station(w, tmp_path) as parts:
        station, site = parts.station, site_of(parts)
        w.sim.car(0).plug(soc_pct=20)
        await tap(station, 1)
        station.choose_budget(1, BUDGET_ORE)
        state = await phase(station, 1, Phase.AWAITING_APPROVAL)
        assert not state.on_phone
        assert station.snapshot.connectors[0].qr_text
        w.emulator.approve(state.reference or "")
        await phase(station, 1, Phase.CHARGING)
        follow = station.snapshot.connectors[0].session_url
        assert follow is not None
        assert follow.startswith(f"{site.links.base_url}/s/")
        client = PhoneClient(site.links.base_url, language="nb")
        try:
            path = follow.removeprefix(site.links.base_url)
            page = await client.get(path)
            assert page.status_code == 200
            assert 'lang="nb"' in page.text
            csrf = await client.form_token(path)
            done = await client.post(f"{path}/stop", {"csrf": csrf, "lang": "nb", "confirm": "yes"})
            assert done.status_code == 303
            final = await settled(station, state.session_id or "")
            assert final.stop_reason is StopReason.PHONE
        finally:
            await client.aclose()


async def test_bad_input_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    async with (
        phone_world(tmp_path) as w,
        phone_station(w, tmp_path, web={"listen_port": 0}) as parts,
    ):
        station, site = parts.station, site_of(parts)
        await station.wait_for(lambda s: s.payment_available, 5)
        client = PhoneClient(site.links.base_url, language="de")
        try:
            csrf = await client.form_token("/c/1")
            base = {"csrf": csrf, "lang": "de", "amount": "20000"}
            no_terms = await client.post("/c/1/pay", base)
            assert no_terms.status_code == 422
            assert "Bitte akzeptieren Sie zuerst die Verkaufsbedingungen." in no_terms.text
            accepted = {**base, "accept": "yes"}
            foreign = await client.post("/c/1/pay", accepted, origin="https://evil.example")
            assert foreign.status_code == 403
            forged = await client.post("/c/1/pay", {**accepted, "csrf": "0" * 32})
            assert forged.status_code == 403
            odd = await client.post("/c/1/pay", {**accepted, "amount": "12345"})
            assert odd.status_code == 422
            custom = await client.post("/c/1/pay", {**accepted, "amount": "custom", "custom": "x"})
            assert custom.status_code == 422
            await asyncio.sleep(0.3)
            assert station.session(1).phase is Phase.IDLE
            assert not w.emulator.payments
            missing = await client.get("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            assert missing.status_code == 404
            assert 'lang="de"' in missing.text
            assert "Seite nicht gefunden" in missing.text
            assert (await client.get("/c/9")).status_code == 404
            # the rate limit: the pay form counts every POST of this address
            statuses = []
            for _ in range(8):
                statuses.append((await client.post("/c/1/pay", base)).status_code)
            assert 429 in statuses
            assert not w.emulator.payments
        finally:
            await client.aclose()


async def test_every_page_in_every_language(tmp_path: Path) -> None:
    async with phone_world(tmp_path) as w, phone_station(w, tmp_path) as parts:
        station, site = parts.station, site_of(parts)
        await station.wait_for(lambda s: s.payment_available, 5)
        started = station.start_from_phone(1, BUDGET_ORE, site.links.session_url)
        await phase(station, 1, Phase.AWAITING_APPROVAL)
        token = site.tokens.token(started.session_id or "")
        client = PhoneClient(site.links.base_url)
        try:
            for language in LANGUAGES:
                words = Catalog(language)
                expected = {
                    "/": (200, [words.text("Charge here"), words.text("Price")]),
                    "/c/1": (200, [words.text("Someone is using this connector right now.")]),
                    "/terms": (200, [words.text("Terms of sale")]),
                    f"/s/{token}": (200, [words.text("Approve the payment in %1.", "Vipps")]),
                    "/s/not-a-token": (404, [words.text("Page not found")]),
                    "/c/7": (404, [words.text("This link is not valid or has expired.")]),
                }
                for path, (status, needles) in expected.items():
                    page = await client.get(f"{path}?lang={language}")
                    assert page.status_code == status, (language, path)
                    assert f'<html lang="{language}">' in page.text, (language, path)
                    for needle in needles:
                        assert html.escape(needle, quote=True) in page.text, (
                            language,
                            path,
                            needle,
                        )
                    assert "set-cookie" not in page.headers
                    assert "script-src 'self'" in page.headers["content-security-policy"]
                live = (await client.get(f"/s/{token}/live?lang={language}")).json()
                assert live["stage"].startswith("pay")
        finally:
            await client.aclose()


async def test_the_session_page_outlives_a_restart(tmp_path: Path) -> None:
    async with phone_world(tmp_path) as w:
        async with phone_station(w, tmp_path) as parts:
            station, site = parts.station, site_of(parts)
            w.sim.car(0).plug(soc_pct=20)
            await station.wait_for(lambda s: s.payment_available, 5)
            started = station.start_from_phone(1, BUDGET_ORE, site.links.session_url)
            state = await phase(station, 1, Phase.AWAITING_APPROVAL)
            w.emulator.approve(state.reference or "")
            await phase(station, 1, Phase.CHARGING)
            await until(lambda: (station.session(1).delivered_wh or 0) >= 20)
            assert station.stop_from_phone(started.session_id or "")
            final = await settled(station, started.session_id or "")
            token = site.tokens.token(started.session_id or "")
        # a new process: the same data folder (its web key) and database, a fresh station
        async with phone_station(w, tmp_path) as parts:
            site = site_of(parts)
            assert parts.station.find_session(started.session_id or "") is None
            client = PhoneClient(site.links.base_url)
            try:
                page = await client.get(f"/s/{token}")
                assert page.status_code == 200
                assert f'id="paid">{_money(final.captured_ore)}<' in page.text
                tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
                assert (await client.get(f"/s/{tampered}")).status_code == 404
            finally:
                await client.aclose()


async def test_stop_is_rate_limited_per_address_and_needs_the_form_token(tmp_path: Path) -> None:
    async with (
        phone_world(tmp_path) as w,
        phone_station(w, tmp_path, web={"listen_port": 0}) as parts,
    ):
        station, site = parts.station, site_of(parts)
        w.sim.car(0).plug(soc_pct=20)
        await station.wait_for(lambda s: s.payment_available, 5)
        started = station.start_from_phone(1, BUDGET_ORE, site.links.session_url)
        state = await phase(station, 1, Phase.AWAITING_APPROVAL)
        w.emulator.approve(state.reference or "")
        await phase(station, 1, Phase.CHARGING)
        token = site.tokens.token(started.session_id or "")
        client = PhoneClient(site.links.base_url)
        try:
            csrf = await client.form_token(f"/s/{token}")
            forged = await client.post(
                f"/s/{token}/stop", {"csrf": "0" * 32, "confirm": "yes", "lang": "en"}
            )
            assert forged.status_code == 403
            cross = await client.post(
                f"/s/{token}/stop",
                {"csrf": csrf, "confirm": "yes", "lang": "en"},
                origin="https://evil.example",
            )
            assert cross.status_code == 403
            assert station.session(1).phase is Phase.CHARGING  # nothing was stopped
            limit = site.stop_rate.limit
            answers = [
                (await client.post(f"/s/{token}/stop", {"csrf": csrf, "lang": "en"})).status_code
                for _ in range(limit)
            ]
            assert 429 in answers  # the two refused POSTs above counted too
            assert station.session(1).phase is Phase.CHARGING
        finally:
            await client.aclose()
