<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb">
<context>
    <name>BudgetBar</name>
    <message>
        <source>%1 left of %2</source>
        <extracomment>Below the budget bar: money left of the authorized amount</extracomment>
        <translation>%1 igjen av %2</translation>
    </message>
</context>
<context>
    <name>BudgetScreen</name>
    <message>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Your mobile number</source>
        <translation>Mobilnummeret ditt</translation>
    </message>
    <message>
        <source>Choose the most you want to pay</source>
        <translation>Velg det meste du vil betale</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>Annet beløp</translation>
    </message>
    <message>
        <source>The station is sharing power (%1)</source>
        <extracomment>Under the budget title while the site&apos;s supply is shared: what a car starting now gets; %1 is a power such as &quot;6.9 kW&quot;</extracomment>
        <translation>Stasjonen deler effekten (%1)</translation>
    </message>
    <message>
        <source>≈ kWh if your car charges at %1</source>
        <extracomment>Under the budget title when the price has a per-minute part; %1 is a power such as &quot;11 kW&quot;</extracomment>
        <translation>≈ kWh hvis bilen lader med %1</translation>
    </message>
    <message>
        <source>Amount %1</source>
        <extracomment>%1 is a range such as &quot;kr 50 – kr 1 000&quot;</extracomment>
        <translation>Beløp %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Pay %1 with %2</source>
        <extracomment>%1 is an amount, %2 the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Betal %1 med %2</translation>
    </message>
    <message>
        <source>Send %1 to my %2 app</source>
        <extracomment>%1 is an amount, %2 the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Send %1 til %2-appen min</translation>
    </message>
    <message>
        <source>By paying you accept the terms of sale (scan the code). We reserve this amount and take only what the energy costs; the rest is released at once. You can stop any time.</source>
        <extracomment>the explicit acceptance of the terms before every payment (PRODUCT.md §2b)</extracomment>
        <translation>Ved å betale godtar du salgsvilkårene (skann koden). Vi reserverer beløpet og trekker bare det strømmen koster; resten frigis straks. Du kan stoppe når som helst.</translation>
    </message>
    <message>
        <source>Choose an amount</source>
        <translation>Velg et beløp</translation>
    </message>
    <message>
        <source>Power is shared: ≈ kWh at %1</source>
        <extracomment>Under the budget title while the supply is shared and the price has a per-minute part: the &quot;≈ kWh&quot; assumes what a car starting now gets; %1 is a power such as &quot;6.9 kW&quot;</extracomment>
        <translation>Effekten deles: ≈ kWh ved %1</translation>
    </message>
    <message>
        <source>Use my phone number instead</source>
        <translation>Bruk telefonnummeret mitt</translation>
    </message>
    <message>
        <source>Scan a QR code instead</source>
        <translation>Skann en QR-kode i stedet</translation>
    </message>
</context>
<context>
    <name>ChargingScreen</name>
    <message>
        <source>Charging</source>
        <translation>Lader</translation>
    </message>
    <message>
        <source>The car has paused charging</source>
        <translation>Bilen har satt ladingen på pause</translation>
    </message>
    <message>
        <source>The car is full</source>
        <translation>Bilen er full</translation>
    </message>
    <message>
        <source>The station is sharing power (%1)</source>
        <extracomment>%1 is the power this car may draw now, e.g. &quot;7,4 kW&quot;</extracomment>
        <translation>Stasjonen deler effekten (%1)</translation>
    </message>
    <message>
        <source>The station is limiting power right now</source>
        <translation>Stasjonen begrenser effekten akkurat nå</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Venter på bilen</translation>
    </message>
    <message>
        <source>Station problem: your charge is safe and Stop works</source>
        <translation>Problem med stasjonen: ladingen er trygg og Stopp virker</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energi</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Effekt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Cost so far</source>
        <translation>Kostnad så langt</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop charging now? You pay only for the energy delivered.</source>
        <translation>Stoppe ladingen nå? Du betaler bare for strømmen du har fått.</translation>
    </message>
    <message>
        <source>Stop charging</source>
        <translation>Stopp ladingen</translation>
    </message>
    <message>
        <source>Keep charging</source>
        <translation>Fortsett å lade</translation>
    </message>
