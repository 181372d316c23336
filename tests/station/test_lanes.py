"""Two drivers, one screen: every connector keeps its own lane.

The lane rules as a table (which screens give the screen back to the overview when left
untouched), each driver's language, and the station with two connectors: one driver's Stop is
one tap away while the other pays, only the focused lane is ever in focus, and an untouched lane
that needs nothing returns to the overview while a pending payment's lane stays."""

from __future__ import annotations

import asyncio
import dataclasses
import time

import pytest
from station_fakes import INFO, POLICY, FakeCharger, FakeGateway, FakeLedger, Log

from kiosk.core.state import Phase
from kiosk.station.lanes import LaneFocus, returns_to_overview
from kiosk.station.setup import ConnectorSetup
from kiosk.station.snapshot import Screen
from kiosk.station.station import Station

READING_INTERVAL_S = 0.05

RETURNS = {
    Screen.IDLE: True,
    Screen.CAR_CONNECTED: True,
    Screen.BUDGET: False,  # the driver is choosing
    Screen.PAY: False,  # a pending payment's QR stays
    Screen.PLUG_IN: False,  # the driver must plug in
    Screen.CHARGING: True,
    Screen.STOPPING: True,
    Screen.SETTLING: True,
    Screen.DONE: False,  # the driver reads what was paid (its own countdown)
    Screen.DECLINED: False,
    Screen.EXPIRED: False,
    Screen.CANCELLED: False,
    Screen.PLUG_IN_TIMEOUT: False,
    Screen.FAILED: False,
    Screen.PAYMENT_UNAVAILABLE: True,
    Screen.OUT_OF_ORDER: True,
    Screen.TEST_CHARGE: True,
    Screen.FAULT: True,
    Screen.STARTING: True,
}


def test_the_table_covers_every_screen() -> None:
    assert set(RETURNS) == set(Screen)


@pytest.mark.parametrize(("screen", "returns"), RETURNS.items(), ids=lambda v: str(v))
def test_an_untouched_lane_returns_only_when_it_needs_nothing(
    screen: Screen, returns: bool
) -> None:
    assert returns_to_overview(screen, untouched_ms=30_000, return_ms=30_000) is returns
    assert returns_to_overview(screen, untouched_ms=29_999, return_ms=30_000) is False


def test_each_driver_keeps_their_language_and_the_default_returns_after_the_session() -> None:
    lanes = LaneFocus("nb")
    lanes.choose_language("en")  # on the overview, just before tapping connector 1
    assert lanes.language == "en"
    lanes.enter(1, now_ms=0)
    assert lanes.language == "en"
    lanes.enter(2, now_ms=1)  # another driver takes the screen for connector 2
    assert lanes.language == "nb"
    lanes.choose_language("de")
    lanes.enter(1, now_ms=2)
    assert lanes.language == "en"
    lanes.session_over(1)
    assert lanes.focus is None
    assert lanes.language == "nb"
    lanes.enter(1, now_ms=3)
    assert lanes.language == "nb"  # connector 1's next driver starts in the default
    lanes.enter(2, now_ms=4)
    assert lanes.language == "de"  # connector 2's driver is still German


def test_a_touch_keeps_the_lane_and_expiry_leaves_it() -> None:
    lanes = LaneFocus("nb", return_ms=1_000)
    lanes.enter(1, now_ms=0)
    lanes.touched(now_ms=900)
    assert not lanes.expire(Screen.CHARGING, now_ms=1_800)
    assert lanes.focus == 1
    assert lanes.expire(Screen.CHARGING, now_ms=1_900)
    assert lanes.focus is None
    lanes.enter(2, now_ms=2_000)
    assert not lanes.expire(Screen.PAY, now_ms=60_000)
    assert lanes.focus == 2


def _two(log: Log) -> tuple[FakeCharger, FakeCharger, list[ConnectorSetup]]:
    one, two = FakeCharger(log), FakeCharger(log)
    setups = [
        ConnectorSetup(1, "Venstre", POLICY, one, one, label="A", colour="#1E88E5"),
        ConnectorSetup(2, "Høyre", POLICY, two, two, label="B"),
    ]
    return one, two, setups


