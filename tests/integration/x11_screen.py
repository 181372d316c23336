"""A real X11 screen for the kiosk: Xvfb, screenshots, OCR, taps and QR codes from the pixels.

Not a test module. ``X11Screen`` starts an Xvfb server of one size on a free display number; a
program started with ``env`` draws its real window there (Qt's xcb platform, the real
composition). ``shot`` saves the whole screen as a PNG (ImageMagick's ``import``), ``words``
reads it with tesseract (word boxes in screen pixels), ``tap`` clicks with xdotool, ``qr_codes``
decodes every QR code in the pixels with zxing-cpp.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import zxingcpp
from PySide6.QtGui import QImage

TOOLS = ("Xvfb", "xdotool", "import", "tesseract")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int

    @property
    def centre(self) -> tuple[int, int]:
        return self.left + self.width // 2, self.top + self.height // 2


def _free_display() -> int:
    for number in range(90, 190):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


class X11Screen:
    def __init__(self, width: int, height: int) -> None:
        self.size = (width, height)
        self.display = f":{_free_display()}"
        self._server: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        width, height = self.size
        self._server = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = Path(f"/tmp/.X11-unix/X{self.display[1:]}")
        deadline = time.monotonic() + 10
        while not socket.exists():
            if time.monotonic() > deadline or self._server.poll() is not None:
                raise RuntimeError(f"Xvfb {self.display} did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self._server is not None:
            self._server.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._server.wait(5)
            if self._server.poll() is None:
                self._server.kill()
                self._server.wait(5)
            self._server = None

    def env(self) -> dict[str, str]:
        return {"DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}

    def _run(self, *argv: str) -> str:
        result = subprocess.run(
            list(argv),
            env={**os.environ, "DISPLAY": self.display},
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return result.stdout

    def shot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._run("import", "-display", self.display, "-window", "root", str(path))
        return path

    def words(self, png: Path, language: str = "eng") -> list[Word]:
        # The kiosk's text is near-white on dark surfaces: keep only near-white pixels, as black
        # on white (borders and surfaces drop out), then read it as sparse text with one thread
        # (a screen is a few labels, not a page).
        pixels = _gray(png)
        ink = np.where(pixels > 200, 0, 255).astype(np.uint8)
        with tempfile.TemporaryDirectory() as scratch:
            page = Path(scratch) / "page.png"
            image = QImage(
                ink.data, ink.shape[1], ink.shape[0], ink.shape[1], QImage.Format.Format_Grayscale8
            )
            assert image.save(str(page)), page
            tsv = self._tesseract(page, language)
        found: list[Word] = []
        for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
            text = (row.get("text") or "").strip()
            if text and float(row.get("conf") or -1) >= 30:
                found.append(
                    Word(
                        text,
                        int(row["left"]),
                        int(row["top"]),
                        int(row["width"]),
                        int(row["height"]),
                    )
                )
        return found

    @staticmethod
    def _tesseract(png: Path, language: str) -> str:
        return subprocess.run(
            ["tesseract", str(png), "-", "-l", language, "--psm", "11", "tsv"],
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout

    def tap(self, x: int, y: int) -> None:
        self._run("xdotool", "mousemove", "--sync", str(x), str(y), "click", "1")

    @staticmethod
    def qr_codes(png: Path) -> list[str]:
        return [code.text for code in zxingcpp.read_barcodes(_gray(png))]


def _gray(png: Path) -> np.ndarray:
    """The PNG's pixels as 8-bit grey, one row per screen line."""
    image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
    assert not image.isNull(), png
    buffer = np.frombuffer(bytes(image.constBits()), dtype=np.uint8)
    return buffer.reshape(image.height(), image.bytesPerLine())[:, : image.width()].copy()


def find_phrase(words: list[Word], phrase: str) -> Word | None:
    """The first run of words on one line that reads ``phrase`` (case-insensitive), as one box."""
    wanted = phrase.lower().split()
    for start in range(len(words)):
        run = words[start : start + len(wanted)]
        if len(run) != len(wanted):
            break
        if all(w.text.lower().strip(".,:·") == t for w, t in zip(run, wanted, strict=True)):
            if max(w.top for w in run) - min(w.top for w in run) > run[0].height:
                continue
            left = min(w.left for w in run)
            top = min(w.top for w in run)
            right = max(w.left + w.width for w in run)
            bottom = max(w.top + w.height for w in run)
            return Word(phrase, left, top, right - left, bottom - top)
    return None


@contextlib.contextmanager
def x11_screen(width: int, height: int) -> Iterator[X11Screen]:
    screen = X11Screen(width, height)
    screen.start()
    try:
        yield screen
    finally:
        screen.stop()
