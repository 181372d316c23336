import QtQuick
import Kiosk
import Kiosk.ViewModels

// Prices that change by the hour: the energy price now, until when, and the next one
// ("kr 3,90/kWh until 22:00, then kr 2,50/kWh"). Hidden for a flat tariff.
Label {
    id: change
    property StationViewModel station
    // a price never breaks across lines ("kr 2,50/" | "kWh"): no-break space, word joiner
    function unbroken(price) { return price.replace(/ /g, "\u00a0").replace(/\//g, "/\u2060") }
    visible: station !== null && station.nextChangeAt !== ""
    text: !visible ? ""
          : (station.nextChangeTomorrow
             //: %1 is the energy price now ("kr 3,90/kWh"), %2 a time ("06:00"), %3 the price after it
             ? qsTr("%1 until tomorrow %2, then %3")
             //: %1 is the energy price now ("kr 3,90/kWh"), %2 a time ("22:00"), %3 the price after it
             : qsTr("%1 until %2, then %3"))
            .arg(unbroken(station.pricePerKwhText)).arg(station.nextChangeAt)
            .arg(unbroken(station.nextPricePerKwhText))
    color: Theme.textDim
    font.pixelSize: Theme.fontSmall
    wrapMode: Text.Wrap
    maximumLineCount: 2
}