</context>
<context>
    <name>ConnectorBar</name>
    <message>
        <source>Available</source>
        <extracomment>Another connector&apos;s lane in the connector bar</extracomment>
        <translation>Ledig</translation>
    </message>
    <message>
        <source>Car connected</source>
        <translation>Bil tilkoblet</translation>
    </message>
    <message>
        <source>Choosing an amount</source>
        <translation>Velger beløp</translation>
    </message>
    <message>
        <source>Payment in progress</source>
        <translation>Betaling pågår</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Venter på bilen</translation>
    </message>
    <message>
        <source>Charging · %1</source>
        <extracomment>%1 is the energy so far, e.g. &quot;12.4 kWh&quot;</extracomment>
        <translation>Lader · %1</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Lader</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Avslutter</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>I bruk</translation>
    </message>
    <message>
        <source>Payment unavailable</source>
        <translation>Betaling utilgjengelig</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Ute av drift</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testlading</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starter…</translation>
    </message>
</context>
<context>
    <name>ConnectorTile</name>
    <message>
        <source>Available</source>
        <extracomment>Connector tile state</extracomment>
        <translation>Ledig</translation>
    </message>
    <message>
        <source>Car connected</source>
        <translation>Bil tilkoblet</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>I bruk</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Lader</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Avslutter</translation>
    </message>
    <message>
        <source>Payment unavailable</source>
        <translation>Betaling utilgjengelig</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Ute av drift</translation>
    </message>
    <message>
        <source>Test charge</source>
        <extracomment>Connector tile state: a technician checks the charger; nobody pays for it</extracomment>
        <translation>Testlading</translation>
    </message>
    <message>
        <source>Starting…</source>
        <extracomment>Connector tile state in the first second after the station switched on</extracomment>
        <translation>Starter…</translation>
    </message>
    <message>
        <source>Tap to charge</source>
        <translation>Trykk for å lade</translation>
    </message>
    <message>
        <source>Tap to pay</source>
        <translation>Trykk for å betale</translation>
    </message>
    <message>
        <source>Tap to see or stop</source>
        <translation>Trykk for å se eller stoppe</translation>
    </message>
    <message>
        <source>Tap to see</source>
        <translation>Trykk for å se</translation>
    </message>
    <message>
        <source>Please use another connector</source>
        <translation>Bruk en annen kontakt</translation>
    </message>
    <message>
        <source>No payment · please use another connector</source>
        <translation>Ingen betaling · bruk en annen kontakt</translation>
    </message>
    <message>
        <source>No new payments right now</source>
        <translation>Ingen nye betalinger akkurat nå</translation>
    </message>
    <message>
        <source>Ready in a moment</source>
        <translation>Klar om et øyeblikk</translation>
    </message>
    <message>
        <source>Payment in progress on a phone</source>
        <translation>Betaling pågår på en telefon</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>You stopped the charge.</source>
        <translation>Du stoppet ladingen.</translation>
    </message>
    <message>
        <source>You stopped the charge from your phone.</source>
        <translation>Du stoppet ladingen fra telefonen.</translation>
    </message>
    <message>
        <source>The charge stopped: your amount was used up.</source>
        <translation>Ladingen stoppet: beløpet ditt er brukt opp.</translation>
    </message>
    <message>
        <source>The charge stopped: the car is full.</source>
        <translation>Ladingen stoppet: bilen er full.</translation>
    </message>
    <message>
        <source>The charge stopped: the cable was unplugged.</source>
        <translation>Ladingen stoppet: kabelen ble koblet fra.</translation>
    </message>
    <message>
        <source>The charge stopped because of a fault at the charger.</source>
        <translation>Ladingen stoppet på grunn av en feil i laderen.</translation>
    </message>
    <message>
        <source>The charge was stopped by a technician.</source>
        <translation>Ladingen ble stoppet av en tekniker.</translation>
    </message>
    <message>
        <source>The charge was stopped by the station.</source>
        <translation>Ladingen ble stoppet av stasjonen.</translation>
    </message>
    <message>
        <source>Thank you! Please unplug the cable.</source>
        <translation>Takk! Koble fra kabelen.</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energi</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Betalt</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>Å betale</translation>
    </message>
    <message>
        <source>%1 will be charged and the rest released as soon as the payment service answers.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>%1 blir trukket, og resten frigitt så snart betalingstjenesten svarer.</translation>
    </message>
    <message>
        <source>%1 released; your bank may take a few days to show it.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>%1 frigitt; det kan ta noen dager før banken din viser det.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Ferdig</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Kvittering</translation>
    </message>
    <message>
        <source>The receipt is also in your %1 app.</source>
        <extracomment>%1 is the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Kvitteringen ligger også i %1-appen.</translation>
    </message>
