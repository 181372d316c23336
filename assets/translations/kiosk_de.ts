<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>BudgetBar</name>
    <message>
        <source>%1 left of %2</source>
        <extracomment>Below the budget bar: money left of the authorized amount</extracomment>
        <translation>%1 übrig von %2</translation>
    </message>
</context>
<context>
    <name>BudgetScreen</name>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Your mobile number</source>
        <translation>Ihre Handynummer</translation>
    </message>
    <message>
        <source>Choose the most you want to pay</source>
        <translation>Wählen Sie den Höchstbetrag</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>Anderer Betrag</translation>
    </message>
    <message>
        <source>The station is sharing power (%1)</source>
        <extracomment>Under the budget title while the site&apos;s supply is shared: what a car starting now gets; %1 is a power such as &quot;6.9 kW&quot;</extracomment>
        <translation>Die Station teilt die Leistung (%1)</translation>
    </message>
    <message>
        <source>≈ kWh if your car charges at %1</source>
        <extracomment>Under the budget title when the price has a per-minute part; %1 is a power such as &quot;11 kW&quot;</extracomment>
        <translation>≈ kWh, wenn das Auto mit %1 lädt</translation>
    </message>
    <message>
        <source>Amount %1</source>
        <extracomment>%1 is a range such as &quot;kr 50 – kr 1 000&quot;</extracomment>
        <translation>Betrag %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Pay %1 with %2</source>
        <extracomment>%1 is an amount, %2 the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>%1 mit %2 zahlen</translation>
    </message>
    <message>
        <source>Send %1 to my %2 app</source>
        <extracomment>%1 is an amount, %2 the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>%1 an meine %2-App senden</translation>
    </message>
    <message>
        <source>By paying you accept the terms of sale (scan the code). We reserve this amount and take only what the energy costs; the rest is released at once. You can stop any time.</source>
        <extracomment>the explicit acceptance of the terms before every payment (PRODUCT.md §2b)</extracomment>
        <translation>Mit der Zahlung akzeptieren Sie die Verkaufsbedingungen (Code scannen). Wir reservieren den Betrag und buchen nur ab, was die Energie kostet; der Rest wird sofort freigegeben. Sie können jederzeit stoppen.</translation>
    </message>
    <message>
        <source>Choose an amount</source>
        <translation>Betrag wählen</translation>
    </message>
    <message>
        <source>Power is shared: ≈ kWh at %1</source>
        <extracomment>Under the budget title while the supply is shared and the price has a per-minute part: the &quot;≈ kWh&quot; assumes what a car starting now gets; %1 is a power such as &quot;6.9 kW&quot;</extracomment>
        <translation>Leistung geteilt: ≈ kWh bei %1</translation>
    </message>
    <message>
        <source>Use my phone number instead</source>
        <translation>Meine Handynummer nutzen</translation>
    </message>
    <message>
        <source>Scan a QR code instead</source>
        <translation>Stattdessen QR-Code scannen</translation>
    </message>
</context>
<context>
    <name>ChargingScreen</name>
    <message>
        <source>Charging</source>
        <translation>Lädt</translation>
    </message>
    <message>
        <source>The car has paused charging</source>
        <translation>Das Auto hat das Laden pausiert</translation>
    </message>
    <message>
        <source>The car is full</source>
        <translation>Das Auto ist voll</translation>
    </message>
    <message>
        <source>The station is sharing power (%1)</source>
        <extracomment>%1 is the power this car may draw now, e.g. &quot;7,4 kW&quot;</extracomment>
        <translation>Die Station teilt die Leistung (%1)</translation>
    </message>
    <message>
        <source>The station is limiting power right now</source>
        <translation>Die Station begrenzt gerade die Leistung</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Warten auf das Auto</translation>
    </message>
    <message>
        <source>Station problem: your charge is safe and Stop works</source>
        <translation>Störung der Station: Ihr Ladevorgang ist sicher und Stopp funktioniert</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Cost so far</source>
        <translation>Kosten bisher</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop charging now? You pay only for the energy delivered.</source>
        <translation>Laden jetzt beenden? Sie zahlen nur die gelieferte Energie.</translation>
    </message>
    <message>
        <source>Stop charging</source>
        <translation>Laden beenden</translation>
    </message>
    <message>
        <source>Keep charging</source>
        <translation>Weiter laden</translation>
    </message>
