import QtQuick
import Kiosk

// The operator's message on the idle screen (OCPP SetDisplayMessage): a slim bar under the
// header, the text as the operator wrote it (already in the screen's language), at most two
// lines (one smaller line when `compact`: the tiles of 3-4 connectors need the height). Several
// messages take turns every few seconds. Hidden when there is none.
Rectangle {
    id: bar
    objectName: "operatorMessage"
    property var messages: []
    property int index: 0
    property bool compact: false
    readonly property string text: messages.length > 0 ? messages[index % messages.length] : ""

    visible: messages.length > 0
    implicitHeight: visible ? messageText.implicitHeight + (compact ? 1 : 2) * Theme.gap : 0
    color: Theme.surface
    radius: Theme.radius
    Accessible.role: Accessible.StaticText
    Accessible.name: bar.text

    onMessagesChanged: index = 0

    Rectangle {  // the accent stripe that tells it apart from the station's own warnings
        width: Math.round(Theme.gap / 2)
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        radius: width / 2
        color: Theme.outline
    }

    Label {
        id: messageText
        objectName: "operatorMessageText"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: Theme.margin + Theme.gap
        anchors.rightMargin: Theme.margin
        text: bar.text
        textFormat: Text.PlainText
        font.pixelSize: bar.compact ? Theme.fontSmall : Theme.fontBody
        maximumLineCount: bar.compact ? 1 : 2
    }

    Timer {
        interval: 8000
        repeat: true
        running: bar.visible && bar.messages.length > 1
        onTriggered: bar.index = (bar.index + 1) % bar.messages.length
    }
}
