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
        <source>Amount %1</source>
        <extracomment>%1 is a range such as &quot;kr 50 – kr 1 000&quot;</extracomment>
        <translation>Beløb %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Pay %1 with Vipps</source>
        <translation>Betal %1 med Vipps</translation>
    </message>
    <message>
        <source>Choose an amount</source>
        <translation>Vælg et beløb</translation>
    </message>
    <message>
        <source>Use my phone number instead</source>
        <translation>Brug mit telefonnummer</translation>
    </message>
    <message>
        <source>Send %1 to my Vipps app</source>
        <translation>Send %1 til min Vipps-app</translation>
    </message>
    <message>
        <source>Scan a QR code instead</source>
        <translation>Scan en QR-kode i stedet</translation>
    </message>
    <message>
        <source>We reserve this amount and take only what the energy costs; the rest is released at once. You can stop any time. Full terms: scan the code.</source>
        <translation>Vi reserverer beløbet og trækker kun det, strømmen koster; resten frigives med det samme. Du kan stoppe når som helst. Fulde vilkår: scan koden.</translation>
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
        <source>The station is limiting power right now</source>
        <translation>Stationen begrænser effekten lige nu</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Venter på bilen</translation>
    </message>
    <message>
        <source>All connectors</source>
        <translation>Alle stik</translation>
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
        <source>No new payments right now</source>
        <translation>Ingen nye betalinger lige nu</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>You stopped the charge.</source>
        <translation>Du stoppede opladningen.</translation>
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
        <source>The receipt is also in your Vipps app.</source>
        <translation>Kvitteringen ligger også i din Vipps-app.</translation>
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
        <source>Approve the payment in the Vipps MobilePay app on your phone</source>
        <translation>Godkend betalingen i Vipps MobilePay-appen på din telefon</translation>
    </message>
    <message>
        <source>Scan the code with your phone&apos;s camera or the Vipps MobilePay app</source>
        <translation>Scan koden med telefonens kamera eller i Vipps MobilePay-appen</translation>
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
        <translation>Parkeringsgebyr efter %1 min</translation>
    </message>
    <message>
        <source>All prices include VAT.</source>
        <translation>Alle priser inkl. moms.</translation>
    </message>
</context>
<context>
    <name>WorkingScreen</name>
    <message>
        <source>All connectors</source>
        <translation>Alle stik</translation>
    </message>
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
