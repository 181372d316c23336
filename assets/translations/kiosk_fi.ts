<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi">
<context>
    <name>BudgetBar</name>
    <message>
        <source>%1 left of %2</source>
        <extracomment>Below the budget bar: money left of the authorized amount</extracomment>
        <translation>%1 jäljellä / %2</translation>
    </message>
</context>
<context>
    <name>BudgetScreen</name>
    <message>
        <source>Back</source>
        <translation>Takaisin</translation>
    </message>
    <message>
        <source>Your mobile number</source>
        <translation>Matkapuhelinnumerosi</translation>
    </message>
    <message>
        <source>Choose the most you want to pay</source>
        <translation>Valitse enimmäissumma</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>Muu summa</translation>
    </message>
    <message>
        <source>The station is sharing power (%1)</source>
        <extracomment>Under the budget title while the site&apos;s supply is shared: what a car starting now gets; %1 is a power such as &quot;6.9 kW&quot;</extracomment>
        <translation>Asema jakaa tehoa (%1)</translation>
    </message>
    <message>
        <source>≈ kWh if your car charges at %1</source>
        <extracomment>Under the budget title when the price has a per-minute part; %1 is a power such as &quot;11 kW&quot;</extracomment>
        <translation>≈ kWh, jos auto latautuu teholla %1</translation>
    </message>
    <message>
        <source>Amount %1</source>
        <extracomment>%1 is a range such as &quot;kr 50 – kr 1 000&quot;</extracomment>
        <translation>Summa %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Pay %1 with %2</source>
        <extracomment>%1 is an amount, %2 the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Maksa %1 (%2)</translation>
    </message>
    <message>
        <source>Send %1 to my %2 app</source>
        <extracomment>%1 is an amount, %2 the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Lähetä %1 (%2)</translation>
    </message>
    <message>
        <source>By paying you accept the terms of sale (scan the code). We reserve this amount and take only what the energy costs; the rest is released at once. You can stop any time.</source>
        <extracomment>the explicit acceptance of the terms before every payment (PRODUCT.md §2b)</extracomment>
        <translation>Maksamalla hyväksyt myyntiehdot (skannaa koodi). Varaamme summan ja veloitamme vain energian hinnan; loppu vapautetaan heti. Voit lopettaa milloin tahansa.</translation>
    </message>
    <message>
        <source>Choose an amount</source>
        <translation>Valitse summa</translation>
    </message>
    <message>
        <source>Power is shared: ≈ kWh at %1</source>
        <extracomment>Under the budget title while the supply is shared and the price has a per-minute part: the &quot;≈ kWh&quot; assumes what a car starting now gets; %1 is a power such as &quot;6.9 kW&quot;</extracomment>
        <translation>Teho jaetaan: ≈ kWh teholla %1</translation>
    </message>
    <message>
        <source>Use my phone number instead</source>
        <translation>Käytä puhelinnumeroani</translation>
    </message>
    <message>
        <source>Scan a QR code instead</source>
        <translation>Skannaa QR-koodi</translation>
    </message>
</context>
<context>
    <name>ChargingScreen</name>
    <message>
        <source>Charging</source>
        <translation>Lataa</translation>
    </message>
    <message>
        <source>The car has paused charging</source>
        <translation>Auto on keskeyttänyt latauksen</translation>
    </message>
    <message>
        <source>The car is full</source>
        <translation>Auto on täynnä</translation>
    </message>
    <message>
        <source>The station is sharing power (%1)</source>
        <extracomment>%1 is the power this car may draw now, e.g. &quot;7,4 kW&quot;</extracomment>
        <translation>Asema jakaa tehoa (%1)</translation>
    </message>
    <message>
        <source>The station is limiting power right now</source>
        <translation>Asema rajoittaa tehoa juuri nyt</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Odotetaan autoa</translation>
    </message>
    <message>
        <source>Station problem: your charge is safe and Stop works</source>
        <translation>Aseman ongelma: lataus on turvassa ja Lopeta toimii</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energia</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Teho</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Aika</translation>
    </message>
    <message>
        <source>Cost so far</source>
        <translation>Hinta tähän asti</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Lopeta</translation>
    </message>
    <message>
        <source>Stop charging now? You pay only for the energy delivered.</source>
        <translation>Lopetetaanko lataus nyt? Maksat vain toimitetusta energiasta.</translation>
    </message>
    <message>
        <source>Stop charging</source>
        <translation>Lopeta lataus</translation>
    </message>
    <message>
        <source>Keep charging</source>
        <translation>Jatka latausta</translation>
    </message>
