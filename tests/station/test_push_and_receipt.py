"""The controller with fakes: a push payment reaches the gateway with the phone number and
nothing else keeps it (ledger, journal, logs, snapshots show the mask); the done screen links
the receipt page once the session settled with a capture."""

from __future__ import annotations

import dataclasses
import json
import logging

import pytest
from station_fakes import INFO, FakeCharger, FakeGateway, FakeLedger, Log, setup

from kiosk.core.state import Phase
from kiosk.station.snapshot import ConnectorSnapshot, Screen, StationSnapshot
from kiosk.station.station import Station

PHONE = "4791234567"
MASKED = "+47 *****567"
TEMPLATE = "https://ladeskjerm.example/session/{session_id}?l=nb"


def _pay_views(seen: list[StationSnapshot]) -> list[ConnectorSnapshot]:
    return [s.connectors[0] for s in seen if s.connectors[0].screen is Screen.PAY]


async def _budget(station: Station, charger: FakeCharger) -> None:
    charger.publish("B", 1_000, 0)
    station.select_connector(1)
    await station.wait_for(lambda s: s.session(1).phase is Phase.CHOOSING_BUDGET, 2)


async def test_a_push_payment_goes_to_the_number_and_only_its_mask_is_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    log: Log = []
    charger, gateway, ledger = FakeCharger(log), FakeGateway(log), FakeLedger(log)
    info = dataclasses.replace(INFO, push_payment_allowed=True, receipt_url_template=TEMPLATE)
    station = Station(info, [setup(charger)], ledger=ledger, gateway=gateway)
    seen: list[StationSnapshot] = []
    station.subscribe(seen.append)
    async with station:
        assert station.snapshot.push_payment_allowed is True
        await _budget(station, charger)
        station.choose_budget(1, 20_000, "12ab")  # not a number: the core refuses it
        station.choose_budget(1, 20_000, PHONE)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHARGING, 3)
        charger.publish("C", 1_050, 11_000)
        await station.wait_for(lambda s: s.session(1).delivered_wh == 50, 2)
        station.stop(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.STOPPING, 2)
        charger.publish("B", 1_050, 0)
        await station.wait_for(lambda s: s.session(1).phase is Phase.DONE, 3)
        session_id = station.session(1).session_id
        done = station.snapshot.connectors[0]
    assert gateway.pushed_to == [PHONE]
    pay = _pay_views(seen)
    assert pay, "the pay screen was never shown"
    assert {(v.qr_text, v.phone_number) for v in pay} == {(None, MASKED)}
    assert done.screen is Screen.DONE
    assert done.phone_number is None
    assert done.paid_ore == 5_000
    assert done.receipt_url == f"https://ladeskjerm.example/session/{session_id}?l=nb"
    kept = json.dumps([ledger.rows, ledger.journal, ledger.requests])
    assert PHONE not in kept
    assert MASKED in kept  # the journal and the create's record say where it went
    assert {"reference", "amount_ore", "currency", "push_to"} <= set(ledger.requests[0])
    assert PHONE not in caplog.text
    assert all(PHONE not in repr(s) for s in seen)


async def test_a_phone_number_is_ignored_where_push_is_not_allowed() -> None:
    log: Log = []
    charger, gateway = FakeCharger(log), FakeGateway(log)
    station = Station(INFO, [setup(charger)], ledger=FakeLedger(log), gateway=gateway)
    async with station:
        assert station.snapshot.push_payment_allowed is False
        await _budget(station, charger)
        station.choose_budget(1, 20_000, PHONE)
        station.choose_budget(1, 20_000)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHARGING, 3)
    assert gateway.pushed_to == [None]


async def test_a_qr_payment_shows_its_qr_and_no_number() -> None:
    log: Log = []
    charger = FakeCharger(log)
    gateway = FakeGateway(log)
    station = Station(INFO, [setup(charger)], ledger=FakeLedger(log), gateway=gateway)
    seen: list[StationSnapshot] = []
    station.subscribe(seen.append)
    async with station:
        await _budget(station, charger)
        gateway.hang = True  # calls wait: the pay screen stays up
        station.choose_budget(1, 20_000)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CREATING_PAYMENT, 2)
        gateway.hang = False
        gateway.released.set()
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHARGING, 3)
    shown = {(v.qr_text, v.phone_number) for v in _pay_views(seen) if v.qr_text is not None}
    assert len(shown) == 1
    qr, phone = shown.pop()
    assert qr is not None
    assert qr.startswith("https://qr.example/")
    assert phone is None
