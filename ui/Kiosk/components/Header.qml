import QtQuick
import QtQuick.Layouts
import Kiosk

// Top bar of every screen: an optional back button, a title and the language switch.
RowLayout {
    id: header
    property string title
    property string backText
    property string languageName
    signal back()
    signal languageRequested()
    spacing: Theme.gap

    BigButton {
        visible: header.backText !== ""
        text: "‹ " + header.backText
        pixelSize: Theme.fontBody
        Layout.preferredHeight: Theme.touch
        onClicked: header.back()
    }
    Label {
        Layout.fillWidth: true
        text: header.title
        font.pixelSize: Theme.fontTitle
        font.bold: true
        fontSizeMode: Text.HorizontalFit
        wrapMode: Text.NoWrap
        maximumLineCount: 1
        verticalAlignment: Text.AlignVCenter
    }
    BigButton {
        objectName: "languageButton"
        text: header.languageName + " ▾"
        pixelSize: Theme.fontBody
        Layout.preferredHeight: Theme.touch
        Accessible.name: qsTr("Language")
        onClicked: header.languageRequested()
    }
}
