<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv">
<context>
    <name>BudgetBar</name>
    <message>
        <source>%1 left of %2</source>
        <extracomment>Below the budget bar: money left of the authorized amount</extracomment>
        <translation>%1 kvar av %2</translation>
    </message>
</context>
<context>
    <name>BudgetScreen</name>
    <message>
        <source>Back</source>
        <translation>Tillbaka</translation>
    </message>
    <message>
        <source>Your mobile number</source>
        <translation>Ditt mobilnummer</translation>
    </message>
    <message>
        <source>Choose the most you want to pay</source>
        <translation>Välj det mesta du vill betala</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>Annat belopp</translation>
    </message>
    <message>
        <source>The station is sharing power (%1)</source>
        <extracomment>Under the budget title while the site&apos;s supply is shared: what a car starting now gets; %1 is a power such as &quot;6.9 kW&quot;</extracomment>
        <translation>Stationen delar effekten (%1)</translation>
    </message>
    <message>
        <source>≈ kWh if your car charges at %1</source>
        <extracomment>Under the budget title when the price has a per-minute part; %1 is a power such as &quot;11 kW&quot;</extracomment>
        <translation>≈ kWh om bilen laddar med %1</translation>
    </message>
    <message>
        <source>Amount %1</source>
        <extracomment>%1 is a range such as &quot;kr 50 – kr 1 000&quot;</extracomment>
        <translation>Belopp %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Pay %1 with %2</source>
        <extracomment>%1 is an amount, %2 the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Betala %1 med %2</translation>
    </message>
    <message>
        <source>Send %1 to my %2 app</source>
        <extracomment>%1 is an amount, %2 the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Skicka %1 till min %2-app</translation>
    </message>
    <message>
        <source>By paying you accept the terms of sale (scan the code). We reserve this amount and take only what the energy costs; the rest is released at once. You can stop any time.</source>
        <extracomment>the explicit acceptance of the terms before every payment (PRODUCT.md §2b)</extracomment>
        <translation>Genom att betala godkänner du försäljningsvillkoren (skanna koden). Vi reserverar beloppet och drar bara det som energin kostar; resten frigörs direkt. Du kan stoppa när som helst.</translation>
    </message>
    <message>
        <source>Choose an amount</source>
        <translation>Välj ett belopp</translation>
    </message>
    <message>
        <source>Power is shared: ≈ kWh at %1</source>
        <extracomment>Under the budget title while the supply is shared and the price has a per-minute part: the &quot;≈ kWh&quot; assumes what a car starting now gets; %1 is a power such as &quot;6.9 kW&quot;</extracomment>
        <translation>Effekten delas: ≈ kWh vid %1</translation>
    </message>
    <message>
        <source>Use my phone number instead</source>
        <translation>Använd mitt telefonnummer</translation>
    </message>
    <message>
        <source>Scan a QR code instead</source>
        <translation>Skanna en QR-kod i stället</translation>
    </message>
