import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// The charge live: energy, power, time, cost, budget left, why, and a large Stop with confirm.
Item {
    id: screen
    objectName: "ChargingScreen"
    required property StationViewModel station
    required property ConnectorViewModel connector
    signal languageRequested()
    readonly property bool landscape: width >= height
    // Landscape has no room for both lines: the station problem takes the "why" line's place
    // and the figures get a little smaller; portrait shows both.
    readonly property bool tight: landscape && connector.stationProblem
    readonly property int figureSize: tight ? Theme.fontTitle : Theme.fontHuge

    function whyText(why) {
        switch (why) {
        case "charging": return qsTr("Charging")
        case "car_paused": return qsTr("The car has paused charging")
        case "car_full": return qsTr("The car is full")
        case "station_limiting":
            if (screen.connector.sharedPowerText !== "")
                //: %1 is the power this car may draw now, e.g. "7,4 kW"
                return qsTr("The station is sharing power (%1)").arg(screen.connector.sharedPowerText)
            return qsTr("The station is limiting power right now")
        case "waiting_for_car": return qsTr("Waiting for the car")
        }
        return ""
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Header {
            Layout.fillWidth: true
            title: screen.connector.name
            badgeText: screen.connector.label
            station: screen.station
            badgeColour: screen.connector.colour !== "" ? screen.connector.colour : Theme.surfaceRaised
            backText: ""  // with 2+ connectors, the lanes in the header lead to the overview
            languageName: screen.station.languageName
            onBack: screen.station.showOverview()
            onLanguageRequested: screen.languageRequested()
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: screen.landscape ? 2 : 1
            columnSpacing: Theme.margin
            rowSpacing: Theme.gap

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.gap

                Label {
                    objectName: "whyLine"
                    Layout.fillWidth: true
                    visible: !screen.tight
                    text: (screen.connector.why === "charging" ? "⚡ " : "• ")
                          + screen.whyText(screen.connector.why)
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    maximumLineCount: 2
                }
                Label {
                    objectName: "stationProblemLine"
                    Layout.fillWidth: true
                    visible: screen.connector.stationProblem
                    text: "⚠ " + qsTr("Station problem: your charge is safe and Stop works")
                    color: Theme.warning
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    maximumLineCount: 2
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    rowSpacing: Theme.gap
                    columnSpacing: Theme.gap
                    Metric {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        caption: qsTr("Energy")
                        valueSize: screen.figureSize
                        value: screen.connector.energyText
                    }
                    Metric {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        caption: qsTr("Power")
                        valueSize: screen.figureSize
                        value: screen.connector.powerText || "–"
                    }
                    Metric {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        caption: qsTr("Time")
                        valueSize: screen.figureSize
                        value: screen.connector.elapsedText
                    }
                    Metric {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        caption: qsTr("Cost so far")
                        valueSize: screen.figureSize
                        value: screen.connector.costText
                    }
                }
                BudgetBar {
                    Layout.fillWidth: true
                    fraction: screen.connector.budgetUsedFraction
                    leftText: screen.connector.budgetLeftText
                    totalText: screen.connector.authorizedText
                }
                FollowOnPhone {
                    Layout.fillWidth: true
                    visible: !screen.landscape && screen.connector.followQrSource !== ""
                    source: screen.connector.followQrSource
                }
                Item { Layout.fillHeight: true }
            }

            ColumnLayout {
                Layout.fillHeight: screen.landscape
                Layout.fillWidth: !screen.landscape
                Layout.preferredWidth: screen.landscape ? Math.round(screen.width * 0.28) : -1
                spacing: Theme.gap
                FollowOnPhone {
                    Layout.fillWidth: true
                    visible: screen.landscape && screen.connector.followQrSource !== ""
                    source: screen.connector.followQrSource
                    stacked: true
                }
                BigButton {
                    objectName: "stopButton"
                    Layout.fillHeight: screen.landscape
                    Layout.fillWidth: true
                    Layout.preferredHeight: screen.landscape ? -1 : Math.round(Theme.touch * 1.6)
                    kind: "danger"
                    pixelSize: Theme.fontTitle
                    text: "■ " + qsTr("Stop")
                    onClicked: confirm.visible = true
                }
            }
        }
    }

    ConfirmOverlay {
        id: confirm
        objectName: "stopConfirm"
        anchors.fill: parent
        question: qsTr("Stop charging now? You pay only for the energy delivered.")
        confirmText: qsTr("Stop charging")
        cancelText: qsTr("Keep charging")
        onConfirmed: screen.connector.stop()
    }
}
