"""The world page in a real headless Chromium while the kiosk window runs offscreen.

``kiosk demo`` runs as a process with its window (``QT_QPA_PLATFORM=offscreen``). A person,
played by Playwright in Debian's Chromium, uses only the world page: taps the kiosk tile and a
budget, approves the payment on the phone, plugs the car in, waits for energy, presses Stop.
The payment ends settled at the emulator and in the demo's database.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from demo_driver import DemoProcess, WorldApi, assert_settled, demo_env, screen_of, settled_sessions

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


@pytest.mark.slow
@pytest.mark.browser
def test_a_person_charges_a_car_through_the_world_page(tmp_path: Path) -> None:
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

    data = tmp_path / "data"
    demo = DemoProcess(
        [sys.executable, "-m", "kiosk", "demo", "--speed", "2", "--data-dir", str(data)],
        demo_env(QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software"),
        tmp_path,
    )
    world_url = demo.start()
    world = WorldApi(world_url)
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                page = browser.new_page()
                page.set_default_timeout(20_000)
                page.goto(world_url)
                expect = sync_api.expect
                # the page's default timeout does not reach expect(), whose own is 5 s: under load a
                # screen change (Stop -> Done through settlement) can take longer than that
                expect.set_options(timeout=20_000)
                screen = page.locator("#screen-1 .screen")

                page.locator("#screen-1 button.select").click()
                expect(screen).to_have_text("budget")
                page.locator("#screen-1 button.budget").first.click()  # the smallest preset

                approve = page.locator("#pending .payment button.approve")
                expect(approve).to_have_count(1)
                expect(page.locator("#pending .payment")).to_contain_text("200.00 NOK")
                approve.click()
                expect(screen).to_have_text("plug_in")

                page.locator("#connector-0 input[type=number]").fill("35")
                page.locator("#connector-0 button.plug").click()
                expect(page.locator("#connector-0 .car")).to_contain_text("35")
                expect(screen).to_have_text("charging")
                world.wait(
                    "50 Wh charged",
                    lambda s: (screen_of(s)["energy_wh"] or 0) >= 50,
                    timeout_s=30,
                )
                page.locator("#screen-1 button.stop").click()
                expect(screen).to_have_text("done")
                expect(page.locator("#payments tbody tr")).to_have_count(1)
            finally:
                browser.close()
        state = world.state()
    finally:
        world.close()
        status = demo.stop()
    assert status == 0, demo.output()
    assert "Traceback" not in demo.output()

    (payment,) = state["payments"]
    captured, cancelled = assert_settled(payment)
    done = screen_of(state)
    assert (done["paid_ore"], done["released_ore"]) == (captured, cancelled)
    (row,) = settled_sessions(data / "ladeskjerm-demo.sqlite3")
    assert row["payment_reference"] == payment["reference"]
    assert row["settled_at"] is not None
    assert (row["captured_ore"], row["cancelled_ore"]) == (captured, cancelled)
