import QtQuick
import QtQuick.Layouts
import QtQuick.Window
import Kiosk
import Kiosk.ViewModels

// Top bar of every screen: an optional back button, a title and the language switch. With 2+
// connectors and a `station`, the connector bar joins it, so every lane is one tap away: in
// place of the title in landscape (the back button shrinks to its arrow), as a row of its own
// under the title in portrait.
ColumnLayout {
    id: header
    property string title
    property string backText
    property string languageName
    property string badgeText          // the connector's label as printed on the hardware
    property color badgeColour: Theme.surfaceRaised
    property StationViewModel station: null    // given on a connector's screens: the lanes show
    readonly property bool lanes: station !== null && station.multiConnector
    readonly property bool portrait: Window.height > Window.width
    signal back()
    signal languageRequested()
    spacing: Theme.gap

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap

        BigButton {
            objectName: "backButton"
            visible: header.backText !== ""
            readonly property bool compact: header.lanes  // the lanes name the connectors
            text: compact ? "‹" : "‹ " + header.backText
            pixelSize: compact ? Theme.fontTitle : Theme.fontBody
            Accessible.name: header.backText
            Layout.preferredHeight: Theme.touch
            Layout.preferredWidth: compact ? Theme.touch : implicitWidth
            onClicked: header.back()
        }
        Rectangle {
            objectName: "connectorBadge"
            visible: header.badgeText !== "" && !header.lanes  // the lanes show it then
            Layout.preferredWidth: Theme.touch
            Layout.preferredHeight: Theme.touch
            radius: width / 2
            color: header.badgeColour
            border.width: Theme.border
            border.color: Theme.text
            Label {
                anchors.centerIn: parent
                text: header.badgeText
                font.pixelSize: Theme.fontTitle
                font.bold: true
            }
        }
        ConnectorBar {
            visible: header.lanes && !header.portrait
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            station: header.station
            nameShown: header.station !== null && header.station.connectors.length <= 2
        }
        Label {
            visible: !(header.lanes && !header.portrait)
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
    ConnectorBar {
        visible: header.lanes && header.portrait
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touch
        station: header.station
        nameShown: false
    }
}
