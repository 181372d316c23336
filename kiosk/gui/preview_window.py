"""The window of ``kiosk ui-preview``: one driver screen over any ``StationControl``, shown
until closed or saved once as a PNG file.

The command (``kiosk.commands.ui``) picks the scripted fake station and the screen; this module
keeps the Qt side (the application, the window, the grab), so that only ``kiosk.gui`` imports
PySide6. Errors: ``UiLoadError`` when the QML does not load.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from kiosk.gui.qml_engine import build_ui
from kiosk.station.snapshot import StationControl


def show_preview(
    control: StationControl, *, size: tuple[int, int], fullscreen: bool, out: str | None
) -> int:
    """Show ``control``'s screen in a window (``fullscreen``: kiosk mode) until it is closed,
    or, with ``out``, save it as a PNG there and return at once. Returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    ui = build_ui(control, kiosk=fullscreen, size=size)
    if out:
        ok = ui.grab().save(out)
        ui.quit()
        return 0 if ok else 1
    ui.window.setProperty("quitAllowed", True)  # a preview window may be closed
    return int(app.exec())
