"""Every sentence service mode shows for an action's outcome, keyed by a short code.

The templates are English with ``{name}`` placeholders. ``QT_TRANSLATE_NOOP`` below is a plain
function (no Qt here): it only marks each template so that ``pyside6-lupdate`` extracts it into
the ``ServiceMessage`` context of ``assets/translations/*.ts``; the view-model translates the
template at display time and then fills in the placeholders. A message with money (``*_ore``)
also carries the station's currency (ISO code) as the parameter ``currency``, which no template
shows; ``english`` writes the amounts in it ("DKK 12.50"), and in NOK when it is absent.
Raises nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

CONTEXT = "ServiceMessage"
CURRENCY_PARAM = "currency"
DEFAULT_CURRENCY = "NOK"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    return text


MESSAGES: dict[str, str] = {
    # access
    "pin_wrong": QT_TRANSLATE_NOOP("ServiceMessage", "Wrong PIN. {attempts} tries left."),
    "pin_locked": QT_TRANSLATE_NOOP(
        "ServiceMessage", "Too many wrong PINs. The pad is locked until {until}."
    ),
    "pin_not_set": QT_TRANSLATE_NOOP(
        "ServiceMessage", "No service PIN is set. Set one with the command kiosk set-pin."
    ),
    "pin_unavailable": QT_TRANSLATE_NOOP(
        "ServiceMessage", "The PIN cannot be checked now (database error). Try again."
    ),
    # connectors
    "out_of_order_on": QT_TRANSLATE_NOOP("ServiceMessage", "{connector} is now out of order."),
    "out_of_order_off": QT_TRANSLATE_NOOP("ServiceMessage", "{connector} is back in service."),
    "test_charge_started": QT_TRANSLATE_NOOP(
        "ServiceMessage", "Test charge started on {connector} (no payment)."
    ),
    "charge_stopped": QT_TRANSLATE_NOOP("ServiceMessage", "Charging on {connector} stopped."),
    "unknown_connector": QT_TRANSLATE_NOOP("ServiceMessage", "There is no connector {connector}."),
    "station_refused": QT_TRANSLATE_NOOP("ServiceMessage", "The station refused: {reason}"),
    "station_failed": QT_TRANSLATE_NOOP("ServiceMessage", "The station could not do it: {reason}"),
    # sessions
    "unknown_session": QT_TRANSLATE_NOOP("ServiceMessage", "There is no session {session}."),
    "not_queued": QT_TRANSLATE_NOOP(
        "ServiceMessage", "Session {session} is not waiting for settlement."
    ),
    "settlement_retry": QT_TRANSLATE_NOOP(
        "ServiceMessage", "Settlement of session {session} will be tried again now."
    ),
    "refund_done": QT_TRANSLATE_NOOP(
        "ServiceMessage", "Refunded {amount_ore} of session {session}."
    ),
    "refund_pending": QT_TRANSLATE_NOOP(
        "ServiceMessage",
        "Vipps did not answer. The refund of {amount_ore} is saved; press Refund again later "
        "to send the same refund (it cannot be paid twice).",
    ),
    "refund_pending_first": QT_TRANSLATE_NOOP(
        "ServiceMessage",
        "A refund of {amount_ore} is still unconfirmed. Refund that amount to send it again.",
    ),
    "refund_rejected": QT_TRANSLATE_NOOP("ServiceMessage", "Vipps refused the refund: {reason}"),
    "refund_amount_invalid": QT_TRANSLATE_NOOP(
        "ServiceMessage", "The refund must be between {minimum_ore} and {maximum_ore}."
    ),
    "refund_nothing": QT_TRANSLATE_NOOP(
        "ServiceMessage", "Nothing to refund: session {session} has no captured money left."
    ),
    "refund_no_payment": QT_TRANSLATE_NOOP(
        "ServiceMessage", "Session {session} has no payment to refund."
    ),
    "resolved": QT_TRANSLATE_NOOP("ServiceMessage", "Session {session} is marked resolved."),
    "already_resolved": QT_TRANSLATE_NOOP(
        "ServiceMessage", "Session {session} was already resolved."
    ),
    # station
    "vipps_ok": QT_TRANSLATE_NOOP(
        "ServiceMessage", "Vipps answers (token and payment check OK): {detail}"
    ),
    "vipps_failed": QT_TRANSLATE_NOOP("ServiceMessage", "Vipps cannot be used: {detail}"),
    "vipps_not_configured": QT_TRANSLATE_NOOP(
        "ServiceMessage", "Vipps is not configured on this station (no client)."
    ),
    "exported": QT_TRANSLATE_NOOP("ServiceMessage", "Exported {count} sessions to {file}."),
    "export_failed": QT_TRANSLATE_NOOP("ServiceMessage", "Could not export: {reason}"),
    "database_failed": QT_TRANSLATE_NOOP("ServiceMessage", "The database did not answer: {reason}"),
    "chain_ok": QT_TRANSLATE_NOOP(
        "ServiceMessage",
        "The records are intact: {entries} entries checked, every link holds. Last link: {head}",
    ),
    "chain_broken": QT_TRANSLATE_NOOP(
        "ServiceMessage",
        "The records were changed after they were written: the first broken link is entry"
        " {seq} ({problem}). Call the operator.",
    ),
}

PAYMENT_STATES: dict[str, str] = {
    "test_charge": QT_TRANSLATE_NOOP("ServiceMessage", "test charge (no payment)"),
    "resolved": QT_TRANSLATE_NOOP("ServiceMessage", "resolved by hand"),
    "refunded": QT_TRANSLATE_NOOP("ServiceMessage", "refunded"),
    "partly_refunded": QT_TRANSLATE_NOOP("ServiceMessage", "partly refunded"),
    "settled": QT_TRANSLATE_NOOP("ServiceMessage", "settled"),
    "settling": QT_TRANSLATE_NOOP("ServiceMessage", "waiting for settlement"),
    "authorized": QT_TRANSLATE_NOOP("ServiceMessage", "money reserved"),
    "no_payment": QT_TRANSLATE_NOOP("ServiceMessage", "no payment"),
}


def fill(template: str, params: Mapping[str, str], money: Callable[[int], str]) -> str:
    """``template`` with ``params``; a parameter named ``*_ore`` is money, shown by ``money``."""
    values = {
        name: money(int(value)) if name.endswith("_ore") and value.lstrip("-").isdigit() else value
        for name, value in params.items()
    }
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):
        return template


def _plain_money(amount_ore: int, currency: str) -> str:
    sign = "-" if amount_ore < 0 else ""
    units, cents = divmod(abs(amount_ore), 100)
    return f"{currency} {sign}{units}.{cents:02d}"


def english(code: str, params: Mapping[str, str]) -> str:
    """The message ``code`` in English with ``params`` filled in (unknown codes: the code)."""
    template = MESSAGES.get(code) or PAYMENT_STATES.get(code) or code
    currency = params.get(CURRENCY_PARAM) or DEFAULT_CURRENCY
    return fill(template, params, lambda amount_ore: _plain_money(amount_ore, currency))
