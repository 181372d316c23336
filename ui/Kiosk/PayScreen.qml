import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// The payment's QR code, large, with the amount, the connector, the time left and Cancel.
Item {
    id: screen
    objectName: "PayScreen"
    required property StationViewModel station
    required property ConnectorViewModel connector
    signal languageRequested()
    readonly property bool landscape: width >= height
    readonly property bool push: connector.qrSource === ""

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

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: screen.landscape ? 2 : 1
            columnSpacing: Theme.margin * 2
            rowSpacing: Theme.margin

            Item {
                id: qrArea
                visible: !screen.push
                Layout.fillHeight: true
                Layout.fillWidth: !screen.landscape
                Layout.preferredWidth: screen.landscape ? height : -1
                Layout.preferredHeight: screen.landscape ? -1 : width
                QrImage {
                    objectName: "paymentQr"
                    anchors.centerIn: parent
                    width: Math.min(parent.width, parent.height)
                    height: width
                    source: screen.connector.qrSource
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.gap

                Label {
                    Layout.fillWidth: true
                    text: screen.connector.onPhone
                          ? qsTr("Payment in progress on a phone")
                          : screen.push
                            ? qsTr("Approve the payment in the Vipps MobilePay app on your phone")
                            : qsTr("Scan the code with your phone's camera or the Vipps MobilePay app")
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    maximumLineCount: 4
                }
                Label {
                    Layout.fillWidth: true
                    visible: screen.connector.onPhone
                    text: qsTr("Someone is paying for this connector on their phone. The charge starts when the payment is approved.")
                    font.pixelSize: Theme.fontBody
                    maximumLineCount: 4
                }
                Label {
                    Layout.fillWidth: true
                    visible: screen.push && screen.connector.phoneText !== ""
                    text: screen.connector.phoneText
                    font.pixelSize: Theme.fontBody
                }
                Metric {
                    Layout.fillWidth: true
                    //: The amount reserved, on the pay screen
                    caption: qsTr("Amount")
                    value: screen.connector.budgetText
                }
                Label {
                    Layout.fillWidth: true
                    //: %1 is minutes:seconds
                    text: qsTr("Time left: %1").arg(screen.connector.countdownText)
                    font.pixelSize: Theme.fontBody
                    maximumLineCount: 1
                }
                Item { Layout.fillHeight: true }
                BigButton {
                    objectName: "cancelButton"
                    Layout.fillWidth: true
                    // a phone's payment belongs to the phone: nobody at the screen cancels it
                    visible: !screen.connector.onPhone
                    text: qsTr("Cancel")
                    onClicked: screen.connector.cancel()
                }
                BigButton {
                    objectName: "backButton"
                    Layout.fillWidth: true
                    visible: screen.connector.onPhone
                    text: qsTr("Back")
                    onClicked: screen.station.showOverview()
                }
            }
        }
    }
}
