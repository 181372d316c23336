<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da">
<context>
    <name>BudgetBar</name>
    <message>
        <source>%1 left of %2</source>
        <extracomment>Below the budget bar: money left of the authorized amount</extracomment>
        <translation>%1 tilbage af %2</translation>
    </message>
</context>
<context>
    <name>BudgetScreen</name>
    <message>
        <source>Back</source>
        <translation>Tilbage</translation>
    </message>
    <message>
        <source>Your mobile number</source>
        <translation>Dit mobilnummer</translation>
    </message>
    <message>
        <source>Choose the most you want to pay</source>
        <translation>Vælg det højeste beløb, du vil betale</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>Andet beløb</translation>
    </message>
    <message>
        <source>The station is sharing power (%1)</source>
        <extracomment>Under the budget title while the site&apos;s supply is shared: what a car starting now gets; %1 is a power such as &quot;6.9 kW&quot;</extracomment>
        <translation>Stationen deler strømmen (%1)</translation>
    </message>
    <message>
        <source>≈ kWh if your car charges at %1</source>
        <extracomment>Under the budget title when the price has a per-minute part; %1 is a power such as &quot;11 kW&quot;</extracomment>
        <translation>≈ kWh hvis bilen lader med %1</translation>
    </message>
    <message>
        <source>Amount %1</source>
        <extracomment>%1 is a range such as &quot;kr 50 – kr 1 000&quot;</extracomment>
        <translation>Beløb %1</translation>
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
        <translation>Send %1 til min %2-app</translation>
    </message>
    <message>
        <source>By paying you accept the terms of sale (scan the code). We reserve this amount and take only what the energy costs; the rest is released at once. You can stop any time.</source>
        <extracomment>the explicit acceptance of the terms before every payment (PRODUCT.md §2b)</extracomment>
        <translation>Ved at betale accepterer du salgsbetingelserne (scan koden). Vi reserverer beløbet og trækker kun det, strømmen koster; resten frigives med det samme. Du kan stoppe når som helst.</translation>
    </message>
    <message>
        <source>Choose an amount</source>
        <translation>Vælg et beløb</translation>
    </message>
    <message>
        <source>Power is shared: ≈ kWh at %1</source>
        <extracomment>Under the budget title while the supply is shared and the price has a per-minute part: the &quot;≈ kWh&quot; assumes what a car starting now gets; %1 is a power such as &quot;6.9 kW&quot;</extracomment>
        <translation>Strømmen deles: ≈ kWh ved %1</translation>
    </message>
    <message>
        <source>Use my phone number instead</source>
        <translation>Brug mit telefonnummer</translation>
    </message>
    <message>
        <source>Scan a QR code instead</source>
        <translation>Scan en QR-kode i stedet</translation>
    </message>
