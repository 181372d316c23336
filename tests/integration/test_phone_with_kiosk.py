"""The driver's phone in a real headless Chromium while ``kiosk demo`` runs its kiosk offscreen.

``kiosk demo`` runs as a process with its window (``QT_QPA_PLATFORM=offscreen``); Playwright
drives Debian's Chromium at a phone's size (390 x 844). First a phone-started session: the phone
opens the sticker URL the demo prints for connector 1, accepts the terms, pays, approves on the
emulator's landing page, comes back to ``/s/<token>`` and sees the energy count up; meanwhile the
kiosk's snapshot (the world page's ``/api/state``) shows the payment on a phone and a start from
the kiosk's side creates no second payment; the phone stops it, the kiosk says it was stopped
from the phone, and the page's receipt equals the emulator's captured and cancelled amounts.
Then a kiosk-started session on connector 2, followed and stopped from the phone through the
session link the kiosk publishes.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from demo_driver import DemoProcess, WorldApi, assert_settled, demo_env, screen_of

from kiosk.core.number_format import NumberFormat

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
STICKER = re.compile(r"Sticker of .+ \(the driver's phone\): (http://127\.0\.0\.1:\d+/c/(\d+))")
pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _stickers(demo: DemoProcess) -> dict[int, str]:
    found = {}
    for line in demo.stdout:
        match = STICKER.search(line)
        if match:
            found[int(match.group(2))] = match.group(1)
    return found


def _payment(state: dict[str, Any], reference: str) -> dict[str, Any]:
    for payment in state["payments"]:
        if payment["reference"] == reference:
            found: dict[str, Any] = payment
            return found
    raise AssertionError(f"no payment {reference} at the emulator: {state['payments']}")


def _follow_and_stop(page: Any, expect: Any, world: WorldApi, connector_id: int) -> None:
    """On the session page: the energy counts up live, then Stop with its confirm."""
    energy = page.locator("[data-live=energy]")
    expect(energy).not_to_have_text("–")
    first = energy.text_content()
    expect(energy).not_to_have_text(first or "")  # counts up without a reload
    world.wait(  # above the 10 Wh under which nothing is captured
        f"connector {connector_id} charged 20 Wh",
        lambda s: (screen_of(s, connector_id)["energy_wh"] or 0) >= 20,
        timeout_s=30,
    )
    page.locator("#stop").click()
    expect(page.locator("#confirm-stop")).to_be_visible()
    page.locator("#confirm-stop").click()
    world.wait(
        f"connector {connector_id} stopped from the phone and settled",
        lambda s: (
            screen_of(s, connector_id)["screen"] == "done"
            and screen_of(s, connector_id)["stop_reason"] == "phone"
        ),
        timeout_s=30,
    )


def _settled(state: dict[str, Any], reference: str) -> bool:
    aggregate = _payment(state, reference)["aggregate"]
    done = aggregate["capturedAmount"]["value"] + aggregate["cancelledAmount"]["value"]
    return bool(done == aggregate["authorizedAmount"]["value"])


def _receipt_matches(page: Any, expect: Any, world: WorldApi, reference: str) -> None:
    """The page's receipt equals what the emulator captured and cancelled (once settled there:
    the kiosk's done screen may come a moment before the emulator has both effects)."""
    state = world.wait(f"{reference} settled at the emulator", lambda s: _settled(s, reference))
    captured, cancelled = assert_settled(_payment(state, reference))
    money = NumberFormat("en", "NOK").money
    expect(page.locator("#paid")).to_have_text(money(captured))
    expect(page.locator("#released")).to_have_text(money(cancelled))


def test_phone_and_kiosk_share_sessions(tmp_path: Path) -> None:
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

    demo = DemoProcess(
        [sys.executable, "-m", "kiosk", "demo", "--speed", "2", "--data-dir", str(tmp_path / "d")],
        demo_env(QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software"),
        tmp_path,
    )
    world = WorldApi(demo.start())
    try:
        stickers = _stickers(demo)
        assert 1 in stickers, demo.output()
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                context = browser.new_context(viewport=PHONE, locale="en-GB")
                page = context.new_page()
                page.set_default_timeout(20_000)
                expect = sync_api.expect
                # the page's default timeout does not reach expect(), whose own is 5 s: under load a
                # screen change (Stop -> Done through settlement) can take longer than that
                expect.set_options(timeout=20_000)

                # 1. A session begun on the phone.
                world.post("/api/connectors/0/plug", {"soc_pct": 20})
                world.wait("the car on connector 1", lambda s: screen_of(s)["screen"] != "idle")
                page.goto(stickers[1])
                page.locator("input[name=accept]").check()
                page.locator("#pay").click()
                page.wait_for_url(re.compile(r"/landing\?token="))
                state = world.wait(
                    "the kiosk showing the phone's payment",
                    lambda s: screen_of(s)["on_phone"] and screen_of(s)["screen"] == "pay",
                )
                (phone_payment,) = state["payments"]
                reference = phone_payment["reference"]
                # The kiosk refuses a second start on that connector: no second payment.
                world.post("/api/station/1/select")
                world.post("/api/station/1/budget", {"amount_ore": 20_000})
                page.locator("#approve").click()
                page.wait_for_url(re.compile(r"/s/[^/?]+"))
                state = world.wait(
                    "charging on connector 1", lambda s: screen_of(s)["screen"] == "charging"
                )
                assert [p["reference"] for p in state["payments"]] == [reference]
                assert screen_of(state)["on_phone"]
                _follow_and_stop(page, expect, world, 1)
                state = world.state()
                assert [p["reference"] for p in state["payments"]] == [reference]
                _receipt_matches(page, expect, world, reference)

                # 2. A session begun on the kiosk, followed and stopped on the phone.
                world.post("/api/connectors/1/plug", {"soc_pct": 30})
                world.wait("the car on connector 2", lambda s: screen_of(s, 2)["screen"] != "idle")
                world.post("/api/station/2/select")
                world.wait("the budget screen", lambda s: screen_of(s, 2)["screen"] == "budget")
                world.post("/api/station/2/budget", {"amount_ore": 20_000})
                state = world.wait(
                    "the kiosk's QR",
                    lambda s: screen_of(s, 2)["screen"] == "pay" and len(s["payments"]) == 2,
                )
                (kiosk_reference,) = {p["reference"] for p in state["payments"]} - {reference}
                assert not screen_of(state, 2)["on_phone"]
                world.post(f"/api/payments/{kiosk_reference}/approve")
                state = world.wait(
                    "charging on connector 2",
                    lambda s: (
                        screen_of(s, 2)["screen"] == "charging" and screen_of(s, 2)["session_url"]
                    ),
                )
                page.goto(screen_of(state, 2)["session_url"])
                _follow_and_stop(page, expect, world, 2)
                _receipt_matches(page, expect, world, kiosk_reference)
            finally:
                browser.close()
    finally:
        world.close()
        status = demo.stop()
    assert status == 0, demo.output()
    assert "Traceback" not in demo.output()
