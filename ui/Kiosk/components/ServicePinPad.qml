import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// The service PIN pad: dots for the digits typed, the pad's message, a keypad and Cancel.
Item {
    id: pad
    objectName: "ServicePinPad"
    required property ServiceViewModel service
    readonly property bool landscape: width >= height

    GridLayout {
        anchors.fill: parent
        columns: pad.landscape ? 2 : 1
        columnSpacing: Theme.margin
        rowSpacing: Theme.gap

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            spacing: Theme.gap
            Label {
                Layout.fillWidth: true
                text: qsTr("Service PIN")
                font.pixelSize: Theme.fontTitle
                font.bold: true
            }
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: Theme.touch
                color: Theme.surface
                radius: Theme.radius
                border.width: Theme.border
                border.color: Theme.outline
                Label {
                    objectName: "pinDots"
                    anchors.centerIn: parent
                    text: pad.service.pinDots
                    font.pixelSize: Theme.fontLarge
                    wrapMode: Text.NoWrap
                }
            }
            Label {
                objectName: "pinMessage"
                Layout.fillWidth: true
                text: pad.service.message
                color: pad.service.locked ? Theme.warning : Theme.text
                font.pixelSize: Theme.fontBody
                maximumLineCount: 4
                visible: text !== ""
            }
            Item { Layout.fillHeight: true }
            BigButton {
                objectName: "pinCancel"
                Layout.fillWidth: true
                text: qsTr("Cancel")
                onClicked: pad.service.exit()
            }
        }

        Keypad {
            objectName: "pinKeypad"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            extraText: qsTr("OK")
            extraEnabled: pad.service.pinDots !== "" && !pad.service.busy
            onDigit: (value) => pad.service.digit(value)
            onBackspace: pad.service.backspace()
            onExtra: pad.service.submitPin()
        }
    }
}