</context>
<context>
    <name>ChargingScreen</name>
    <message>
        <source>Charging</source>
        <translation>Laddar</translation>
    </message>
    <message>
        <source>The car has paused charging</source>
        <translation>Bilen har pausat laddningen</translation>
    </message>
    <message>
        <source>The car is full</source>
        <translation>Bilen är fulladdad</translation>
    </message>
    <message>
        <source>The station is sharing power (%1)</source>
        <extracomment>%1 is the power this car may draw now, e.g. &quot;7,4 kW&quot;</extracomment>
        <translation>Stationen delar effekten (%1)</translation>
    </message>
    <message>
        <source>The station is limiting power right now</source>
        <translation>Stationen begränsar effekten just nu</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Väntar på bilen</translation>
    </message>
    <message>
        <source>Station problem: your charge is safe and Stop works</source>
        <translation>Problem med stationen: laddningen är säker och Stoppa fungerar</translation>
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
        <translation>Kostnad hittills</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppa</translation>
    </message>
    <message>
        <source>Stop charging now? You pay only for the energy delivered.</source>
        <translation>Stoppa laddningen nu? Du betalar bara för energin du har fått.</translation>
    </message>
    <message>
        <source>Stop charging</source>
        <translation>Stoppa laddningen</translation>
    </message>
    <message>
        <source>Keep charging</source>
        <translation>Fortsätt ladda</translation>
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
        <translation>Bil ansluten</translation>
    </message>
    <message>
        <source>Choosing an amount</source>
        <translation>Väljer belopp</translation>
    </message>
    <message>
        <source>Payment in progress</source>
        <translation>Betalning pågår</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Väntar på bilen</translation>
    </message>
    <message>
        <source>Charging · %1</source>
        <extracomment>%1 is the energy so far, e.g. &quot;12.4 kWh&quot;</extracomment>
        <translation>Laddar · %1</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Laddar</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Avslutar</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Upptagen</translation>
    </message>
    <message>
        <source>Payment unavailable</source>
        <translation>Betalning otillgänglig</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Ur funktion</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testladdning</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startar…</translation>
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
        <translation>Bil ansluten</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Upptagen</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Laddar</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Avslutar</translation>
    </message>
    <message>
        <source>Payment unavailable</source>
        <translation>Betalning otillgänglig</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Ur funktion</translation>
    </message>
    <message>
        <source>Test charge</source>
        <extracomment>Connector tile state: a technician checks the charger; nobody pays for it</extracomment>
        <translation>Testladdning</translation>
    </message>
    <message>
        <source>Starting…</source>
        <extracomment>Connector tile state in the first second after the station switched on</extracomment>
        <translation>Startar…</translation>
    </message>
    <message>
        <source>Tap to charge</source>
        <translation>Tryck för att ladda</translation>
    </message>
    <message>
        <source>Tap to pay</source>
        <translation>Tryck för att betala</translation>
    </message>
    <message>
        <source>Tap to see or stop</source>
        <translation>Tryck för att se eller stoppa</translation>
    </message>
    <message>
        <source>Tap to see</source>
        <translation>Tryck för att se</translation>
    </message>
    <message>
        <source>Please use another connector</source>
        <translation>Använd ett annat uttag</translation>
    </message>
    <message>
        <source>No payment · please use another connector</source>
        <translation>Ingen betalning · använd ett annat uttag</translation>
    </message>
    <message>
        <source>No new payments right now</source>
        <translation>Inga nya betalningar just nu</translation>
    </message>
    <message>
        <source>Ready in a moment</source>
        <translation>Klar om ett ögonblick</translation>
    </message>
    <message>
        <source>Payment in progress on a phone</source>
        <translation>Betalning pågår på en telefon</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>You stopped the charge.</source>
        <translation>Du stoppade laddningen.</translation>
    </message>
    <message>
        <source>You stopped the charge from your phone.</source>
        <translation>Du stoppade laddningen från telefonen.</translation>
    </message>
    <message>
        <source>The charge stopped: your amount was used up.</source>
        <translation>Laddningen stoppade: ditt belopp är förbrukat.</translation>
    </message>
    <message>
        <source>The charge stopped: the car is full.</source>
        <translation>Laddningen stoppade: bilen är fulladdad.</translation>
    </message>
    <message>
        <source>The charge stopped: the cable was unplugged.</source>
        <translation>Laddningen stoppade: kabeln drogs ur.</translation>
    </message>
    <message>
        <source>The charge stopped because of a fault at the charger.</source>
        <translation>Laddningen stoppade på grund av ett fel i laddaren.</translation>
    </message>
    <message>
        <source>The charge was stopped by a technician.</source>
        <translation>Laddningen stoppades av en tekniker.</translation>
    </message>
    <message>
        <source>The charge was stopped by the station.</source>
        <translation>Laddningen stoppades av stationen.</translation>
    </message>
    <message>
        <source>Thank you! Please unplug the cable.</source>
        <translation>Tack! Dra ur kabeln.</translation>
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
        <translation>Att betala</translation>
    </message>
    <message>
        <source>%1 will be charged and the rest released as soon as the payment service answers.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>%1 dras och resten frigörs så snart betaltjänsten svarar.</translation>
    </message>
    <message>
        <source>%1 released; your bank may take a few days to show it.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>%1 frigjort; det kan ta några dagar innan din bank visar det.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klar</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Kvitto</translation>
    </message>
    <message>
        <source>The receipt is also in your %1 app.</source>
        <extracomment>%1 is the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Kvittot finns också i din %1-app.</translation>
    </message>
