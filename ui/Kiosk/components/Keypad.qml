pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk

// Digits 1-9, 0, backspace and one extra key (e.g. "OK"). Holds no state of its own.
GridLayout {
    id: keypad
    property string extraText: ""
    property bool extraEnabled: true
    signal digit(int value)
    signal backspace()
    signal extra()
    columns: 3
    rowSpacing: Math.round(Theme.gap / 2)
    columnSpacing: Math.round(Theme.gap / 2)

    Repeater {
        model: [1, 2, 3, 4, 5, 6, 7, 8, 9]
        BigButton {
            required property int modelData
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.touch
            text: modelData
            onClicked: keypad.digit(modelData)
        }
    }
    BigButton {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.touch
        text: "⌫"
        Accessible.name: qsTr("Delete")
        onClicked: keypad.backspace()
    }
    BigButton {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.touch
        text: "0"
        onClicked: keypad.digit(0)
    }
    BigButton {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.touch
        text: keypad.extraText
        kind: "primary"
        enabled: keypad.extraEnabled
        visible: keypad.extraText !== ""
        onClicked: keypad.extra()
    }
}
