"""Service-mode texts for QML: action results and payment states, translated at display time.

The templates live in ``kiosk.service.messages`` (context ``ServiceMessage`` in the ``.ts``
files); money parameters (``*_ore``) are formatted for the language in force. No state.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from kiosk.core.number_format import NumberFormat
from kiosk.service.control import ActionResult
from kiosk.service.messages import CONTEXT, MESSAGES, PAYMENT_STATES, fill


def translated(template: str) -> str:
    return QCoreApplication.translate(CONTEXT, template)


def result_text(result: ActionResult | None, fmt: NumberFormat) -> str:
    if result is None:
        return ""
    template = MESSAGES.get(result.code)
    if template is None:
        return result.code
    return fill(translated(template), result.params, fmt.money)


def payment_state_text(key: str) -> str:
    template = PAYMENT_STATES.get(key)
    return translated(template) if template is not None else key


def local_time(moment: datetime | None) -> str:
    """``04.03 11:02`` in the station's local time; "" when unknown."""
    return "" if moment is None else moment.astimezone().strftime("%d.%m %H:%M")


def money_or_dash(fmt: NumberFormat, amount_ore: int | None) -> str:
    return "–" if amount_ore is None else fmt.money(amount_ore)