</context>
<context>
    <name>ChargingScreen</name>
    <message>
        <source>Charging</source>
        <translation>Oplader</translation>
    </message>
    <message>
        <source>The car has paused charging</source>
        <translation>Bilen har sat opladningen på pause</translation>
    </message>
    <message>
        <source>The car is full</source>
        <translation>Bilen er fuldt opladet</translation>
    </message>
    <message>
        <source>The station is sharing power (%1)</source>
        <extracomment>%1 is the power this car may draw now, e.g. &quot;7,4 kW&quot;</extracomment>
        <translation>Stationen deler strømmen (%1)</translation>
    </message>
    <message>
        <source>The station is limiting power right now</source>
        <translation>Stationen begrænser effekten lige nu</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Venter på bilen</translation>
    </message>
    <message>
        <source>Station problem: your charge is safe and Stop works</source>
        <translation>Problem med stationen: opladningen er sikker, og Stop virker</translation>
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
        <translation>Pris indtil nu</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Stop charging now? You pay only for the energy delivered.</source>
        <translation>Stoppe opladningen nu? Du betaler kun for den strøm, du har fået.</translation>
    </message>
    <message>
        <source>Stop charging</source>
        <translation>Stop opladningen</translation>
    </message>
    <message>
        <source>Keep charging</source>
        <translation>Fortsæt opladning</translation>
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
        <translation>Bil tilsluttet</translation>
    </message>
    <message>
        <source>Choosing an amount</source>
        <translation>Vælger beløb</translation>
    </message>
    <message>
        <source>Payment in progress</source>
        <translation>Betaling i gang</translation>
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
        <translation>Oplader</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Afslutter</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>I brug</translation>
    </message>
    <message>
        <source>Payment unavailable</source>
        <translation>Betaling ikke mulig</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Ude af drift</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testopladning</translation>
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
        <translation>Bil tilsluttet</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>I brug</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Oplader</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Afslutter</translation>
    </message>
    <message>
        <source>Payment unavailable</source>
        <translation>Betaling ikke mulig</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Ude af drift</translation>
    </message>
    <message>
        <source>Test charge</source>
        <extracomment>Connector tile state: a technician checks the charger; nobody pays for it</extracomment>
        <translation>Testopladning</translation>
    </message>
    <message>
        <source>Starting…</source>
        <extracomment>Connector tile state in the first second after the station switched on</extracomment>
        <translation>Starter…</translation>
    </message>
    <message>
        <source>Tap to charge</source>
        <translation>Tryk for at lade</translation>
    </message>
    <message>
        <source>Tap to pay</source>
        <translation>Tryk for at betale</translation>
    </message>
    <message>
        <source>Tap to see or stop</source>
        <translation>Tryk for at se eller stoppe</translation>
    </message>
    <message>
        <source>Tap to see</source>
        <translation>Tryk for at se</translation>
    </message>
    <message>
        <source>Please use another connector</source>
        <translation>Brug et andet stik</translation>
    </message>
    <message>
        <source>No payment · please use another connector</source>
        <translation>Ingen betaling · brug et andet stik</translation>
    </message>
    <message>
        <source>No new payments right now</source>
        <translation>Ingen nye betalinger lige nu</translation>
    </message>
    <message>
        <source>Ready in a moment</source>
        <translation>Klar om et øjeblik</translation>
    </message>
    <message>
        <source>Payment in progress on a phone</source>
        <translation>Betaling i gang på en telefon</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>You stopped the charge.</source>
        <translation>Du stoppede opladningen.</translation>
    </message>
    <message>
        <source>You stopped the charge from your phone.</source>
        <translation>Du stoppede opladningen fra telefonen.</translation>
    </message>
    <message>
        <source>The charge stopped: your amount was used up.</source>
        <translation>Opladningen stoppede: dit beløb er brugt.</translation>
    </message>
    <message>
        <source>The charge stopped: the car is full.</source>
        <translation>Opladningen stoppede: bilen er fuldt opladet.</translation>
    </message>
    <message>
        <source>The charge stopped: the cable was unplugged.</source>
        <translation>Opladningen stoppede: kablet blev taget ud.</translation>
    </message>
    <message>
        <source>The charge stopped because of a fault at the charger.</source>
        <translation>Opladningen stoppede på grund af en fejl i laderen.</translation>
    </message>
    <message>
        <source>The charge was stopped by a technician.</source>
        <translation>Opladningen blev stoppet af en tekniker.</translation>
    </message>
    <message>
        <source>The charge was stopped by the station.</source>
        <translation>Opladningen blev stoppet af stationen.</translation>
    </message>
    <message>
        <source>Thank you! Please unplug the cable.</source>
        <translation>Tak! Tag kablet ud.</translation>
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
        <translation>At betale</translation>
    </message>
    <message>
        <source>%1 will be charged and the rest released as soon as the payment service answers.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>%1 bliver trukket, og resten frigivet, så snart betalingstjenesten svarer.</translation>
    </message>
    <message>
        <source>%1 released; your bank may take a few days to show it.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>%1 frigivet; der kan gå et par dage, før din bank viser det.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Færdig</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Kvittering</translation>
    </message>
    <message>
        <source>The receipt is also in your %1 app.</source>
        <extracomment>%1 is the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Kvitteringen ligger også i din %1-app.</translation>
    </message>
