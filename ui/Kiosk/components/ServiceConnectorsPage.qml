pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// Service: each connector's live state (decoded values, IEC state, current limit, meter,
// link health, last errors) and its switches. Values come preformatted from the view-model.
ColumnLayout {
    id: root
    objectName: "ServiceConnectorsPage"
    required property ServiceConnectorsViewModel page
    spacing: Theme.gap

    Flickable {
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        contentHeight: panels.implicitHeight
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: panels
            width: parent.width
            spacing: Theme.gap
            Repeater {
                model: root.page.items
                Rectangle {
                    id: panel
                    required property var modelData
                    Layout.fillWidth: true
                    implicitHeight: body.implicitHeight + 2 * Theme.gap
                    color: Theme.surface
                    radius: Theme.radius
                    border.width: Theme.border
                    border.color: modelData.online ? Theme.outline : Theme.warning

                    ColumnLayout {
                        id: body
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        spacing: Math.round(Theme.gap / 2)
                        Label {
                            Layout.fillWidth: true
                            text: panel.modelData.name + (panel.modelData.outOfOrder ? "  ⛔ " + qsTr("Out of order") : "")
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                        }
                        Label {
                            Layout.fillWidth: true
                            text: panel.modelData.device
                            color: Theme.textDim
                            font.pixelSize: Theme.fontSmall
                        }
                        Flow {
                            Layout.fillWidth: true
                            spacing: Theme.gap
                            Repeater {
                                model: [
                                    { k: qsTr("IEC state"), v: panel.modelData.iecState },
                                    { k: qsTr("Link"), v: panel.modelData.online ? "✔ " + qsTr("online") : "✖ " + panel.modelData.link },
                                    { k: qsTr("Current limit"), v: panel.modelData.currentLimit },
                                    { k: qsTr("Meter"), v: panel.modelData.meter },
                                    { k: qsTr("Power"), v: panel.modelData.power },
                                    { k: qsTr("Read"), v: qsTr("%1 ago").arg(panel.modelData.age) }
                                ]
                                Label {
                                    required property var modelData
                                    width: Math.min(implicitWidth, body.width)
                                    text: modelData.k + ": <b>" + modelData.v + "</b>"
                                    textFormat: Text.StyledText
                                    font.pixelSize: Theme.fontBody
                                }
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("Registers") + ": " + panel.modelData.registers.map(r => r.name + " " + r.value).join(" · ")
                            color: Theme.textDim
                            font.pixelSize: Theme.fontSmall
                            maximumLineCount: 6
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: panel.modelData.errors.length > 0
                            text: "⚠ " + qsTr("Last errors") + ":\n" + panel.modelData.errors.join("\n")
                            color: Theme.warning
                            font.pixelSize: Theme.fontSmall
                            maximumLineCount: 6
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.gap
                            BigButton {
                                objectName: "outOfOrder_" + panel.modelData.connectorId
                                Layout.fillWidth: true
                                pixelSize: Theme.fontBody
                                text: panel.modelData.outOfOrder ? qsTr("Back in service") : qsTr("Out of order")
                                enabled: !root.page.working
                                onClicked: root.page.setOutOfOrder(panel.modelData.connectorId, !panel.modelData.outOfOrder)
                            }
                            BigButton {
                                objectName: "testCharge_" + panel.modelData.connectorId
                                Layout.fillWidth: true
                                pixelSize: Theme.fontBody
                                text: qsTr("Test charge")
                                enabled: !root.page.working
                                onClicked: root.page.testCharge(panel.modelData.connectorId)
                            }
                            BigButton {
                                objectName: "stop_" + panel.modelData.connectorId
                                Layout.fillWidth: true
                                pixelSize: Theme.fontBody
                                kind: "danger"
                                text: qsTr("Stop charging")
                                enabled: !root.page.working
                                onClicked: root.page.stop(panel.modelData.connectorId)
                            }
                        }
                    }
                }
            }
        }
    }

    ServiceMessageBar {
        Layout.fillWidth: true
        message: root.page.message
        ok: root.page.ok
        working: root.page.working
    }
}
