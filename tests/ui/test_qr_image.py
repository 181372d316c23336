"""The QR image decodes back to the exact text (zxing-cpp reads the pixels)."""

from __future__ import annotations

import numpy as np
import zxingcpp
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.gui.viewmodels.qr_image import QrImageProvider, decode_id, qr_source
from kiosk.sandbox.preview.fake_station import PAY_URL


def _pixels(image: QImage) -> np.ndarray:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    view = np.frombuffer(gray.constBits(), dtype=np.uint8)
    return view.reshape(gray.height(), gray.bytesPerLine())[:, : gray.width()].copy()


def test_source_round_trip() -> None:
    source = qr_source(PAY_URL)
    assert decode_id(source.removeprefix("image://qr/")) == PAY_URL
    assert qr_source(None) == ""
    assert qr_source("") == ""
    assert decode_id("%%%not base64") is None


def test_provider_renders_a_decodable_code(qapp: QApplication) -> None:
    provider = QrImageProvider()
    size = QSize()
    image = provider.requestImage(qr_source(PAY_URL).removeprefix("image://qr/"), size, QSize())
    assert not image.isNull()
    assert (size.width(), size.height()) == (image.width(), image.height())
    results = zxingcpp.read_barcodes(_pixels(image))
    assert [r.text for r in results] == [PAY_URL]


def test_provider_returns_empty_image_for_a_bad_id(qapp: QApplication) -> None:
    assert QrImageProvider().requestImage("%%%", QSize(), QSize()).isNull()
