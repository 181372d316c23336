"""The power the budget screen's "≈ kWh" assumes: 3 × 230 V × the connectors' maximum current
(the lowest, so the estimate never promises more than the slowest connector gives), at most
11 kW (what most cars take on AC), 11 kW where nothing is known."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from kiosk.app import assemble_station
from kiosk.config import ConnectorSettings, Secrets, StationConfig
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import load_named_profile
from kiosk.station.setup import StationInfo, assumed_power_w, station_info
from kiosk.station.snapshot import ESTIMATE_POWER_W


def _config(*max_currents_a: int, db_path: Path | None = None) -> StationConfig:
    data: dict[str, Any] = {
        "station": {"id": "power-1", "name": "Power"},
        "connectors": [
            {
                "id": n,
                "name": f"Kontakt {n}",
                "profile": "sim",
                "host": "127.0.0.1",
                "port": 9,
                "max_current_a": amps,
            }
            for n, amps in enumerate(max_currents_a, start=1)
        ],
        "tariff": {"price_ore_per_kwh": 450, "price_ore_per_minute": 10},
        "vipps": {"base_url": "http://127.0.0.1:9", "merchant_serial_number": "123456"},
    }
    if db_path is not None:
        data["database"] = {"url": f"sqlite:///{db_path}"}
    secrets = Secrets(
        vipps_client_id=SecretStr("id"),
        vipps_client_secret=SecretStr("secret"),
        vipps_subscription_key=SecretStr("key"),
    )
    return StationConfig.model_validate(data).model_copy(update={"secrets": secrets})


@pytest.mark.parametrize(
    ("max_currents_a", "power_w"),
    [
        ((16,), 11_000),  # 3 × 230 V × 16 A = 11 040 W: a typical car's 11 kW
        ((10,), 6_900),  # 3 × 230 V × 10 A
        ((6,), 4_140),
        ((32,), 11_000),  # a 22 kW connector: most cars still take 11 kW
        ((80,), 11_000),
        ((32, 13), 8_970),  # the slower connector
    ],
)
def test_the_tariff_display_assumes_the_connectors_power(
    max_currents_a: tuple[int, ...], power_w: int
) -> None:
    info = station_info(_config(*max_currents_a))
    assert info.estimate_power_w == power_w
    display = info.tariff_display()
    assert display.estimate_power_w == power_w
    assert display.estimate_needs_power


def test_unknown_currents_fall_back_to_11_kw() -> None:
    assert ESTIMATE_POWER_W == 11_000
    assert assumed_power_w([]) == ESTIMATE_POWER_W
    assert assumed_power_w([0.0]) == ESTIMATE_POWER_W
    info = StationInfo("s", "S", station_info(_config(16)).tariff, station_info(_config(16)).budget)
    assert info.tariff_display().estimate_power_w == ESTIMATE_POWER_W


def test_given_currents_replace_the_configured_ones() -> None:
    info = station_info(_config(32, 32), max_current_a={1: 32.0, 2: 13.0})
    assert info.estimate_power_w == 8_970  # 3 × 230 V × 13 A


async def test_the_assembled_station_takes_the_profiles_lower_limit(tmp_path: Path) -> None:
    profile = load_named_profile("sim")
    assert profile.control is not None
    slow = profile.model_copy(
        update={"control": profile.control.model_copy(update={"max_current_a": 10.0})}
    )

    def pollers(connector: ConnectorSettings) -> DevicePoller:
        return DevicePoller.for_connector(slow, connector.host, port=connector.port)

    config = _config(32, db_path=tmp_path / "station.sqlite3")
    parts = await assemble_station(config, poller_factory=pollers)
    try:
        assert parts.station.info.estimate_power_w == 6_900  # the charger caps 10 A
    finally:
        await parts.aclose()
    default = await assemble_station(_config(32, db_path=tmp_path / "default.sqlite3"))
    try:
        assert default.station.info.estimate_power_w == 11_000
    finally:
        await default.aclose()
