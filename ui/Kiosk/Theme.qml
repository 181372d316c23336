pragma Singleton
import QtQuick

// Design tokens. Main sets `scale` from the window size (1.0 at 800x480); everything that has
// a size is derived from it, so one layout serves 800x480 up to 1920x1080.
QtObject {
    property real scale: 1.0

    // Colours: light text on a dark ground (high contrast, readable in sun and at night).
    readonly property color background: "#0e1621"
    readonly property color surface: "#1c2736"
    readonly property color surfaceRaised: "#2a3a50"
    readonly property color outline: "#8fa3bd"
    readonly property color text: "#ffffff"
    readonly property color textDim: "#d5dde8"
    readonly property color accent: "#c8390a"       // Vipps-like orange; white text 4.9:1
    readonly property color accentPressed: "#9e2d07"
    readonly property color danger: "#b3261e"       // Stop; white text 6.5:1
    readonly property color dangerPressed: "#8c1d17"
    readonly property color ok: "#2e7d32"
    readonly property color warning: "#f2c94c"
    readonly property color qrBackground: "#ffffff"

    // Sizes
    readonly property int touch: Math.round(64 * scale)      // minimum touch target
    readonly property int gap: Math.round(12 * scale)
    readonly property int margin: Math.round(16 * scale)
    readonly property int radius: Math.round(10 * scale)
    readonly property int border: Math.max(2, Math.round(2 * scale))

    // Type (pixel sizes; the smallest text is 18 px at 800x480)
    readonly property string fontFamily: "DejaVu Sans"
    readonly property int fontSmall: Math.round(18 * scale)
    readonly property int fontBody: Math.round(21 * scale)
    readonly property int fontLarge: Math.round(26 * scale)
    readonly property int fontTitle: Math.round(32 * scale)
    readonly property int fontHuge: Math.round(44 * scale)
}
