"""The driver's whole journey through the real screen, offscreen, on loopback.

The kiosk window runs on a qasync loop with the real station, the Vipps emulator over HTTP and
the charger simulator over Modbus TCP. The test taps like a driver, reads the QR code from the
window's pixels, approves that URL on the emulator's phone page as a phone would, plugs the car
in, watches the charging screen count up, taps Stop, and checks that the done screen's paid and
released amounts are the emulator's captured and cancelled amounts.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import numpy as np
import pytest
import zxingcpp
from isolated import inside, run_isolated
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from screen_probe import until, visible_item
from station_rig import BUDGET_ORE, world

from kiosk.core.state import Phase
from kiosk.gui.qml_engine import KioskUi, build_ui
from kiosk.gui.window import run_qt

SCREENSHOTS = Path(__file__).resolve().parent.parent / "ui" / "screenshots" / "end_to_end"


def _texts(item: QQuickItem) -> list[str]:
    found: list[str] = []
    stack = [item]
    while stack:
        current = stack.pop()
        if not current.isVisible():
            continue
        text = current.property("text")
        if isinstance(text, str) and text:
            found.append(text)
        stack.extend(current.childItems())
    return found


async def _tap(ui: KioskUi, name: str) -> None:
    await until(f"{name} on screen", lambda: visible_item(ui, name) is not None)
    item = visible_item(ui, name)
    assert item is not None
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()

    clicked = asyncio.Event()

    def click() -> None:
        QTest.mouseClick(
            ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
        )
        clicked.set()

    # From a Qt timer, not from inside this coroutine: QTest spins a nested event loop, and
    # under qasync that must not happen while an asyncio task is executing.
    QTimer.singleShot(0, click)
    await asyncio.wait_for(clicked.wait(), 15)


def _screen(ui: KioskUi) -> str:
    item = ui.screen_item()
    return item.objectName() if item is not None else ""


def _decode_qr(image: QImage) -> list[str]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    pixels = np.frombuffer(gray.constBits(), dtype=np.uint8, count=stride * height)
    array = pixels.reshape(height, stride)[:, :width].copy()
    return [result.text for result in zxingcpp.read_barcodes(array) if result.text]


def _ore(text: str) -> int:
    """``kr 12,34`` / ``NOK 12.34`` -> 1234 øre."""
    match = re.search(r"(\d[\d\s\u00a0]*)[,.](\d{2})", text)
    assert match, f"no amount in {text!r}"
    kroner = int(re.sub(r"\D", "", match.group(1)))
    return kroner * 100 + int(match.group(2))


async def _journey(tmp_path: Path) -> None:
    async with world(tmp_path, connectors=1) as w:
        station = await w.build()
        ui = None
        try:
            await station.start()
            ui = build_ui(station, kiosk=False, size=(1280, 800))
            await until("payments available", lambda: station.payment_available)
            await until("the window shown", ui.window.isExposed)
            await until("idle screen", lambda: visible_item(ui, "tile_1") is not None)

            await _tap(ui, "tile_1")
            await _tap(ui, "preset_0")
            await _tap(ui, "payButton")
            await until("the pay screen", lambda: _screen(ui) == "PayScreen")
            await until("the QR loaded", lambda: ui.pending_images() == 0)
            frames: list[QImage] = []

            def qr_drawn() -> bool:
                frames.append(ui.window.grabWindow())
                return bool(_decode_qr(frames[-1]))

            await until("a QR code in the pay screen's pixels", qr_drawn)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            frames[-1].save(str(SCREENSHOTS / "pay.png"))
            urls = _decode_qr(frames[-1])
            assert len(urls) == 1, urls
            url = urls[0]
            reference = station.session(1).reference
            assert reference is not None
            assert w.payment(reference).state.value == "CREATED"

            # The driver's phone opens the URL from the pixels and taps Approve.
            token = parse_qs(urlsplit(url).query)["token"][0]
            async with httpx.AsyncClient(follow_redirects=True) as phone:
                page = await phone.get(url)
                assert page.status_code == 200
                assert "Approve" in page.text
                approved = await phone.post(
                    f"{w.server.base_url}/phone/approve", data={"token": token}
                )
                assert approved.status_code == 200
            assert w.payment(reference).state.value == "AUTHORIZED"
            await until("the plug-in screen", lambda: _screen(ui) == "PlugInScreen")

            w.sim.car(0).plug()
            await until("the charging screen", lambda: _screen(ui) == "ChargingScreen")
            charging = visible_item(ui, "ChargingScreen")
            assert charging is not None
            before = _texts(charging)
            await until("energy counting up", lambda: (station.session(1).delivered_wh or 0) > 40)
            await until("the charging screen showing it", lambda: _texts(charging) != before)
            ui.window.grabWindow().save(str(SCREENSHOTS / "charging.png"))

            await _tap(ui, "stopButton")
            await _tap(ui, "confirmYes")
            await until("the done screen", lambda: _screen(ui) == "DoneScreen", timeout_s=20)
            await until("settled", lambda: station.session(1).phase is Phase.DONE, timeout_s=20)
            ui.window.grabWindow().save(str(SCREENSHOTS / "done.png"))

            payment = w.payment(reference)
            paid = visible_item(ui, "paidMetric")
            released = visible_item(ui, "releasedText")
            assert paid is not None
            assert released is not None
            paid_ore = _ore(" ".join(_texts(paid)))
            released_ore = _ore(str(released.property("text")))
            assert payment.captured_value > 0
            assert paid_ore == payment.captured_value
            assert released_ore == payment.cancelled_value
            assert paid_ore + released_ore == BUDGET_ORE == payment.authorized_value
        finally:
            if ui is not None:
                ui.quit()
            await station.aclose()


@pytest.mark.slow
def test_a_driver_pays_charges_and_stops_on_the_real_screen(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if not inside():
        run_isolated(request)  # a clean Qt for the qasync loop (see isolated.py)
        return
    QApplication.instance() or QApplication([])
    run_qt(lambda: _journey(tmp_path))
