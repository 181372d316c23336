import QtQuick
import Kiosk

// A QR code on a white square. The image comes from the "qr" image provider, already with its
// quiet zone; it is scaled without smoothing so the modules stay sharp.
Rectangle {
    property alias source: image.source
    color: Theme.qrBackground
    radius: Math.round(Theme.radius / 2)

    Image {
        id: image
        anchors.fill: parent
        anchors.margins: Math.round(parent.width * 0.02)
        fillMode: Image.PreserveAspectFit
        smooth: false
        mipmap: false
        asynchronous: true
        cache: false
    }
}
