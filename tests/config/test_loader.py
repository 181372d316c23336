"""Loading the station file: a valid file loads; every bad one names file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.config import ConfigError, StationConfig, load_config
from kiosk.core.tariff import TariffSnapshot


def test_the_shipped_example_is_valid(example_file: Path) -> None:
    config = load_config(example_file, env={})
    assert config.station.id == "oslo-storgata-1"
    assert [c.id for c in config.connectors] == [1, 2]
    assert config.timeouts.plug_in_s == 180
    assert config.service.max_pin_attempts == 5
    assert config.service.lockout_s == 300
    assert config.database.url is None


def test_tariff_becomes_the_cores_snapshot(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    text = valid_text.replace(
        "price_ore_per_kwh = 450",
        "price_ore_per_kwh = 450\nstart_fee_ore = 500\nidle_fee_ore_per_minute = 100\n"
        "idle_grace_s = 600\ncap_ore = 90000",
    )
    config = load_config(write_file(text), env={})
    assert config.tariff.snapshot() == TariffSnapshot(
        price_ore_per_kwh=450,
        start_fee_ore=500,
        idle_fee_ore_per_minute=100,
        idle_grace_s=600,
        cap_ore=90000,
    )


def test_defaults_and_inline_meter(write_file: Callable[..., Path], valid_text: str) -> None:
    config = load_config(write_file(valid_text), env={})
    assert isinstance(config, StationConfig)
    assert config.budget.presets_ore == (20000, 35000, 50000)
    second = config.connectors[1]
    assert second.meter is not None
    assert (second.meter.profile, second.meter.port, second.meter.unit_id) == (
        "eastron-sdm630",
        5022,
        1,
    )
    assert config.connectors[0].max_current_a == 32


def test_relative_paths_are_taken_from_the_file(
    write_file: Callable[..., Path], valid_text: str, tmp_path: Path
) -> None:
    text = valid_text + '\n[paths]\ndata_dir = "data"\nlog_dir = "/var/log/x"\n'
    config = load_config(write_file(text), env={})
    assert config.paths.data_dir == tmp_path / "data"
    assert config.paths.log_dir == Path("/var/log/x")


# (what to replace, replacement, expected (line, field) pairs)
BAD = {
    "port out of range in 2nd connector": (
        "port = 5021",
        "port = 70000",
        {(19, "connectors[1].port")},
    ),
    "unknown key in a table": (
        'name = "Test station"',
        'name = "Test station"\ncolour = "blue"',
        {(4, "station.colour")},
    ),
    "missing required key": ("price_ore_per_kwh = 450", "", {(22, "tariff.price_ore_per_kwh")}),
    "negative money": (
        "price_ore_per_kwh = 450",
        "price_ore_per_kwh = -5",
        {(23, "tariff.price_ore_per_kwh")},
    ),
    "wrong type": (
        'merchant_serial_number = "123456"',
        "merchant_serial_number = 123456",
        {(26, "vipps.merchant_serial_number")},
    ),
    "default language not enabled": (
        'default_language = "nb"',
        'default_language = "de"',
        {(5, "station.default_language")},
    ),
    "inline meter table": (
        "port = 5022 }",
        'port = "x" }',
        {(20, "connectors[1].meter.port")},
    ),
    "duplicate connector id": ("id = 2", "id = 1", {(7, "connectors")}),
    "secret in the station file": (
        'merchant_serial_number = "123456"',
        'merchant_serial_number = "123456"\nclient_secret = "s3cr3t-value"',
        {(27, "vipps.client_secret")},
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_name_line_and_field(
    case: str, write_file: Callable[..., Path], valid_text: str
) -> None:
    old, new, expected = BAD[case]
    assert old in valid_text
    path = write_file(valid_text.replace(old, new, 1))
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    got = {(issue.line, issue.field) for issue in caught.value.issues}
    assert got == expected
    for issue in caught.value.issues:
        assert issue.file == path
        assert str(issue).startswith(f"{path}:{issue.line}: {issue.field}: ")
    assert "s3cr3t-value" not in str(caught.value)


def test_several_problems_are_all_reported(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    text = valid_text.replace("port = 5020", "port = 0").replace(
        'languages = ["nb", "en"]', 'languages = ["nb", "xx"]'
    )
    with pytest.raises(ConfigError) as caught:
        load_config(write_file(text), env={})
    assert {(i.line, i.field) for i in caught.value.issues} == {
        (4, "station.languages[1]"),
        (12, "connectors[0].port"),
    }


def test_missing_table_is_named(write_file: Callable[..., Path], valid_text: str) -> None:
    text = valid_text[: valid_text.index("[vipps]")]
    with pytest.raises(ConfigError) as caught:
        load_config(write_file(text), env={})
    (issue,) = caught.value.issues
    assert (issue.line, issue.field, issue.message) == (
        None,
        "vipps",
        "required setting is missing",
    )


def test_toml_syntax_error_has_its_line(write_file: Callable[..., Path], valid_text: str) -> None:
    text = valid_text.replace('name = "Venstre"', 'name = "Venstre')
    path = write_file(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    (issue,) = caught.value.issues
    assert issue.line == 9
    assert str(issue).startswith(f"{path}:9: TOML syntax:")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml", env={})