</context>
<context>
    <name>ConnectorBar</name>
    <message>
        <source>Available</source>
        <extracomment>Another connector&apos;s lane in the connector bar</extracomment>
        <translation>Vapaa</translation>
    </message>
    <message>
        <source>Car connected</source>
        <translation>Auto kytketty</translation>
    </message>
    <message>
        <source>Choosing an amount</source>
        <translation>Valitsee summaa</translation>
    </message>
    <message>
        <source>Payment in progress</source>
        <translation>Maksu käynnissä</translation>
    </message>
    <message>
        <source>Waiting for the car</source>
        <translation>Odotetaan autoa</translation>
    </message>
    <message>
        <source>Charging · %1</source>
        <extracomment>%1 is the energy so far, e.g. &quot;12.4 kWh&quot;</extracomment>
        <translation>Lataa · %1</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Lataa</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Päättyy</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Käytössä</translation>
    </message>
    <message>
        <source>Payment unavailable</source>
        <translation>Maksu ei käytettävissä</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Epäkunnossa</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testilataus</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Käynnistyy…</translation>
    </message>
</context>
<context>
    <name>ConnectorTile</name>
    <message>
        <source>Available</source>
        <extracomment>Connector tile state</extracomment>
        <translation>Vapaa</translation>
    </message>
    <message>
        <source>Car connected</source>
        <translation>Auto kytketty</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Käytössä</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Lataa</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Päättyy</translation>
    </message>
    <message>
        <source>Payment unavailable</source>
        <translation>Maksu ei käytettävissä</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Epäkunnossa</translation>
    </message>
    <message>
        <source>Test charge</source>
        <extracomment>Connector tile state: a technician checks the charger; nobody pays for it</extracomment>
        <translation>Testilataus</translation>
    </message>
    <message>
        <source>Starting…</source>
        <extracomment>Connector tile state in the first second after the station switched on</extracomment>
        <translation>Käynnistyy…</translation>
    </message>
    <message>
        <source>Tap to charge</source>
        <translation>Napauta ja lataa</translation>
    </message>
    <message>
        <source>Tap to pay</source>
        <translation>Napauta ja maksa</translation>
    </message>
    <message>
        <source>Tap to see or stop</source>
        <translation>Napauta: näytä tai lopeta</translation>
    </message>
    <message>
        <source>Tap to see</source>
        <translation>Napauta ja näytä</translation>
    </message>
    <message>
        <source>Please use another connector</source>
        <translation>Käytä toista liitintä</translation>
    </message>
    <message>
        <source>No payment · please use another connector</source>
        <translation>Ei maksua · käytä toista liitintä</translation>
    </message>
    <message>
        <source>No new payments right now</source>
        <translation>Ei uusia maksuja juuri nyt</translation>
    </message>
    <message>
        <source>Ready in a moment</source>
        <translation>Valmis hetken päästä</translation>
    </message>
    <message>
        <source>Payment in progress on a phone</source>
        <translation>Maksu on kesken puhelimella</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>You stopped the charge.</source>
        <translation>Lopetit latauksen.</translation>
    </message>
    <message>
        <source>You stopped the charge from your phone.</source>
        <translation>Lopetit latauksen puhelimesta.</translation>
    </message>
    <message>
        <source>The charge stopped: your amount was used up.</source>
        <translation>Lataus päättyi: summasi käytettiin.</translation>
    </message>
    <message>
        <source>The charge stopped: the car is full.</source>
        <translation>Lataus päättyi: auto on täynnä.</translation>
    </message>
    <message>
        <source>The charge stopped: the cable was unplugged.</source>
        <translation>Lataus päättyi: kaapeli irrotettiin.</translation>
    </message>
    <message>
        <source>The charge stopped because of a fault at the charger.</source>
        <translation>Lataus päättyi laturin vikaan.</translation>
    </message>
    <message>
        <source>The charge was stopped by a technician.</source>
        <translation>Teknikko lopetti latauksen.</translation>
    </message>
    <message>
        <source>The charge was stopped by the station.</source>
        <translation>Asema lopetti latauksen.</translation>
    </message>
    <message>
        <source>Thank you! Please unplug the cable.</source>
        <translation>Kiitos! Irrota kaapeli.</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energia</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Maksettu</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>Maksettavaa</translation>
    </message>
    <message>
        <source>%1 will be charged and the rest released as soon as the payment service answers.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>%1 veloitetaan ja loput vapautetaan heti, kun maksupalvelu vastaa.</translation>
    </message>
    <message>
        <source>%1 released; your bank may take a few days to show it.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>%1 vapautettu; pankkisi voi näyttää sen vasta muutaman päivän päästä.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Valmis</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Kuitti</translation>
    </message>
    <message>
        <source>The receipt is also in your %1 app.</source>
        <extracomment>%1 is the payment app&apos;s name in the market (&quot;Vipps&quot; or &quot;MobilePay&quot;)</extracomment>
        <translation>Kuitti on myös sovelluksessasi %1.</translation>
    </message>
