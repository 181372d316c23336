"""``kiosk run --config FILE`` with its screen: the window comes first, the station takes over.

Runs ``kiosk.gui.window.show_until_stopped`` (what ``kiosk run`` and the demo use) offscreen on a
qasync loop against the Vipps emulator and the charger simulator on loopback: the first frame
shows every connector waiting, then the real station's idle screen with payments available;
service mode is attached and opens with the configured PIN; stopping closes the window.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from isolated import inside, run_isolated
from pydantic import SecretStr
from PySide6.QtWidgets import QApplication
from screen_probe import until, visible_item
from station_rig import world

from kiosk.app import StationParts
from kiosk.config.pin import hash_pin
from kiosk.gui.qml_engine import KioskUi
from kiosk.gui.window import run_qt, show_until_stopped

PIN = "2468"


def _tile_state(ui: KioskUi, connector_id: int) -> str | None:
    item = visible_item(ui, f"tile_{connector_id}")
    value = item.property("state_") if item is not None else None
    return str(value) if value is not None else None


async def _run(tmp_path: Path) -> None:
    async with world(tmp_path, connectors=2) as w:
        base = w.config
        secrets = base.secrets.model_copy(update={"service_pin_hash": SecretStr(hash_pin(PIN))})
        config = base.model_copy(update={"secrets": secrets})
        stop = asyncio.Event()
        windows: list[KioskUi] = []
        first_states: list[str | None] = []
        ready: list[StationParts] = []

        visible: list[bool] = []

        def on_window(ui: KioskUi) -> None:
            windows.append(ui)
            ui.window.visibleChanged.connect(visible.append)

        def on_ready(ui: KioskUi, parts: StationParts) -> None:
            ready.append(parts)

        task = asyncio.create_task(
            show_until_stopped(
                config,
                kiosk=False,
                size=(800, 480),
                stop=stop,
                on_window=on_window,
                on_ready=on_ready,
            )
        )
        try:
            await until("the window", lambda: bool(windows))
            ui = windows[0]
            await until("the first frame", ui.window.isExposed)
            await until("a tile", lambda: _tile_state(ui, 1) is not None)
            first_states = [_tile_state(ui, 1), _tile_state(ui, 2)]
            assert first_states == ["starting", "starting"]

            await until("the station running", lambda: bool(ready))
            await until(
                "payments available",
                lambda: _tile_state(ui, 1) == "available" and _tile_state(ui, 2) == "available",
            )
            assert ready[0].station.payment_available

            service = ui.service
            assert service is not None
            service.longPressed()
            await until("the PIN pad", lambda: service.value("mode") == "pin")
            for digit in PIN:
                service.digit(int(digit))
            service.submitPin()
            await until("service mode open", lambda: service.value("mode") == "open")
            audit = await ready[0].repository.audit_log(limit=20)
            assert any("service" in entry.action for entry in audit)
        finally:
            stop.set()
            await asyncio.wait_for(task, 20)
        assert visible[-1] is False, "the window did not close"


@pytest.mark.slow
def test_the_window_shows_first_then_runs_the_station_with_service_mode(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if not inside():
        run_isolated(request)  # a clean Qt for the qasync loop (see isolated.py)
        return
    QApplication.instance() or QApplication([])
    run_qt(lambda: _run(tmp_path))
