"""Service mode on the kiosk window (offscreen): the hidden long press, the PIN pad, the pages,
the inactivity exit with an injected clock, no QML warning, nothing clipped, and screenshots
of every service screen at the station sizes in tests/ui/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from .service_ui import SCREENSHOTS_DIR, layout_issues, service_ui
from .service_world import PIN

SIZES = ((800, 480), (1280, 800))
pytestmark = pytest.mark.usefixtures("qapp")


async def test_long_press_then_pin_opens_service_mode_and_exit_closes_it(tmp_path: Path) -> None:
    async with service_ui(tmp_path) as s:
        s.long_press_spot(100)  # too short
        await s.settle()
        assert s.vm.value("mode") == "closed"
        await s.enter(PIN)
        assert s.vm.value("mode") == "open"
        assert s.item("ServiceScreen").isVisible()
        s.click("tab_sessions")
        await s.settle()
        assert s.vm.value("page") == "sessions"
        s.click("serviceExit")
        await s.settle()
        assert s.vm.value("mode") == "closed"
        assert s.messages.messages == [], "\n".join(s.messages.messages)
        actions = [e.action for e in await s.world.repo.audit_log(5)]
        assert actions[:2] == ["service.exit", "service.enter"]


async def test_wrong_pin_shows_tries_left_on_the_pad(tmp_path: Path) -> None:
    async with service_ui(tmp_path) as s:
        await s.enter("1111")
        assert s.vm.value("mode") == "pin"
        assert s.item("pinMessage").property("text") == "Feil PIN. 4 forsøk igjen."
        s.click("pinCancel")
        await s.settle()
        assert s.vm.value("mode") == "closed"


async def test_inactivity_closes_service_mode_and_a_touch_restarts_the_time(
    tmp_path: Path,
) -> None:
    async with service_ui(tmp_path) as s:
        await s.enter(PIN)
        clock = s.world.clock
        clock.advance(100)
        s.press_anywhere()  # the event filter sees it
        clock.advance(100)
        s.vm.tick()
        await s.settle()
        assert s.vm.value("mode") == "open"
        clock.advance(21)
        s.vm.tick()
        await s.settle()
        assert s.vm.value("mode") == "closed"
        last = (await s.world.repo.audit_log(1))[0]
        assert (last.action, last.details) == ("service.exit", {"reason": "inactivity"})


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_service_screen_fits_and_is_saved(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    async with service_ui(tmp_path, size=size) as s:
        await s.world.paid_session("2025-03-04-a1b2", captured_ore=12345)
        await s.world.paid_session("2025-03-04-c3d4", captured_ore=0, settled=False)
        await s.world.repo.record_operation(
            "2025-03-04-c3d4", "capture", "c3d4-capture", {"amount_ore": 100}
        )
        folder = SCREENSHOTS_DIR / f"{size[0]}x{size[1]}" / "service"
        folder.mkdir(parents=True, exist_ok=True)
        problems: list[str] = []

        async def shoot(name: str) -> None:
            await s.settle()
            problems.extend(f"{name}: {p}" for p in layout_issues(s.window))
            assert s.ui.grab().save(str(folder / f"{name}.png")), name

        s.long_press_spot(450)
        await s.settle()
        s.vm.digit(4)
        s.vm.digit(8)
        await shoot("pin")
        for digit in PIN[2:]:
            s.vm.digit(int(digit))
        s.vm.submitPin()
        await shoot("connectors")
        s.vm.showPage("sessions")
        await s.settle()
        s.vm.sessions_vm.select("2025-03-04-a1b2")
        await shoot("sessions")
        s.click("refundOpen")
        s.vm.sessions_vm.amountDigit(5)
        s.vm.sessions_vm.amountDigit(0)
        s.vm.sessions_vm.amountDigit(0)
        await shoot("refund")
        s.vm.showPage("station")
        await s.settle()
        s.vm.station_vm.checkVipps()
        await shoot("station")
        assert s.messages.messages == []
        assert problems == [], "\n".join(problems)
