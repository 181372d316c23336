"""The tariff in force now: UTC offsets from the IANA rules, the schedule a payment freezes,
and the screens' "price now, next change" (``TariffDisplay``), spot fallback included."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

import pytest
from pydantic import SecretStr

from kiosk.config import Secrets, StationConfig
from kiosk.core.schedule import OffsetSpan, SpotPrice
from kiosk.core.tariff import LineKind, Measured, MeterPoint, amount_due
from kiosk.station.pricing import FROZEN_HOURS, SpotBoard, utc_offsets
from kiosk.station.setup import station_info
from kiosk.station.snapshot import PriceStep

H = 3_600_000


def utc_ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


def config(tariff: dict[str, Any]) -> StationConfig:
    data: dict[str, Any] = {
        "station": {"id": "price-1", "name": "Price"},
        "connectors": [{"id": 1, "name": "K1", "profile": "sim", "host": "127.0.0.1", "port": 9}],
        "tariff": tariff,
        "vipps": {"base_url": "http://127.0.0.1:9", "merchant_serial_number": "123456"},
    }
    secrets = Secrets(
        vipps_client_id=SecretStr("id"),
        vipps_client_secret=SecretStr("secret"),
        vipps_subscription_key=SecretStr("key"),
    )
    return StationConfig.model_validate(data).model_copy(update={"secrets": secrets})


DAY_NIGHT = {
    "periods": [
        {
            "name": "day",
            "days": ["mon-sun"],
            "start": "06:00",
            "end": "22:00",
            "price_ore_per_kwh": 390,
            "price_ore_per_minute": 10,
        },
        {
            "name": "night",
            "days": ["mon-sun"],
            "start": "22:00",
            "end": "06:00",
            "price_ore_per_kwh": 250,
        },
    ],
    "start_fee_ore": 500,
}


@pytest.mark.parametrize(
    ("from_utc", "expected"),
    [
        (
            "2026-03-28T12:00:00",
            [("2026-03-28T12:00:00", 60), ("2026-03-29T01:00:00", 120)],
        ),
        (
            "2026-10-24T12:00:00",
            [("2026-10-24T12:00:00", 120), ("2026-10-25T01:00:00", 60)],
        ),
        ("2026-12-03T12:00:00", [("2026-12-03T12:00:00", 60)]),
    ],
)
def test_utc_offsets_of_europe_oslo(from_utc, expected):
    start = utc_ms(from_utc)
    spans = utc_offsets("Europe/Oslo", start, start + 24 * H)
    assert spans == tuple(OffsetSpan(utc_ms(at), offset) for at, offset in expected)


def test_a_payment_freezes_48_hours_of_the_schedule():
    info = station_info(config(DAY_NIGHT))
    now = utc_ms("2026-12-03T20:30:00")  # 21:30 Oslo
    tariff = info.tariff_at(now)
    assert tariff.sliced
    assert tariff.slots[0].start_ms == now
    assert [(s.start_ms, s.price_ore_per_kwh) for s in tariff.slots[1:3]] == [
        (utc_ms("2026-12-03T21:00:00"), 250),
        (utc_ms("2026-12-04T05:00:00"), 390),
    ]
    assert tariff.slots[-1].start_ms < now + FROZEN_HOURS * H
    assert (tariff.price_ore_per_kwh, tariff.start_fee_ore) == (390, 500)


def test_the_screens_show_the_price_now_and_the_next_change():
    info = station_info(config(DAY_NIGHT))
    evening = info.tariff_display(utc_ms("2026-12-03T20:30:00"))
    assert (evening.price_ore_per_kwh, evening.price_ore_per_minute) == (390, 10)
    assert (evening.next_change_at, evening.next_change_in_days) == ("22:00", 0)
    assert (evening.next_price_ore_per_kwh, evening.next_price_ore_per_minute) == (250, None)
    assert evening.upcoming == (  # every change of the next 24 hours
        PriceStep("22:00", 0, 250),
        PriceStep("06:00", 1, 390, 10),
    )
    night = info.tariff_display(utc_ms("2026-12-03T23:30:00"))  # 00:30 local, Friday
    assert (night.price_ore_per_kwh, night.next_change_at, night.next_change_in_days) == (
        250,
        "06:00",
        0,
    )
    late = info.tariff_display(utc_ms("2026-12-03T22:30:00"))  # 23:30 local
    assert (late.next_change_at, late.next_change_in_days) == ("06:00", 1)
    summer = info.tariff_display(utc_ms("2026-06-03T19:30:00"))  # 21:30 CEST
    assert summer.next_change_at == "22:00"


def test_a_flat_tariff_shows_as_before():
    info = station_info(config({"price_ore_per_kwh": 450}))
    now = utc_ms("2026-12-03T20:30:00")
    assert info.plan is None
    assert info.tariff_display(now) == info.tariff_display()
    assert info.tariff_display(now).next_change_at is None
    assert info.tariff_at(now) is info.tariff


SPOT = {
    "periods": [
        {"name": "spot", "days": ["mon-sun"], "start": "00:00", "end": "24:00", "spot": True},
    ],
    "spot": {
        "source": "spot.json",
        "fallback_ore_per_kwh": 333,
        "factor_bp": 12500,
        "margin_ore_per_kwh": 40,
    },
}


def test_without_spot_prices_the_fallback_is_shown_and_frozen():
    board = SpotBoard()
    info = station_info(config(SPOT), spot_board=board)
    now = utc_ms("2026-12-03T10:15:00")
    shown = info.tariff_display(now)
    assert (shown.price_ore_per_kwh, shown.fallback_price, shown.next_change_at) == (
        333,
        True,
        None,
    )
    board.update(
        (
            SpotPrice(utc_ms("2026-12-03T10:00:00"), utc_ms("2026-12-03T11:00:00"), Fraction(100)),
            SpotPrice(utc_ms("2026-12-03T11:00:00"), utc_ms("2026-12-03T12:00:00"), Fraction(200)),
        )
    )
    shown = info.tariff_display(now)
    assert (shown.price_ore_per_kwh, shown.fallback_price) == (165, False)
    assert (shown.next_change_at, shown.next_price_ore_per_kwh) == ("12:00", 290)
    frozen = info.tariff_at(now)
    assert [(s.price_ore_per_kwh, s.fallback) for s in frozen.slots] == [
        (165, False),
        (290, False),
        (333, True),
    ]


@pytest.mark.parametrize(
    ("local_midnight_utc", "hours"),
    [
        ("2026-03-28T23:00:00", 23),  # Sunday 29 March in Oslo: 02:00 -> 03:00
        ("2026-10-24T22:00:00", 25),  # Sunday 25 October in Oslo: 03:00 -> 02:00
    ],
)
def test_a_dst_day_from_the_iana_rules_bills_its_real_length(local_midnight_utc, hours):
    """Frozen with zoneinfo's offsets: midnight to midnight is 23 or 25 hours, the day price
    still holds 16 of them and the night price the rest."""
    info = station_info(config(DAY_NIGHT))
    start = utc_ms(local_midnight_utc)
    tariff = info.tariff_at(start)
    points = tuple(MeterPoint(start + h * H, 1_000_000 + 3_000 * h) for h in range(hours + 1))
    due = amount_due(tariff, Measured(3_000 * hours, hours * H, 0, points))
    by_price: dict[int, int] = {}
    for line in due.lines:
        if line.kind is LineKind.ENERGY:
            by_price[line.unit_price_ore] = by_price.get(line.unit_price_ore, 0) + line.quantity
    assert by_price == {250: 3_000 * (hours - 16), 390: 3_000 * 16}
    minutes = sum(line.quantity for line in due.lines if line.kind is LineKind.TIME) // 60_000
    assert minutes == 16 * 60  # only the day has a time price
    assert due.total_ore == 500 + 3 * 250 * (hours - 16) + 3 * 390 * 16 + 16 * 60 * 10
