import QtQuick

// Marks the service-mode messages of kiosk/service/messages.py for lupdate (context
// ServiceMessage); the view-model translates them. Never shown. Kept in step with
// messages.py by tests/service/test_service_translations.py.
QtObject {
    readonly property var texts: [
        QT_TRANSLATE_NOOP("ServiceMessage", "Wrong PIN. {attempts} tries left."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Too many wrong PINs. The pad is locked until {until}."),
        QT_TRANSLATE_NOOP("ServiceMessage", "No service PIN is set. Set one with the command kiosk set-pin."),
        QT_TRANSLATE_NOOP("ServiceMessage", "The PIN cannot be checked now (database error). Try again."),
        QT_TRANSLATE_NOOP("ServiceMessage", "{connector} is now out of order."),
        QT_TRANSLATE_NOOP("ServiceMessage", "{connector} is back in service."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Test charge started on {connector} (no payment)."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Charging on {connector} stopped."),
        QT_TRANSLATE_NOOP("ServiceMessage", "There is no connector {connector}."),
        QT_TRANSLATE_NOOP("ServiceMessage", "The station refused: {reason}"),
        QT_TRANSLATE_NOOP("ServiceMessage", "The station could not do it: {reason}"),
        QT_TRANSLATE_NOOP("ServiceMessage", "There is no session {session}."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Session {session} is not waiting for settlement."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Settlement of session {session} will be tried again now."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Refunded {amount_ore} of session {session}."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Vipps did not answer. The refund of {amount_ore} is saved; press Refund again later to send the same refund (it cannot be paid twice)."),
        QT_TRANSLATE_NOOP("ServiceMessage", "A refund of {amount_ore} is still unconfirmed. Refund that amount to send it again."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Vipps refused the refund: {reason}"),
        QT_TRANSLATE_NOOP("ServiceMessage", "The refund must be between {minimum_ore} and {maximum_ore}."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Nothing to refund: session {session} has no captured money left."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Session {session} has no payment to refund."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Session {session} is marked resolved."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Session {session} was already resolved."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Vipps answers (token and payment check OK): {detail}"),
        QT_TRANSLATE_NOOP("ServiceMessage", "Vipps cannot be used: {detail}"),
        QT_TRANSLATE_NOOP("ServiceMessage", "Vipps is not configured on this station (no client)."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Exported {count} sessions to {file}."),
        QT_TRANSLATE_NOOP("ServiceMessage", "Could not export: {reason}"),
        QT_TRANSLATE_NOOP("ServiceMessage", "The database did not answer: {reason}"),
        QT_TRANSLATE_NOOP("ServiceMessage", "The records are intact: {entries} entries checked, every link holds. Last link: {head}"),
        QT_TRANSLATE_NOOP("ServiceMessage", "The records were changed after they were written: the first broken link is entry {seq} ({problem}). Call the operator."),
        QT_TRANSLATE_NOOP("ServiceMessage", "test charge (no payment)"),
        QT_TRANSLATE_NOOP("ServiceMessage", "resolved by hand"),
        QT_TRANSLATE_NOOP("ServiceMessage", "refunded"),
        QT_TRANSLATE_NOOP("ServiceMessage", "partly refunded"),
        QT_TRANSLATE_NOOP("ServiceMessage", "settled"),
        QT_TRANSLATE_NOOP("ServiceMessage", "waiting for settlement"),
        QT_TRANSLATE_NOOP("ServiceMessage", "money reserved"),
        QT_TRANSLATE_NOOP("ServiceMessage", "no payment")
    ]
}