</context>
<context>
    <name>FollowOnPhone</name>
    <message>
        <source>Follow and stop it on your phone</source>
        <translation>Seuraa ja lopeta puhelimella</translation>
    </message>
    <message>
        <source>Follow on your phone: scan to see the charge and stop it from anywhere.</source>
        <translation>Seuraa puhelimella: skannaa, niin näet latauksen ja voit lopettaa sen mistä vain.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Payment is unavailable right now, so no new charge can start. Charging that has started goes on.</source>
        <translation>Maksaminen ei ole nyt mahdollista, joten uutta latausta ei voi aloittaa. Käynnissä oleva lataus jatkuu.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete</source>
        <translation>Poista</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose language</source>
        <translation>Valitse kieli</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sulje</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <source>Payment declined</source>
        <translation>Maksu hylättiin</translation>
    </message>
    <message>
        <source>Time ran out</source>
        <translation>Aika loppui</translation>
    </message>
    <message>
        <source>Payment cancelled</source>
        <translation>Maksu peruttiin</translation>
    </message>
    <message>
        <source>No cable was plugged in</source>
        <translation>Kaapelia ei kytketty</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Jokin meni vikaan</translation>
    </message>
    <message>
        <source>Payment is unavailable</source>
        <translation>Maksaminen ei ole mahdollista</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Epäkunnossa</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testilataus</translation>
    </message>
    <message>
        <source>Charger not responding</source>
        <translation>Laturi ei vastaa</translation>
    </message>
    <message>
        <source>Charger fault</source>
        <translation>Laturin vika</translation>
    </message>
    <message>
        <source>The payment was declined in the app. No money was taken.</source>
        <translation>Maksu hylättiin sovelluksessa. Rahaa ei veloitettu.</translation>
    </message>
    <message>
        <source>The payment was not approved in time. No money was taken.</source>
        <translation>Maksua ei hyväksytty ajoissa. Rahaa ei veloitettu.</translation>
    </message>
    <message>
        <source>The payment was cancelled. No money was taken.</source>
        <translation>Maksu peruttiin. Rahaa ei veloitettu.</translation>
    </message>
    <message>
        <source>The car was not plugged in in time, so the charge did not start.</source>
        <translation>Autoa ei kytketty ajoissa, joten lataus ei alkanut.</translation>
    </message>
    <message>
        <source>The payment could not be started. Please try again.</source>
        <translation>Maksua ei voitu aloittaa. Yritä uudelleen.</translation>
    </message>
    <message>
        <source>The charger could not start charging.</source>
        <translation>Laturi ei voinut aloittaa latausta.</translation>
    </message>
    <message>
        <source>The charger is not responding.</source>
        <translation>Laturi ei vastaa.</translation>
    </message>
    <message>
        <source>Please try again, or use another connector.</source>
        <translation>Yritä uudelleen tai käytä toista liitintä.</translation>
    </message>
    <message>
        <source>Vipps MobilePay cannot be reached right now, so no new charge can start. Charging that has started goes on. Please try again in a few minutes.</source>
        <translation>Vipps MobilePayhin ei saada nyt yhteyttä, joten uutta latausta ei voi aloittaa. Käynnissä oleva lataus jatkuu. Yritä uudelleen muutaman minuutin kuluttua.</translation>
    </message>
    <message>
        <source>This connector is out of order. Please use another connector.</source>
        <translation>Tämä liitin on epäkunnossa. Käytä toista liitintä.</translation>
    </message>
    <message>
        <source>A technician is testing this connector&apos;s charger. Nobody pays for this charge. Please use another connector.</source>
        <translation>Teknikko testaa tämän liittimen laturia. Kukaan ei maksa tästä latauksesta. Käytä toista liitintä.</translation>
    </message>
    <message>
        <source>The station cannot reach this connector&apos;s charger. Please use another connector.</source>
        <translation>Asema ei saa yhteyttä tämän liittimen laturiin. Käytä toista liitintä.</translation>
    </message>
    <message>
        <source>This connector has a fault and cannot charge now. Please use another connector.</source>
        <translation>Tässä liittimessä on vika, eikä se voi nyt ladata. Käytä toista liitintä.</translation>
    </message>
    <message>
        <source>The money was released: %1. Your bank may take a few days to show it.</source>
        <extracomment>%1 is an amount of money</extracomment>
        <translation>Rahat vapautettiin: %1. Pankkisi voi näyttää sen vasta muutaman päivän päästä.</translation>
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
        <translation>Maksu on kesken puhelimella</translation>
    </message>
    <message>
        <source>Approve the payment in the Vipps MobilePay app on your phone</source>
        <translation>Hyväksy maksu puhelimesi Vipps MobilePay -sovelluksessa</translation>
    </message>
    <message>
        <source>Scan the code with your phone&apos;s camera or the Vipps MobilePay app</source>
        <translation>Skannaa koodi puhelimen kameralla tai Vipps MobilePay -sovelluksella</translation>
    </message>
    <message>
        <source>Someone is paying for this connector on their phone. The charge starts when the payment is approved.</source>
        <translation>Joku maksaa tätä liitäntää puhelimellaan. Lataus alkaa, kun maksu on hyväksytty.</translation>
    </message>
    <message>
        <source>Amount</source>
        <extracomment>The amount reserved, on the pay screen</extracomment>
        <translation>Summa</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <extracomment>%1 is minutes:seconds</extracomment>
        <translation>Aikaa jäljellä: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Takaisin</translation>
    </message>
