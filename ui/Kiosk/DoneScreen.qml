import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// The end: energy, paid, released (with the bank's delay), the receipt, "Please unplug".
Item {
    id: screen
    objectName: "DoneScreen"
    required property StationViewModel station
    required property ConnectorViewModel connector
    signal languageRequested()
    readonly property bool landscape: width >= height

    function reasonText(reason) {
        switch (reason) {
        case "driver": return qsTr("You stopped the charge.")
        case "phone": return qsTr("You stopped the charge from your phone.")
        case "budget_reached": return qsTr("The charge stopped: your amount was used up.")
        case "car_full": return qsTr("The charge stopped: the car is full.")
        case "unplugged": return qsTr("The charge stopped: the cable was unplugged.")
        case "fault": return qsTr("The charge stopped because of a fault at the charger.")
        case "technician": return qsTr("The charge was stopped by a technician.")
        case "station": return qsTr("The charge was stopped by the station.")
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

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: screen.landscape ? 2 : 1
            columnSpacing: Theme.margin
            rowSpacing: Theme.gap

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.gap
                Label {
                    objectName: "unplugTitle"
                    Layout.fillWidth: true
                    text: "✓ " + qsTr("Thank you! Please unplug the cable.")
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    maximumLineCount: 2
                }
                Label {
                    Layout.fillWidth: true
                    text: screen.reasonText(screen.connector.stopReason)
                    font.pixelSize: Theme.fontBody
                    visible: text !== ""
                    maximumLineCount: 2
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Metric {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        caption: qsTr("Energy")
                        valueSize: Theme.fontTitle
                        value: screen.connector.energyText
                    }
                    Metric {
                        objectName: "paidMetric"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        caption: screen.connector.settlementPending ? qsTr("To pay") : qsTr("Paid")
                        valueSize: Theme.fontTitle
                        value: screen.connector.settlementPending ? screen.connector.costText
                                                                  : screen.connector.paidText
                    }
                }
                Label {
                    objectName: "pendingText"
                    Layout.fillWidth: true
                    visible: screen.connector.settlementPending
                    //: %1 is an amount of money
                    text: qsTr("%1 will be charged and the rest released as soon as the payment service answers.")
                          .arg(screen.connector.costText)
                    font.pixelSize: Theme.fontBody
                    maximumLineCount: 3
                }
                Label {
                    objectName: "releasedText"
                    Layout.fillWidth: true
                    visible: screen.connector.hasReleased && !screen.connector.settlementPending
                    //: %1 is an amount of money
                    text: qsTr("%1 released; your bank may take a few days to show it.")
                          .arg(screen.connector.releasedText)
                    font.pixelSize: Theme.fontBody
                    maximumLineCount: 3
                }
                Item { Layout.fillHeight: true }
                BigButton {
                    Layout.fillWidth: true
                    objectName: "doneButton"
                    text: qsTr("Done")
                    onClicked: screen.connector.dismiss()
                }
            }

            ColumnLayout {
                visible: screen.connector.receiptQrSource !== ""
                Layout.fillHeight: true
                Layout.fillWidth: !screen.landscape
                Layout.preferredWidth: screen.landscape ? Math.round(screen.width * 0.28) : -1
                spacing: Math.round(Theme.gap / 2)
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Receipt")
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    maximumLineCount: 1
                }
                Item {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.minimumHeight: Theme.touch * 2
                    QrImage {
                        anchors.centerIn: parent
                        width: Math.min(parent.width, parent.height)
                        height: width
                        source: screen.connector.receiptQrSource
                    }
                }
                Label {
                    Layout.fillWidth: true
                    //: %1 is the payment app's name in the market ("Vipps" or "MobilePay")
                    text: qsTr("The receipt is also in your %1 app.").arg(screen.station.appName)
                    color: Theme.textDim
                    font.pixelSize: Theme.fontSmall
                    horizontalAlignment: Text.AlignHCenter
                    maximumLineCount: 3
                }
            }
        }
    }
}