</context>
<context>
    <name>FollowOnPhone</name>
    <message>
        <source>Follow and stop it on your phone</source>
        <translation>Følg og stopp på telefonen</translation>
    </message>
    <message>
        <source>Follow on your phone: scan to see the charge and stop it from anywhere.</source>
        <translation>Følg med på telefonen: skann for å se ladingen og stoppe den hvor du er.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Payment is unavailable right now, so no new charge can start. Charging that has started goes on.</source>
        <translation>Betaling er ikke tilgjengelig akkurat nå, så ingen ny lading kan starte. Lading som er i gang, fortsetter.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete</source>
        <translation>Slett</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose language</source>
        <translation>Velg språk</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <source>Payment declined</source>
        <translation>Betalingen ble avvist</translation>
    </message>
    <message>
        <source>Time ran out</source>
        <translation>Tiden gikk ut</translation>
    </message>
    <message>
        <source>Payment cancelled</source>
        <translation>Betalingen er avbrutt</translation>
    </message>
    <message>
        <source>No cable was plugged in</source>
        <translation>Ingen kabel ble koblet til</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Noe gikk galt</translation>
    </message>
    <message>
        <source>Payment is unavailable</source>
        <translation>Betaling er ikke tilgjengelig</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Ute av drift</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testlading</translation>
    </message>
    <message>
        <source>Charger not responding</source>
        <translation>Laderen svarer ikke</translation>
    </message>
    <message>
        <source>Charger fault</source>
        <translation>Feil på laderen</translation>
    </message>
    <message>
        <source>The payment was declined in the app. No money was taken.</source>
        <translation>Betalingen ble avvist i appen. Ingen penger ble trukket.</translation>
    </message>
    <message>
        <source>The payment was not approved in time. No money was taken.</source>
        <translation>Betalingen ble ikke godkjent i tide. Ingen penger ble trukket.</translation>
    </message>
    <message>
        <source>The payment was cancelled. No money was taken.</source>
        <translation>Betalingen ble avbrutt. Ingen penger ble trukket.</translation>
    </message>
    <message>
        <source>The car was not plugged in in time, so the charge did not start.</source>
        <translation>Bilen ble ikke koblet til i tide, så ladingen startet ikke.</translation>
    </message>
    <message>
        <source>The payment could not be started. Please try again.</source>
        <translation>Betalingen kunne ikke startes. Prøv igjen.</translation>
    </message>
    <message>
        <source>The charger could not start charging.</source>
        <translation>Laderen kunne ikke starte ladingen.</translation>
    </message>
    <message>
        <source>The charger is not responding.</source>
        <translation>Laderen svarer ikke.</translation>
    </message>
    <message>
        <source>Please try again, or use another connector.</source>
        <translation>Prøv igjen, eller bruk en annen kontakt.</translation>
    </message>
    <message>
        <source>Vipps MobilePay cannot be reached right now, so no new charge can start. Charging that has started goes on. Please try again in a few minutes.</source>
        <translation>Vi får ikke kontakt med Vipps MobilePay akkurat nå, så ingen ny lading kan starte. Lading som er i gang, fortsetter. Prøv igjen om noen minutter.</translation>
    </message>
    <message>
        <source>This connector is out of order. Please use another connector.</source>
        <translation>Denne kontakten er ute av drift. Bruk en annen kontakt.</translation>
    </message>
    <message>
        <source>A technician is testing this connector&apos;s charger. Nobody pays for this charge. Please use another connector.</source>
        <translation>En tekniker tester laderen på denne kontakten. Ingen betaler for denne ladingen. Bruk en annen kontakt.</translation>
    </message>
    <message>
        <source>The station cannot reach this connector&apos;s charger. Please use another connector.</source>
        <translation>Stasjonen får ikke kontakt med laderen til denne kontakten. Bruk en annen kontakt.</translation>
    </message>
    <message>
        <source>This connector has a fault and cannot charge now. Please use another connector.</source>
        <translation>Denne kontakten har en feil og kan ikke lade nå. Bruk en annen kontakt.</translation>
    </message>
    <message>
        <source>The money was released: %1. Your bank may take a few days to show it.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>Pengene ble frigitt: %1. Det kan ta noen dager før banken din viser det.</translation>
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
        <translation>Betaling pågår på en telefon</translation>
    </message>
    <message>
        <source>Approve the payment in the Vipps MobilePay app on your phone</source>
        <translation>Godkjenn betalingen i Vipps MobilePay-appen på telefonen din</translation>
    </message>
    <message>
        <source>Scan the code with your phone&apos;s camera or the Vipps MobilePay app</source>
        <translation>Skann koden med kameraet på telefonen eller i Vipps MobilePay-appen</translation>
    </message>
    <message>
        <source>Someone is paying for this connector on their phone. The charge starts when the payment is approved.</source>
        <translation>Noen betaler for denne kontakten på telefonen sin. Ladingen starter når betalingen er godkjent.</translation>
    </message>
    <message>
        <source>Amount</source>
        <extracomment>The amount reserved, on the pay screen</extracomment>
        <translation>Beløp</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <extracomment>%1 is minutes:seconds</extracomment>
        <translation>Tid igjen: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
