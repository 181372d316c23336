"""The station with prices that change by the hour: the payment freezes the schedule shown
at that moment (spot prices read later do not touch it), the session across 22:00 is billed
at each period's price, and the screens' price follows the clock."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime
from fractions import Fraction

from emulator_station import FrozenClock
from station_fakes import INFO, FakeCharger, FakeGateway, FakeLedger, Log, setup

from kiosk.core.schedule import SpotPrice, SpotRule, WeeklyPeriod
from kiosk.core.state import Phase
from kiosk.core.tariff import LineKind, TariffSnapshot
from kiosk.station.pricing import SpotBoard, TariffPlan
from kiosk.station.station import Station

H = 3_600_000
MIN = 60_000


def utc_ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


START = utc_ms("2026-12-03T20:30:00")  # 21:30 in Oslo
DAY = WeeklyPeriod("day", tuple(range(7)), 6 * 60, 22 * 60, 390)
NIGHT = WeeklyPeriod("night", tuple(range(7)), 22 * 60, 6 * 60, 0, spot=True)


async def test_a_session_across_22_keeps_the_prices_shown_at_payment() -> None:
    board = SpotBoard()
    night_hours = (utc_ms("2026-12-03T21:00:00"), utc_ms("2026-12-03T22:00:00"))
    board.update((SpotPrice(*night_hours, Fraction(200)),))  # 200 + 50 margin = 250 øre
    base = TariffSnapshot(price_ore_per_kwh=0)
    plan = TariffPlan(
        base, (DAY, NIGHT), "Europe/Oslo", SpotRule(333, margin_ore_per_kwh=50), board
    )
    info = dataclasses.replace(INFO, tariff=base, plan=plan)
    log: Log = []
    clock = FrozenClock(START)
    charger, gateway = FakeCharger(log), FakeGateway(log, authorized_ore=35_000)
    station = Station(info, [setup(charger)], ledger=FakeLedger(log), gateway=gateway, clock=clock)
    async with station:
        shown = station.snapshot.tariff
        assert (shown.price_ore_per_kwh, shown.next_change_at) == (390, "22:00")
        assert shown.next_price_ore_per_kwh == 250
        charger.publish("B", 1_000_000, 0)
        station.select_connector(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHOOSING_BUDGET, 2)
        station.choose_budget(1, 35_000)
        for _ in range(40):  # the payment is polled: let the station's clock run a little
            if station.session(1).phase is Phase.CHARGING:
                break
            clock.advance(250)
            await asyncio.sleep(0.05)
        assert station.session(1).phase is Phase.CHARGING
        frozen = station.session(1).tariff
        assert frozen is not None
        assert [s.price_ore_per_kwh for s in frozen.slots[:3]] == [390, 250, 333]
        # a new spot price after payment is shown to the next driver, never billed to this one
        board.update((SpotPrice(*night_hours, Fraction(900)),))
        for minutes, wh in ((15, 1_500), (30, 3_000), (45, 4_500), (60, 6_000)):
            clock.ms = START + minutes * MIN
            charger.publish("C", 1_000_000 + wh, 6_000)
            await station.wait_for(lambda s, wh=wh: s.session(1).delivered_wh == wh, 2)
        station.stop(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.STOPPING, 2)
        charger.publish("B", 1_006_000, 0)
        await station.wait_for(lambda s: s.session(1).phase is Phase.DONE, 3)
        due = station.session(1).amount_due
        assert due is not None
        energy = [
            (line.unit_price_ore, line.quantity)
            for line in due.lines
            if line.kind is LineKind.ENERGY
        ]
        assert energy == [(390, 3_000), (250, 3_000)]
        assert gateway.captured_ore == due.total_ore == 3 * 390 + 3 * 250
        # the screens follow the clock: 22:30 local, the night's (new) spot price
        station.dismiss(1)
        await station.wait_for(lambda s: s.session(1).phase is not Phase.DONE, 2)
        shown = station.snapshot.tariff
        assert (shown.price_ore_per_kwh, shown.fallback_price) == (950, False)
        assert (shown.next_change_at, shown.next_price_ore_per_kwh) == ("23:00", 333)
