import QtQuick
import QtQuick.Layouts
import Kiosk

// A question over the screen with a confirming and a cancelling button.
Rectangle {
    id: overlay
    property string question
    property string confirmText
    property string cancelText
    property string confirmKind: "danger"
    signal confirmed()
    color: Qt.rgba(0.05, 0.08, 0.12, 0.96)
    visible: false

    MouseArea { anchors.fill: parent }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Math.round(640 * Theme.scale))
        spacing: Theme.margin
        Label {
            Layout.fillWidth: true
            text: overlay.question
            font.pixelSize: Theme.fontTitle
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.margin
            BigButton {
                objectName: "confirmNo"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.round(Theme.touch * 1.4)
                text: overlay.cancelText
                onClicked: overlay.visible = false
            }
            BigButton {
                objectName: "confirmYes"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.round(Theme.touch * 1.4)
                text: overlay.confirmText
                kind: overlay.confirmKind
                onClicked: {
                    overlay.visible = false
                    overlay.confirmed()
                }
            }
        }
    }
}