</context>
<context>
    <name>PlugInScreen</name>
    <message>
        <source>Approved.</source>
        <translation>Hyväksytty.</translation>
    </message>
    <message>
        <source>Plug in the cable.</source>
        <translation>Kytke kaapeli.</translation>
    </message>
    <message>
        <source>%1 is reserved. Plug in within %2, or the reservation is released.</source>
        <extracomment>%1 is the amount reserved, %2 minutes:seconds</extracomment>
        <translation>%1 on varattu. Kytke kaapeli %2 kuluessa, muuten varaus vapautetaan.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
</context>
<context>
    <name>PriceChange</name>
    <message>
        <source>%1 until tomorrow %2, then %3</source>
        <extracomment>%1 is the energy price now (&quot;kr 3,90/kWh&quot;), %2 a time (&quot;06:00&quot;), %3 the price after it</extracomment>
        <translation>%1 huomenna klo %2 asti, sitten %3</translation>
    </message>
    <message>
        <source>%1 until %2, then %3</source>
        <extracomment>%1 is the energy price now (&quot;kr 3,90/kWh&quot;), %2 a time (&quot;22:00&quot;), %3 the price after it</extracomment>
        <translation>%1 klo %2 asti, sitten %3</translation>
    </message>
</context>
<context>
    <name>PriceList</name>
    <message>
        <source>Price</source>
        <translation>Hinta</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energia</translation>
    </message>
    <message>
        <source>Start fee</source>
        <translation>Aloitusmaksu</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Aika</translation>
    </message>
    <message>
        <source>Idle fee after %1 min</source>
        <extracomment>%1 is the number of free minutes after charging before the idle fee starts</extracomment>
        <translation>Seisontamaksu %1&#xa0;min jälkeen</translation>
    </message>
    <message>
        <source>Minimum price</source>
        <translation>Vähimmäishinta</translation>
    </message>
    <message>
        <source>All prices include VAT.</source>
        <translation>Hinnat sisältävät ALV:n.</translation>
    </message>
