"""``kiosk.app``: ``build_station`` and ``assemble_station`` take the same ``StationOptions``;
each one reaches the wiring, and an unknown one is refused (not silently ignored)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from kiosk.app import StationOptions, assemble_station, build_station, default_poller
from kiosk.config import ConnectorSettings, Secrets, StationConfig
from kiosk.hardware.poller import DevicePoller


class StillClock:
    def now_ms(self) -> int:
        return 1_800_000_000_000


def config(db_path: Path) -> StationConfig:
    data = {
        "station": {"id": "options-1", "name": "Options"},
        "connectors": [
            {"id": 1, "name": "Kontakt 1", "profile": "sim", "host": "127.0.0.1", "port": 9}
        ],
        "tariff": {"price_ore_per_kwh": 450},
        "vipps": {"base_url": "http://127.0.0.1:9", "merchant_serial_number": "123456"},
        "database": {"url": f"sqlite:///{db_path}"},
    }
    secrets = Secrets(
        vipps_client_id=SecretStr("id"),
        vipps_client_secret=SecretStr("secret"),
        vipps_subscription_key=SecretStr("key"),
    )
    return StationConfig.model_validate(data).model_copy(update={"secrets": secrets})


async def test_build_station_forwards_every_option(tmp_path: Path) -> None:
    made: list[int] = []

    def pollers(connector: ConnectorSettings) -> DevicePoller:
        made.append(connector.id)
        return default_poller(connector)

    clock = StillClock()
    async with httpx.AsyncClient() as http:
        options: StationOptions = {
            "http_client": http,
            "clock": clock,
            "policy_overrides": {"plug_in_timeout_ms": 1_234},
            "vipps_overrides": {"request_timeout_s": 1.5},
            "poller_factory": pollers,
            "database_url": f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}",
            "probe_interval_s": 0.5,
        }
        station = await build_station(config(tmp_path / "configured.sqlite3"), **options)
        await station.aclose()
        assert not http.is_closed  # given, so not the station's to close
    assert station.clock is clock
    assert station.session(1).policy.plug_in_timeout_ms == 1_234
    assert made == [1]
    assert (tmp_path / "elsewhere.sqlite3").exists()
    assert not (tmp_path / "configured.sqlite3").exists()


async def test_assemble_station_takes_the_same_options(tmp_path: Path) -> None:
    parts = await assemble_station(
        config(tmp_path / "station.sqlite3"), vipps_overrides={"request_timeout_s": 1.5}
    )
    try:
        assert parts.vipps.settings.request_timeout_s == 1.5
        assert set(parts.pollers) == {1}
    finally:
        await parts.aclose()


@pytest.mark.parametrize("build", [build_station, assemble_station])
async def test_an_unknown_option_is_refused(
    tmp_path: Path, build: Callable[..., Awaitable[object]]
) -> None:
    with pytest.raises(TypeError, match="polcy_overrides"):
        await build(config(tmp_path / "station.sqlite3"), polcy_overrides={})
    assert not (tmp_path / "station.sqlite3").exists()  # refused before anything was opened
