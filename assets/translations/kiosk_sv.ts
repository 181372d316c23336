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
        <source>Amount %1</source>
        <extracomment>%1 is a range such as &quot;kr 50 – kr 1 000&quot;</extracomment>
        <translation>Belopp %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Pay %1 with Vipps</source>
        <translation>Betala %1 med Vipps</translation>
    </message>
    <message>
        <source>Choose an amount</source>
        <translation>Välj ett belopp</translation>
    </message>
    <message>
        <source>Use my phone number instead</source>
        <translation>Använd mitt telefonnummer</translation>
    </message>
    <message>
        <source>Send %1 to my Vipps app</source>
        <translation>Skicka %1 till min Vipps-app</translation>
    </message>
    <message>
        <source>Scan a QR code instead</source>
        <translation>Skanna en QR-kod i stället</translation>
    </message>
    <message>
        <source>We reserve this amount and take only what the energy costs; the rest is released at once. You can stop any time. Full terms: scan the code.</source>
        <translation>Vi reserverar beloppet och drar bara det som energin kostar; resten frigörs direkt. Du kan stoppa när som helst. Fullständiga villkor: skanna koden.</translation>
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
        <source>The station is limiting power right now</source>
        <translation>Stationen begränsar effekten just nu</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Väntar på bilen</translation>
    </message>
    <message>
        <source>All connectors</source>
        <translation>Alla uttag</translation>
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
        <source>No new payments right now</source>
        <translation>Inga nya betalningar just nu</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>You stopped the charge.</source>
        <translation>Du stoppade laddningen.</translation>
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
        <source>The receipt is also in your Vipps app.</source>
        <translation>Kvittot finns också i din Vipps-app.</translation>
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
        <source>Approve the payment in the Vipps MobilePay app on your phone</source>
        <translation>Godkänn betalningen i Vipps MobilePay-appen i din telefon</translation>
    </message>
    <message>
        <source>Scan the code with your phone&apos;s camera or the Vipps MobilePay app</source>
        <translation>Skanna koden med mobilkameran eller i Vipps MobilePay-appen</translation>
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
        <translation>Blockeringsavgift efter %1 min</translation>
    </message>
    <message>
        <source>All prices include VAT.</source>
        <translation>Alla priser inkl. moms.</translation>
    </message>
</context>
<context>
    <name>WorkingScreen</name>
    <message>
        <source>All connectors</source>
        <translation>Alla uttag</translation>
    </message>
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