</context>
<context>
    <name>PlugInScreen</name>
    <message>
        <source>Approved.</source>
        <translation>Godkjent.</translation>
    </message>
    <message>
        <source>Plug in the cable.</source>
        <translation>Koble til kabelen.</translation>
    </message>
    <message>
        <source>%1 is reserved. Plug in within %2, or the reservation is released.</source>
        <extracomment>%1 is the amount reserved, %2 minutes:seconds</extracomment>
        <translation>%1 er reservert. Koble til innen %2, ellers frigis reservasjonen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>PriceChange</name>
    <message>
        <source>%1 until tomorrow %2, then %3</source>
        <extracomment>%1 is the energy price now (&quot;kr 3,90/kWh&quot;), %2 a time (&quot;06:00&quot;), %3 the price after it</extracomment>
        <translation>%1 til i morgen %2, deretter %3</translation>
    </message>
    <message>
        <source>%1 until %2, then %3</source>
        <extracomment>%1 is the energy price now (&quot;kr 3,90/kWh&quot;), %2 a time (&quot;22:00&quot;), %3 the price after it</extracomment>
        <translation>%1 til %2, deretter %3</translation>
    </message>
</context>
<context>
    <name>PriceList</name>
    <message>
        <source>Price</source>
        <translation>Pris</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energi</translation>
    </message>
    <message>
        <source>Start fee</source>
        <translation>Startavgift</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Idle fee after %1 min</source>
        <extracomment>%1 is the number of free minutes after charging before the idle fee starts</extracomment>
        <translation>Parkeringsgebyr etter %1&#xa0;min</translation>
    </message>
    <message>
        <source>Minimum price</source>
        <translation>Minstepris</translation>
    </message>
    <message>
        <source>All prices include VAT.</source>
        <translation>Alle priser inkl. mva.</translation>
    </message>