</context>
<context>
    <name>ServiceConnectorsPage</name>
    <message>
        <source>Out of order</source>
        <translation>Epäkunnossa</translation>
    </message>
    <message>
        <source>IEC state</source>
        <translation>IEC-tila</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Yhteys</translation>
    </message>
    <message>
        <source>online</source>
        <translation>yhteydessä</translation>
    </message>
    <message>
        <source>Current limit</source>
        <translation>Virtaraja</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Mittari</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Teho</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Luettu</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 sitten</translation>
    </message>
    <message>
        <source>Registers</source>
        <translation>Rekisterit</translation>
    </message>
    <message>
        <source>Last errors</source>
        <translation>Viimeisimmät virheet</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>Takaisin käyttöön</translation>
    </message>
    <message>
        <source>Test charge</source>
        <translation>Testilataus</translation>
    </message>
    <message>
        <source>Stop charging</source>
        <translation>Lopeta lataus</translation>
    </message>
</context>
<context>
    <name>ServiceMessage</name>
    <message>
        <source>Wrong PIN. {attempts} tries left.</source>
        <translation>Väärä PIN. {attempts} yritystä jäljellä.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The pad is locked until {until}.</source>
        <translation>Liian monta väärää PIN-koodia. Näppäimistö on lukittu klo {until} asti.</translation>
    </message>
    <message>
        <source>No service PIN is set. Set one with the command kiosk set-pin.</source>
        <translation>Huolto-PIN-koodia ei ole asetettu. Aseta se komennolla kiosk set-pin.</translation>
    </message>
    <message>
        <source>The PIN cannot be checked now (database error). Try again.</source>
        <translation>PIN-koodia ei voi nyt tarkistaa (tietokantavirhe). Yritä uudelleen.</translation>
    </message>
    <message>
        <source>{connector} is now out of order.</source>
        <translation>{connector} on nyt epäkunnossa.</translation>
    </message>
    <message>
        <source>{connector} is back in service.</source>
        <translation>{connector} on taas käytössä.</translation>
    </message>
    <message>
        <source>Test charge started on {connector} (no payment).</source>
        <translation>Testilataus aloitettu: {connector} (ei maksua).</translation>
    </message>
    <message>
        <source>Charging on {connector} stopped.</source>
        <translation>Lataus pysäytetty: {connector}.</translation>
    </message>
    <message>
        <source>There is no connector {connector}.</source>
        <translation>Liitintä {connector} ei ole.</translation>
    </message>
    <message>
        <source>The station refused: {reason}</source>
        <translation>Asema kieltäytyi: {reason}</translation>
    </message>
    <message>
        <source>The station could not do it: {reason}</source>
        <translation>Asema ei onnistunut: {reason}</translation>
    </message>
    <message>
        <source>There is no session {session}.</source>
        <translation>Istuntoa {session} ei ole.</translation>
    </message>
    <message>
        <source>Session {session} is not waiting for settlement.</source>
        <translation>Istunto {session} ei odota tilitystä.</translation>
    </message>
    <message>
        <source>Settlement of session {session} will be tried again now.</source>
        <translation>Istunnon {session} tilitystä yritetään nyt uudelleen.</translation>
    </message>
    <message>
        <source>Refunded {amount_ore} of session {session}.</source>
        <translation>Hyvitettiin {amount_ore} istunnosta {session}.</translation>
    </message>
    <message>
        <source>Vipps did not answer. The refund of {amount_ore} is saved; press Refund again later to send the same refund (it cannot be paid twice).</source>
        <translation>Vipps ei vastannut. {amount_ore} hyvitys on tallennettu; paina Hyvitä myöhemmin uudelleen lähettääksesi saman hyvityksen (sitä ei voi maksaa kahdesti).</translation>
    </message>
    <message>
        <source>A refund of {amount_ore} is still unconfirmed. Refund that amount to send it again.</source>
        <translation>{amount_ore} hyvitystä ei ole vielä vahvistettu. Hyvitä sama summa lähettääksesi sen uudelleen.</translation>
    </message>
    <message>
        <source>Vipps refused the refund: {reason}</source>
        <translation>Vipps hylkäsi hyvityksen: {reason}</translation>
    </message>
    <message>
        <source>The refund must be between {minimum_ore} and {maximum_ore}.</source>
        <translation>Hyvityksen on oltava välillä {minimum_ore}–{maximum_ore}.</translation>
    </message>
    <message>
        <source>Nothing to refund: session {session} has no captured money left.</source>
        <translation>Ei hyvitettävää: istunnossa {session} ei ole veloitettua rahaa jäljellä.</translation>
    </message>
    <message>
        <source>Session {session} has no payment to refund.</source>
        <translation>Istunnossa {session} ei ole hyvitettävää maksua.</translation>
    </message>
    <message>
        <source>Session {session} is marked resolved.</source>
        <translation>Istunto {session} on merkitty ratkaistuksi.</translation>
    </message>
    <message>
        <source>Session {session} was already resolved.</source>
        <translation>Istunto {session} oli jo ratkaistu.</translation>
    </message>
    <message>
        <source>Vipps answers (token and payment check OK): {detail}</source>
        <translation>Vipps vastaa (tunnus ja maksutarkistus OK): {detail}</translation>
    </message>
    <message>
        <source>Vipps cannot be used: {detail}</source>
        <translation>Vippsiä ei voi käyttää: {detail}</translation>
    </message>
    <message>
        <source>Vipps is not configured on this station (no client).</source>
        <translation>Vippsiä ei ole määritetty tälle asemalle (ei asiakasta).</translation>
    </message>
    <message>
        <source>Exported {count} sessions to {file}.</source>
        <translation>Vietiin {count} istuntoa tiedostoon {file}.</translation>
    </message>
    <message>
        <source>Could not export: {reason}</source>
        <translation>Vienti epäonnistui: {reason}</translation>
    </message>
    <message>
        <source>The database did not answer: {reason}</source>
        <translation>Tietokanta ei vastannut: {reason}</translation>
    </message>
    <message>
        <source>The records are intact: {entries} entries checked, every link holds. Last link: {head}</source>
        <translation>Kirjaukset ovat koskemattomat: {entries} merkintää tarkistettu, jokainen linkki pitää. Viimeinen linkki: {head}</translation>
    </message>
    <message>
        <source>The records were changed after they were written: the first broken link is entry {seq} ({problem}). Call the operator.</source>
        <translation>Kirjauksia on muutettu kirjoittamisen jälkeen: ensimmäinen katkennut linkki on merkintä {seq} ({problem}). Soita operaattorille.</translation>
    </message>
    <message>
        <source>test charge (no payment)</source>
        <translation>testilataus (ei maksua)</translation>
    </message>
    <message>
        <source>resolved by hand</source>
        <translation>ratkaistu käsin</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>hyvitetty</translation>
    </message>
    <message>
        <source>partly refunded</source>
        <translation>osittain hyvitetty</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>tilitetty</translation>
    </message>
    <message>
        <source>waiting for settlement</source>
        <translation>odottaa tilitystä</translation>
    </message>
    <message>
        <source>money reserved</source>
        <translation>summa varattu</translation>
    </message>
    <message>
        <source>no payment</source>
        <translation>ei maksua</translation>
    </message>
