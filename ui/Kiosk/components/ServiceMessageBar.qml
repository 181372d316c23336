import QtQuick
import Kiosk

// The outcome of a service page's last action, in words (✔ / ✖ as well as colour).
Rectangle {
    id: bar
    objectName: "ServiceMessageBar"
    // The page's last result: its text, whether it went well, whether an action still runs
    property string message
    property bool ok: true
    property bool working: false
    visible: message !== "" || working
    implicitHeight: text.implicitHeight + Theme.gap
    color: Theme.surface
    radius: Theme.radius
    border.width: Theme.border
    border.color: ok ? Theme.ok : Theme.warning
    Label {
        id: text
        anchors.fill: parent
        anchors.margins: Math.round(Theme.gap / 2)
        text: bar.working ? "⏳ " + qsTr("Working…")
                          : (bar.ok ? "✔ " : "✖ ") + bar.message
        font.pixelSize: Theme.fontSmall
        maximumLineCount: 3
    }
}