</context>
<context>
    <name>ServiceConnectorsPage</name>
    <message>
        <source>Out of order</source>
        <translation>Ute av drift</translation>
    </message>
    <message>
        <source>IEC state</source>
        <translation>IEC-tilstand</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Forbindelse</translation>
    </message>
    <message>
        <source>online</source>
        <translation>tilkoblet</translation>
    </message>
    <message>
        <source>Current limit</source>
        <translation>Strømgrense</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Måler</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Effekt</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lest</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>for %1 siden</translation>
    </message>
    <message>
        <source>Registers</source>
        <translation>Registre</translation>
    </message>
    <message>
        <source>Last errors</source>
        <translation>Siste feil</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>I drift igjen</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testlading</translation>
    </message>
    <message>
        <source>Stop charging</source>
        <translation>Stopp lading</translation>
    </message>
</context>
<context>
    <name>ServiceMessage</name>
    <message>
        <source>Wrong PIN. {attempts} tries left.</source>
        <translation>Feil PIN. {attempts} forsøk igjen.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The pad is locked until {until}.</source>
        <translation>For mange feil PIN-koder. Tastaturet er låst til {until}.</translation>
    </message>
    <message>
        <source>No service PIN is set. Set one with the command kiosk set-pin.</source>
        <translation>Ingen service-PIN er satt. Sett en med kommandoen kiosk set-pin.</translation>
    </message>
    <message>
        <source>The PIN cannot be checked now (database error). Try again.</source>
        <translation>PIN-koden kan ikke sjekkes nå (databasefeil). Prøv igjen.</translation>
    </message>
    <message>
        <source>{connector} is now out of order.</source>
        <translation>{connector} er nå ute av drift.</translation>
    </message>
    <message>
        <source>{connector} is back in service.</source>
        <translation>{connector} er i drift igjen.</translation>
    </message>
    <message>
        <source>Test charge started on {connector} (no payment).</source>
        <translation>Testlading startet på {connector} (uten betaling).</translation>
    </message>
    <message>
        <source>Charging on {connector} stopped.</source>
        <translation>Ladingen på {connector} er stoppet.</translation>
    </message>
    <message>
        <source>There is no connector {connector}.</source>
        <translation>Det finnes ingen kontakt {connector}.</translation>
    </message>
    <message>
        <source>The station refused: {reason}</source>
        <translation>Stasjonen avviste: {reason}</translation>
    </message>
    <message>
        <source>The station could not do it: {reason}</source>
        <translation>Stasjonen klarte det ikke: {reason}</translation>
    </message>
    <message>
        <source>There is no session {session}.</source>
        <translation>Det finnes ingen økt {session}.</translation>
    </message>
    <message>
        <source>Session {session} is not waiting for settlement.</source>
        <translation>Økt {session} venter ikke på oppgjør.</translation>
    </message>
    <message>
        <source>Settlement of session {session} will be tried again now.</source>
        <translation>Oppgjøret av økt {session} prøves igjen nå.</translation>
    </message>
    <message>
        <source>Refunded {amount_ore} of session {session}.</source>
        <translation>Refunderte {amount_ore} av økt {session}.</translation>
    </message>
    <message>
        <source>Vipps did not answer. The refund of {amount_ore} is saved; press Refund again later to send the same refund (it cannot be paid twice).</source>
        <translation>Vipps svarte ikke. Refusjonen på {amount_ore} er lagret; trykk Refunder igjen senere for å sende den samme refusjonen (den kan ikke betales to ganger).</translation>
    </message>
    <message>
        <source>A refund of {amount_ore} is still unconfirmed. Refund that amount to send it again.</source>
        <translation>En refusjon på {amount_ore} er ennå ikke bekreftet. Refunder det beløpet for å sende den igjen.</translation>
    </message>
    <message>
        <source>Vipps refused the refund: {reason}</source>
        <translation>Vipps avviste refusjonen: {reason}</translation>
    </message>
    <message>
        <source>The refund must be between {minimum_ore} and {maximum_ore}.</source>
        <translation>Refusjonen må være mellom {minimum_ore} og {maximum_ore}.</translation>
    </message>
    <message>
        <source>Nothing to refund: session {session} has no captured money left.</source>
        <translation>Ingenting å refundere: økt {session} har ikke mer trukket beløp.</translation>
    </message>
    <message>
        <source>Session {session} has no payment to refund.</source>
        <translation>Økt {session} har ingen betaling å refundere.</translation>
    </message>
    <message>
        <source>Session {session} is marked resolved.</source>
        <translation>Økt {session} er merket som løst.</translation>
    </message>
    <message>
        <source>Session {session} was already resolved.</source>
        <translation>Økt {session} var allerede løst.</translation>
    </message>
    <message>
        <source>Vipps answers (token and payment check OK): {detail}</source>
        <translation>Vipps svarer (token og betalingssjekk OK): {detail}</translation>
    </message>
    <message>
        <source>Vipps cannot be used: {detail}</source>
        <translation>Vipps kan ikke brukes: {detail}</translation>
    </message>
    <message>
        <source>Vipps is not configured on this station (no client).</source>
        <translation>Vipps er ikke satt opp på denne stasjonen (ingen klient).</translation>
    </message>
    <message>
        <source>Exported {count} sessions to {file}.</source>
        <translation>Eksporterte {count} økter til {file}.</translation>
    </message>
    <message>
        <source>Could not export: {reason}</source>
        <translation>Kunne ikke eksportere: {reason}</translation>
    </message>
    <message>
        <source>The database did not answer: {reason}</source>
        <translation>Databasen svarte ikke: {reason}</translation>
    </message>
    <message>
        <source>The records are intact: {entries} entries checked, every link holds. Last link: {head}</source>
        <translation>Registreringene er urørt: {entries} oppføringer sjekket, alle ledd holder. Siste ledd: {head}</translation>
    </message>
    <message>
        <source>The records were changed after they were written: the first broken link is entry {seq} ({problem}). Call the operator.</source>
        <translation>Registreringene er endret etter at de ble skrevet: første brutte ledd er oppføring {seq} ({problem}). Ring operatøren.</translation>
    </message>
    <message>
        <source>test charge (no payment)</source>
        <translation>testlading (uten betaling)</translation>
    </message>
    <message>
        <source>resolved by hand</source>
        <translation>løst manuelt</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>refundert</translation>
    </message>
    <message>
        <source>partly refunded</source>
        <translation>delvis refundert</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>gjort opp</translation>
    </message>
    <message>
        <source>waiting for settlement</source>
        <translation>venter på oppgjør</translation>
    </message>
    <message>
        <source>money reserved</source>
        <translation>beløp reservert</translation>
    </message>
    <message>
        <source>no payment</source>
        <translation>ingen betaling</translation>
    </message>
