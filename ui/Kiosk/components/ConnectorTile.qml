import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// One connector on the overview: its name, its state in words and what a tap does.
Rectangle {
    id: tile
    property ConnectorViewModel connector
    objectName: connector ? "tile_" + connector.connectorId : ""
    readonly property string state_: connector ? connector.tileState : ""
    readonly property bool inviting: state_ === "available" || state_ === "car_connected"
    readonly property bool tappable: state_ !== "starting"   // nothing to open while starting
    readonly property bool big: height > Theme.touch * 4   // a lone connector gets large type

    radius: Theme.radius
    color: area.pressed ? Theme.surfaceRaised : Theme.surface
    border.width: inviting ? Theme.border * 2 : Theme.border
    border.color: inviting ? Theme.accent : Theme.outline
    implicitHeight: Theme.touch * 2

    function stateText(s) {
        switch (s) {
        //: Connector tile state
        case "available": return qsTr("Available")
        case "car_connected": return qsTr("Car connected")
        case "in_use": return qsTr("In use")
        case "charging": return qsTr("Charging")
        case "finishing": return qsTr("Finishing")
        case "payment_unavailable": return qsTr("Payment unavailable")
        case "out_of_order": return qsTr("Out of order")
        //: Connector tile state: a technician checks the charger; nobody pays for it
        case "test_charge": return qsTr("Test charge")
        //: Connector tile state in the first second after the station switched on
        case "starting": return qsTr("Starting…")
        }
        return ""
    }
    function actionText(s) {
        switch (s) {
        case "available": return qsTr("Tap to charge")
        case "car_connected": return qsTr("Tap to pay")
        case "charging": return qsTr("Tap to see or stop")
        case "finishing": return qsTr("Tap to see")
        case "out_of_order": return qsTr("Please use another connector")
        case "test_charge": return qsTr("No payment · please use another connector")
        case "payment_unavailable": return qsTr("No new payments right now")
        case "starting": return qsTr("Ready in a moment")
        }
        return ""
    }
    function glyph(s) {
        switch (s) {
        case "available": return "▶"
        case "car_connected": return "▶"
        case "charging": return "⚡"
        case "out_of_order": return "✕"
        case "test_charge": return "⚡"
        case "payment_unavailable": return "!"
        }
        return "…"
    }

    Accessible.role: tappable ? Accessible.Button : Accessible.StaticText
    Accessible.name: connector ? connector.name + ": " + stateText(state_) : ""

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Math.round(Theme.gap / 3)

        Item { Layout.fillHeight: true }
        Label {
            Layout.fillWidth: true
            text: tile.connector ? tile.connector.name : ""
            font.pixelSize: tile.big ? Theme.fontTitle : Theme.fontLarge
            font.bold: true
            maximumLineCount: 1
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Rectangle {
                Layout.preferredWidth: Math.round(Theme.touch * 0.6)
                Layout.preferredHeight: Math.round(Theme.touch * 0.6)
                radius: width / 2
                color: tile.inviting ? Theme.accent : Theme.surfaceRaised
                Label {
                    anchors.centerIn: parent
                    text: tile.glyph(tile.state_)
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                }
            }
            Label {
                Layout.fillWidth: true
                text: tile.stateText(tile.state_)
                font.pixelSize: tile.big ? Theme.fontLarge : Theme.fontBody
                maximumLineCount: 2
            }
        }
        Label {
            Layout.fillWidth: true
            text: tile.connector && tile.connector.onPhone && tile.state_ === "paying"
                  ? qsTr("Payment in progress on a phone")
                  : tile.actionText(tile.state_)
            color: tile.inviting ? Theme.text : Theme.textDim
            font.pixelSize: tile.inviting ? (tile.big ? Theme.fontHuge : Theme.fontLarge)
                                          : Theme.fontSmall
            font.bold: tile.inviting
            maximumLineCount: 2
            visible: text !== ""
        }
        Item { Layout.fillHeight: true }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        enabled: tile.tappable
        onClicked: tile.connector.select()
    }
}
