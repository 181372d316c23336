import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// "Approved. Plug in the cable." with the time left before the reservation is released.
Item {
    id: screen
    objectName: "PlugInScreen"
    required property StationViewModel station
    required property ConnectorViewModel connector
    signal languageRequested()

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
            text: "✓ " + qsTr("Approved.")
            font.pixelSize: Theme.fontHuge
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            maximumLineCount: 1
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Plug in the cable.")
            font.pixelSize: Theme.fontHuge
            horizontalAlignment: Text.AlignHCenter
            maximumLineCount: 2
        }
        Label {
            Layout.fillWidth: true
            //: %1 is the amount reserved, %2 minutes:seconds
            text: qsTr("%1 is reserved. Plug in within %2, or the reservation is released.")
                  .arg(screen.connector.budgetText).arg(screen.connector.countdownText)
            color: Theme.textDim
            font.pixelSize: Theme.fontBody
            horizontalAlignment: Text.AlignHCenter
            maximumLineCount: 3
        }
        Item { Layout.fillHeight: true }
        BigButton {
            Layout.alignment: Qt.AlignHCenter
            Layout.minimumWidth: Math.round(screen.width * 0.4)
            text: qsTr("Cancel")
            onClicked: screen.connector.cancel()
        }
    }
}
