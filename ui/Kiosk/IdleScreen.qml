pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// The overview: station name, the operator's message (if any), one tile per connector, the
// full price, the language switch.
Item {
    id: screen
    objectName: "IdleScreen"
    required property StationViewModel station
    signal languageRequested()
    readonly property bool landscape: width >= height

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Header {
            Layout.fillWidth: true
            title: screen.station.stationName
            languageName: screen.station.languageName
            onLanguageRequested: screen.languageRequested()
        }

        OperatorMessage {
            Layout.fillWidth: true
            messages: screen.station.operatorMessages
            compact: screen.landscape && screen.station.connectors.length > 2
        }

        Rectangle {
            Layout.fillWidth: true
            visible: !screen.station.paymentAvailable && !screen.station.starting
            implicitHeight: unavailableText.implicitHeight + 2 * Theme.gap
            color: Theme.surface
            border.width: Theme.border
            border.color: Theme.warning
            radius: Theme.radius
            Label {
                id: unavailableText
                anchors.fill: parent
                anchors.margins: Theme.gap
                text: "⚠ " + qsTr("Payment is unavailable right now, so no new charge can start. Charging that has started goes on.")
                font.pixelSize: Theme.fontBody
                maximumLineCount: 3
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: screen.landscape ? 2 : 1
            columnSpacing: Theme.margin
            rowSpacing: Theme.margin

            GridLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                columns: screen.station.connectors.length > 2 ? 2 : 1
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                Repeater {
                    model: screen.station.connectors
                    ConnectorTile {
                        required property ConnectorViewModel modelData
                        connector: modelData
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.minimumHeight: Theme.touch
                    }
                }
            }

            Rectangle {
                Layout.fillHeight: screen.landscape
                Layout.fillWidth: !screen.landscape
                Layout.preferredWidth: screen.landscape
                                       ? Math.round(screen.width * (screen.station.connectors.length > 2 ? 0.36 : 0.42)) : -1
                implicitHeight: priceList.implicitHeight + 2 * Theme.margin
                color: Theme.surface
                radius: Theme.radius
                PriceList {
                    id: priceList
                    station: screen.station
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: Theme.margin
                }
            }
        }
    }
}