</context>
<context>
    <name>ConnectorBar</name>
    <message>
        <source>Available</source>
        <extracomment>Another connector&apos;s lane in the connector bar</extracomment>
        <translation>Frei</translation>
    </message>
    <message>
        <source>Car connected</source>
        <translation>Auto verbunden</translation>
    </message>
    <message>
        <source>Choosing an amount</source>
        <translation>Betrag wird gewählt</translation>
    </message>
    <message>
        <source>Payment in progress</source>
        <translation>Zahlung läuft</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Warten auf das Auto</translation>
    </message>
    <message>
        <source>Charging · %1</source>
        <extracomment>%1 is the energy so far, e.g. &quot;12.4 kWh&quot;</extracomment>
        <translation>Lädt · %1</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Lädt</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Wird beendet</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <source>Payment unavailable</source>
        <translation>Zahlung nicht möglich</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Außer Betrieb</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testladung</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
</context>
<context>
    <name>ConnectorTile</name>
    <message>
        <source>Available</source>
        <extracomment>Connector tile state</extracomment>
        <translation>Frei</translation>
    </message>
    <message>
        <source>Car connected</source>
        <translation>Auto verbunden</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Lädt</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Wird beendet</translation>
    </message>
    <message>
        <source>Payment unavailable</source>
        <translation>Zahlung nicht möglich</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Außer Betrieb</translation>
    </message>
    <message>
        <source>Test charge</source>
        <extracomment>Connector tile state: a technician checks the charger; nobody pays for it</extracomment>
        <translation>Testladung</translation>
    </message>
    <message>
        <source>Starting…</source>
        <extracomment>Connector tile state in the first second after the station switched on</extracomment>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Tap to charge</source>
        <translation>Tippen zum Laden</translation>
    </message>
    <message>
        <source>Tap to pay</source>
        <translation>Tippen zum Bezahlen</translation>
    </message>
    <message>
        <source>Tap to see or stop</source>
        <translation>Tippen zum Ansehen oder Stoppen</translation>
    </message>
    <message>
        <source>Tap to see</source>
        <translation>Tippen zum Ansehen</translation>
    </message>
    <message>
        <source>Please use another connector</source>
        <translation>Bitte anderen Anschluss nutzen</translation>
    </message>
    <message>
        <source>No payment · please use another connector</source>
        <translation>Keine Zahlung · bitte einen anderen Anschluss nutzen</translation>
    </message>
    <message>
        <source>No new payments right now</source>
        <translation>Zurzeit keine neuen Zahlungen</translation>
    </message>
    <message>
        <source>Ready in a moment</source>
        <translation>Gleich bereit</translation>
    </message>
    <message>
        <source>Payment in progress on a phone</source>
        <translation>Zahlung läuft auf einem Telefon</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>You stopped the charge.</source>
        <translation>Sie haben das Laden beendet.</translation>
    </message>
    <message>
        <source>You stopped the charge from your phone.</source>
        <translation>Sie haben das Laden am Telefon gestoppt.</translation>
    </message>
    <message>
        <source>The charge stopped: your amount was used up.</source>
        <translation>Laden beendet: Ihr Betrag ist aufgebraucht.</translation>
    </message>
    <message>
        <source>The charge stopped: the car is full.</source>
        <translation>Laden beendet: das Auto ist voll.</translation>
    </message>
    <message>
        <source>The charge stopped: the cable was unplugged.</source>
        <translation>Laden beendet: das Kabel wurde abgezogen.</translation>
    </message>
    <message>
        <source>The charge stopped because of a fault at the charger.</source>
        <translation>Laden wegen eines Fehlers am Ladegerät beendet.</translation>
    </message>
    <message>
        <source>The charge was stopped by a technician.</source>
        <translation>Ein Techniker hat das Laden beendet.</translation>
    </message>
    <message>
        <source>The charge was stopped by the station.</source>
        <translation>Die Station hat das Laden beendet.</translation>
    </message>
    <message>
        <source>Thank you! Please unplug the cable.</source>
        <translation>Danke! Bitte Kabel abziehen.</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>Zu zahlen</translation>
    </message>
    <message>
        <source>%1 will be charged and the rest released as soon as the payment service answers.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>%1 wird abgebucht und der Rest freigegeben, sobald der Zahlungsdienst antwortet.</translation>
    </message>
    <message>
        <source>%1 released; your bank may take a few days to show it.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>%1 freigegeben; Ihre Bank zeigt das eventuell erst nach einigen Tagen.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Beleg</translation>
    </message>
    <message>
        <source>The receipt is also in your %1 app.</source>
        <extracomment>%1 is the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Der Beleg ist auch in Ihrer %1-App.</translation>
    </message>
