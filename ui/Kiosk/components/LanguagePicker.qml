pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.ViewModels

// Full-screen choice of language; every language is named in its own words.
Rectangle {
    id: picker
    property StationViewModel station
    color: Theme.background
    objectName: "languagePicker"

    MouseArea { anchors.fill: parent }   // taps do not fall through to the screen below

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Label {
            Layout.fillWidth: true
            text: qsTr("Choose language")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            maximumLineCount: 1
        }
        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: picker.width > picker.height ? 3 : 2
            rowSpacing: Theme.gap
            columnSpacing: Theme.gap
            Repeater {
                model: picker.station ? picker.station.languages : []
                BigButton {
                    required property var modelData
                    objectName: "language_" + modelData.code
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.minimumHeight: Theme.touch
                    text: modelData.label
                    selected: picker.station.language === modelData.code
                    onClicked: {
                        picker.station.setLanguage(modelData.code)
                        picker.visible = false
                    }
                }
            }
        }
        BigButton {
            Layout.alignment: Qt.AlignRight
            text: qsTr("Close")
            onClicked: picker.visible = false
        }
    }
}
