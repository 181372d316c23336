"""The controller with fakes: write-ahead order, a stop that never waits for payments,
commands that return at once, snapshots, and a clean close with calls still hanging."""

from __future__ import annotations

import asyncio
import time

import pytest
from station_fakes import INFO, FakeCharger, FakeGateway, FakeLedger, GatedLedger, Log, setup

from kiosk.core.ports import OperationResult
from kiosk.core.state import Phase
from kiosk.station.snapshot import Screen, StationSnapshot
from kiosk.station.station import Station


async def _charging(station: Station, charger: FakeCharger) -> None:
    charger.publish("B", 1_000, 0)
    station.select_connector(1)
    await station.wait_for(lambda s: s.session(1).phase is Phase.CHOOSING_BUDGET, 2)
    station.choose_budget(1, 20_000)
    await station.wait_for(lambda s: s.session(1).phase is Phase.CHARGING, 3)
    charger.publish("C", 1_050, 11_000)
    await station.wait_for(lambda s: s.session(1).delivered_wh == 50, 2)


async def test_stop_disables_the_charger_at_once_while_payment_calls_hang() -> None:
    log: Log = []
    charger, gateway = FakeCharger(log), FakeGateway(log)
    station = Station(INFO, [setup(charger)], ledger=FakeLedger(log), gateway=gateway)
    async with station:
        await _charging(station, charger)
        gateway.hang = True
        started = time.perf_counter()
        station.stop(1)
        assert time.perf_counter() - started < 0.01  # the command itself returns at once
        await station.wait_for(lambda s: charger.disabled_at is not None, 2)
        assert charger.disabled_at is not None
        assert charger.disabled_at - started < 0.2
        charger.publish("B", 1_050, 0)  # the car stopped drawing
        await station.wait_for(lambda s: ("call", "capture") in log, 2)
        assert station.session(1).phase is Phase.SETTLING
    # closed with the capture still hanging: nothing leaks (the autouse fixture checks)


async def test_money_and_enable_wait_for_their_record_and_a_stop_does_not() -> None:
    log: Log = []
    charger, gateway = FakeCharger(log), FakeGateway(log)
    ledger = FakeLedger(log)
    async with Station(INFO, [setup(charger)], ledger=ledger, gateway=gateway) as station:
        await _charging(station, charger)
        station.stop(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.STOPPING, 2)
        charger.publish("B", 1_050, 0)
        await station.wait_for(lambda s: s.session(1).phase is Phase.DONE, 3)
    order = [entry for entry in log if entry[0] != "call" or entry[1] != "get"]
    assert order.index(("save", "creating_payment")) < order.index(("record", "create"))
    assert order.index(("record", "create")) < order.index(("call", "create"))
    assert order.index(("save", "charging")) < order.index(("charger", "enable"))
    assert ("save", "stopping") in order  # recorded, but the disable did not wait for it
    assert order.index(("save", "settling")) < order.index(("record", "capture"))
    assert order.index(("record", "capture")) < order.index(("call", "capture"))
    assert order.index(("call", "capture")) < order.index(("record", "cancel"))
    assert gateway.captured_ore == 5_000  # 50 Wh at 1000 NOK/kWh
    assert gateway.cancelled_ore == 15_000
    assert set(ledger.operations.values()) == {OperationResult.SUCCEEDED}


async def test_snapshots_follow_the_session_and_unsubscribe_stops_them() -> None:
    log: Log = []
    charger = FakeCharger(log)
    station = Station(INFO, [setup(charger)], ledger=FakeLedger(log), gateway=FakeGateway(log))
    seen: list[StationSnapshot] = []
    unsubscribe = station.subscribe(seen.append)
    assert seen == [station.snapshot]
    async with station:
        await _charging(station, charger)
        screens = [snap.connectors[0].screen for snap in seen]
        assert Screen.BUDGET in screens
        assert Screen.PAY in screens
        assert screens[-1] is Screen.CHARGING
        assert seen[-1].connectors[0].energy_wh == 50
        assert seen[-1].connectors[0].cost_ore == 5_000
        assert seen[-1].focused_connector_id == 1
        unsubscribe()
        count = len(seen)
        charger.publish("C", 1_060, 11_000)
        await station.wait_for(lambda s: s.session(1).delivered_wh == 60, 2)
        assert len(seen) == count


async def test_no_new_payment_while_the_payment_service_is_down() -> None:
    log: Log = []
    charger, gateway = FakeCharger(log), FakeGateway(log)
    gateway.hang = True
    station = Station(
        INFO, [setup(charger)], ledger=FakeLedger(log), gateway=gateway, probe_interval_s=0.05
    )
    async with station:
        await station.wait_for(lambda s: not s.payment_available, 2)
        charger.publish("B", 1_000, 0)
        station.select_connector(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CAR_CONNECTED, 2)
        assert station.snapshot.connectors[0].screen is Screen.PAYMENT_UNAVAILABLE
        assert station.snapshot.payment_available is False
        gateway.hang = False
        await station.wait_for(lambda s: s.payment_available, 2)
        station.select_connector(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHOOSING_BUDGET, 2)


