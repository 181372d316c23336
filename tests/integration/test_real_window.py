"""What a driver sees, in a real X11 window: ``kiosk demo`` (the real composition, not the
preview) on an Xvfb screen of each station size, driven by taps (xdotool).

Two drivers at once: A pays and charges; while A charges, B opens connector B and reaches the
payment QR; A reaches their own Stop with one tap on A's lane and stops; B pays, charges and
stops. Taps are real X11 clicks at the items' own geometry (the window's screen probe); what the
driver reads is checked in the pixels. Every state is saved as a screenshot; every QR code on the
screen is decoded from the pixels (zxing-cpp) and must be the one the station publishes for that
screen (only the focused connector's payment QR, never two), and its address must answer. A
blank or undecodable QR box, an address that does not answer, a word that cannot be read, or a
Stop that cannot be reached fails the test.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from demo_driver import DemoProcess, WorldApi, assert_settled, demo_env, screen_of
from x11_screen import X11Screen, find_phrase, missing_tools, x11_screen

SIZES = ((1280, 800), (800, 480), (800, 1280))
SHOTS = Path(__file__).resolve().parents[1] / "ui" / "screenshots" / "real-window"
LANG = "eng"


class Driver:
    """A person at the screen: reads it, taps what it shows, scans its codes.

    Taps are real X11 clicks (xdotool) on the window; where a named button is comes from the
    window's screen probe (``kiosk.gui.screen_probe``, the items' own geometry), what the
    driver reads comes from the pixels (tesseract, zxing-cpp)."""

    def __init__(self, screen: X11Screen, world: WorldApi, folder: Path, probe: Path) -> None:
        self.screen = screen
        self.world = world
        self.folder = folder
        self.probe = probe
        self.http = httpx.Client(timeout=10, follow_redirects=True)

    def look(self, name: str) -> Path:
        time.sleep(0.4)  # the frame after the last state change has been composed
        return self.screen.shot(self.folder / f"{name}.png")

    def item(self, name: str, timeout_s: float = 15) -> dict[str, int]:
        deadline = time.monotonic() + timeout_s
        while True:
            with contextlib.suppress(OSError, ValueError):
                for item in json.loads(self.probe.read_text(encoding="utf-8"))["items"]:
                    if item["name"] == name and item["width"] > 0 and item["height"] > 0:
                        found: dict[str, int] = item
                        return found
            if time.monotonic() > deadline:
                raise AssertionError(f"{name!r} cannot be reached: it is not on the screen")
            time.sleep(0.1)

    def tap(self, name: str) -> None:
        """Tap the centre of the named, visible item (a button, a tile, a lane)."""
        item = self.item(name)
        x, y = item["x"] + item["width"] // 2, item["y"] + item["height"] // 2
        width, height = self.screen.size
        assert 0 <= x < width, f"{name} is outside the screen: {item}"
        assert 0 <= y < height, f"{name} is outside the screen: {item}"
        self.screen.tap(x, y)

    def reads(self, shot: Path, *phrases: str) -> None:
        words = self.screen.words(shot, LANG)
        for phrase in phrases:
            assert find_phrase(words, phrase) is not None, f"{phrase!r} is not readable in {shot}"

    def scan(self, shot: Path) -> list[str]:
        return self.screen.qr_codes(shot)

    def codes(self, name: str, expected: list[str], why: str) -> Path:
        """Look until the screen's QR codes are exactly ``expected`` (a code image may still
        be loading for a moment); fail with ``why`` if they never are."""
        for _ in range(10):
            shot = self.look(name)
            found = self.scan(shot)
            if found == expected:
                return shot
        raise AssertionError(f"{why}: {found} instead of {expected} ({shot})")

    def fetch(self, url: str) -> None:
        response = self.http.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"

    def until(self, what: str, predicate: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
        return self.world.wait(what, predicate, timeout_s=30)


def _pending_reference(state: dict[str, Any]) -> str:
    created = [p for p in state["payments"] if p.get("state") == "CREATED"]
    assert len(created) == 1, state["payments"]
    reference: str = created[0]["reference"]
    return reference


def _focus(state: dict[str, Any]) -> int | None:
    focused: int | None = state["station"]["focused_connector_id"]
    return focused


def _two_drivers(driver: Driver) -> None:
    world = driver.world
    # --- A: tile, budget (terms QR), pay (payment QR) ---------------------------------------
    driver.reads(driver.look("01-idle"), "Tap to charge")
    driver.tap("tile_1")
    state = driver.until("A's budget", lambda s: screen_of(s, 1)["screen"] == "budget")
    terms = state["station"]["terms_url"]
    assert terms, "the budget screen's terms QR has no address"
    driver.codes("02-a-budget", [terms], "the terms QR is blank, unreadable or not the terms")
    driver.fetch(terms)
    driver.tap("preset_0")
    driver.reads(driver.look("03-a-budget-chosen"), "NOK 200")
    driver.tap("payButton")
    state = driver.until("A's QR", lambda s: screen_of(s, 1)["qr_text"])
    a_qr = screen_of(state, 1)["qr_text"]
    driver.codes("04-a-pay", [a_qr], "A's payment QR")
    driver.fetch(a_qr)
    world.post(f"/api/payments/{_pending_reference(state)}/approve")
    driver.until("A approved", lambda s: screen_of(s, 1)["screen"] == "plug_in")
    driver.look("05-a-plug-in")
    world.post("/api/connectors/0/plug", {"soc_pct": 30})
    state = driver.until("A charging", lambda s: (screen_of(s, 1)["energy_wh"] or 0) >= 20)
    follow = screen_of(state, 1)["session_url"]
    assert follow, "the demo serves the phone pages: the charging screen links the session"
    shot = driver.codes("06-a-charging", [follow], "the 'follow on your phone' QR")
    driver.reads(shot, "Stop")
    driver.fetch(follow)

    # --- B opens connector B from A's screen: one tap on B's lane ---------------------------
    driver.tap("lane_2")
    driver.until("B's budget", lambda s: screen_of(s, 2)["screen"] == "budget" and _focus(s) == 2)
    driver.look("07-b-budget")
    driver.tap("preset_0")
    driver.tap("payButton")
    state = driver.until("B's QR", lambda s: screen_of(s, 2)["qr_text"])
    b_qr = screen_of(state, 2)["qr_text"]
    assert b_qr != a_qr
    driver.codes("08-b-pay-while-a-charges", [b_qr], "only B's payment QR may be on the screen")
    driver.fetch(b_qr)

    # --- A reaches their Stop with one tap on A's lane, while B pays ------------------------
    driver.tap("lane_1")
    driver.until("A's lane", lambda s: _focus(s) == 1)
    driver.codes("09-a-charging-b-pays", [follow], "A's screen shows A's codes only")
    driver.tap("stopButton")
    driver.look("10-a-stop-confirm")
    driver.tap("confirmYes")
    state = driver.until("A done", lambda s: screen_of(s, 1)["screen"] == "done")
    receipt = screen_of(state, 1)["receipt_url"]
    assert receipt, "the done screen has no receipt link"
    driver.codes("11-a-done", [receipt], "A's receipt QR")
    driver.fetch(receipt)

    # --- B: approve, plug, charge, stop -----------------------------------------------------
    state = world.state()
    world.post(f"/api/payments/{_pending_reference(state)}/approve")
    driver.until("B approved", lambda s: screen_of(s, 2)["screen"] == "plug_in")
    world.post("/api/connectors/1/plug", {"soc_pct": 40})
    driver.until("B charging", lambda s: (screen_of(s, 2)["energy_wh"] or 0) >= 20)
    if _focus(world.state()) != 2:
        driver.tap("lane_2" if _focus(world.state()) is not None else "tile_2")
        driver.until("B's lane", lambda s: _focus(s) == 2)
    driver.look("12-b-charging")
    driver.tap("stopButton")
    driver.tap("confirmYes")
    state = driver.until("B done", lambda s: screen_of(s, 2)["screen"] == "done")
    receipt = screen_of(state, 2)["receipt_url"]
    driver.codes("13-b-done", [receipt], "B's receipt QR")
    driver.fetch(receipt)
    settled = [assert_settled(p) for p in world.state()["payments"]]
    assert len(settled) == 2


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_two_drivers_in_a_real_window(tmp_path: Path, size: tuple[int, int]) -> None:
    missing = missing_tools()
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (scripts/setup installs them)")
    folder = SHOTS / f"{size[0]}x{size[1]}"
    probe = tmp_path / "screen-probe.json"
    with x11_screen(*size) as screen:
        demo = DemoProcess(
            [
                sys.executable,
                "-m",
                "kiosk",
                "demo",
                "--fullscreen",
                "--speed",
                "2",
                "--data-dir",
                str(tmp_path / "data"),
            ],
            demo_env(**screen.env(), KIOSK_SCREEN_PROBE=str(probe)),
            tmp_path,
        )
        world = WorldApi(demo.start())
        driver = Driver(screen, world, folder, probe)
        try:
            world.wait("the station", lambda s: s["station"] is not None, timeout_s=30)
            _two_drivers(driver)
        finally:
            driver.http.close()
            world.close()
            status = demo.stop()
        assert status == 0, demo.output()
