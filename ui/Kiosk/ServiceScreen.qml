pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// Service mode over the driver's screens: the PIN pad, or the technician's pages.
// Everything shown and every decision comes from `service` (kiosk.gui.viewmodels.service_vm).
Rectangle {
    id: screen
    objectName: "ServiceScreen"
    required property ServiceViewModel service
    color: Theme.background

    // Swallow every touch that no control takes, so nothing reaches the driver's screen.
    MouseArea { anchors.fill: parent }

    ServicePinPad {
        anchors.fill: parent
        anchors.margins: Theme.margin
        visible: screen.service.mode === "pin"
        service: screen.service
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        visible: screen.service.mode === "open"

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Label {
                Layout.fillWidth: true
                text: qsTr("Service")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                wrapMode: Text.NoWrap
                maximumLineCount: 1
            }
            Repeater {
                model: [
                    { page: "connectors", text: qsTr("Connectors") },
                    { page: "sessions", text: qsTr("Sessions") },
                    { page: "station", text: qsTr("Station") }
                ]
                BigButton {
                    required property var modelData
                    objectName: "tab_" + modelData.page
                    text: modelData.text
                    pixelSize: Theme.fontBody
                    selected: screen.service.page === modelData.page
                    onClicked: screen.service.showPage(modelData.page)
                }
            }
            BigButton {
                objectName: "serviceExit"
                text: qsTr("Exit")
                kind: "primary"
                pixelSize: Theme.fontBody
                onClicked: screen.service.exit()
            }
        }

        Loader {
            Layout.fillWidth: true
            Layout.fillHeight: true
            sourceComponent: screen.service.page === "sessions" ? sessionsPage
                           : screen.service.page === "station" ? stationPage : connectorsPage
        }
    }

    Component { id: connectorsPage; ServiceConnectorsPage { page: screen.service.connectors } }
    Component { id: sessionsPage; ServiceSessionsPage { page: screen.service.sessions } }
    Component { id: stationPage; ServiceStationPage { page: screen.service.stationPage } }
}
