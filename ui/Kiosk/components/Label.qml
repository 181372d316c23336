import QtQuick
import Kiosk

// Text with the kiosk's font and colours; wraps, and elides only past maximumLineCount.
Text {
    color: Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontBody
    wrapMode: Text.Wrap   // at word boundaries, inside a word only if it must
    fontSizeMode: Text.FixedSize
    minimumPixelSize: Math.round(font.pixelSize * 0.7)
    elide: Text.ElideRight
}
