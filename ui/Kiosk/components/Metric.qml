import QtQuick
import QtQuick.Layouts
import Kiosk

// One figure with its caption, e.g. "Energy" / "12.35 kWh".
Rectangle {
    id: metric
    property string caption
    property string value
    property int valueSize: Theme.fontHuge
    color: Theme.surface
    radius: Theme.radius
    implicitHeight: column.implicitHeight + 2 * Theme.gap
    implicitWidth: column.implicitWidth + 2 * Theme.margin

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Math.round(Theme.gap / 3)
        Label {
            Layout.fillWidth: true
            text: metric.caption
            color: Theme.textDim
            font.pixelSize: Theme.fontSmall
            maximumLineCount: 1
        }
        Label {
            Layout.fillWidth: true
            text: metric.value
            font.pixelSize: metric.valueSize
            font.bold: true
            wrapMode: Text.NoWrap
            fontSizeMode: Text.HorizontalFit   // a long amount shrinks rather than elides
        }
    }
}
