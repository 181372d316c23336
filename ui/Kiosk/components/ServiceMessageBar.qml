import QtQuick
import QtQuick.Layouts
import Kiosk

// The outcome of a service page's last action, in words (✔ / ✖ as well as colour).
Rectangle {
    id: bar
    objectName: "ServiceMessageBar"
    required property QtObject page
    visible: page.message !== "" || page.working
    implicitHeight: text.implicitHeight + Theme.gap
    color: Theme.surface
    radius: Theme.radius
    border.width: Theme.border
    border.color: page.ok ? Theme.ok : Theme.warning
    Label {
        id: text
        anchors.fill: parent
        anchors.margins: Math.round(Theme.gap / 2)
        text: bar.page.working ? "⏳ " + qsTr("Working…")
                               : (bar.page.ok ? "✔ " : "✖ ") + bar.page.message
        font.pixelSize: Theme.fontSmall
        maximumLineCount: 3
    }
}