</context>
<context>
    <name>FollowOnPhone</name>
    <message>
        <source>Follow and stop it on your phone</source>
        <translation>Følg og stop på telefonen</translation>
    </message>
    <message>
        <source>Follow on your phone: scan to see the charge and stop it from anywhere.</source>
        <translation>Følg med på telefonen: scan for at se opladningen og stoppe den, hvor du er.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Payment is unavailable right now, so no new charge can start. Charging that has started goes on.</source>
        <translation>Betaling er ikke mulig lige nu, så ingen ny opladning kan starte. Igangværende opladning fortsætter.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete</source>
        <translation>Slet</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose language</source>
        <translation>Vælg sprog</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <source>Payment declined</source>
        <translation>Betalingen blev afvist</translation>
    </message>
    <message>
        <source>Time ran out</source>
        <translation>Tiden løb ud</translation>
    </message>
    <message>
        <source>Payment cancelled</source>
        <translation>Betalingen er annulleret</translation>
    </message>
    <message>
        <source>No cable was plugged in</source>
        <translation>Intet kabel blev sat i</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Noget gik galt</translation>
    </message>
    <message>
        <source>Payment is unavailable</source>
        <translation>Betaling er ikke mulig</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Ude af drift</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testopladning</translation>
    </message>
    <message>
        <source>Charger not responding</source>
        <translation>Laderen svarer ikke</translation>
    </message>
    <message>
        <source>Charger fault</source>
        <translation>Fejl på laderen</translation>
    </message>
    <message>
        <source>The payment was declined in the app. No money was taken.</source>
        <translation>Betalingen blev afvist i appen. Der blev ikke trukket penge.</translation>
    </message>
    <message>
        <source>The payment was not approved in time. No money was taken.</source>
        <translation>Betalingen blev ikke godkendt i tide. Der blev ikke trukket penge.</translation>
    </message>
    <message>
        <source>The payment was cancelled. No money was taken.</source>
        <translation>Betalingen blev annulleret. Der blev ikke trukket penge.</translation>
    </message>
    <message>
        <source>The car was not plugged in in time, so the charge did not start.</source>
        <translation>Bilen blev ikke tilsluttet i tide, så opladningen startede ikke.</translation>
    </message>
    <message>
        <source>The payment could not be started. Please try again.</source>
        <translation>Betalingen kunne ikke startes. Prøv igen.</translation>
    </message>
    <message>
        <source>The charger could not start charging.</source>
        <translation>Laderen kunne ikke starte opladningen.</translation>
    </message>
    <message>
        <source>The charger is not responding.</source>
        <translation>Laderen svarer ikke.</translation>
    </message>
    <message>
        <source>Please try again, or use another connector.</source>
        <translation>Prøv igen, eller brug et andet stik.</translation>
    </message>
    <message>
        <source>Vipps MobilePay cannot be reached right now, so no new charge can start. Charging that has started goes on. Please try again in a few minutes.</source>
        <translation>Vi kan ikke få forbindelse til Vipps MobilePay lige nu, så ingen ny opladning kan starte. Igangværende opladning fortsætter. Prøv igen om et par minutter.</translation>
    </message>
    <message>
        <source>This connector is out of order. Please use another connector.</source>
        <translation>Dette stik er ude af drift. Brug et andet stik.</translation>
    </message>
    <message>
        <source>A technician is testing this connector&apos;s charger. Nobody pays for this charge. Please use another connector.</source>
        <translation>En tekniker tester laderen på dette stik. Ingen betaler for denne opladning. Brug et andet stik.</translation>
    </message>
    <message>
        <source>The station cannot reach this connector&apos;s charger. Please use another connector.</source>
        <translation>Stationen kan ikke nå laderen til dette stik. Brug et andet stik.</translation>
    </message>
    <message>
        <source>This connector has a fault and cannot charge now. Please use another connector.</source>
        <translation>Dette stik har en fejl og kan ikke lade nu. Brug et andet stik.</translation>
    </message>
    <message>
        <source>The money was released: %1. Your bank may take a few days to show it.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>Pengene blev frigivet: %1. Der kan gå et par dage, før din bank viser det.</translation>
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
        <translation>Betaling i gang på en telefon</translation>
    </message>
    <message>
        <source>Approve the payment in the Vipps MobilePay app on your phone</source>
        <translation>Godkend betalingen i Vipps MobilePay-appen på din telefon</translation>
    </message>
    <message>
        <source>Scan the code with your phone&apos;s camera or the Vipps MobilePay app</source>
        <translation>Scan koden med telefonens kamera eller i Vipps MobilePay-appen</translation>
    </message>
    <message>
        <source>Someone is paying for this connector on their phone. The charge starts when the payment is approved.</source>
        <translation>Nogen betaler for dette stik på sin telefon. Opladningen starter, når betalingen er godkendt.</translation>
    </message>
    <message>
        <source>Amount</source>
        <extracomment>The amount reserved, on the pay screen</extracomment>
        <translation>Beløb</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <extracomment>%1 is minutes:seconds</extracomment>
        <translation>Tid tilbage: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tilbage</translation>
    </message>
