pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// Service: recent sessions with their payment state, the settlement queue with the next
// attempt, and the actions on the chosen session (retry, refund part or all, mark resolved).
ColumnLayout {
    id: root
    objectName: "ServiceSessionsPage"
    required property ServiceSessionsViewModel page
    property bool refunding: false
    readonly property var chosen: page.selected
    readonly property bool hasChoice: chosen.sessionId !== undefined
    readonly property bool landscape: width >= height
    spacing: Theme.gap

    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        visible: !root.refunding
        columns: root.landscape ? 2 : 1
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap

        Flickable {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1
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
                        text: "#" + modelData.connectorId + " · " + modelData.due + " · " + modelData.operations
                              + "\n" + qsTr("next try %1").arg(modelData.nextAttempt)
                        onClicked: root.page.select(modelData.sessionId)
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
                        onClicked: root.page.select(modelData.sessionId)
                    }
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1
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
                visible: root.hasChoice
                Label {
                    Layout.fillWidth: true
                    text: root.chosen.sessionId || ""
                    font.bold: true
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WrapAnywhere
                    maximumLineCount: 2
                }
                Flickable {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    contentHeight: figures.implicitHeight
                    boundsBehavior: Flickable.StopAtBounds
                    Label {
                        id: figures
                        objectName: "sessionFigures"
                        width: parent.width
                        font.pixelSize: Theme.fontSmall
                        maximumLineCount: 12
                        text: root.hasChoice
                              ? qsTr("State") + ": " + root.chosen.paymentState + " (" + root.chosen.stateName + ")\n"
                                + qsTr("Energy") + ": " + root.chosen.energy + "\n"
                                + qsTr("Reserved") + ": " + root.chosen.authorized + "\n"
                                + qsTr("due") + ": " + root.chosen.due + "\n"
                                + qsTr("Captured") + ": " + root.chosen.captured + "\n"
                                + qsTr("refunded") + ": " + root.chosen.refunded
                              : ""
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Math.round(Theme.gap / 2)
                    BigButton {
                        objectName: "refundOpen"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        pixelSize: Theme.fontBody
                        text: qsTr("Refund…")
                        enabled: root.hasChoice && root.chosen.refundableOre > 0 && !root.page.working
                        onClicked: root.refunding = true
                    }
                    BigButton {
                        objectName: "retrySettlement"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        pixelSize: Theme.fontBody
                        text: qsTr("Settle now")
                        enabled: root.hasChoice && root.chosen.queued && !root.page.working
                        onClicked: root.page.retry(root.chosen.sessionId)
                    }
                }
                BigButton {
                    objectName: "markResolved"
                    Layout.fillWidth: true
                    pixelSize: Theme.fontBody
                    text: qsTr("Mark resolved")
                    enabled: root.hasChoice && !root.chosen.resolved && !root.page.working
                    onClicked: root.page.resolve(root.chosen.sessionId)
                }
            }
        }
    }

    // The refund amount, typed like on a till (digits fill from the right, in øre).
    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        visible: root.refunding
        columns: root.landscape ? 2 : 1
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap
        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            spacing: Math.round(Theme.gap / 2)
            Label {
                Layout.fillWidth: true
                text: qsTr("Refund (up to %1)").arg(root.chosen.refundable || "")
                maximumLineCount: 3
            }
            Label {
                objectName: "refundAmount"
                Layout.fillWidth: true
                text: root.page.refundText
                font.pixelSize: Theme.fontTitle
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
                objectName: "refundConfirm"
                Layout.fillWidth: true
                pixelSize: Theme.fontBody
                kind: "primary"
                text: qsTr("Refund")
                enabled: !root.page.working
                onClicked: { root.refunding = false; root.page.refund() }
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
            onDigit: (value) => root.page.amountDigit(value)
            onBackspace: root.page.amountBackspace()
        }
    }

    ServiceMessageBar {
        Layout.fillWidth: true
        message: root.page.message
        ok: root.page.ok
        working: root.page.working
    }
}