</context>
<context>
    <name>FollowOnPhone</name>
    <message>
        <source>Follow and stop it on your phone</source>
        <translation>Följ och stoppa på telefonen</translation>
    </message>
    <message>
        <source>Follow on your phone: scan to see the charge and stop it from anywhere.</source>
        <translation>Följ på telefonen: skanna för att se laddningen och stoppa den var du än är.</translation>
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
        <translation>Betalning är inte möjlig just nu, så ingen ny laddning kan starta. Pågående laddning fortsätter.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete</source>
        <translation>Radera</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose language</source>
        <translation>Välj språk</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <source>Payment declined</source>
        <translation>Betalningen nekades</translation>
    </message>
    <message>
        <source>Time ran out</source>
        <translation>Tiden tog slut</translation>
    </message>
    <message>
        <source>Payment cancelled</source>
        <translation>Betalningen avbröts</translation>
    </message>
    <message>
        <source>No cable was plugged in</source>
        <translation>Ingen kabel anslöts</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Något gick fel</translation>
    </message>
    <message>
        <source>Payment is unavailable</source>
        <translation>Betalning är inte möjlig</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Ur funktion</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testladdning</translation>
    </message>
    <message>
        <source>Charger not responding</source>
        <translation>Laddaren svarar inte</translation>
    </message>
    <message>
        <source>Charger fault</source>
        <translation>Fel på laddaren</translation>
    </message>
    <message>
        <source>The payment was declined in the app. No money was taken.</source>
        <translation>Betalningen nekades i appen. Inga pengar drogs.</translation>
    </message>
    <message>
        <source>The payment was not approved in time. No money was taken.</source>
        <translation>Betalningen godkändes inte i tid. Inga pengar drogs.</translation>
    </message>
    <message>
        <source>The payment was cancelled. No money was taken.</source>
        <translation>Betalningen avbröts. Inga pengar drogs.</translation>
    </message>
    <message>
        <source>The car was not plugged in in time, so the charge did not start.</source>
        <translation>Bilen anslöts inte i tid, så laddningen startade inte.</translation>
    </message>
    <message>
        <source>The payment could not be started. Please try again.</source>
        <translation>Betalningen kunde inte startas. Försök igen.</translation>
    </message>
    <message>
        <source>The charger could not start charging.</source>
        <translation>Laddaren kunde inte starta laddningen.</translation>
    </message>
    <message>
        <source>The charger is not responding.</source>
        <translation>Laddaren svarar inte.</translation>
    </message>
    <message>
        <source>Please try again, or use another connector.</source>
        <translation>Försök igen eller använd ett annat uttag.</translation>
    </message>
    <message>
        <source>Vipps MobilePay cannot be reached right now, so no new charge can start. Charging that has started goes on. Please try again in a few minutes.</source>
        <translation>Vi når inte Vipps MobilePay just nu, så ingen ny laddning kan starta. Pågående laddning fortsätter. Försök igen om några minuter.</translation>
    </message>
    <message>
        <source>This connector is out of order. Please use another connector.</source>
        <translation>Det här uttaget är ur funktion. Använd ett annat uttag.</translation>
    </message>
    <message>
        <source>A technician is testing this connector&apos;s charger. Nobody pays for this charge. Please use another connector.</source>
        <translation>En tekniker testar laddaren på det här uttaget. Ingen betalar för den här laddningen. Använd ett annat uttag.</translation>
    </message>
    <message>
        <source>The station cannot reach this connector&apos;s charger. Please use another connector.</source>
        <translation>Stationen når inte laddaren för det här uttaget. Använd ett annat uttag.</translation>
    </message>
    <message>
        <source>This connector has a fault and cannot charge now. Please use another connector.</source>
        <translation>Det här uttaget har ett fel och kan inte ladda nu. Använd ett annat uttag.</translation>
    </message>
    <message>
        <source>The money was released: %1. Your bank may take a few days to show it.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>Pengarna frigjordes: %1. Det kan ta några dagar innan din bank visar det.</translation>
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
        <translation>Betalning pågår på en telefon</translation>
    </message>
    <message>
        <source>Approve the payment in the Vipps MobilePay app on your phone</source>
        <translation>Godkänn betalningen i Vipps MobilePay-appen i din telefon</translation>
    </message>
    <message>
        <source>Scan the code with your phone&apos;s camera or the Vipps MobilePay app</source>
        <translation>Skanna koden med mobilkameran eller i Vipps MobilePay-appen</translation>
    </message>
    <message>
        <source>Someone is paying for this connector on their phone. The charge starts when the payment is approved.</source>
        <translation>Någon betalar för det här uttaget i sin telefon. Laddningen startar när betalningen är godkänd.</translation>
    </message>
    <message>
        <source>Amount</source>
        <extracomment>The amount reserved, on the pay screen</extracomment>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <extracomment>%1 is minutes:seconds</extracomment>
        <translation>Tid kvar: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tillbaka</translation>
    </message>
