pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// The full price before start. Rows the tariff does not have are left out.
// A label stands beside its value when it fits there on one line; otherwise the value goes
// under it, right-aligned, and the label has the full width, so it never breaks inside a word
// ("Parkeringsgeb|yr") in any language or window size.
ColumnLayout {
    id: prices
    property StationViewModel station
    spacing: Math.round(Theme.gap / 2)

    Label {
        Layout.fillWidth: true
        text: qsTr("Price")
        font.pixelSize: Theme.fontLarge
        font.bold: true
        maximumLineCount: 1
    }
    Repeater {
        id: rows
        model: [
            { label: qsTr("Energy"), value: prices.station.pricePerKwhText },
            { label: qsTr("Start fee"), value: prices.station.startFeeText },
            { label: qsTr("Time"), value: prices.station.pricePerMinuteText },
            //: %1 is the number of free minutes after charging before the idle fee starts
            { label: qsTr("Idle fee after %1 min").arg(prices.station.idleGraceMinutes),
              value: prices.station.idleFeeText },
            { label: qsTr("Minimum price"), value: prices.station.minimumText }
        ]
        GridLayout {
            id: row
            required property var modelData
            readonly property bool shown: modelData.value !== ""
            // implicitWidth is the label's width on one line (it ignores wrapping)
            readonly property bool sideBySide:
                labelText.implicitWidth <= prices.width - columnSpacing - valueText.implicitWidth
            visible: shown
            Layout.fillWidth: true
            columns: sideBySide ? 2 : 1
            columnSpacing: Theme.gap
            rowSpacing: 0
            Label {
                id: labelText
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: row.modelData.label
                color: Theme.textDim
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
                maximumLineCount: 3
            }
            Label {
                id: valueText
                Layout.alignment: Qt.AlignRight
                text: row.modelData.value
                font.pixelSize: Theme.fontBody
                font.bold: true
                fontSizeMode: Text.FixedSize
                wrapMode: Text.NoWrap
            }
        }
    }
    PriceChange {
        objectName: "priceChange"
        Layout.fillWidth: true
        station: prices.station
    }
    Label {
        Layout.fillWidth: true
        text: qsTr("All prices include VAT.")
        color: Theme.textDim
        font.pixelSize: Theme.fontSmall
    }
}
