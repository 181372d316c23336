"""The service screen's tariff rows: a flat tariff as before; a tariff with periods a row per
period, the price the drivers see now and the spot feed's problem."""

from __future__ import annotations

from kiosk.core.number_format import NBSP, NumberFormat
from kiosk.core.schedule import WeeklyPeriod
from kiosk.core.tariff import TariffSnapshot
from kiosk.gui.viewmodels.service_station_vm import tariff_items
from kiosk.station.snapshot import TariffDisplay

FMT = NumberFormat("en", "NOK")


def rows(items: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(item["key"], item["value"].replace(NBSP, " ")) for item in items]


def test_a_flat_tariff_as_before():
    flat = TariffSnapshot(price_ore_per_kwh=450, start_fee_ore=500, price_ore_per_minute=10)
    assert rows(tariff_items(flat, FMT)) == [
        ("per_kwh", "NOK 4.50/kWh"),
        ("start_fee", "NOK 5.00"),
        ("per_minute", "NOK 0.10/min"),
        ("vat", "25 %"),
    ]


def test_periods_the_price_now_and_the_spot_feed():
    periods = (
        WeeklyPeriod("day", (0, 1, 2, 3, 4), 360, 1320, 390, price_ore_per_minute=10),
        WeeklyPeriod("weekend", (5, 6), 360, 1320, 0, spot=True),
        WeeklyPeriod("night", tuple(range(7)), 1320, 360, 250),
    )
    base = TariffSnapshot(price_ore_per_kwh=0, start_fee_ore=500, minimum_ore=1500)
    shown = TariffDisplay(
        price_ore_per_kwh=333,
        fallback_price=True,
        feed_problem="stale: no spot price for now",
        next_change_at="22:00",
        next_price_ore_per_kwh=250,
    )
    assert rows(tariff_items(base, FMT, periods, shown)) == [
        ("period", "day mon-fri 06:00-22:00: NOK 3.90/kWh, NOK 0.10/min"),
        ("period", "weekend sat,sun 06:00-22:00: spot"),
        ("period", "night mon-sun 22:00-06:00: NOK 2.50/kWh"),
        ("price_now", "NOK 3.33/kWh -> 22:00 NOK 2.50/kWh"),
        ("spot_feed", "stale: no spot price for now"),
        ("start_fee", "NOK 5.00"),
        ("minimum", "NOK 15.00"),
        ("vat", "25 %"),
    ]
