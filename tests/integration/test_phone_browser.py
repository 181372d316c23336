"""The driver's phone flow in a real headless Chromium at a phone's size (390 x 844).

The station runs on loopback with the Vipps emulator and the charger simulator, its phone
pages served as ``kiosk run`` serves them. Playwright drives Debian's Chromium: open ``/c/1``,
accept the terms, pay, approve on the emulator's landing page, come back to ``/s/<token>``,
watch the charge count up (live, no reload), stop from the phone, read the receipt, which must
equal the emulator's captured and cancelled amounts. axe-core (``tests/tools``, npm) checks
every page for accessibility violations; the browser must report no CSP violation.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from phone_rig import LANGUAGES, phone_station, phone_world, site_of
from station_rig import phase, settled

from kiosk.core.number_format import NumberFormat
from kiosk.core.state import Phase, StopReason

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _needs_browser() -> Any:
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip("Chromium is not installed at /usr/bin/chromium (scripts/setup test tools)")
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (npm ci --prefix tests/tools)")
    return pytest.importorskip("playwright.async_api", reason="playwright is not installed")


async def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the page as it is now (evaluated over CDP: the page's CSP
    does not apply to it, and nothing is added to the page's own scripts)."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.evaluate(AXE.read_text(encoding="utf-8"))
    result = await page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(result)


async def test_the_phone_flow_in_chromium(tmp_path: Path) -> None:
    async_api = _needs_browser()
    async with phone_world(tmp_path) as w, phone_station(w, tmp_path) as parts:
        station, site = parts.station, site_of(parts)
        base = site.links.base_url
        w.sim.car(0).plug(soc_pct=20)
        await station.wait_for(lambda s: s.payment_available, 5)
        problems: list[str] = []
        async with async_api.async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                context = await browser.new_context(viewport=PHONE, locale="en-GB")
                page = await context.new_page()
                page.set_default_timeout(15_000)
                page.on(
                    "console",
                    lambda m: problems.append(m.text) if m.type == "error" else None,
                )
                expect = async_api.expect

                await page.goto(f"{base}/c/1")
                assert await page.locator("html").get_attribute("lang") == "en"
                assert await axe_violations(page) == []
                await page.locator("input[name=accept]").check()
                await page.locator("#pay").click()
                # the session page sends the phone on to the app's landing page at once
                await page.wait_for_url(re.compile(r"/landing\?token="))
                state = station.session(1)
                assert state.on_phone
                payment = w.payment(state.reference or "")
                await page.locator("#approve").click()
                await page.wait_for_url(payment.return_url or "-")
                session_url = page.url
                await phase(station, 1, Phase.CHARGING)
                energy = page.locator("[data-live=energy]")
                await expect(energy).not_to_have_text("–")
                first = await energy.text_content()
                await expect(energy).not_to_have_text(first or "")  # counts up, live
                assert page.url == session_url  # without a reload
                assert await axe_violations(page) == []

                await page.locator("#stop").click()
                await expect(page.locator("#confirm-stop")).to_be_visible()
                assert await axe_violations(page) == []
                await page.locator("#confirm-stop").click()
                final = await settled(station, state.session_id or "")
                assert final.stop_reason is StopReason.PHONE
                paid = page.locator("#paid")
                await expect(paid).to_be_visible()
                captured = w.payment(state.reference or "")
                money = NumberFormat("en", "NOK").money
                await expect(paid).to_have_text(money(captured.captured_value))
                await expect(page.locator("#released")).to_have_text(
                    money(captured.cancelled_value)
                )
                await expect(page.locator("#print")).to_be_visible()  # phone.js ran
                assert captured.captured_value + captured.cancelled_value == (
                    captured.authorized_value
                )
                assert await axe_violations(page) == []

                for language in LANGUAGES:
                    for path in ("/", "/c/1", "/terms", "/s/not-a-token"):
                        await page.goto(f"{base}{path}?lang={language}")
                        assert await page.locator("html").get_attribute("lang") == language
                        found = await axe_violations(page)
                        assert found == [], (language, path, found)
                    await page.goto(f"{session_url.split('?')[0]}?lang={language}")
                    found = await axe_violations(page)
                    assert found == [], (language, "receipt", found)
            finally:
                await browser.close()
        csp = [p for p in problems if "Content Security Policy" in p or "Refused" in p]
        assert csp == []
