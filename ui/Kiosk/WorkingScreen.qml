import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// Stopping the charge or finishing the payment: nothing to do but wait a moment.
Item {
    id: screen
    objectName: "WorkingScreen"
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
            backText: ""  // with 2+ connectors, the lanes in the header lead to the overview
            languageName: screen.station.languageName
            onBack: screen.station.showOverview()
            onLanguageRequested: screen.languageRequested()
        }
        Item { Layout.fillHeight: true }
        Label {
            Layout.fillWidth: true
            text: screen.connector.screen === "stopping" ? qsTr("Stopping the charge…")
                                                          : qsTr("Finishing the payment…")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
        }
        Label {
            Layout.fillWidth: true
            visible: screen.connector.energyText !== ""
            //: %1 energy, %2 money
            text: qsTr("%1 delivered, %2 so far").arg(screen.connector.energyText).arg(screen.connector.costText)
            font.pixelSize: Theme.fontLarge
            horizontalAlignment: Text.AlignHCenter
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Please wait a moment.")
            color: Theme.textDim
            font.pixelSize: Theme.fontBody
            horizontalAlignment: Text.AlignHCenter
        }
        Item { Layout.fillHeight: true }
    }
}