</context>
<context>
    <name>ServiceMessageBar</name>
    <message>
        <source>Working…</source>
        <translation>Arbeider …</translation>
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
        <translation>Avbryt</translation>
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
        <translation>Kontakter</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Økter</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Stasjon</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Avslutt</translation>
    </message>
</context>
<context>
    <name>ServiceSessionsPage</name>
    <message>
        <source>Settlement queue</source>
        <translation>Oppgjørskø</translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation>neste forsøk %1</translation>
    </message>
    <message>
        <source>Recent sessions</source>
        <translation>Siste økter</translation>
    </message>
    <message>
        <source>No sessions yet.</source>
        <translation>Ingen økter ennå.</translation>
    </message>
    <message>
        <source>Choose a session.</source>
        <translation>Velg en økt.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energi</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reservert</translation>
    </message>
    <message>
        <source>due</source>
        <translation>å betale</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>Trukket</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>refundert</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Refunder …</translation>
    </message>
    <message>
        <source>Settle now</source>
        <translation>Gjør opp nå</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Merk som løst</translation>
    </message>
    <message>
        <source>Refund (up to %1)</source>
        <translation>Refunder (inntil %1)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refunder</translation>
    </message>
</context>
<context>
    <name>ServiceStationPage</name>
    <message>
        <source>Price per kWh</source>
        <translation>Pris per kWh</translation>
    </message>
    <message>
        <source>Start fee</source>
        <translation>Startavgift</translation>
    </message>
    <message>
        <source>Price per minute</source>
        <translation>Pris per minutt</translation>
    </message>
    <message>
        <source>Idle fee</source>
        <translation>Ståavgift</translation>
    </message>
    <message>
        <source>Most per session</source>
        <translation>Maks per økt</translation>
    </message>
    <message>
        <source>Minimum price</source>
        <translation>Minstepris</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Price now</source>
        <translation>Pris nå</translation>
    </message>
    <message>
        <source>Spot price feed</source>
        <translation>Spotpris-kilde</translation>
    </message>
    <message>
        <source>VAT included</source>
        <translation>Mva. inkludert</translation>
    </message>
    <message>
        <source>Records: written normally.</source>
        <translation>Registreringer: skrives normalt.</translation>
    </message>
    <message>
        <source>Records cannot be written: another program holds the database lock. Charging and Stop work.</source>
        <translation>Registreringer kan ikke skrives: et annet program holder databaselåsen. Lading og Stopp virker.</translation>
    </message>
    <message>
        <source>Records cannot be written: the disk is full. Charging and Stop work.</source>
        <translation>Registreringer kan ikke skrives: disken er full. Lading og Stopp virker.</translation>
    </message>
    <message>
        <source>Records cannot be written: the database is read-only or missing. Charging and Stop work.</source>
        <translation>Registreringer kan ikke skrives: databasen er skrivebeskyttet eller mangler. Lading og Stopp virker.</translation>
    </message>
    <message>
        <source>Records are waiting: the database is not answering. Charging and Stop work.</source>
        <translation>Registreringer venter: databasen svarer ikke. Lading og Stopp virker.</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>versjon %1</translation>
    </message>
    <message>
        <source>Check Vipps</source>
        <translation>Sjekk Vipps</translation>
    </message>
    <message>
        <source>Check the records</source>
        <translation>Sjekk registreringene</translation>
    </message>
    <message>
        <source>Find USB stick</source>
        <translation>Finn USB-pinne</translation>
    </message>
    <message>
        <source>Export sessions (CSV) to %1</source>
        <translation>Eksporter økter (CSV) til %1</translation>
    </message>
    <message>
        <source>Tariff in force</source>
        <translation>Gjeldende tariff</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Oppsett</translation>
    </message>
    <message>
        <source>Technician actions</source>
        <translation>Teknikerhandlinger</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Logg</translation>
    </message>
</context>
<context>
    <name>WorkingScreen</name>
    <message>
        <source>Stopping the charge…</source>
        <translation>Stopper ladingen …</translation>
    </message>
    <message>
        <source>Finishing the payment…</source>
        <translation>Fullfører betalingen …</translation>
    </message>
    <message>
        <source>%1 delivered, %2 so far</source>
        <extracomment>%1 energy, %2 money</extracomment>
        <translation>%1 levert, %2 så langt</translation>
    </message>
    <message>
        <source>Please wait a moment.</source>
        <translation>Vent litt.</translation>
    </message>
</context>
</TS>
