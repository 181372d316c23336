"""The optional [ocpp] section: off without it; every bad value named by file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config

GOOD = """
[ocpp]
url = "wss://csms.example.net/ocpp"
identity = "LS-OSLO-1"
heartbeat_s = 120
meter_interval_s = 30
offline_threshold_s = 600
"""
PASSWORD = "a-basic-auth-password-1234"


def test_without_the_section_the_station_is_off_the_network(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    config = load_config(write_file(valid_text), env={})
    assert config.ocpp is None


def test_a_full_section_loads(write_file: Callable[..., Path], valid_text: str) -> None:
    config = load_config(write_file(valid_text + GOOD), env={"KIOSK_OCPP_PASSWORD": PASSWORD})
    assert config.ocpp is not None
    assert (config.ocpp.url, config.ocpp.identity) == ("wss://csms.example.net/ocpp", "LS-OSLO-1")
    assert config.ocpp.security_profile == 2
    assert (config.ocpp.heartbeat_s, config.ocpp.meter_interval_s) == (120, 30)
    assert config.ocpp.offline_threshold_s == 600
    assert config.ocpp.protocol == "auto"  # offers 2.1 and 2.0.1: the CSMS picks
    assert config.secrets.ocpp_password is not None
    assert config.secrets.ocpp_password.get_secret_value() == PASSWORD


@pytest.mark.parametrize(
    ("change", "field", "line", "words"),
    [
        (("wss://csms.example.net/ocpp", "http://csms.example.net"), "ocpp.url", 3, "pattern"),
        (("LS-OSLO-1", "LS OSLO"), "ocpp.identity", 4, "pattern"),
        (("heartbeat_s = 120", "heartbeat_s = 5"), "ocpp.heartbeat_s", 5, "greater than"),
        (("meter_interval_s = 30", "meter_interval_s = 0"), "ocpp.meter_interval_s", 6, "greater"),
        (
            ("offline_threshold_s = 600", "offline_threshold_s = 600\nsecurity_profile = 1"),
            "ocpp.security_profile",
            8,
            "only for a ws:// CSMS on this machine",
        ),
        (
            ("wss://csms.example.net/ocpp", "ws://csms.example.net/ocpp"),
            "ocpp.security_profile",
            None,
            "needs a wss:// url",
        ),
        (("heartbeat_s = 120", "heartbeat = 120"), "ocpp.heartbeat", 5, "unknown setting"),
        (("heartbeat_s = 120", 'heartbeat_s = 120\nprotocol = "1.6"'), "ocpp.protocol", 6, "2.0.1"),
    ],
)
def test_bad_values_name_file_line_and_field(
    write_file: Callable[..., Path],
    valid_text: str,
    change: tuple[str, str],
    field: str,
    line: int | None,
    words: str,
) -> None:
    path = write_file(valid_text + GOOD.replace(*change))
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    (issue,) = caught.value.issues
    assert issue.field == field
    assert words in issue.message
    if line is not None:
        assert issue.line == len(valid_text.splitlines()) + line
    assert str(issue).startswith(f"{path}:")


def test_loopback_csms_may_use_profile_1(write_file: Callable[..., Path], valid_text: str) -> None:
    text = valid_text + GOOD.replace("wss://csms.example.net/ocpp", "ws://127.0.0.1:9000/ocpp")
    config = load_config(write_file(text + "security_profile = 1\n"), env={})
    assert config.ocpp is not None
    assert config.ocpp.security_profile == 1


def test_the_password_is_required_with_the_section_and_never_shown(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    path = write_file(valid_text + GOOD)
    env = {
        "KIOSK_VIPPS_CLIENT_ID": "id",
        "KIOSK_VIPPS_CLIENT_SECRET": "secret",
        "KIOSK_VIPPS_SUBSCRIPTION_KEY": "key",
        "KIOSK_VIPPS_WEBHOOK_SECRET": "hook",
        "KIOSK_SERVICE_PIN_HASH": "",
    }
    with pytest.raises(ConfigError) as caught:
        load_config(path, env=env, require_secrets=True)
    assert "ocpp_password" in [issue.field for issue in caught.value.issues]
    short = "too-short"
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={"KIOSK_OCPP_PASSWORD": short})
    (issue,) = caught.value.issues
    assert issue.field == "KIOSK_OCPP_PASSWORD"
    assert "16 to 40" in issue.message
    assert short not in str(caught.value)


def test_a_station_without_ocpp_needs_no_ocpp_password(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    from kiosk.config import Secrets

    assert "ocpp_password" not in Secrets().missing()


def test_monitoring_is_off_without_its_section_and_validated_with_it(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    assert load_config(write_file(valid_text), env={}).monitoring is None
    text = valid_text + '\n[monitoring]\nlisten_host = "0.0.0.0"\n'
    config = load_config(write_file(text), env={})
    assert config.monitoring is not None
    assert (config.monitoring.listen_host, config.monitoring.listen_port) == ("0.0.0.0", 9108)
    path = write_file(valid_text + "\n[monitoring]\nlisten_port = 70000\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    (issue,) = caught.value.issues
    assert (issue.field, issue.line) == ("monitoring.listen_port", len(valid_text.splitlines()) + 3)


def test_ca_file_is_taken_from_the_files_folder_and_must_exist(
    write_file: Callable[..., Path], valid_text: str, tmp_path: Path
) -> None:
    (tmp_path / "csms-ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    text = valid_text + GOOD + 'ca_file = "csms-ca.pem"\n'
    config = load_config(write_file(text), env={})
    assert config.ocpp is not None
    assert config.ocpp.ca_file == tmp_path / "csms-ca.pem"
    path = write_file(valid_text + GOOD + 'ca_file = "missing.pem"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    (issue,) = caught.value.issues
    assert (issue.field, issue.message) == ("ocpp.ca_file", "file not found")
    assert issue.line == len((valid_text + GOOD).splitlines()) + 1
