"""The spot price feed (docs/spot-price-feed.md): JSON and CSV read into øre per kWh, every bad
feed refused with a clear message, and a feed served on loopback over HTTP (and from a file)
into the board whose fallback the screens then show."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.adapters.spot_feed import FeedError, SpotFeed, parse_feed
from kiosk.config import Secrets, StationConfig
from kiosk.core.schedule import SpotPrice
from kiosk.station.pricing import SpotBoard
from kiosk.station.setup import station_info
from kiosk.web.server import RunningServer, start_server

H = 3_600_000


def utc_ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


NOW = utc_ms("2026-12-03T10:20:00")

GOOD_JSON = """{
  "currency": "NOK",
  "unit": "kWh",
  "published": "2026-12-02T13:05:00+01:00",
  "prices": [
    {"start": "2026-12-03T11:00:00+01:00", "end": "2026-12-03T12:00:00+01:00", "price": 0.8412},
    {"start": "2026-12-03T12:00:00+01:00", "end": "2026-12-03T13:00:00+01:00", "price": "-0.05"}
  ]
}"""

GOOD_CSV = """start,end,price,currency,unit
2026-12-03T10:00:00Z,2026-12-03T11:00:00Z,841.2,NOK,MWh
2026-12-03T11:00:00Z,2026-12-03T12:00:00Z,790.3,NOK,MWh
"""


def test_json_feed_in_ore_per_kwh():
    read = parse_feed(GOOD_JSON, currency="NOK", now_ms=NOW, max_age_h=36)
    assert read.prices == (
        SpotPrice(utc_ms("2026-12-03T10:00:00"), utc_ms("2026-12-03T11:00:00"), Fraction("84.12")),
        SpotPrice(utc_ms("2026-12-03T11:00:00"), utc_ms("2026-12-03T12:00:00"), Fraction(-5)),
    )
    assert read.gaps == ""


def test_csv_feed_per_mwh():
    read = parse_feed(GOOD_CSV, currency="NOK", now_ms=NOW, max_age_h=36)
    assert [p.ore_per_kwh for p in read.prices] == [Fraction("84.12"), Fraction("79.03")]
    assert read.prices[0].start_ms == utc_ms("2026-12-03T10:00:00")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the feed is empty"),
        ("{not json", "not valid JSON"),
        ('{"currency": "NOK"}', 'expected an object with a "prices" list'),
        ('{"prices": []}', '"currency" is missing'),
        (GOOD_JSON.replace('"NOK"', '"EUR"'), "prices in 'EUR', the tariff is in NOK"),
        (GOOD_JSON.replace('"kWh"', '"Wh"'), "unit must be kWh or MWh"),
        (GOOD_JSON.replace("0.8412", '"n/a"'), "price #1: not a number: 'n/a'"),
        (GOOD_JSON.replace("0.8412", "true"), "price #1: expected a price"),
        (
            GOOD_JSON.replace('12:00:00+01:00", "price": 0.8', '12:00:00", "price": 0.8'),
            "has no UTC offset",
        ),
        (
            GOOD_JSON.replace('T12:00:00+01:00", "price": 0.8', 'T10:00:00+01:00", "price": 0.8'),
            "the end is not after the start",
        ),
        (
            GOOD_JSON.replace('T12:00:00+01:00", "end"', 'T11:30:00+01:00", "end"'),
            "two prices cover the same time",
        ),
        (GOOD_JSON.replace("2026-12-02T13:05", "2026-12-01T13:05"), "stale: published 46 h ago"),
        ('{"currency": "NOK", "prices": []}', "the feed has no prices"),
        ("start,price\n1,2\n", "the header must name start,end,price,currency"),
        (GOOD_CSV.replace(",NOK,", ",SEK,", 1), "CSV line 2: prices in 'SEK'"),
        (GOOD_CSV.replace("841.2", "eight"), "CSV line 2: not a number"),
        (GOOD_CSV.replace("790.3", "nan"), "CSV line 3: not a number"),
    ],
)
def test_bad_feeds_are_refused_with_a_clear_message(text, message):
    with pytest.raises(FeedError) as caught:
        parse_feed(text, currency="NOK", now_ms=NOW, max_age_h=36)
    assert message in str(caught.value)


def test_gaps_and_a_feed_without_a_price_for_now():
    holey = GOOD_CSV + "2026-12-03T14:00:00Z,2026-12-03T15:00:00Z,500,NOK,MWh\n"
    read = parse_feed(holey, currency="NOK", now_ms=NOW, max_age_h=36)
    assert read.gaps == "gap: no spot price 2026-12-03 12:00 UTC to 2026-12-03 14:00 UTC"
    later = parse_feed(GOOD_CSV, currency="NOK", now_ms=NOW + 3 * H, max_age_h=36)
    assert later.gaps == "stale: no spot price for now (the newest ends 2026-12-03 12:00 UTC)"


# --- over loopback HTTP and from a file --------------------------------------------------------


class Served:
    def __init__(self) -> None:
        self.body = GOOD_JSON
        self.status = 200
        self.media_type = "application/json"

    async def feed(self, _request: Request) -> Response:
        return Response(self.body, status_code=self.status, media_type=self.media_type)


@pytest.fixture
async def served() -> AsyncIterator[tuple[Served, RunningServer]]:
    state = Served()
    server = await start_server(Starlette(routes=[Route("/spot", state.feed)]), "127.0.0.1", 0)
    try:
        yield state, server
    finally:
        await server.stop()


def config(source: str) -> StationConfig:
    data: dict[str, Any] = {
        "station": {"id": "spot-1", "name": "Spot"},
        "connectors": [{"id": 1, "name": "K1", "profile": "sim", "host": "127.0.0.1", "port": 9}],
        "tariff": {
            "periods": [
                {
                    "name": "spot",
                    "days": ["mon-sun"],
                    "start": "00:00",
                    "end": "24:00",
                    "spot": True,
                },
            ],
            "spot": {
                "source": source,
                "fallback_ore_per_kwh": 333,
                "factor_bp": 12500,
                "margin_ore_per_kwh": 40,
            },
        },
        "vipps": {"base_url": "http://127.0.0.1:9", "merchant_serial_number": "123456"},
    }
    secrets = Secrets(
        vipps_client_id=SecretStr("id"),
        vipps_client_secret=SecretStr("secret"),
        vipps_subscription_key=SecretStr("key"),
    )
    return StationConfig.model_validate(data).model_copy(update={"secrets": secrets})


async def test_a_feed_over_http_then_broken_then_down(served, caplog):
    state, server = served
    board = SpotBoard()
    url = f"{server.base_url}/spot"
    info = station_info(config(url), spot_board=board)
    async with httpx.AsyncClient() as http:
        feed = SpotFeed(
            url, board, currency="NOK", max_age_h=36, refresh_s=900, now_ms=lambda: NOW, http=http
        )
        assert await feed.refresh() == ""
        shown = info.tariff_display(NOW)
        # 84.12 × 1.25 + 40 = 145.15 -> 145 øre/kWh
        assert (shown.price_ore_per_kwh, shown.fallback_price) == (145, False)
        # -5 × 1.25 + 40 = 33.75 -> 34 from 12:00 local
        assert (shown.next_change_at, shown.next_price_ore_per_kwh) == ("12:00", 34)

        state.body = GOOD_JSON.replace("0.8412", '"n/a"')  # garbage: keep what was read
        with caplog.at_level(logging.WARNING, logger="kiosk.adapters.spot_feed"):
            problem = await feed.refresh()
            await feed.refresh()
        assert problem == "price #1: not a number: 'n/a'"
        assert board.problem == problem
        assert [r.getMessage() for r in caplog.records].count(
            f"spot price feed {url}: {problem}; hours without a good price get the fallback price"
        ) == 1  # once per new problem
        assert info.tariff_display(NOW).price_ore_per_kwh == 145

        state.status = 503
        assert await feed.refresh() == f"{url} answered HTTP 503"

        state.status, state.body = 200, GOOD_JSON.replace("2026-12-02T13:05", "2026-11-30T13:05")
        assert (await feed.refresh()).startswith("stale: published")
        shown = info.tariff_display(NOW)  # stale prices are dropped: the fallback is shown
        assert (shown.price_ore_per_kwh, shown.fallback_price) == (333, True)
        frozen = info.tariff_at(NOW)
        assert {(s.price_ore_per_kwh, s.fallback) for s in frozen.slots} == {(333, True)}

        state.body = GOOD_JSON  # good again
        assert await feed.refresh() == ""
        assert board.problem == ""


async def test_a_feed_read_from_a_file(tmp_path: Path):
    (tmp_path / "spot.csv").write_text(GOOD_CSV, encoding="utf-8")
    board = SpotBoard()
    feed = SpotFeed(
        "spot.csv",
        board,
        currency="NOK",
        max_age_h=36,
        refresh_s=900,
        now_ms=lambda: NOW,
        base_dir=tmp_path,
    )
    assert await feed.refresh() == ""
    assert len(board.prices) == 2
    (tmp_path / "spot.csv").unlink()
    problem = await feed.refresh()
    assert problem.startswith("cannot read ")
    assert "spot.csv" in problem
    assert len(board.prices) == 2  # read before: kept


async def test_an_unreachable_url(caplog):
    board = SpotBoard()
    async with httpx.AsyncClient() as http:
        feed = SpotFeed(
            "http://127.0.0.1:9/spot",
            board,
            currency="NOK",
            max_age_h=36,
            refresh_s=900,
            now_ms=lambda: NOW,
            http=http,
        )
        problem = await feed.refresh()
    assert problem == "cannot fetch http://127.0.0.1:9/spot: ConnectError"
    assert board.prices == ()


async def test_a_key_in_the_feed_url_is_never_logged_nor_shown(served, caplog):
    state, server = served
    state.status = 500
    board = SpotBoard()
    url = f"{server.base_url.replace('http://', 'http://user:pw@')}/spot?token=s3cret-key"
    async with httpx.AsyncClient() as http:
        feed = SpotFeed(
            url, board, currency="NOK", max_age_h=36, refresh_s=900, now_ms=lambda: NOW, http=http
        )
        with caplog.at_level(logging.INFO):
            problem = await feed.refresh()
        await feed.aclose()
    assert f"HTTP Request: GET {server.base_url}/spot" in caplog.text  # httpx's own line
    assert problem == f"{server.base_url}/spot answered HTTP 500"
    assert "s3cret" not in caplog.text
    assert "pw@" not in caplog.text
    assert "s3cret" not in board.problem
