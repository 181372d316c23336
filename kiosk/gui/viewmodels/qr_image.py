"""QR codes for QML: ``image://qr/<base64url of the text>`` rendered with segno.

The provider forces asynchronous loading, so segno's few milliseconds run on Qt's image
loader thread, never in a frame on the UI thread. The image has one block of ``scale``
pixels per module and a quiet zone of four modules; QML scales it with ``smooth: false`` so
the modules stay crisp (and decodable from a screenshot). Raises nothing: an undecodable id
yields an empty image.
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQml import QQmlImageProviderBase
from PySide6.QtQuick import QQuickImageProvider

PROVIDER_ID = "qr"
_BORDER_MODULES = 4
_SCALE_PX = 8


def qr_source(text: str | None) -> str:
    """The QML ``source`` URL of a QR code for ``text`` ("" when there is nothing to show)."""
    if not text:
        return ""
    encoded = base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
    return f"image://{PROVIDER_ID}/{encoded}"


def decode_id(image_id: str) -> str | None:
    padded = image_id + "=" * (-len(image_id) % 4)
    try:
        return base64.urlsafe_b64decode(padded.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


@lru_cache(maxsize=8)
def render_qr(text: str, scale_px: int = _SCALE_PX) -> QImage:
    """Black modules on white, ``scale_px`` pixels per module, with the quiet zone."""
    import segno  # on Qt's image thread, the first time a QR is drawn (not at start)

    code = segno.make(text, error="m")
    rows: list[bytes] = []
    for row in code.matrix_iter(scale=1, border=_BORDER_MODULES):
        line = b"".join((b"\x00" if dark else b"\xff") * scale_px for dark in row)
        rows.extend([line] * scale_px)
    width = len(rows[0])
    data = b"".join(rows)
    image = QImage(data, width, len(rows), width, QImage.Format.Format_Grayscale8)
    return image.copy()  # own the pixels; ``data`` goes away with this frame


class QrImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(
            QQuickImageProvider.ImageType.Image,
            QQmlImageProviderBase.Flag.ForceAsynchronousImageLoading,
        )

    def requestImage(self, image_id: str, size: QSize, requested_size: QSize) -> QImage:
        text = decode_id(image_id)
        if not text:
            return QImage()
        image = render_qr(text)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