</context>
<context>
    <name>PlugInScreen</name>
    <message>
        <source>Approved.</source>
        <translation>Godkendt.</translation>
    </message>
    <message>
        <source>Plug in the cable.</source>
        <translation>Sæt kablet i.</translation>
    </message>
    <message>
        <source>%1 is reserved. Plug in within %2, or the reservation is released.</source>
        <extracomment>%1 is the amount reserved, %2 minutes:seconds</extracomment>
        <translation>%1 er reserveret. Sæt kablet i inden %2, ellers frigives reservationen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
</context>
<context>
    <name>PriceChange</name>
    <message>
        <source>%1 until tomorrow %2, then %3</source>
        <extracomment>%1 is the energy price now (&quot;kr 3,90/kWh&quot;), %2 a time (&quot;06:00&quot;), %3 the price after it</extracomment>
        <translation>%1 til i morgen %2, derefter %3</translation>
    </message>
    <message>
        <source>%1 until %2, then %3</source>
        <extracomment>%1 is the energy price now (&quot;kr 3,90/kWh&quot;), %2 a time (&quot;22:00&quot;), %3 the price after it</extracomment>
        <translation>%1 til %2, derefter %3</translation>
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
        <translation>Startgebyr</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Idle fee after %1 min</source>
        <extracomment>%1 is the number of free minutes after charging before the idle fee starts</extracomment>
        <translation>Parkeringsgebyr efter %1&#xa0;min</translation>
    </message>
    <message>
        <source>Minimum price</source>
        <translation>Minimumspris</translation>
    </message>
    <message>
        <source>All prices include VAT.</source>
        <translation>Alle priser inkl. moms.</translation>
    </message>
</context>
<context>
    <name>ServiceConnectorsPage</name>
    <message>
        <source>Out of order</source>
        <translation>Ude af drift</translation>
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
        <translation>forbundet</translation>
    </message>
    <message>
        <source>Current limit</source>
        <translation>Strømgrænse</translation>
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
        <translation>Læst</translation>
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
        <translation>Seneste fejl</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>I drift igen</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testopladning</translation>
    </message>
    <message>
        <source>Stop charging</source>
        <translation>Stop opladning</translation>
    </message>
