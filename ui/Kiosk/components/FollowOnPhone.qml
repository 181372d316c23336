import QtQuick
import Kiosk

// "Follow on your phone": the session page's QR with one line saying what it is for.
// Beside the text (a wide column), or above it (``stacked``, the narrow column by Stop).
Item {
    id: follow
    objectName: "followOnPhone"
    property string source
    property bool stacked: false
    readonly property int side: Math.round(Theme.touch * 1.4)
    implicitHeight: stacked ? column.implicitHeight : Math.max(side, besideText.implicitHeight)

    Column {
        id: column
        visible: follow.stacked
        width: parent.width
        spacing: Math.round(Theme.gap / 2)
        QrImage {
            anchors.horizontalCenter: parent.horizontalCenter
            width: follow.side
            height: follow.side
            source: follow.stacked ? follow.source : ""
        }
        Label {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Follow and stop it on your phone")
            color: Theme.textDim
            font.pixelSize: Theme.fontSmall
            maximumLineCount: 3
        }
    }

    QrImage {
        id: besideQr
        visible: !follow.stacked
        width: follow.side
        height: follow.side
        source: follow.stacked ? "" : follow.source
    }
    Label {
        id: besideText
        visible: !follow.stacked
        x: follow.side + Theme.gap
        width: Math.max(0, follow.width - x)
        anchors.verticalCenter: besideQr.verticalCenter
        text: qsTr("Follow on your phone: scan to see the charge and stop it from anywhere.")
        color: Theme.textDim
        font.pixelSize: Theme.fontSmall
        maximumLineCount: 3
    }
}
