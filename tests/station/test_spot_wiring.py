"""The assembled station reads ``[tariff.spot]``: a feed served on loopback, or a file beside
the configuration, reaches the prices the screens show and the schedule a payment freezes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.app import assemble_station
from kiosk.config import Secrets, load_config
from kiosk.web.server import RunningServer, start_server

NOW = int(datetime(2026, 12, 3, 10, 20, tzinfo=UTC).timestamp() * 1000)  # 11:20 Oslo

FEED_CSV = """start,end,price,currency
2026-12-03T11:00:00+01:00,2026-12-03T12:00:00+01:00,1.00,NOK
2026-12-03T12:00:00+01:00,2026-12-03T13:00:00+01:00,2.00,NOK
"""

STATION = """\
[station]
id = "spot-1"
name = "Spot"

[[connectors]]
id = 1
name = "K1"
profile = "sim"
host = "127.0.0.1"
port = 9

[tariff]
time_zone = "Europe/Oslo"

[[tariff.periods]]
name = "spot"
days = ["mon-sun"]
start = "00:00"
end = "24:00"
spot = true

[tariff.spot]
source = "{source}"
fallback_ore_per_kwh = 333
factor_bp = 12500
margin_ore_per_kwh = 40

[vipps]
base_url = "http://127.0.0.1:9"
merchant_serial_number = "123456"

[database]
url = "sqlite:///{db}"
"""


class StillClock:
    def now_ms(self) -> int:
        return NOW


async def _feed(_request: Request) -> Response:
    return Response(FEED_CSV, media_type="text/csv")


@pytest.fixture
async def server() -> AsyncIterator[RunningServer]:
    running = await start_server(Starlette(routes=[Route("/spot.csv", _feed)]), "127.0.0.1", 0)
    try:
        yield running
    finally:
        await running.stop()


@pytest.mark.parametrize("where", ["url", "file"])
async def test_the_assembled_station_shows_the_spot_price(
    tmp_path: Path, server: RunningServer, where: str
) -> None:
    (tmp_path / "spot.csv").write_text(FEED_CSV, encoding="utf-8")
    source = f"{server.base_url}/spot.csv" if where == "url" else "spot.csv"
    path = tmp_path / "station.toml"
    path.write_text(STATION.format(source=source, db=tmp_path / "kiosk.sqlite3"), "utf-8")
    secrets = Secrets(
        vipps_client_id=SecretStr("id"),
        vipps_client_secret=SecretStr("secret"),
        vipps_subscription_key=SecretStr("key"),
    )
    config = load_config(path, env={}).model_copy(update={"secrets": secrets})
    parts = await assemble_station(config, clock=StillClock())
    try:
        assert parts.spot is not None
        assert await parts.spot.refresh() == ""
        shown = parts.station.info.tariff_display(NOW)
        # 100 øre × 1.25 + 40 = 165; from 12:00: 200 × 1.25 + 40 = 290; then the fallback
        assert (shown.price_ore_per_kwh, shown.next_change_at) == (165, "12:00")
        assert [s.price_ore_per_kwh for s in parts.station.info.tariff_at(NOW).slots] == [
            165,
            290,
            333,
        ]
    finally:
        await parts.aclose()