</context>
<context>
    <name>FollowOnPhone</name>
    <message>
        <source>Follow and stop it on your phone</source>
        <translation>Am Telefon verfolgen und stoppen</translation>
    </message>
    <message>
        <source>Follow on your phone: scan to see the charge and stop it from anywhere.</source>
        <translation>Am Telefon verfolgen: scannen, um das Laden zu sehen und es von überall zu stoppen.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Payment is unavailable right now, so no new charge can start. Charging that has started goes on.</source>
        <translation>Bezahlen ist gerade nicht möglich, daher kann kein neuer Ladevorgang starten. Laufende Ladevorgänge gehen weiter.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose language</source>
        <translation>Sprache wählen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <source>Payment declined</source>
        <translation>Zahlung abgelehnt</translation>
    </message>
    <message>
        <source>Time ran out</source>
        <translation>Zeit abgelaufen</translation>
    </message>
    <message>
        <source>Payment cancelled</source>
        <translation>Zahlung abgebrochen</translation>
    </message>
    <message>
        <source>No cable was plugged in</source>
        <translation>Kein Kabel eingesteckt</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <source>Payment is unavailable</source>
        <translation>Bezahlen ist nicht möglich</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Außer Betrieb</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testladung</translation>
    </message>
    <message>
        <source>Charger not responding</source>
        <translation>Ladegerät antwortet nicht</translation>
    </message>
    <message>
        <source>Charger fault</source>
        <translation>Störung am Ladegerät</translation>
    </message>
    <message>
        <source>The payment was declined in the app. No money was taken.</source>
        <translation>Die Zahlung wurde in der App abgelehnt. Es wurde kein Geld abgebucht.</translation>
    </message>
    <message>
        <source>The payment was not approved in time. No money was taken.</source>
        <translation>Die Zahlung wurde nicht rechtzeitig bestätigt. Es wurde kein Geld abgebucht.</translation>
    </message>
    <message>
        <source>The payment was cancelled. No money was taken.</source>
        <translation>Die Zahlung wurde abgebrochen. Es wurde kein Geld abgebucht.</translation>
    </message>
    <message>
        <source>The car was not plugged in in time, so the charge did not start.</source>
        <translation>Das Auto wurde nicht rechtzeitig angeschlossen, daher hat das Laden nicht begonnen.</translation>
    </message>
    <message>
        <source>The payment could not be started. Please try again.</source>
        <translation>Die Zahlung konnte nicht gestartet werden. Bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>The charger could not start charging.</source>
        <translation>Das Ladegerät konnte das Laden nicht starten.</translation>
    </message>
    <message>
        <source>The charger is not responding.</source>
        <translation>Das Ladegerät antwortet nicht.</translation>
    </message>
    <message>
        <source>Please try again, or use another connector.</source>
        <translation>Bitte erneut versuchen oder einen anderen Anschluss nutzen.</translation>
    </message>
    <message>
        <source>Vipps MobilePay cannot be reached right now, so no new charge can start. Charging that has started goes on. Please try again in a few minutes.</source>
        <translation>Vipps MobilePay ist gerade nicht erreichbar, daher kann kein neuer Ladevorgang starten. Laufende Ladevorgänge gehen weiter. Bitte in ein paar Minuten erneut versuchen.</translation>
    </message>
    <message>
        <source>This connector is out of order. Please use another connector.</source>
        <translation>Dieser Anschluss ist außer Betrieb. Bitte einen anderen nutzen.</translation>
    </message>
    <message>
        <source>A technician is testing this connector&apos;s charger. Nobody pays for this charge. Please use another connector.</source>
        <translation>Ein Techniker prüft das Ladegerät dieses Anschlusses. Niemand zahlt für diese Ladung. Bitte einen anderen Anschluss nutzen.</translation>
    </message>
    <message>
        <source>The station cannot reach this connector&apos;s charger. Please use another connector.</source>
        <translation>Die Station erreicht das Ladegerät dieses Anschlusses nicht. Bitte einen anderen nutzen.</translation>
    </message>
    <message>
        <source>This connector has a fault and cannot charge now. Please use another connector.</source>
        <translation>Dieser Anschluss hat eine Störung und kann gerade nicht laden. Bitte einen anderen nutzen.</translation>
    </message>
    <message>
        <source>The money was released: %1. Your bank may take a few days to show it.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>Das Geld wurde freigegeben: %1. Ihre Bank zeigt das eventuell erst nach einigen Tagen.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PayScreen</name>
    <message>
        <source>Payment in progress on a phone</source>
        <translation>Zahlung läuft auf einem Telefon</translation>
    </message>
    <message>
        <source>Approve the payment in the Vipps MobilePay app on your phone</source>
        <translation>Bestätigen Sie die Zahlung in der Vipps MobilePay-App auf Ihrem Handy</translation>
    </message>
    <message>
        <source>Scan the code with your phone&apos;s camera or the Vipps MobilePay app</source>
        <translation>Scannen Sie den Code mit der Handykamera oder der Vipps MobilePay-App</translation>
    </message>
    <message>
        <source>Someone is paying for this connector on their phone. The charge starts when the payment is approved.</source>
        <translation>Jemand bezahlt diesen Anschluss am Telefon. Das Laden beginnt, sobald die Zahlung bestätigt ist.</translation>
    </message>
    <message>
        <source>Amount</source>
        <extracomment>The amount reserved, on the pay screen</extracomment>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <extracomment>%1 is minutes:seconds</extracomment>
        <translation>Verbleibende Zeit: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>PlugInScreen</name>
    <message>
        <source>Approved.</source>
        <translation>Bestätigt.</translation>
    </message>
    <message>
        <source>Plug in the cable.</source>
        <translation>Stecken Sie das Kabel ein.</translation>
    </message>
    <message>
        <source>%1 is reserved. Plug in within %2, or the reservation is released.</source>
        <extracomment>%1 is the amount reserved, %2 minutes:seconds</extracomment>
        <translation>%1 ist reserviert. Stecken Sie innerhalb von %2 ein, sonst wird die Reservierung freigegeben.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>PriceChange</name>
    <message>
        <source>%1 until tomorrow %2, then %3</source>
        <extracomment>%1 is the energy price now (&quot;kr 3,90/kWh&quot;), %2 a time (&quot;06:00&quot;), %3 the price after it</extracomment>
        <translation>%1 bis morgen %2, danach %3</translation>
    </message>
    <message>
        <source>%1 until %2, then %3</source>
        <extracomment>%1 is the energy price now (&quot;kr 3,90/kWh&quot;), %2 a time (&quot;22:00&quot;), %3 the price after it</extracomment>
        <translation>%1 bis %2, danach %3</translation>
    </message>
