"""The printable sticker beside a connector: its QR code with the connector's number and name.

``write_sticker(content, sticker, folder)`` writes ``<stem>.png`` (300 dpi), ``<stem>.pdf``
and ``<stem>.svg`` of one sticker (100 x 60 mm): the QR of ``content`` (the merchant-redirect
QR's content, or with ``--offline`` the connector page's URL) on the left, the connector's
number large and its name and the station's name beside it. The QR modules come from segno;
Qt draws the PNG and the PDF (so the text uses real fonts); the SVG is written directly.

Errors: ``OSError`` when a file cannot be written; ``ValueError`` for empty content.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

import segno
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

WIDTH_MM = 100.0
HEIGHT_MM = 60.0
MARGIN_MM = 4.0
DPI = 300
_APP: list[QGuiApplication] = []


@dataclass(frozen=True, slots=True)
class Sticker:
    number: str  # as printed on the station ("1", "A")
    name: str  # the connector's name
    station: str  # the station's name
    caption: tuple[str, ...] = ("Skann for å lade", "Scan to charge")


def _modules(content: str) -> list[list[bool]]:
    if not content:
        raise ValueError("nothing to encode")
    qr = segno.make(content, error="m")
    return [[bool(cell) for cell in row] for row in qr.matrix_iter(scale=1, border=4)]


def _draw(painter: QPainter, modules: list[list[bool]], sticker: Sticker, unit: float) -> None:
    """Draw in a coordinate system of ``unit`` device pixels per millimetre."""
    painter.fillRect(QRectF(0, 0, WIDTH_MM * unit, HEIGHT_MM * unit), QColor("white"))
    side = (HEIGHT_MM - 2 * MARGIN_MM) * unit
    cell = side / len(modules)
    origin = MARGIN_MM * unit
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(QRectF(origin + x * cell, origin + y * cell, cell, cell))
    left = origin + side + 2 * unit
    width = WIDTH_MM * unit - left - MARGIN_MM * unit
    painter.setPen(QColor("black"))
    lines = [
        (sticker.number, 20.0, True),
        (sticker.name, 5.5, True),
        (sticker.station, 3.2, False),
        *((line, 2.8, False) for line in sticker.caption),
    ]
    top = origin
    for text, size_mm, bold in lines:
        font = QFont("DejaVu Sans")
        font.setPixelSize(max(1, round(size_mm * unit)))
        font.setBold(bold)
        painter.setFont(font)
        height = size_mm * unit * 1.35
        box = QRectF(left, top, width, height)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        used = painter.boundingRect(box, int(flags), text)
        painter.drawText(box, int(flags), text)
        top += used.height() + unit * (0.3 if size_mm < 3 else 1)


def _svg(modules: list[list[bool]], sticker: Sticker) -> str:
    side = HEIGHT_MM - 2 * MARGIN_MM
    cell = side / len(modules)
    rects = "".join(
        f'<rect x="{MARGIN_MM + x * cell:.3f}" y="{MARGIN_MM + y * cell:.3f}" '
        f'width="{cell:.3f}" height="{cell:.3f}"/>'
        for y, row in enumerate(modules)
        for x, dark in enumerate(row)
        if dark
    )
    left = MARGIN_MM + side + 2
    texts = [
        (sticker.number, 20.0, "bold", MARGIN_MM + 17),
        (sticker.name, 5.5, "bold", MARGIN_MM + 28),
        (sticker.station, 3.2, "normal", MARGIN_MM + 35),
        *(
            (line, 2.8, "normal", MARGIN_MM + 41 + 4 * index)
            for index, line in enumerate(sticker.caption)
        ),
    ]
    words = "".join(
        f'<text x="{left:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}">'
        f"{html.escape(text)}</text>"
        for text, size, weight, y in texts
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH_MM}mm" height="{HEIGHT_MM}mm" '
        f'viewBox="0 0 {WIDTH_MM} {HEIGHT_MM}">'
        f'<rect width="{WIDTH_MM}" height="{HEIGHT_MM}" fill="#fff"/>'
        f'<g fill="#000">{rects}</g>'
        f'<g font-family="DejaVu Sans, Arial, sans-serif" fill="#000">{words}</g></svg>\n'
    )


def write_sticker(content: str, sticker: Sticker, folder: Path, stem: str) -> list[Path]:
    """Write the sticker's PNG, PDF and SVG into ``folder``; the paths written."""
    if QGuiApplication.instance() is None:  # a command line: draw without a screen
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APP.append(QGuiApplication([]))
    modules = _modules(content)
    folder.mkdir(parents=True, exist_ok=True)
    png, pdf, svg = (folder / f"{stem}.{kind}" for kind in ("png", "pdf", "svg"))

    unit = DPI / 25.4
    image = QImage(round(WIDTH_MM * unit), round(HEIGHT_MM * unit), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    _draw(painter, modules, sticker, unit)
    painter.end()
    if not image.save(str(png)):
        raise OSError(f"cannot write {png}")

    writer = QPdfWriter(str(pdf))
    writer.setResolution(DPI)
    size = QPageSize(QSizeF(WIDTH_MM, HEIGHT_MM), QPageSize.Unit.Millimeter, "sticker")
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(f"{sticker.station} – {sticker.number} {sticker.name}")
    painter = QPainter(writer)
    _draw(painter, modules, sticker, writer.resolution() / 25.4)
    painter.end()

    svg.write_text(_svg(modules, sticker), encoding="utf-8")
    return [png, pdf, svg]
