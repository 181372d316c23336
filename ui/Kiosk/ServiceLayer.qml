pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.ViewModels

// Service mode over every screen: a 5 s press on a hidden spot at the top centre (over the
// title, never a button) asks for the PIN pad; the pad and the service pages cover the rest.
// Main.qml loads this file by URL once Python hands it the service view-model.
Item {
    id: layer
    required property ServiceViewModel service

    MouseArea {
        objectName: "serviceSpot"
        anchors.top: parent.top
        anchors.horizontalCenter: parent.horizontalCenter
        width: Theme.touch * 2
        height: Theme.touch + Theme.margin
        enabled: layer.service.mode === "closed"
        pressAndHoldInterval: layer.service.longPressMs
        onPressAndHold: layer.service.longPressed()
    }
    Loader {
        objectName: "serviceLoader"
        anchors.fill: parent
        active: layer.service.mode !== "closed"
        sourceComponent: ServiceScreen { service: layer.service }
    }
}
