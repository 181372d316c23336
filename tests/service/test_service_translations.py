"""Service messages: the QML catalogue that lupdate reads holds exactly the templates of
kiosk/service/messages.py, and Norwegian shows them translated with money formatted."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.core.number_format import NumberFormat
from kiosk.gui.viewmodels.service_text import result_text
from kiosk.gui.viewmodels.translation import catalogue
from kiosk.resources import ui_dir
from kiosk.service.control import ActionResult
from kiosk.service.messages import MESSAGES, PAYMENT_STATES, english

CATALOGUE = ui_dir() / "Kiosk" / "components" / "ServiceMessageCatalog.qml"


def test_catalogue_matches_the_messages() -> None:
    marked = re.findall(r'QT_TRANSLATE_NOOP\("ServiceMessage", (".*?")\)', CATALOGUE.read_text())
    assert [json.loads(text) for text in marked] == [*MESSAGES.values(), *PAYMENT_STATES.values()]


def test_english_fills_placeholders_and_money() -> None:
    text = english("refund_done", {"amount_ore": "12345", "session": "s1"})
    assert text == "Refunded NOK 123.45 of session s1."
    assert english("no_such_code", {}) == "no_such_code"


@pytest.mark.parametrize("currency", ["DKK", "EUR"])
def test_english_money_is_in_the_station_currency(currency: str) -> None:
    params = {"minimum_ore": "1", "maximum_ore": "50000", "currency": currency}
    text = english("refund_amount_invalid", params)
    assert text == f"The refund must be between {currency} 0.01 and {currency} 500.00."
    negative = english("refund_done", {"amount_ore": "-5", "session": "s1", "currency": currency})
    assert negative == f"Refunded {currency} -0.05 of session s1."


@pytest.mark.usefixtures("qapp")
def test_norwegian_result_text() -> None:
    translator = QTranslator()
    assert translator.load(str(catalogue("nb")))
    QCoreApplication.installTranslator(translator)
    try:
        result = ActionResult(
            False, "refund_amount_invalid", {"minimum_ore": "1", "maximum_ore": "500"}
        )
        text = result_text(result, NumberFormat("nb"))
        assert text == "Refusjonen må være mellom kr\u00a00,01 og kr\u00a05,00."
    finally:
        QCoreApplication.removeTranslator(translator)
