import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// Why a payment or a charge did not happen, in plain words, and whether money was released.
Item {
    id: screen
    objectName: "MessageScreen"
    required property StationViewModel station
    required property ConnectorViewModel connector
    signal languageRequested()
    readonly property string kind: connector ? connector.screen : ""
    // States of the connector itself: leaving the message only returns to the overview.
    readonly property bool connectorState: kind === "out_of_order" || kind === "fault"
                                           || kind === "payment_unavailable"
                                           || kind === "test_charge"

    function title(k, failure) {
        switch (k) {
        case "declined": return qsTr("Payment declined")
        case "expired": return qsTr("Time ran out")
        case "cancelled": return qsTr("Payment cancelled")
        case "plug_in_timeout": return qsTr("No cable was plugged in")
        case "failed": return qsTr("Something went wrong")
        case "payment_unavailable": return qsTr("Payment is unavailable")
        case "out_of_order": return qsTr("Out of order")
        case "test_charge": return qsTr("Test charge")
        case "fault":
            return failure === "charger_not_responding" ? qsTr("Charger not responding")
                                                        : qsTr("Charger fault")
        }
        return ""
    }
    function body(k, failure) {
        switch (k) {
        case "declined": return qsTr("The payment was declined in the app. No money was taken.")
        case "expired": return qsTr("The payment was not approved in time. No money was taken.")
        case "cancelled": return qsTr("The payment was cancelled. No money was taken.")
        case "plug_in_timeout": return qsTr("The car was not plugged in in time, so the charge did not start.")
        case "failed":
            switch (failure) {
            case "payment_error": return qsTr("The payment could not be started. Please try again.")
            case "charger_error": return qsTr("The charger could not start charging.")
            case "charger_not_responding": return qsTr("The charger is not responding.")
            }
            return qsTr("Please try again, or use another connector.")
        case "payment_unavailable": return qsTr("Vipps MobilePay cannot be reached right now, so no new charge can start. Charging that has started goes on. Please try again in a few minutes.")
        case "out_of_order": return qsTr("This connector is out of order. Please use another connector.")
        case "test_charge": return qsTr("A technician is testing this connector's charger. Nobody pays for this charge. Please use another connector.")
        case "fault":
            if (failure === "charger_not_responding")
                return qsTr("The station cannot reach this connector's charger. Please use another connector.")
            return qsTr("This connector has a fault and cannot charge now. Please use another connector.")
        }
        return ""
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Header {
            Layout.fillWidth: true
            title: screen.connector.name
            badgeText: screen.connector.label
            station: screen.station
            badgeColour: screen.connector.colour !== "" ? screen.connector.colour : Theme.surfaceRaised
            languageName: screen.station.languageName
            onLanguageRequested: screen.languageRequested()
        }
        Item { Layout.fillHeight: true }
        Label {
            Layout.fillWidth: true
            text: (screen.connectorState ? "⚠ " : "✕ ") + screen.title(screen.kind, screen.connector.failure)
            font.pixelSize: Theme.fontHuge
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            maximumLineCount: 2
        }
        Item { Layout.preferredHeight: Theme.gap }
        Label {
            objectName: "messageBody"
            Layout.fillWidth: true
            text: screen.body(screen.kind, screen.connector.failure)
            font.pixelSize: text.length > 110 ? Theme.fontBody : Theme.fontLarge
            horizontalAlignment: Text.AlignHCenter
            maximumLineCount: 6
        }
        Label {
            objectName: "releasedText"
            Layout.fillWidth: true
            visible: screen.connector.hasReleased
            //: %1 is an amount of money
            text: qsTr("The money was released: %1. Your bank may take a few days to show it.")
                  .arg(screen.connector.releasedText)
            font.pixelSize: Theme.fontBody
            color: Theme.textDim
            horizontalAlignment: Text.AlignHCenter
            maximumLineCount: 3
        }
        Item { Layout.fillHeight: true }
        BigButton {
            objectName: "okButton"
            Layout.alignment: Qt.AlignHCenter
            Layout.minimumWidth: Math.round(screen.width * 0.4)
            text: qsTr("OK")
            onClicked: screen.connectorState ? screen.station.showOverview()
                                             : screen.connector.dismiss()
        }
    }
}
