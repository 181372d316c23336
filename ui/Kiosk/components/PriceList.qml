import QtQuick
import QtQuick.Layouts
import Kiosk

// The full price before start. Rows the tariff does not have are left out.
ColumnLayout {
    id: prices
    property QtObject station
    spacing: Math.round(Theme.gap / 2)

    Label {
        Layout.fillWidth: true
        text: qsTr("Price")
        font.pixelSize: Theme.fontLarge
        font.bold: true
        maximumLineCount: 1
    }
    Repeater {
        model: [
            { label: qsTr("Energy"), value: prices.station.pricePerKwhText },
            { label: qsTr("Start fee"), value: prices.station.startFeeText },
            { label: qsTr("Time"), value: prices.station.pricePerMinuteText },
            //: %1 is the number of free minutes after charging before the idle fee starts
            { label: qsTr("Idle fee after %1 min").arg(prices.station.idleGraceMinutes),
              value: prices.station.idleFeeText }
        ]
        GridLayout {
            required property var modelData
            visible: modelData.value !== ""
            Layout.fillWidth: true
            columns: prices.width > Theme.fontBody * 13 ? 2 : 1
            columnSpacing: Theme.gap
            rowSpacing: 0
            Label {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: modelData.label
                color: Theme.textDim
                font.pixelSize: Theme.fontBody
                wrapMode: Text.Wrap
                maximumLineCount: 3
            }
            Label {
                text: modelData.value
                font.pixelSize: Theme.fontBody
                font.bold: true
                fontSizeMode: Text.FixedSize
                wrapMode: Text.NoWrap
            }
        }
    }
    Label {
        Layout.fillWidth: true
        text: qsTr("All prices include VAT.")
        color: Theme.textDim
        font.pixelSize: Theme.fontSmall
    }
}