</context>
<context>
    <name>ServiceMessage</name>
    <message>
        <source>Wrong PIN. {attempts} tries left.</source>
        <translation>Forkert PIN. {attempts} forsøg tilbage.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The pad is locked until {until}.</source>
        <translation>For mange forkerte PIN-koder. Tastaturet er låst til {until}.</translation>
    </message>
    <message>
        <source>No service PIN is set. Set one with the command kiosk set-pin.</source>
        <translation>Der er ingen service-PIN. Angiv en med kommandoen kiosk set-pin.</translation>
    </message>
    <message>
        <source>The PIN cannot be checked now (database error). Try again.</source>
        <translation>PIN-koden kan ikke tjekkes nu (databasefejl). Prøv igen.</translation>
    </message>
    <message>
        <source>{connector} is now out of order.</source>
        <translation>{connector} er nu ude af drift.</translation>
    </message>
    <message>
        <source>{connector} is back in service.</source>
        <translation>{connector} er i drift igen.</translation>
    </message>
    <message>
        <source>Test charge started on {connector} (no payment).</source>
        <translation>Testopladning startet på {connector} (uden betaling).</translation>
    </message>
    <message>
        <source>Charging on {connector} stopped.</source>
        <translation>Opladningen på {connector} er stoppet.</translation>
    </message>
    <message>
        <source>There is no connector {connector}.</source>
        <translation>Der findes intet stik {connector}.</translation>
    </message>
    <message>
        <source>The station refused: {reason}</source>
        <translation>Stationen afviste: {reason}</translation>
    </message>
    <message>
        <source>The station could not do it: {reason}</source>
        <translation>Stationen kunne ikke gøre det: {reason}</translation>
    </message>
    <message>
        <source>There is no session {session}.</source>
        <translation>Der findes ingen session {session}.</translation>
    </message>
    <message>
        <source>Session {session} is not waiting for settlement.</source>
        <translation>Session {session} venter ikke på afregning.</translation>
    </message>
    <message>
        <source>Settlement of session {session} will be tried again now.</source>
        <translation>Afregningen af session {session} prøves igen nu.</translation>
    </message>
    <message>
        <source>Refunded {amount_ore} of session {session}.</source>
        <translation>Refunderede {amount_ore} af session {session}.</translation>
    </message>
    <message>
        <source>Vipps did not answer. The refund of {amount_ore} is saved; press Refund again later to send the same refund (it cannot be paid twice).</source>
        <translation>Vipps svarede ikke. Refusionen på {amount_ore} er gemt; tryk Refundér igen senere for at sende den samme refusion (den kan ikke betales to gange).</translation>
    </message>
    <message>
        <source>A refund of {amount_ore} is still unconfirmed. Refund that amount to send it again.</source>
        <translation>En refusion på {amount_ore} er endnu ikke bekræftet. Refundér det beløb for at sende den igen.</translation>
    </message>
    <message>
        <source>Vipps refused the refund: {reason}</source>
        <translation>Vipps afviste refusionen: {reason}</translation>
    </message>
    <message>
        <source>The refund must be between {minimum_ore} and {maximum_ore}.</source>
        <translation>Refusionen skal være mellem {minimum_ore} og {maximum_ore}.</translation>
    </message>
    <message>
        <source>Nothing to refund: session {session} has no captured money left.</source>
        <translation>Intet at refundere: session {session} har ikke flere trukne penge.</translation>
    </message>
    <message>
        <source>Session {session} has no payment to refund.</source>
        <translation>Session {session} har ingen betaling at refundere.</translation>
    </message>
    <message>
        <source>Session {session} is marked resolved.</source>
        <translation>Session {session} er markeret som løst.</translation>
    </message>
    <message>
        <source>Session {session} was already resolved.</source>
        <translation>Session {session} var allerede løst.</translation>
    </message>
    <message>
        <source>Vipps answers (token and payment check OK): {detail}</source>
        <translation>Vipps svarer (token og betalingstjek OK): {detail}</translation>
    </message>
    <message>
        <source>Vipps cannot be used: {detail}</source>
        <translation>Vipps kan ikke bruges: {detail}</translation>
    </message>
    <message>
        <source>Vipps is not configured on this station (no client).</source>
        <translation>Vipps er ikke sat op på denne station (ingen klient).</translation>
    </message>
    <message>
        <source>Exported {count} sessions to {file}.</source>
        <translation>Eksporterede {count} sessioner til {file}.</translation>
    </message>
    <message>
        <source>Could not export: {reason}</source>
        <translation>Kunne ikke eksportere: {reason}</translation>
    </message>
    <message>
        <source>The database did not answer: {reason}</source>
        <translation>Databasen svarede ikke: {reason}</translation>
    </message>
    <message>
        <source>The records are intact: {entries} entries checked, every link holds. Last link: {head}</source>
        <translation>Registreringerne er urørte: {entries} poster kontrolleret, alle led holder. Sidste led: {head}</translation>
    </message>
    <message>
        <source>The records were changed after they were written: the first broken link is entry {seq} ({problem}). Call the operator.</source>
        <translation>Registreringerne er ændret, efter de blev skrevet: første brudte led er post {seq} ({problem}). Ring til operatøren.</translation>
    </message>
    <message>
        <source>test charge (no payment)</source>
        <translation>testopladning (uden betaling)</translation>
    </message>
    <message>
        <source>resolved by hand</source>
        <translation>løst manuelt</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>refunderet</translation>
    </message>
    <message>
        <source>partly refunded</source>
        <translation>delvist refunderet</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>afregnet</translation>
    </message>
    <message>
        <source>waiting for settlement</source>
        <translation>venter på afregning</translation>
    </message>
    <message>
        <source>money reserved</source>
        <translation>beløb reserveret</translation>
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
        <translation>Arbejder …</translation>
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
        <translation>Annullér</translation>
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
        <translation>Stik</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessioner</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Afslut</translation>
    </message>
