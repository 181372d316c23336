import QtQuick
import QtQuick.Window
import Kiosk

// The kiosk window. It shows one screen, picked by `station.screen` alone: "idle" is the
// overview of every connector; any other value is the focused connector's flow.
Window {
    id: root
    required property QtObject station
    property bool kiosk: true          // fullscreen, frameless, cannot be closed
    property bool quitAllowed: false   // set by Python on an orderly shutdown only
    property QtObject service: null    // service mode (kiosk.gui.viewmodels.service_vm); optional

    width: 1280
    height: 800
    visible: true
    visibility: kiosk ? Window.FullScreen : Window.Windowed
    flags: kiosk ? (Qt.Window | Qt.FramelessWindowHint) : Qt.Window
    color: Theme.background
    title: station.stationName

    onClosing: (close) => { close.accepted = root.quitAllowed }

    Binding {
        target: Theme
        property: "scale"
        value: root.width >= root.height
               ? Math.max(1.0, Math.min(root.width / 800, root.height / 480))
               : Math.max(1.0, Math.min(root.width / 480, root.height / 800))
    }

    readonly property var screens: ({
        "idle": idleScreen,
        "car_connected": idleScreen,
        "budget": budgetScreen,
        "pay": payScreen,
        "plug_in": plugInScreen,
        "charging": chargingScreen,
        "stopping": workingScreen,
        "settling": workingScreen,
        "done": doneScreen
    })

    Item {
        id: content
        anchors.fill: parent
        focus: true
        // No key leaves the kiosk: Escape, Back, Alt+F4 as a key event, ... are swallowed.
        Keys.onPressed: (event) => { event.accepted = true }

        Loader {
            id: screenLoader
            objectName: "screenLoader"
            anchors.fill: parent
            sourceComponent: root.screens[root.station.screen] || messageScreen
        }

        LanguagePicker {
            id: languagePicker
            anchors.fill: parent
            visible: false
            station: root.station
        }

        // Service mode: a 5 s press on a hidden spot at the top centre (over the title, never
        // a button) asks for the PIN pad; the pad and the service pages cover every screen.
        MouseArea {
            objectName: "serviceSpot"
            anchors.top: parent.top
            anchors.horizontalCenter: parent.horizontalCenter
            width: Theme.touch * 2
            height: Theme.touch + Theme.margin
            enabled: root.service !== null && root.service.mode === "closed"
            pressAndHoldInterval: root.service !== null ? root.service.longPressMs : 5000
            onPressAndHold: root.service.longPressed()
        }
        Loader {
            objectName: "serviceLoader"
            anchors.fill: parent
            active: root.service !== null && root.service.mode !== "closed"
            sourceComponent: serviceScreen
        }
    }

    Component { id: idleScreen; IdleScreen { station: root.station; onLanguageRequested: languagePicker.visible = true } }
    Component { id: budgetScreen; BudgetScreen { station: root.station; connector: root.station.active; onLanguageRequested: languagePicker.visible = true } }
    Component { id: payScreen; PayScreen { station: root.station; connector: root.station.active; onLanguageRequested: languagePicker.visible = true } }
    Component { id: plugInScreen; PlugInScreen { station: root.station; connector: root.station.active; onLanguageRequested: languagePicker.visible = true } }
    Component { id: chargingScreen; ChargingScreen { station: root.station; connector: root.station.active; onLanguageRequested: languagePicker.visible = true } }
    Component { id: workingScreen; WorkingScreen { station: root.station; connector: root.station.active; onLanguageRequested: languagePicker.visible = true } }
    Component { id: doneScreen; DoneScreen { station: root.station; connector: root.station.active; onLanguageRequested: languagePicker.visible = true } }
    Component { id: messageScreen; MessageScreen { station: root.station; connector: root.station.active; onLanguageRequested: languagePicker.visible = true } }
    Component { id: serviceScreen; ServiceScreen { service: root.service } }
}
