pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// Every connector's lane in one row, in the header of a focused lane's screens (2+ connectors
// only): its printed label in its colour, and its name (the lane in focus) or its state in words
// (the others). One tap on another lane gives it the screen (its Stop, its payment QR, or a new
// charge), so a driver always reaches their own Stop while another driver pays; a tap on the
// lane in focus shows the overview of all connectors.
Item {
    id: bar
    objectName: "connectorBar"
    property StationViewModel station
    property bool nameShown: true      // false where the title above already names the lane
    implicitHeight: Theme.touch

    function stateText(c: ConnectorViewModel): string {
        switch (c.tileState) {
        //: Another connector's lane in the connector bar
        case "available": return qsTr("Available")
        case "car_connected": return qsTr("Car connected")
        case "choosing": return qsTr("Choosing an amount")
        case "paying": return qsTr("Payment in progress")
        case "waiting_for_car": return qsTr("Waiting for the car")
        //: %1 is the energy so far, e.g. "12.4 kWh"
        case "charging": return c.energyText !== "" ? qsTr("Charging · %1").arg(c.energyText)
                                                    : qsTr("Charging")
        case "finishing": return qsTr("Finishing")
        case "in_use": return qsTr("In use")
        case "payment_unavailable": return qsTr("Payment unavailable")
        case "out_of_order": return qsTr("Out of order")
        case "test_charge": return qsTr("Test charge")
        case "starting": return qsTr("Starting…")
        }
        return ""
    }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.gap
        Repeater {
            model: bar.station !== null ? bar.station.connectors : []
            Rectangle {
                id: chip
                required property ConnectorViewModel modelData
                objectName: "lane_" + modelData.connectorId
                readonly property bool slim: chip.modelData.focused && !bar.nameShown
                Layout.fillWidth: !slim
                Layout.preferredWidth: slim ? Math.round(Theme.touch * 1.25) : Theme.touch * 2
                Layout.fillHeight: true
                radius: Theme.radius
                color: area.pressed ? Theme.surfaceRaised : Theme.surface
                border.width: chip.modelData.focused ? Theme.border * 2 : Theme.border
                border.color: chip.modelData.focused ? Theme.text : Theme.outline
                Accessible.role: Accessible.Button
                Accessible.name: chip.modelData.name + ": " + bar.stateText(chip.modelData)

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: Math.round(Theme.gap / 2)
                    anchors.rightMargin: Math.round(Theme.gap / 2)
                    spacing: Math.round(Theme.gap / 2)
                    Rectangle {
                        Layout.preferredWidth: Math.round(Theme.touch * 0.56)
                        Layout.preferredHeight: Math.round(Theme.touch * 0.56)
                        radius: width / 2
                        color: chip.modelData.colour !== "" ? chip.modelData.colour : Theme.surfaceRaised
                        border.width: Theme.border
                        border.color: Theme.text
                        Label {
                            anchors.centerIn: parent
                            text: chip.modelData.label
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                        }
                    }
                    Label {
                        visible: !chip.slim
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        verticalAlignment: Text.AlignVCenter
                        wrapMode: Text.WordWrap
                        fontSizeMode: Text.Fit   // long words shrink, never break mid-word
                        minimumPixelSize: Math.round(Theme.fontSmall * 0.6)
                        text: chip.modelData.focused ? chip.modelData.name
                                                     : bar.stateText(chip.modelData)
                        font.pixelSize: chip.modelData.focused ? Theme.fontBody : Theme.fontSmall
                        font.bold: chip.modelData.focused
                        lineHeight: 0.9
                        maximumLineCount: 3
                        elide: Text.ElideNone
                    }
                }
                MouseArea {
                    id: area
                    anchors.fill: parent
                    enabled: chip.modelData.tileState !== "starting"
                    onClicked: chip.modelData.focused ? bar.station.showOverview()
                                                      : chip.modelData.select()
                }
            }
        }
    }
}