async def test_a_driver_reaches_their_stop_while_another_driver_pays() -> None:
    log: Log = []
    one, two, setups = _two(log)
    gateway = FakeGateway(log)
    async with Station(INFO, setups, ledger=FakeLedger(log), gateway=gateway) as station:
        one.publish("B", 1_000, 0)
        station.select_connector(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHOOSING_BUDGET, 2)
        station.choose_budget(1, 20_000)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHARGING, 3)
        one.publish("C", 1_050, 11_000)

        gateway.unapproved_connectors.add("2")  # connector 2's driver has not approved yet
        station.select_connector(2)
        await station.wait_for(lambda s: s.session(2).phase is Phase.CHOOSING_BUDGET, 2)
        station.choose_budget(2, 20_000)
        await station.wait_for(lambda s: s.snapshot.connectors[1].screen is Screen.PAY, 3)
        assert station.snapshot.focused_connector_id == 2

        station.select_connector(1)  # one tap on connector A in the bar
        snapshot = station.snapshot
        assert snapshot.focused_connector_id == 1
        assert snapshot.connectors[0].screen is Screen.CHARGING
        assert snapshot.connectors[1].screen is Screen.PAY  # B's payment goes on, not shown
        assert (snapshot.connectors[0].label, snapshot.connectors[0].colour) == ("A", "#1E88E5")
        assert (snapshot.connectors[1].label, snapshot.connectors[1].colour) == ("B", None)

        station.stop(1)
        await station.wait_for(lambda s: one.disabled_at is not None, 2)
        assert not one.enabled
        assert station.session(2).phase is Phase.AWAITING_APPROVAL
        assert two.disabled_at is None


async def test_an_untouched_charging_lane_returns_to_the_overview_but_a_paying_one_stays() -> None:
    log: Log = []
    one, _, setups = _two(log)
    gateway = FakeGateway(log)
    info = dataclasses.replace(INFO, lane_return_ms=300)
    async with Station(info, setups, ledger=FakeLedger(log), gateway=gateway) as station:
        one.publish("B", 1_000, 0)
        station.select_connector(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHOOSING_BUDGET, 2)
        station.choose_budget(1, 20_000)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHARGING, 3)
        assert station.snapshot.focused_connector_id == 1

        def publish_until_overview(s: Station) -> bool:
            one.publish("C", 1_060, 11_000)  # the poller's readings keep coming
            return s.snapshot.focused_connector_id is None

        await station.wait_for(publish_until_overview, 3)
        assert station.session(1).phase is Phase.CHARGING  # nothing changed but the screen

        gateway.unapproved_connectors.add("2")
        station.select_connector(2)
        await station.wait_for(lambda s: s.session(2).phase is Phase.CHOOSING_BUDGET, 2)
        station.choose_budget(2, 20_000)
        await station.wait_for(lambda s: s.snapshot.connectors[1].screen is Screen.PAY, 3)
        deadline = time.monotonic() + 1.0  # three times the return time, readings flowing
        while time.monotonic() < deadline:
            one.publish("C", 1_070, 11_000)
            # a poller's cadence; publishing without yielding piled up a backlog the station
            # then took 20 s to work through, after the deadline
            await asyncio.sleep(READING_INTERVAL_S)
        assert station.snapshot.focused_connector_id == 2


async def test_the_screen_language_follows_the_lane_in_focus() -> None:
    log: Log = []
    one, _, setups = _two(log)
    gateway = FakeGateway(log)
    async with Station(INFO, setups, ledger=FakeLedger(log), gateway=gateway) as station:
        default = INFO.default_language
        other = next(code for code in INFO.languages if code != default)
        one.publish("B", 1_000, 0)
        station.select_connector(1)
        station.set_language(other)  # A's driver reads the other language
        assert station.snapshot.language == other
        station.select_connector(2)  # B's driver comes: the station's default
        assert station.snapshot.language == default
        station.select_connector(1)
        assert station.snapshot.language == other
        station.cancel(1)  # A's session ends: the next driver there starts in the default
        await station.wait_for(lambda s: s.snapshot.focused_connector_id is None, 3)
        assert station.snapshot.language == default
        station.select_connector(1)
        assert station.snapshot.language == default
