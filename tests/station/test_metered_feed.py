"""The charger + external meter combination, and how the composition root builds the meter."""

from __future__ import annotations

import pytest

from kiosk.adapters.metered_feed import metered_snapshot
from kiosk.app import StationConfigError, default_meter_poller, default_poller
from kiosk.config import ConnectorSettings, MeterSettings
from kiosk.hardware.profile import Transport
from kiosk.hardware.reading import DeviceReading, unavailable_reading

CHARGER = DeviceReading(
    device="charger",
    connector_id=1,
    timestamp_s=100.0,
    online=True,
    state="C",
    state_detail="C2",
    energy_wh=777,  # a charger with a counter of its own: never billed when a meter is set
    power_w=7_000,
    currents_a=(10.0, 10.0, 10.0),
    current_limit_a=16.0,
    setpoint_a=16.0,
    enabled=True,
)
METER = DeviceReading(
    device="meter",
    connector_id=1,
    timestamp_s=100.5,
    online=True,
    energy_wh=5_000_123,
    energy_epoch=2,
    energy_note="counter reset",
    power_w=6_900,
    currents_a=(9.9, 10.1, 10.0),
    voltages_v=(230.0, 231.0, 229.0),
)


def test_state_and_control_from_the_charger_energy_and_power_from_the_meter() -> None:
    combined = metered_snapshot(CHARGER, METER)
    assert combined.online
    assert (combined.state, combined.state_detail, combined.enabled) == ("C", "C2", True)
    assert (combined.current_limit_a, combined.setpoint_a) == (16.0, 16.0)
    assert combined.energy_wh == 5_000_123
    assert (combined.energy_epoch, combined.energy_note) == (2, "counter reset")
    assert combined.power_w == 6_900
    assert combined.currents_a == (9.9, 10.1, 10.0)
    assert combined.voltages_v == (230.0, 231.0, 229.0)
    assert combined.timestamp_s == 100.5


def test_a_failed_meter_value_stays_unknown_never_the_chargers() -> None:
    meter = DeviceReading("meter", 1, 101.0, True, energy_wh=None, power_w=None)
    combined = metered_snapshot(CHARGER, meter)
    assert combined.online
    assert combined.energy_wh is None
    assert combined.power_w is None


def test_a_silent_meter_makes_the_connector_unavailable() -> None:
    meter = unavailable_reading("meter", 1, 102.0, "timeout", epoch=1)
    combined = metered_snapshot(CHARGER, meter)
    assert not combined.online
    assert combined.energy_wh is None
    assert combined.error is not None
    assert "billing meter" in combined.error
    assert "timeout" in combined.error


def test_a_silent_charger_stays_unavailable_whatever_the_meter_says() -> None:
    charger = unavailable_reading("charger", 1, 103.0, "refused")
    combined = metered_snapshot(charger, METER)
    assert combined == charger


def connector(**changes: object) -> ConnectorSettings:
    data: dict[str, object] = {
        "id": 1,
        "name": "Venstre",
        "profile": "abb-terra-ac",
        "host": "192.0.2.10",
    }
    data.update(changes)
    return ConnectorSettings.model_validate(data)


def test_a_charger_without_a_counter_needs_a_meter() -> None:
    with pytest.raises(StationConfigError, match="no lifetime energy counter"):
        default_poller(connector())
    meter = MeterSettings(profile="eastron-sdm630")
    assert default_poller(connector(meter=meter)).profile.name == "abb-terra-ac"


def test_the_meter_is_read_over_tcp_at_its_host_or_the_chargers() -> None:
    beside = default_meter_poller(
        connector(meter=MeterSettings(profile="eastron-sdm630", port=5020, unit_id=7))
    )
    assert beside.profile.name == "eastron-sdm630"
    assert (beside.endpoint.host, beside.endpoint.port) == ("192.0.2.10", 5020)
    assert beside.endpoint.unit_id == 7
    assert beside.endpoint.transport is Transport.TCP
    gateway = default_meter_poller(
        connector(meter=MeterSettings(profile="eastron-sdm630", host="192.0.2.20"))
    )
    assert (gateway.endpoint.host, gateway.endpoint.transport) == ("192.0.2.20", Transport.TCP)
    serial = default_meter_poller(
        connector(meter=MeterSettings(profile="eastron-sdm630", host="/dev/ttyUSB0"))
    )
    assert serial.endpoint.transport is Transport.RTU


def test_a_charger_profile_is_not_a_meter() -> None:
    with pytest.raises(StationConfigError, match="not an energy meter"):
        default_meter_poller(connector(meter=MeterSettings(profile="sim")))
