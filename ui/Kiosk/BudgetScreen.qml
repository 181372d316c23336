pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// Choose the maximum amount: presets with the energy they buy, a custom amount on a keypad,
// the short terms with a QR to the full terms, "Pay with Vipps" (or a phone number).
// Where the tariff has a time price the "≈ kWh" assumes a charging power, stated under the title;
// while the site's supply is shared, no more than a car starting now gets, and a line says so.
Item {
    id: screen
    objectName: "BudgetScreen"
    required property StationViewModel station
    required property ConnectorViewModel connector
    readonly property BudgetEntry entry: connector ? connector.entry : null
    signal languageRequested()
    readonly property bool landscape: width >= height
    // Which panel the left side shows; input only, nothing is decided here.
    property string mode: "presets"   // "presets" | "custom" | "phone"
    // Portrait with the connector bar's own row: the presets may give up a quarter of their
    // height (never under the 64 px touch target of an 800x480 screen).
    readonly property int presetMinHeight: !landscape && station.multiConnector
                                           ? Math.max(64, Math.round(Theme.touch * 0.75))
                                           : Theme.touch
    function withEnergy(amountText, energyText) {
        return energyText ? amountText + "  ·  ≈ " + energyText : amountText
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Header {
            Layout.fillWidth: true
            title: screen.connector.name
            station: screen.station
            backText: qsTr("Back")
            languageName: screen.station.languageName
            onBack: screen.connector.cancel()
            onLanguageRequested: screen.languageRequested()
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: screen.landscape ? 2 : 1
            columnSpacing: Theme.margin
            rowSpacing: Theme.margin

            // --- left: presets, custom keypad or phone keypad --------------------------------
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                spacing: Theme.gap

                Label {
                    Layout.fillWidth: true
                    text: screen.mode === "phone" ? qsTr("Your mobile number")
                          : screen.mode === "custom" ? qsTr("Other amount")
                          : qsTr("Choose the most you want to pay")
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    maximumLineCount: 2
                }
                // One line (an 800x480 screen has no room for two): what the "≈ kWh" rests on
                Label {
                    objectName: "estimateNote"
                    readonly property string shared: screen.entry.sharingPowerText
                    readonly property string assumed: screen.entry.estimatePowerText
                    Layout.fillWidth: true
                    visible: screen.mode === "presets" && (assumed !== "" || shared !== "")
                    text: shared === "" || (assumed !== "" && assumed !== shared)
                          //: Under the budget title when the price has a per-minute part; %1 is a power such as "11 kW"
                          ? qsTr("≈ kWh if your car charges at %1").arg(assumed)
                          : assumed === ""
                            //: Under the budget title while the site's supply is shared: what a car starting now gets; %1 is a power such as "6.9 kW"
                            ? qsTr("The station is sharing power (%1)").arg(shared)
                            //: Under the budget title while the supply is shared and the price has a per-minute part: the "≈ kWh" assumes what a car starting now gets; %1 is a power such as "6.9 kW"
                            : qsTr("Power is shared: ≈ kWh at %1").arg(shared)
                    color: Theme.textDim
                    font.pixelSize: Theme.fontSmall
                    maximumLineCount: 2
                }

                Repeater {
                    model: screen.mode === "presets" ? screen.entry.presets : []
                    BigButton {
                        required property var modelData
                        required property int index
                        objectName: "preset_" + index
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.minimumHeight: screen.presetMinHeight
                        selected: screen.entry.selectedIndex === index
                        text: screen.withEnergy(modelData.amountText, modelData.energyText)
                        onClicked: screen.entry.choosePreset(index)
                    }
                }
                BigButton {
                    objectName: "otherAmountButton"
                    visible: screen.mode === "presets"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.minimumHeight: screen.presetMinHeight
                    selected: screen.entry.selectedIndex === -2
                    text: screen.entry.customValid
                          ? screen.withEnergy(screen.entry.customText, screen.entry.customEnergyText)
                          : qsTr("Other amount")
                    onClicked: { screen.entry.chooseCustom(); screen.mode = "custom" }
                }

                // Custom amount or phone number being typed (the market's "+CC" before any digit)
                Rectangle {
                    visible: screen.mode !== "presets"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    color: Theme.surface
                    radius: Theme.radius
                    border.width: Theme.border
                    border.color: Theme.outline
                    Label {
                        objectName: "entryText"
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        verticalAlignment: Text.AlignVCenter
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        maximumLineCount: 1
                        // "Amount DKK 50 – DKK 1,000" shrinks rather than elides
                        fontSizeMode: Text.HorizontalFit
                        text: screen.mode === "phone"
                              ? (screen.entry.phoneText || screen.entry.phonePrefixText)
                              : (screen.entry.customText
                                 ? screen.withEnergy(screen.entry.customText, screen.entry.customEnergyText)
                                 //: %1 is a range such as "kr 50 – kr 1 000"
                                 : qsTr("Amount %1").arg(screen.entry.limitsText))
                    }
                }
                Keypad {
                    objectName: "keypad"
                    visible: screen.mode !== "presets"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    extraText: screen.mode === "custom" ? qsTr("OK") : ""
                    extraEnabled: screen.entry.customValid
                    onDigit: (value) => screen.mode === "phone" ? screen.entry.phoneDigit(value)
                                                                : screen.entry.customDigit(value)
                    onBackspace: screen.mode === "phone" ? screen.entry.phoneBackspace()
                                                         : screen.entry.customBackspace()
                    onExtra: if (screen.mode === "custom") screen.mode = "presets"
                }
            }

            // --- right: pay, terms ---------------------------------------------------------
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                spacing: Theme.gap

                BigButton {
                    visible: screen.mode !== "phone"
                    objectName: "payButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.round(Theme.touch * 1.3)
                    kind: "primary"
                    enabled: screen.entry.canPay
                    //: %1 is an amount, %2 the payment app's name in the market ("Vipps" or "MobilePay")
                    text: screen.entry.canPay ? qsTr("Pay %1 with %2").arg(screen.entry.amountText)
                                                                  .arg(screen.station.appName)
                                              : qsTr("Choose an amount")
                    onClicked: screen.entry.pay()
                }
                BigButton {
                    objectName: "phoneModeButton"
                    visible: screen.station.pushAllowed && screen.entry.phoneAvailable
                             && screen.mode !== "phone"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    enabled: screen.entry.canPay
                    pixelSize: Theme.fontBody
                    text: qsTr("Use my phone number instead")
                    onClicked: screen.mode = "phone"
                }
                BigButton {
                    visible: screen.mode === "phone"
                    objectName: "phonePayButton"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.round(Theme.touch * 1.3)
                    kind: "primary"
                    enabled: screen.entry.phoneValid && screen.entry.canPay
                    //: %1 is an amount, %2 the payment app's name in the market ("Vipps" or "MobilePay")
                    text: qsTr("Send %1 to my %2 app").arg(screen.entry.amountText)
                                                      .arg(screen.station.appName)
                    onClicked: screen.entry.payWithPhone()
                }
                BigButton {
                    visible: screen.mode === "phone"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    pixelSize: Theme.fontBody
                    text: qsTr("Scan a QR code instead")
                    onClicked: screen.mode = "presets"
                }

                PriceChange {
                    objectName: "budgetPriceChange"
                    Layout.fillWidth: true
                    station: screen.station
                }
                RowLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    spacing: Theme.gap
                    Label {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        //: the explicit acceptance of the terms before every payment (PRODUCT.md §2b)
                        text: qsTr("By paying you accept the terms of sale (scan the code). We reserve this amount and take only what the energy costs; the rest is released at once. You can stop any time.")
                        color: Theme.textDim
                        font.pixelSize: Theme.fontSmall
                        fontSizeMode: Text.Fit
                        verticalAlignment: Text.AlignTop
                    }
                    QrImage {
                        Layout.preferredWidth: Math.round(Theme.touch * 1.6)
                        Layout.preferredHeight: Math.round(Theme.touch * 1.6)
                        Layout.alignment: Qt.AlignTop
                        source: screen.station.termsQrSource
                    }
                }
            }
        }
    }
}