</context>
<context>
    <name>PlugInScreen</name>
    <message>
        <source>Approved.</source>
        <translation>Godkänt.</translation>
    </message>
    <message>
        <source>Plug in the cable.</source>
        <translation>Anslut kabeln.</translation>
    </message>
    <message>
        <source>%1 is reserved. Plug in within %2, or the reservation is released.</source>
        <extracomment>%1 is the amount reserved, %2 minutes:seconds</extracomment>
        <translation>%1 är reserverat. Anslut inom %2, annars frigörs reservationen.</translation>
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
        <translation>%1 till i morgon %2, sedan %3</translation>
    </message>
    <message>
        <source>%1 until %2, then %3</source>
        <extracomment>%1 is the energy price now (&quot;kr 3,90/kWh&quot;), %2 a time (&quot;22:00&quot;), %3 the price after it</extracomment>
        <translation>%1 till %2, sedan %3</translation>
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
        <translation>Blockeringsavgift efter %1&#xa0;min</translation>
    </message>
    <message>
        <source>Minimum price</source>
        <translation>Minimipris</translation>
    </message>
    <message>
        <source>All prices include VAT.</source>
        <translation>Alla priser inkl. moms.</translation>
    </message>
</context>
<context>
    <name>ServiceConnectorsPage</name>
    <message>
        <source>Out of order</source>
        <translation>Ur funktion</translation>
    </message>
    <message>
        <source>IEC state</source>
        <translation>IEC-läge</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Förbindelse</translation>
    </message>
    <message>
        <source>online</source>
        <translation>ansluten</translation>
    </message>
    <message>
        <source>Current limit</source>
        <translation>Strömgräns</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Mätare</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Effekt</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Läst</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>för %1 sedan</translation>
    </message>
    <message>
        <source>Registers</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Last errors</source>
        <translation>Senaste fel</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>I drift igen</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testladdning</translation>
    </message>
    <message>
        <source>Stop charging</source>
        <translation>Stoppa laddning</translation>
    </message>