</context>
<context>
    <name>PriceList</name>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>Start fee</source>
        <translation>Startgebühr</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Idle fee after %1 min</source>
        <extracomment>%1 is the number of free minutes after charging before the idle fee starts</extracomment>
        <translation>Blockiergebühr nach %1&#xa0;Min.</translation>
    </message>
    <message>
        <source>Minimum price</source>
        <translation>Mindestpreis</translation>
    </message>
    <message>
        <source>All prices include VAT.</source>
        <translation>Alle Preise inkl. MwSt.</translation>
    </message>
</context>
<context>
    <name>ServiceConnectorsPage</name>
    <message>
        <source>Out of order</source>
        <translation>Außer Betrieb</translation>
    </message>
    <message>
        <source>IEC state</source>
        <translation>IEC-Zustand</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>online</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>Current limit</source>
        <translation>Stromgrenze</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>Registers</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Last errors</source>
        <translation>Letzte Fehler</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>Wieder in Betrieb</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testladung</translation>
    </message>
    <message>
        <source>Stop charging</source>
        <translation>Laden stoppen</translation>
    </message>
</context>
<context>
    <name>ServiceMessage</name>
    <message>
        <source>Wrong PIN. {attempts} tries left.</source>
        <translation>Falsche PIN. Noch {attempts} Versuche.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The pad is locked until {until}.</source>
        <translation>Zu viele falsche PINs. Die Tastatur ist bis {until} gesperrt.</translation>
    </message>
    <message>
        <source>No service PIN is set. Set one with the command kiosk set-pin.</source>
        <translation>Keine Service-PIN gesetzt. Mit dem Befehl kiosk set-pin setzen.</translation>
    </message>
    <message>
        <source>The PIN cannot be checked now (database error). Try again.</source>
        <translation>Die PIN kann jetzt nicht geprüft werden (Datenbankfehler). Bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>{connector} is now out of order.</source>
        <translation>{connector} ist jetzt außer Betrieb.</translation>
    </message>
    <message>
        <source>{connector} is back in service.</source>
        <translation>{connector} ist wieder in Betrieb.</translation>
    </message>
    <message>
        <source>Test charge started on {connector} (no payment).</source>
        <translation>Testladung an {connector} gestartet (ohne Zahlung).</translation>
    </message>
    <message>
        <source>Charging on {connector} stopped.</source>
        <translation>Laden an {connector} gestoppt.</translation>
    </message>
    <message>
        <source>There is no connector {connector}.</source>
        <translation>Es gibt keinen Anschluss {connector}.</translation>
    </message>
    <message>
        <source>The station refused: {reason}</source>
        <translation>Die Station lehnte ab: {reason}</translation>
    </message>
    <message>
        <source>The station could not do it: {reason}</source>
        <translation>Die Station konnte es nicht: {reason}</translation>
    </message>
    <message>
        <source>There is no session {session}.</source>
        <translation>Es gibt keine Sitzung {session}.</translation>
    </message>
    <message>
        <source>Session {session} is not waiting for settlement.</source>
        <translation>Sitzung {session} wartet nicht auf Abrechnung.</translation>
    </message>
    <message>
        <source>Settlement of session {session} will be tried again now.</source>
        <translation>Die Abrechnung von Sitzung {session} wird jetzt erneut versucht.</translation>
    </message>
    <message>
        <source>Refunded {amount_ore} of session {session}.</source>
        <translation>{amount_ore} von Sitzung {session} erstattet.</translation>
    </message>
    <message>
        <source>Vipps did not answer. The refund of {amount_ore} is saved; press Refund again later to send the same refund (it cannot be paid twice).</source>
        <translation>Vipps hat nicht geantwortet. Die Erstattung von {amount_ore} ist gespeichert; später erneut Erstatten drücken, um dieselbe Erstattung zu senden (sie kann nicht doppelt gezahlt werden).</translation>
    </message>
    <message>
        <source>A refund of {amount_ore} is still unconfirmed. Refund that amount to send it again.</source>
        <translation>Eine Erstattung von {amount_ore} ist noch unbestätigt. Diesen Betrag erstatten, um sie erneut zu senden.</translation>
    </message>
    <message>
        <source>Vipps refused the refund: {reason}</source>
        <translation>Vipps lehnte die Erstattung ab: {reason}</translation>
    </message>
    <message>
        <source>The refund must be between {minimum_ore} and {maximum_ore}.</source>
        <translation>Die Erstattung muss zwischen {minimum_ore} und {maximum_ore} liegen.</translation>
    </message>
    <message>
        <source>Nothing to refund: session {session} has no captured money left.</source>
        <translation>Nichts zu erstatten: Sitzung {session} hat kein eingezogenes Geld mehr.</translation>
    </message>
    <message>
        <source>Session {session} has no payment to refund.</source>
        <translation>Sitzung {session} hat keine Zahlung zum Erstatten.</translation>
    </message>
    <message>
        <source>Session {session} is marked resolved.</source>
        <translation>Sitzung {session} ist als erledigt markiert.</translation>
    </message>
    <message>
        <source>Session {session} was already resolved.</source>
        <translation>Sitzung {session} war bereits erledigt.</translation>
    </message>
    <message>
        <source>Vipps answers (token and payment check OK): {detail}</source>
        <translation>Vipps antwortet (Token und Zahlungsprüfung OK): {detail}</translation>
    </message>
    <message>
        <source>Vipps cannot be used: {detail}</source>
        <translation>Vipps ist nicht nutzbar: {detail}</translation>
    </message>
    <message>
        <source>Vipps is not configured on this station (no client).</source>
        <translation>Vipps ist an dieser Station nicht eingerichtet (kein Client).</translation>
    </message>
    <message>
        <source>Exported {count} sessions to {file}.</source>
        <translation>{count} Sitzungen nach {file} exportiert.</translation>
    </message>
    <message>
        <source>Could not export: {reason}</source>
        <translation>Export nicht möglich: {reason}</translation>
    </message>
    <message>
        <source>The database did not answer: {reason}</source>
        <translation>Die Datenbank hat nicht geantwortet: {reason}</translation>
    </message>
    <message>
        <source>The records are intact: {entries} entries checked, every link holds. Last link: {head}</source>
        <translation>Die Aufzeichnungen sind unverändert: {entries} Einträge geprüft, jedes Glied hält. Letztes Glied: {head}</translation>
    </message>
    <message>
        <source>The records were changed after they were written: the first broken link is entry {seq} ({problem}). Call the operator.</source>
        <translation>Die Aufzeichnungen wurden nach dem Schreiben geändert: das erste gebrochene Glied ist Eintrag {seq} ({problem}). Rufen Sie den Betreiber an.</translation>
    </message>
    <message>
        <source>test charge (no payment)</source>
        <translation>Testladung (ohne Zahlung)</translation>
    </message>
    <message>
        <source>resolved by hand</source>
        <translation>von Hand erledigt</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>erstattet</translation>
    </message>
    <message>
        <source>partly refunded</source>
        <translation>teilweise erstattet</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>abgerechnet</translation>
    </message>
    <message>
        <source>waiting for settlement</source>
        <translation>wartet auf Abrechnung</translation>
    </message>
    <message>
        <source>money reserved</source>
        <translation>Betrag reserviert</translation>
    </message>
    <message>
        <source>no payment</source>
        <translation>keine Zahlung</translation>
    </message>
