import QtQuick
import QtQuick.Layouts
import Kiosk

// Service: recent sessions with their payment state, the settlement queue with the next
// attempt, and the actions on the chosen session (retry, refund part or all, mark resolved).
ColumnLayout {
    id: root
    objectName: "ServiceSessionsPage"
    required property QtObject page
    property bool refunding: false
    readonly property var chosen: page.selected
    readonly property bool hasChoice: chosen.sessionId !== undefined
    spacing: Theme.gap

    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        columns: root.width >= root.height ? 2 : 1
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap

        Flickable {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 3
            clip: true
            contentHeight: list.implicitHeight
            boundsBehavior: Flickable.StopAtBounds
            ColumnLayout {
                id: list
                width: parent.width
                spacing: Math.round(Theme.gap / 2)
                Label {
                    Layout.fillWidth: true
                    visible: root.page.queue.length > 0
                    text: qsTr("Settlement queue")
                    font.bold: true
                }
                Repeater {
                    model: root.page.queue
                    BigButton {
                        required property var modelData
                        Layout.fillWidth: true
                        pixelSize: Theme.fontSmall
                        selected: root.chosen.sessionId === modelData.sessionId
                        text: "#" + modelData.connectorId + " " + modelData.sessionId + " · " + modelData.due
                              + "\n" + qsTr("next try %1").arg(modelData.nextAttempt) + " · " + modelData.operations
                        onClicked: { root.refunding = false; root.page.select(modelData.sessionId) }
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Recent sessions")
                    font.bold: true
                }
                Label {
                    Layout.fillWidth: true
                    visible: root.page.sessions.length === 0
                    text: qsTr("No sessions yet.")
                    color: Theme.textDim
                }
                Repeater {
                    model: root.page.sessions
                    BigButton {
                        required property var modelData
                        objectName: "session_" + modelData.sessionId
                        Layout.fillWidth: true
                        pixelSize: Theme.fontSmall
                        selected: root.chosen.sessionId === modelData.sessionId
                        text: modelData.when + " · #" + modelData.connectorId + " · " + modelData.captured
                              + "\n" + modelData.paymentState
                        onClicked: { root.refunding = false; root.page.select(modelData.sessionId) }
                    }
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 2
            color: Theme.surface
            radius: Theme.radius

            Label {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.gap
                visible: !root.hasChoice
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Choose a session.")
                color: Theme.textDim
            }

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Math.round(Theme.gap / 2)
                visible: root.hasChoice && !root.refunding
                Label {
                    Layout.fillWidth: true
                    text: root.chosen.sessionId || ""
                    font.bold: true
                    wrapMode: Text.WrapAnywhere
                    maximumLineCount: 2
                }
                Label {
                    objectName: "sessionFigures"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    verticalAlignment: Text.AlignTop
                    font.pixelSize: Theme.fontSmall
                    maximumLineCount: 8
                    text: root.hasChoice
                          ? qsTr("State") + ": " + root.chosen.paymentState + " (" + root.chosen.stateName + ")\n"
                            + qsTr("Energy") + ": " + root.chosen.energy + "\n"
                            + qsTr("Reserved") + ": " + root.chosen.authorized + " · " + qsTr("due") + ": " + root.chosen.due + "\n"
                            + qsTr("Captured") + ": " + root.chosen.captured + " · " + qsTr("refunded") + ": " + root.chosen.refunded
                          : ""
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: Math.round(Theme.gap / 2)
                    rowSpacing: Math.round(Theme.gap / 2)
                    BigButton {
                        objectName: "refundOpen"
                        Layout.fillWidth: true
                        pixelSize: Theme.fontBody
                        text: qsTr("Refund…")
                        enabled: root.hasChoice && root.chosen.refundableOre > 0 && !root.page.working
                        onClicked: root.refunding = true
                    }
                    BigButton {
                        objectName: "retrySettlement"
                        Layout.fillWidth: true
                        pixelSize: Theme.fontBody
                        text: qsTr("Retry settlement")
                        enabled: root.hasChoice && root.chosen.queued && !root.page.working
                        onClicked: root.page.retry(root.chosen.sessionId)
                    }
                    BigButton {
                        objectName: "markResolved"
                        Layout.fillWidth: true
                        Layout.columnSpan: 2
                        pixelSize: Theme.fontBody
                        text: qsTr("Mark resolved")
                        enabled: root.hasChoice && !root.chosen.resolved && !root.page.working
                        onClicked: root.page.resolve(root.chosen.sessionId)
                    }
                }
            }

            GridLayout {
                anchors.fill: parent
                anchors.margins: Theme.gap
                visible: root.hasChoice && root.refunding
                columns: 2
                columnSpacing: Math.round(Theme.gap / 2)
                rowSpacing: Math.round(Theme.gap / 2)
                ColumnLayout {
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1
                    Layout.fillWidth: true
                    spacing: Math.round(Theme.gap / 2)
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Refund (up to %1)").arg(root.chosen.refundable || "")
                        font.pixelSize: Theme.fontSmall
                        maximumLineCount: 3
                    }
                    Label {
                        objectName: "refundAmount"
                        Layout.fillWidth: true
                        text: root.page.refundText
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        wrapMode: Text.NoWrap
                        fontSizeMode: Text.HorizontalFit
                    }
                    BigButton {
                        Layout.fillWidth: true
                        pixelSize: Theme.fontBody
                        text: qsTr("All")
                        onClicked: root.page.amountAll()
                    }
                    BigButton {
                        Layout.fillWidth: true
                        pixelSize: Theme.fontBody
                        text: qsTr("Cancel")
                        onClicked: root.refunding = false
                    }
                }
                Keypad {
                    objectName: "refundKeypad"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1
                    extraText: qsTr("Refund")
                    extraEnabled: !root.page.working
                    onDigit: (value) => root.page.amountDigit(value)
                    onBackspace: root.page.amountBackspace()
                    onExtra: { root.refunding = false; root.page.refund() }
                }
            }
        }
    }

    ServiceMessageBar { Layout.fillWidth: true; page: root.page }
}
