pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import Kiosk
import Kiosk.ViewModels

// The kiosk window. It shows one screen, picked by `station.screen` alone: "idle" is the
// overview of every connector; any other value is the focused connector's flow.
Window {
    id: root
    required property StationViewModel station
    property bool kiosk: true          // fullscreen, frameless, cannot be closed
    property bool quitAllowed: false   // set by Python on an orderly shutdown only
    // Service mode (a ServiceViewModel), set by Python once the station runs; optional. Typed
    // in ServiceLayer.qml: its Python module, which registers the type, loads after the first
    // frame, so this file must not name the type.
    property QtObject service: null

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

        // Service mode: the hidden spot and the service screens (ServiceLayer.qml), loaded by
        // URL when Python sets `service`, so the window never compiles them before then.
        Loader {
            id: serviceLayer
            objectName: "serviceLayer"
            anchors.fill: parent
        }
    }

    onServiceChanged: {
        if (root.service !== null)
            serviceLayer.setSource(Qt.resolvedUrl("ServiceLayer.qml"), { service: root.service })
        else
            serviceLayer.source = ""
    }

    // Every touch anywhere, seen on top of everything and never consumed (a passive grab): the
    // lane in focus keeps the screen a while longer.
    Item {
        anchors.fill: parent
        z: 1000
        PointHandler {
            grabPermissions: PointerHandler.ApprovesTakeOverByAnything
            onActiveChanged: if (active) root.station.touched()
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
}
