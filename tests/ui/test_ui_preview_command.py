"""``kiosk ui-preview --out FILE``: a scripted screen rendered to a PNG of the asked size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.cli import main


@pytest.mark.parametrize(("screen", "size"), [("done", (800, 480)), ("pay", (1280, 800))])
def test_preview_writes_the_screen_as_png(
    qapp: QApplication, tmp_path: Path, screen: str, size: tuple[int, int]
) -> None:
    out = tmp_path / f"{screen}.png"
    argv = ["ui-preview", "--screen", screen, "--size", f"{size[0]}x{size[1]}", "--out", str(out)]
    assert main(argv) == 0
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == size


def test_unknown_screen_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ui-preview", "--screen", "nonsense"]) == 2
    assert "unknown screen 'nonsense'" in capsys.readouterr().err