</context>
<context>
    <name>ServiceMessageBar</name>
    <message>
        <source>Working…</source>
        <translation>Työskentelee …</translation>
    </message>
</context>
<context>
    <name>ServicePinPad</name>
    <message>
        <source>Service PIN</source>
        <translation>Huolto-PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
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
        <translation>Huolto</translation>
    </message>
    <message>
        <source>Connectors</source>
        <translation>Liittimet</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Istunnot</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Asema</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Poistu</translation>
    </message>
</context>
<context>
    <name>ServiceSessionsPage</name>
    <message>
        <source>Settlement queue</source>
        <translation>Tilityasjono</translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation>seuraava yritys %1</translation>
    </message>
    <message>
        <source>Recent sessions</source>
        <translation>Viimeisimmät istunnot</translation>
    </message>
    <message>
        <source>No sessions yet.</source>
        <translation>Ei vielä istuntoja.</translation>
    </message>
    <message>
        <source>Choose a session.</source>
        <translation>Valitse istunto.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energia</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Varattu</translation>
    </message>
    <message>
        <source>due</source>
        <translation>maksettava</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>Veloitettu</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>hyvitetty</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Hyvitä …</translation>
    </message>
    <message>
        <source>Settle now</source>
        <translation>Tilitä nyt</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Merkitse ratkaistuksi</translation>
    </message>
    <message>
        <source>Refund (up to %1)</source>
        <translation>Hyvitä (enintään %1)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Kaikki</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Hyvitä</translation>
    </message>
