import QtQuick
import QtQuick.Layouts
import Kiosk

// Budget used as a bar, always with the amount left written out (not by colour alone).
ColumnLayout {
    id: bar
    property real fraction: 0
    property string leftText
    property string totalText
    spacing: Math.round(Theme.gap / 2)

    Rectangle {
        Layout.fillWidth: true
        Layout.preferredHeight: Math.round(Theme.touch / 2.5)
        radius: height / 2
        color: Theme.surface
        border.width: Theme.border
        border.color: Theme.outline
        Rectangle {
            x: parent.border.width
            y: parent.border.width
            height: parent.height - 2 * parent.border.width
            width: Math.max(height, (parent.width - 2 * parent.border.width) * bar.fraction)
            radius: height / 2
            color: Theme.textDim
        }
    }
    Label {
        Layout.fillWidth: true
        //: Below the budget bar: money left of the authorized amount
        text: qsTr("%1 left of %2").arg(bar.leftText).arg(bar.totalText)
        font.pixelSize: Theme.fontBody
        maximumLineCount: 1
    }
}
