"""The contract's own rules and the fake station that stands in for the controller."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from kiosk.sandbox.preview.fake_station import PAY_URL, SCENES, FakeStation, base_station, scene
from kiosk.station.snapshot import BudgetLimits, Screen, StationSnapshot, TariffDisplay


def test_contract_module_imports_no_qt() -> None:
    source = Path(__file__).resolve().parents[2] / "kiosk" / "station" / "snapshot.py"
    tree = ast.parse(source.read_text())
    modules = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {m for m in modules if m and m.split(".")[0] in {"PySide6", "shiboken6"}}


def test_energy_estimate_takes_the_start_fee_first() -> None:
    tariff = TariffDisplay(price_ore_per_kwh=450, start_fee_ore=500)
    assert tariff.energy_wh_for(35000) == 76_667  # 345.005 NOK (half an øre rounds away) / 4.50
    assert tariff.energy_wh_for(400) == 0
    assert not tariff.estimate_needs_power
    assert TariffDisplay(price_ore_per_kwh=0).energy_wh_for(10000) is None  # free: no limit


def test_energy_estimate_pays_the_time_price_at_the_stated_power() -> None:
    # 0.10 NOK/min: at 11 kW each kWh takes 5.45 min, so it costs 4.50 + 0.55 NOK
    tariff = TariffDisplay(price_ore_per_kwh=450, start_fee_ore=500, price_ore_per_minute=10)
    assert tariff.estimate_needs_power
    assert tariff.estimate_power_w == 11_000
    assert tariff.energy_wh_for(35000) == 68_379  # not 76 667: the minutes cost too
    slower = dataclasses.replace(tariff, estimate_power_w=3_700)
    assert slower.energy_wh_for(35000) == 56_358


def test_budget_limits_accept_only_in_range_and_on_step() -> None:
    limits = BudgetLimits(presets_ore=(), custom_min_ore=5000, custom_max_ore=100000)
    assert limits.accepts(5000)
    assert limits.accepts(100000)
    assert not limits.accepts(4900)
    assert not limits.accepts(100100)
    assert not limits.accepts(5050)


def test_every_scene_builds_and_focuses_consistently() -> None:
    for name in SCENES:
        snapshot = scene(name, connector_count=4)
        assert isinstance(snapshot, StationSnapshot)
        if snapshot.focused_connector_id is not None:
            assert snapshot.connector(snapshot.focused_connector_id) is not None


def test_fake_station_records_commands_and_publishes() -> None:
    fake = FakeStation(base_station(2))
    seen: list[StationSnapshot] = []
    unsubscribe = fake.subscribe(seen.append)
    assert len(seen) == 1  # the current snapshot at once
    fake.select_connector(2)
    fake.choose_budget(2, 35000)
    connector = fake.snapshot.connector(2)
    assert connector is not None
    assert connector.screen is Screen.PAY
    assert connector.qr_text == PAY_URL
    fake.cancel(2)
    unsubscribe()
    fake.set_language("en")
    assert fake.calls == [
        ("select_connector", 2),
        ("choose_budget", 2, 35000, None),
        ("cancel", 2),
        ("set_language", "en"),
    ]
    assert seen[-1].focused_connector_id is None
    assert seen[-1].language == "nb"  # unsubscribed before the language changed