</context>
<context>
    <name>ServiceStationPage</name>
    <message>
        <source>Price per kWh</source>
        <translation>Hinta per kWh</translation>
    </message>
    <message>
        <source>Start fee</source>
        <translation>Aloitusmaksu</translation>
    </message>
    <message>
        <source>Price per minute</source>
        <translation>Hinta per minuutti</translation>
    </message>
    <message>
        <source>Idle fee</source>
        <translation>Seisontamaksu</translation>
    </message>
    <message>
        <source>Most per session</source>
        <translation>Enintään per istunto</translation>
    </message>
    <message>
        <source>Minimum price</source>
        <translation>Vähimmäishinta</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Jakso</translation>
    </message>
    <message>
        <source>Price now</source>
        <translation>Hinta nyt</translation>
    </message>
    <message>
        <source>Spot price feed</source>
        <translation>Pörssihintalähde</translation>
    </message>
    <message>
        <source>VAT included</source>
        <translation>ALV sisältyy</translation>
    </message>
    <message>
        <source>Records: written normally.</source>
        <translation>Kirjaukset: tallentuvat normaalisti.</translation>
    </message>
    <message>
        <source>Records cannot be written: another program holds the database lock. Charging and Stop work.</source>
        <translation>Kirjauksia ei voi tallentaa: toinen ohjelma pitää tietokannan lukkoa. Lataus ja Lopeta toimivat.</translation>
    </message>
    <message>
        <source>Records cannot be written: the disk is full. Charging and Stop work.</source>
        <translation>Kirjauksia ei voi tallentaa: levy on täynnä. Lataus ja Lopeta toimivat.</translation>
    </message>
    <message>
        <source>Records cannot be written: the database is read-only or missing. Charging and Stop work.</source>
        <translation>Kirjauksia ei voi tallentaa: tietokanta on kirjoitussuojattu tai puuttuu. Lataus ja Lopeta toimivat.</translation>
    </message>
    <message>
        <source>Records are waiting: the database is not answering. Charging and Stop work.</source>
        <translation>Kirjaukset odottavat: tietokanta ei vastaa. Lataus ja Lopeta toimivat.</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>versio %1</translation>
    </message>
    <message>
        <source>Check Vipps</source>
        <translation>Tarkista Vipps</translation>
    </message>
    <message>
        <source>Check the records</source>
        <translation>Tarkista kirjaukset</translation>
    </message>
    <message>
        <source>Find USB stick</source>
        <translation>Etsi USB-tikku</translation>
    </message>
    <message>
        <source>Export sessions (CSV) to %1</source>
        <translation>Vie istunnot (CSV) kohteeseen %1</translation>
    </message>
    <message>
        <source>Tariff in force</source>
        <translation>Voimassa oleva hinnasto</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Asetukset</translation>
    </message>
    <message>
        <source>Technician actions</source>
        <translation>Huoltotoimet</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Loki</translation>
    </message>
</context>
<context>
    <name>WorkingScreen</name>
    <message>
        <source>Stopping the charge…</source>
        <translation>Lopetetaan latausta…</translation>
    </message>
    <message>
        <source>Finishing the payment…</source>
        <translation>Viimeistellään maksua…</translation>
    </message>
    <message>
        <source>%1 delivered, %2 so far</source>
        <extracomment>%1 energy, %2 money</extracomment>
        <translation>%1 toimitettu, %2 tähän asti</translation>
    </message>
    <message>
        <source>Please wait a moment.</source>
        <translation>Odota hetki.</translation>
    </message>
</context>
</TS>