async def test_a_stop_goes_out_while_the_ledger_hangs_and_is_recorded_after() -> None:
    log: Log = []
    charger, gateway = FakeCharger(log), FakeGateway(log)
    ledger = GatedLedger(log)
    async with Station(INFO, [setup(charger)], ledger=ledger, gateway=gateway) as station:
        await _charging(station, charger)
        ledger.gate.clear()  # every write from now on hangs until the gate opens
        charger.publish("C", 1_100, 11_000)
        charger.publish("C", 1_150, 11_000)  # 100 Wh since the last record: one starts, hangs
        await station.wait_for(lambda s: s.runner(1).records_behind > 0, 2)
        station.stop(1)
        await station.wait_for(lambda s: charger.disabled_at is not None, 2)
        assert station.session(1).phase is Phase.STOPPING
        assert ("save", "stopping") not in log  # the stop did not wait for any record
        charger.publish("B", 1_150, 0)  # the car stopped drawing: settlement is due
        await station.wait_for(lambda s: s.session(1).phase is Phase.SETTLING, 2)
        assert ("record", "capture") not in log  # money waits for its write-ahead record
        ledger.gate.set()
        await station.wait_for(lambda s: s.session(1).phase is Phase.DONE, 3)
    saves = [entry[1] for entry in log if entry[0] == "save"]
    assert saves.index("stopping") < saves.index("settling")  # written in step order
    assert log.index(("charger", "disable")) < log.index(("save", "stopping"))
    assert log.index(("save", "settling")) < log.index(("record", "capture"))


async def test_an_enable_waiting_for_its_record_is_dropped_when_a_stop_overtakes_it() -> None:
    log: Log = []
    charger, gateway = FakeCharger(log), FakeGateway(log)
    ledger = GatedLedger(log)
    async with Station(INFO, [setup(charger)], ledger=ledger, gateway=gateway) as station:
        charger.publish("B", 1_000, 0)
        station.select_connector(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHOOSING_BUDGET, 2)
        station.choose_budget(1, 20_000)
        await station.wait_for(lambda s: s.session(1).phase is Phase.AWAITING_APPROVAL, 3)
        ledger.gate.clear()
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHARGING, 3)
        assert ("charger", "enable") not in log  # the enable waits for the CHARGING record
        station.stop(1)
        await station.wait_for(lambda s: charger.disabled_at is not None, 2)
        ledger.gate.set()
        await station.wait_for(lambda s: s.runner(1).records_behind == 0, 3)
        await station.runner(1).idle()
    assert ("charger", "enable") not in log
    assert charger.enabled is False


async def test_a_phone_stop_reaches_the_charger_before_its_snapshot_is_published() -> None:
    """The stop's charger command goes out first; the new snapshot (the screen and every
    phone following the session work on it) comes after, not in front of it (ADR 0014)."""
    log: Log = []
    charger = FakeCharger(log)
    station = Station(INFO, [setup(charger)], ledger=FakeLedger(log), gateway=FakeGateway(log))
    disabled_when_shown: list[bool] = []

    def on_snapshot(snapshot: StationSnapshot) -> None:
        if snapshot.connectors[0].screen is Screen.STOPPING and not disabled_when_shown:
            disabled_when_shown.append(("charger", "disable") in log)

    async with station:
        await _charging(station, charger)
        station.subscribe(on_snapshot)
        session_id = station.session(1).session_id
        assert session_id is not None
        assert station.stop_from_phone(session_id)
        await station.wait_for(lambda s: bool(disabled_when_shown), 2)
    assert disabled_when_shown == [True]


class _StubbornCharger(FakeCharger):
    """An enable whose first cancel is swallowed (3.11's ``asyncio.wait_for`` returning the
    answer that came with the cancel) and which then waits on (the line's next request)."""

    def __init__(self, log: Log) -> None:
        super().__init__(log)
        self.swallowed = asyncio.Event()
        self.entered = asyncio.Event()

    async def enable(self) -> None:
        self.entered.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            self.swallowed.set()
        await asyncio.Event().wait()


@pytest.mark.timeout(60)  # the old close hung here for ever
async def test_close_ends_a_charger_command_that_swallows_its_cancel() -> None:
    log: Log = []
    charger = _StubbornCharger(log)
    station = Station(INFO, [setup(charger)], ledger=FakeLedger(log), gateway=FakeGateway(log))
    async with station:
        charger.publish("B", 1_000, 0)
        station.select_connector(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHOOSING_BUDGET, 2)
        station.choose_budget(1, 20_000)
        async with asyncio.timeout(3):
            await charger.entered.wait()  # paid: the enable is on its way
        loop = asyncio.get_running_loop()
        started = loop.time()
    assert charger.swallowed.is_set()
    assert loop.time() - started < 5  # cancelled again, not awaited for ever