</context>
<context>
    <name>ServiceMessage</name>
    <message>
        <source>Wrong PIN. {attempts} tries left.</source>
        <translation>Fel PIN. {attempts} försök kvar.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The pad is locked until {until}.</source>
        <translation>För många fel PIN-koder. Knappsatsen är låst till {until}.</translation>
    </message>
    <message>
        <source>No service PIN is set. Set one with the command kiosk set-pin.</source>
        <translation>Ingen service-PIN är satt. Ange en med kommandot kiosk set-pin.</translation>
    </message>
    <message>
        <source>The PIN cannot be checked now (database error). Try again.</source>
        <translation>PIN-koden kan inte kontrolleras nu (databasfel). Försök igen.</translation>
    </message>
    <message>
        <source>{connector} is now out of order.</source>
        <translation>{connector} är nu ur funktion.</translation>
    </message>
    <message>
        <source>{connector} is back in service.</source>
        <translation>{connector} är i drift igen.</translation>
    </message>
    <message>
        <source>Test charge started on {connector} (no payment).</source>
        <translation>Testladdning startad på {connector} (utan betalning).</translation>
    </message>
    <message>
        <source>Charging on {connector} stopped.</source>
        <translation>Laddningen på {connector} har stoppats.</translation>
    </message>
    <message>
        <source>There is no connector {connector}.</source>
        <translation>Det finns inget uttag {connector}.</translation>
    </message>
    <message>
        <source>The station refused: {reason}</source>
        <translation>Stationen avböjde: {reason}</translation>
    </message>
    <message>
        <source>The station could not do it: {reason}</source>
        <translation>Stationen kunde inte göra det: {reason}</translation>
    </message>
    <message>
        <source>There is no session {session}.</source>
        <translation>Det finns ingen session {session}.</translation>
    </message>
    <message>
        <source>Session {session} is not waiting for settlement.</source>
        <translation>Session {session} väntar inte på avräkning.</translation>
    </message>
    <message>
        <source>Settlement of session {session} will be tried again now.</source>
        <translation>Avräkningen av session {session} försöks igen nu.</translation>
    </message>
    <message>
        <source>Refunded {amount_ore} of session {session}.</source>
        <translation>Återbetalade {amount_ore} av session {session}.</translation>
    </message>
    <message>
        <source>Vipps did not answer. The refund of {amount_ore} is saved; press Refund again later to send the same refund (it cannot be paid twice).</source>
        <translation>Vipps svarade inte. Återbetalningen på {amount_ore} är sparad; tryck Återbetala igen senare för att skicka samma återbetalning (den kan inte betalas två gånger).</translation>
    </message>
    <message>
        <source>A refund of {amount_ore} is still unconfirmed. Refund that amount to send it again.</source>
        <translation>En återbetalning på {amount_ore} är ännu inte bekräftad. Återbetala det beloppet för att skicka den igen.</translation>
    </message>
    <message>
        <source>Vipps refused the refund: {reason}</source>
        <translation>Vipps avböjde återbetalningen: {reason}</translation>
    </message>
    <message>
        <source>The refund must be between {minimum_ore} and {maximum_ore}.</source>
        <translation>Återbetalningen måste vara mellan {minimum_ore} och {maximum_ore}.</translation>
    </message>
    <message>
        <source>Nothing to refund: session {session} has no captured money left.</source>
        <translation>Inget att återbetala: session {session} har inga dragna pengar kvar.</translation>
    </message>
    <message>
        <source>Session {session} has no payment to refund.</source>
        <translation>Session {session} har ingen betalning att återbetala.</translation>
    </message>
    <message>
        <source>Session {session} is marked resolved.</source>
        <translation>Session {session} är markerad som löst.</translation>
    </message>
    <message>
        <source>Session {session} was already resolved.</source>
        <translation>Session {session} var redan löst.</translation>
    </message>
    <message>
        <source>Vipps answers (token and payment check OK): {detail}</source>
        <translation>Vipps svarar (token och betalningskontroll OK): {detail}</translation>
    </message>
    <message>
        <source>Vipps cannot be used: {detail}</source>
        <translation>Vipps kan inte användas: {detail}</translation>
    </message>
    <message>
        <source>Vipps is not configured on this station (no client).</source>
        <translation>Vipps är inte konfigurerat på den här stationen (ingen klient).</translation>
    </message>
    <message>
        <source>Exported {count} sessions to {file}.</source>
        <translation>Exporterade {count} sessioner till {file}.</translation>
    </message>
    <message>
        <source>Could not export: {reason}</source>
        <translation>Kunde inte exportera: {reason}</translation>
    </message>
    <message>
        <source>The database did not answer: {reason}</source>
        <translation>Databasen svarade inte: {reason}</translation>
    </message>
    <message>
        <source>The records are intact: {entries} entries checked, every link holds. Last link: {head}</source>
        <translation>Registreringarna är orörda: {entries} poster kontrollerade, varje länk håller. Sista länken: {head}</translation>
    </message>
    <message>
        <source>The records were changed after they were written: the first broken link is entry {seq} ({problem}). Call the operator.</source>
        <translation>Registreringarna har ändrats efter att de skrevs: första brutna länken är post {seq} ({problem}). Ring operatören.</translation>
    </message>
    <message>
        <source>test charge (no payment)</source>
        <translation>testladdning (utan betalning)</translation>
    </message>
    <message>
        <source>resolved by hand</source>
        <translation>löst manuellt</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>återbetalt</translation>
    </message>
    <message>
        <source>partly refunded</source>
        <translation>delvis återbetald</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>avräknad</translation>
    </message>
    <message>
        <source>waiting for settlement</source>
        <translation>väntar på avräkning</translation>
    </message>
    <message>
        <source>money reserved</source>
        <translation>belopp reserverat</translation>
    </message>
    <message>
        <source>no payment</source>
        <translation>ingen betalning</translation>
    </message>
