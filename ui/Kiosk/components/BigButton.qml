import QtQuick
import Kiosk

// A large touch button. `kind`: "primary" (pay), "danger" (stop), "plain".
Rectangle {
    id: button
    property string text
    property string kind: "plain"
    property int pixelSize: Theme.fontLarge
    property bool selected: false
    signal clicked()

    // From the text's natural size, not the label's (which shrinks to fit: a layout loop).
    implicitWidth: Math.max(Theme.touch * 2, metrics.width + 2 * Theme.margin)
    implicitHeight: Math.max(Theme.touch, metrics.height + Theme.gap)
    radius: Theme.radius
    opacity: enabled ? 1.0 : 0.45
    color: {
        const down = area.pressed
        if (kind === "primary") return down ? Theme.accentPressed : Theme.accent
        if (kind === "danger") return down ? Theme.dangerPressed : Theme.danger
        return down ? Theme.surface : (selected ? Theme.surfaceRaised : Theme.surface)
    }
    border.width: selected ? Theme.border * 2 : Theme.border
    border.color: selected ? Theme.text : Theme.outline

    Accessible.role: Accessible.Button
    Accessible.name: text

    TextMetrics {
        id: metrics
        text: button.text
        font.family: Theme.fontFamily
        font.pixelSize: button.pixelSize
        font.bold: true
    }

    Label {
        id: label
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        text: button.text
        font.pixelSize: button.pixelSize
        font.bold: true
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        maximumLineCount: 2
    }

    MouseArea {
        id: area
        anchors.fill: parent
        enabled: button.enabled
        onClicked: button.clicked()
    }
}
