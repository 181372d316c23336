pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// Service: version, tariff in force, Vipps check, CSV export to a USB stick, configuration
// summary (no secrets), the audit log and the log view.
ColumnLayout {
    id: root
    objectName: "ServiceStationPage"
    required property ServiceStationViewModel page
    readonly property var info: page.info
    readonly property var tariffNames: ({
        "per_kwh": qsTr("Price per kWh"),
        "start_fee": qsTr("Start fee"),
        "per_minute": qsTr("Price per minute"),
        "idle_fee": qsTr("Idle fee"),
        "cap": qsTr("Most per session"),
        "minimum": qsTr("Minimum price"),
        "period": qsTr("Period"),
        "price_now": qsTr("Price now"),
        "spot_feed": qsTr("Spot price feed"),
        "vat": qsTr("VAT included")
    })
    spacing: Theme.gap

    function storageText(fault) {
        switch (fault) {
        case "": return qsTr("Records: written normally.")
        case "busy": return qsTr("Records cannot be written: another program holds the database lock. Charging and Stop work.")
        case "full": return qsTr("Records cannot be written: the disk is full. Charging and Stop work.")
        case "unavailable": return qsTr("Records cannot be written: the database is read-only or missing. Charging and Stop work.")
        case "stalled": return qsTr("Records are waiting: the database is not answering. Charging and Stop work.")
        }
        return ""
    }

    Flickable {
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        contentHeight: content.implicitHeight
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: content
            width: parent.width
            spacing: Theme.gap

            Label {
                Layout.fillWidth: true
                text: root.info.station + " · " + qsTr("version %1").arg(root.info.version)
                font.bold: true
            }
            Label {
                objectName: "storageStatus"
                Layout.fillWidth: true
                color: root.info.storageFault ? Theme.warning : Theme.textDim
                text: root.storageText(root.info.storageFault)
                maximumLineCount: 3
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                BigButton {
                    objectName: "checkVipps"
                    Layout.fillWidth: true
                    pixelSize: Theme.fontBody
                    text: qsTr("Check Vipps")
                    enabled: !root.page.working
                    onClicked: root.page.checkVipps()
                }
                BigButton {
                    objectName: "verifyChain"
                    Layout.fillWidth: true
                    pixelSize: Theme.fontBody
                    text: qsTr("Check the records")
                    enabled: !root.page.working
                    onClicked: root.page.verifyChain()
                }
                BigButton {
                    objectName: "findFolders"
                    Layout.fillWidth: true
                    pixelSize: Theme.fontBody
                    text: qsTr("Find USB stick")
                    enabled: !root.page.working
                    onClicked: root.page.findFolders()
                }
            }
            Repeater {
                model: root.page.folders
                BigButton {
                    required property string modelData
                    required property int index
                    objectName: "exportTo_" + index
                    Layout.fillWidth: true
                    pixelSize: Theme.fontSmall
                    text: qsTr("Export sessions (CSV) to %1").arg(modelData)
                    enabled: !root.page.working
                    onClicked: root.page.exportTo(index)
                }
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Tariff in force")
                font.bold: true
            }
            Repeater {
                model: root.info.tariff
                Label {
                    required property var modelData
                    Layout.fillWidth: true
                    text: (root.tariffNames[modelData.key] || modelData.key) + ": " + modelData.value
                    font.pixelSize: Theme.fontSmall
                }
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Configuration")
                font.bold: true
            }
            Repeater {
                model: root.info.configuration
                Label {
                    required property var modelData
                    Layout.fillWidth: true
                    text: modelData.key + ": " + modelData.value
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.WrapAnywhere
                    maximumLineCount: 4
                }
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Technician actions")
                font.bold: true
            }
            Label {
                objectName: "auditText"
                Layout.fillWidth: true
                text: root.page.auditText
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WrapAnywhere
                maximumLineCount: 100
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Log")
                font.bold: true
            }
            Text {
                objectName: "logText"
                Layout.fillWidth: true
                text: root.page.logText
                color: Theme.textDim
                font.family: "DejaVu Sans Mono"
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WrapAnywhere
            }
        }
    }

    ServiceMessageBar {
        Layout.fillWidth: true
        message: root.page.message
        ok: root.page.ok
        working: root.page.working
    }
}