</context>
<context>
    <name>ServiceMessageBar</name>
    <message>
        <source>Working…</source>
        <translation>Arbetar …</translation>
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
        <translation>Uttag</translation>
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
        <translation>Avsluta</translation>
    </message>
</context>
<context>
    <name>ServiceSessionsPage</name>
    <message>
        <source>Settlement queue</source>
        <translation>Avräkningskö</translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation>nästa försök %1</translation>
    </message>
    <message>
        <source>Recent sessions</source>
        <translation>Senaste sessioner</translation>
    </message>
    <message>
        <source>No sessions yet.</source>
        <translation>Inga sessioner ännu.</translation>
    </message>
    <message>
        <source>Choose a session.</source>
        <translation>Välj en session.</translation>
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
        <translation>Reserverat</translation>
    </message>
    <message>
        <source>due</source>
        <translation>att betala</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>Dragits</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>återbetalt</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Återbetala …</translation>
    </message>
    <message>
        <source>Settle now</source>
        <translation>Avräkna nu</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Markera som löst</translation>
    </message>
    <message>
        <source>Refund (up to %1)</source>
        <translation>Återbetala (högst %1)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Allt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Återbetala</translation>
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
        <translation>Pris per minut</translation>
    </message>
    <message>
        <source>Idle fee</source>
        <translation>Ståavgift</translation>
    </message>
    <message>
        <source>Most per session</source>
        <translation>Högst per session</translation>
    </message>
    <message>
        <source>Minimum price</source>
        <translation>Minimipris</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Price now</source>
        <translation>Pris nu</translation>
    </message>
    <message>
        <source>Spot price feed</source>
        <translation>Spotpriskälla</translation>
    </message>
    <message>
        <source>VAT included</source>
        <translation>Moms ingår</translation>
    </message>
    <message>
        <source>Records: written normally.</source>
        <translation>Registreringar: skrivs normalt.</translation>
    </message>
    <message>
        <source>Records cannot be written: another program holds the database lock. Charging and Stop work.</source>
        <translation>Registreringar kan inte skrivas: ett annat program håller databaslåset. Laddning och Stoppa fungerar.</translation>
    </message>
    <message>
        <source>Records cannot be written: the disk is full. Charging and Stop work.</source>
        <translation>Registreringar kan inte skrivas: disken är full. Laddning och Stoppa fungerar.</translation>
    </message>
    <message>
        <source>Records cannot be written: the database is read-only or missing. Charging and Stop work.</source>
        <translation>Registreringar kan inte skrivas: databasen är skrivskyddad eller saknas. Laddning och Stoppa fungerar.</translation>
    </message>
    <message>
        <source>Records are waiting: the database is not answering. Charging and Stop work.</source>
        <translation>Registreringar väntar: databasen svarar inte. Laddning och Stoppa fungerar.</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>Check Vipps</source>
        <translation>Kontrollera Vipps</translation>
    </message>
    <message>
        <source>Check the records</source>
        <translation>Kontrollera registreringarna</translation>
    </message>
    <message>
        <source>Find USB stick</source>
        <translation>Hitta USB-minne</translation>
    </message>
    <message>
        <source>Export sessions (CSV) to %1</source>
        <translation>Exportera sessioner (CSV) till %1</translation>
    </message>
    <message>
        <source>Tariff in force</source>
        <translation>Gällande taxa</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Technician actions</source>
        <translation>Teknikeråtgärder</translation>
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
        <translation>Stoppar laddningen …</translation>
    </message>
    <message>
        <source>Finishing the payment…</source>
        <translation>Slutför betalningen …</translation>
    </message>
    <message>
        <source>%1 delivered, %2 so far</source>
        <extracomment>%1 energy, %2 money</extracomment>
        <translation>%1 levererat, %2 hittills</translation>
    </message>
    <message>
        <source>Please wait a moment.</source>
        <translation>Vänta ett ögonblick.</translation>
    </message>
</context>
</TS>