</context>
<context>
    <name>ServiceSessionsPage</name>
    <message>
        <source>Settlement queue</source>
        <translation>Afregningskø</translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation>næste forsøg %1</translation>
    </message>
    <message>
        <source>Recent sessions</source>
        <translation>Seneste sessioner</translation>
    </message>
    <message>
        <source>No sessions yet.</source>
        <translation>Ingen sessioner endnu.</translation>
    </message>
    <message>
        <source>Choose a session.</source>
        <translation>Vælg en session.</translation>
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
        <translation>Reserveret</translation>
    </message>
    <message>
        <source>due</source>
        <translation>at betale</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>Trukket</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>refunderet</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Refundér …</translation>
    </message>
    <message>
        <source>Settle now</source>
        <translation>Afregn nu</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Markér som løst</translation>
    </message>
    <message>
        <source>Refund (up to %1)</source>
        <translation>Refundér (op til %1)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annullér</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refundér</translation>
    </message>
</context>
<context>
    <name>ServiceStationPage</name>
    <message>
        <source>Price per kWh</source>
        <translation>Pris pr. kWh</translation>
    </message>
    <message>
        <source>Start fee</source>
        <translation>Startgebyr</translation>
    </message>
    <message>
        <source>Price per minute</source>
        <translation>Pris pr. minut</translation>
    </message>
    <message>
        <source>Idle fee</source>
        <translation>Holdegebyr</translation>
    </message>
    <message>
        <source>Most per session</source>
        <translation>Maks. pr. session</translation>
    </message>
    <message>
        <source>Minimum price</source>
        <translation>Minimumspris</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Price now</source>
        <translation>Pris nu</translation>
    </message>
    <message>
        <source>Spot price feed</source>
        <translation>Spotpriskilde</translation>
    </message>
    <message>
        <source>VAT included</source>
        <translation>Moms inkluderet</translation>
    </message>
    <message>
        <source>Records: written normally.</source>
        <translation>Registreringer: skrives normalt.</translation>
    </message>
    <message>
        <source>Records cannot be written: another program holds the database lock. Charging and Stop work.</source>
        <translation>Registreringer kan ikke skrives: et andet program holder databaselåsen. Opladning og Stop virker.</translation>
    </message>
    <message>
        <source>Records cannot be written: the disk is full. Charging and Stop work.</source>
        <translation>Registreringer kan ikke skrives: disken er fuld. Opladning og Stop virker.</translation>
    </message>
    <message>
        <source>Records cannot be written: the database is read-only or missing. Charging and Stop work.</source>
        <translation>Registreringer kan ikke skrives: databasen er skrivebeskyttet eller mangler. Opladning og Stop virker.</translation>
    </message>
    <message>
        <source>Records are waiting: the database is not answering. Charging and Stop work.</source>
        <translation>Registreringer venter: databasen svarer ikke. Opladning og Stop virker.</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>Check Vipps</source>
        <translation>Tjek Vipps</translation>
    </message>
    <message>
        <source>Check the records</source>
        <translation>Kontrollér registreringerne</translation>
    </message>
    <message>
        <source>Find USB stick</source>
        <translation>Find USB-nøgle</translation>
    </message>
    <message>
        <source>Export sessions (CSV) to %1</source>
        <translation>Eksportér sessioner (CSV) til %1</translation>
    </message>
    <message>
        <source>Tariff in force</source>
        <translation>Gældende takst</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Technician actions</source>
        <translation>Teknikerhandlinger</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
</context>
<context>
    <name>WorkingScreen</name>
    <message>
        <source>Stopping the charge…</source>
        <translation>Stopper opladningen …</translation>
    </message>
    <message>
        <source>Finishing the payment…</source>
        <translation>Afslutter betalingen …</translation>
    </message>
    <message>
        <source>%1 delivered, %2 so far</source>
        <extracomment>%1 energy, %2 money</extracomment>
        <translation>%1 leveret, %2 indtil nu</translation>
    </message>
    <message>
        <source>Please wait a moment.</source>
        <translation>Vent et øjeblik.</translation>
    </message>
</context>
</TS>
