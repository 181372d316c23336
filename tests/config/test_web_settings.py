"""``[web]``: the phone pages' public address, listen address and terms files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.app import StationConfigError, phone_settings, read_terms
from kiosk.config import ConfigError, load_config

MINIMAL = """\
[station]
id = "test-1"
name = "Test station"

[[connectors]]
id = 1
name = "Venstre"
profile = "sim"
host = "127.0.0.1"

[tariff]
price_ore_per_kwh = 450

[vipps]
merchant_serial_number = "123456"
"""


@pytest.mark.parametrize(
    ("section", "problem"),
    [
        ('public_base_url = "http://lade.example.no"', "https://"),
        ('public_base_url = "https://lade.example.no/?x=1"', "no query"),
        ('public_base_url = "https://lade.example.no"\nlisten_port = 0', "fixed listen_port"),
        ('listen_host = "0.0.0.0 ; rm"', "listen_host"),
        ("bogus = 1", "bogus"),
    ],
)
def test_bad_web_settings_are_refused_with_a_clear_error(
    write_file: Callable[..., Path], section: str, problem: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write_file(MINIMAL + "\n[web]\n" + section + "\n"))
    assert problem in str(caught.value)


def test_http_is_allowed_on_loopback_and_terms_come_from_the_config_folder(
    write_file: Callable[..., Path], tmp_path: Path
) -> None:
    (tmp_path / "vilkar.txt").write_text("Vilkår.\n\nAndre avsnitt.", encoding="utf-8")
    path = write_file(
        MINIMAL
        + '\n[web]\npublic_base_url = "http://127.0.0.1:8788/"\n'
        + 'terms = { nb = "vilkar.txt" }\n'
        + f'\n[paths]\ndata_dir = "{tmp_path / "data"}"\n'
    )
    config = load_config(path)
    assert config.web is not None
    assert config.web.base_url() == "http://127.0.0.1:8788"
    assert read_terms(config) == {"nb": "Vilkår.\n\nAndre avsnitt."}
    settings = phone_settings(config)
    assert settings is not None
    assert len(settings.key) == 32
    assert (tmp_path / "data" / "web.key").stat().st_mode & 0o777 == 0o600
    again = phone_settings(config)
    assert again is not None
    assert again.key == settings.key  # the same key after a restart


def test_a_missing_terms_file_or_an_open_listen_address_stops_the_start(
    write_file: Callable[..., Path], tmp_path: Path
) -> None:
    missing = load_config(
        write_file(MINIMAL + '\n[web]\nterms = { en = "nope.txt" }\n', name="a.toml")
    )
    with pytest.raises(StationConfigError, match=r"nope\.txt"):
        read_terms(missing)
    open_host = load_config(
        write_file(MINIMAL + '\n[web]\nlisten_host = "0.0.0.0"\n', name="b.toml")
    )
    with pytest.raises(StationConfigError, match="public_base_url"):
        phone_settings(open_host)