</context>
<context>
    <name>ServiceMessageBar</name>
    <message>
        <source>Working…</source>
        <translation>Bitte warten …</translation>
    </message>
</context>
<context>
    <name>ServicePinPad</name>
    <message>
        <source>Service PIN</source>
        <translation>Service-PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Connectors</source>
        <translation>Anschlüsse</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>ServiceSessionsPage</name>
    <message>
        <source>Settlement queue</source>
        <translation>Abrechnungswarteschlange</translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation>nächster Versuch %1</translation>
    </message>
    <message>
        <source>Recent sessions</source>
        <translation>Letzte Sitzungen</translation>
    </message>
    <message>
        <source>No sessions yet.</source>
        <translation>Noch keine Sitzungen.</translation>
    </message>
    <message>
        <source>Choose a session.</source>
        <translation>Sitzung wählen.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reserviert</translation>
    </message>
    <message>
        <source>due</source>
        <translation>fällig</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>Eingezogen</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>erstattet</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Erstatten …</translation>
    </message>
    <message>
        <source>Settle now</source>
        <translation>Jetzt abrechnen</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Refund (up to %1)</source>
        <translation>Erstatten (bis %1)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstatten</translation>
    </message>
</context>
<context>
    <name>ServiceStationPage</name>
    <message>
        <source>Price per kWh</source>
        <translation>Preis pro kWh</translation>
    </message>
    <message>
        <source>Start fee</source>
        <translation>Startgebühr</translation>
    </message>
    <message>
        <source>Price per minute</source>
        <translation>Preis pro Minute</translation>
    </message>
    <message>
        <source>Idle fee</source>
        <translation>Standgebühr</translation>
    </message>
    <message>
        <source>Most per session</source>
        <translation>Höchstens pro Sitzung</translation>
    </message>
    <message>
        <source>Minimum price</source>
        <translation>Mindestpreis</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Price now</source>
        <translation>Preis jetzt</translation>
    </message>
    <message>
        <source>Spot price feed</source>
        <translation>Spotpreis-Quelle</translation>
    </message>
    <message>
        <source>VAT included</source>
        <translation>MwSt. enthalten</translation>
    </message>
    <message>
        <source>Records: written normally.</source>
        <translation>Aufzeichnungen: werden normal geschrieben.</translation>
    </message>
    <message>
        <source>Records cannot be written: another program holds the database lock. Charging and Stop work.</source>
        <translation>Aufzeichnungen können nicht geschrieben werden: ein anderes Programm hält die Datenbanksperre. Laden und Stopp funktionieren.</translation>
    </message>
    <message>
        <source>Records cannot be written: the disk is full. Charging and Stop work.</source>
        <translation>Aufzeichnungen können nicht geschrieben werden: der Datenträger ist voll. Laden und Stopp funktionieren.</translation>
    </message>
    <message>
        <source>Records cannot be written: the database is read-only or missing. Charging and Stop work.</source>
        <translation>Aufzeichnungen können nicht geschrieben werden: die Datenbank ist schreibgeschützt oder fehlt. Laden und Stopp funktionieren.</translation>
    </message>
    <message>
        <source>Records are waiting: the database is not answering. Charging and Stop work.</source>
        <translation>Aufzeichnungen warten: die Datenbank antwortet nicht. Laden und Stopp funktionieren.</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Check Vipps</source>
        <translation>Vipps prüfen</translation>
    </message>
    <message>
        <source>Check the records</source>
        <translation>Aufzeichnungen prüfen</translation>
    </message>
    <message>
        <source>Find USB stick</source>
        <translation>USB-Stick suchen</translation>
    </message>
    <message>
        <source>Export sessions (CSV) to %1</source>
        <translation>Sitzungen (CSV) exportieren nach %1</translation>
    </message>
    <message>
        <source>Tariff in force</source>
        <translation>Gültiger Tarif</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Technician actions</source>
        <translation>Technikeraktionen</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
</context>
<context>
    <name>WorkingScreen</name>
    <message>
        <source>Stopping the charge…</source>
        <translation>Laden wird beendet …</translation>
    </message>
    <message>
        <source>Finishing the payment…</source>
        <translation>Zahlung wird abgeschlossen …</translation>
    </message>
    <message>
        <source>%1 delivered, %2 so far</source>
        <extracomment>%1 energy, %2 money</extracomment>
        <translation>%1 geliefert, bisher %2</translation>
    </message>
    <message>
        <source>Please wait a moment.</source>
        <translation>Bitte einen Moment warten.</translation>
    </message>
</context>
</TS>
