"""Secrets: env or an owner-only file; masked in repr/str/dumps/logs; never in error messages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.config.pin import hash_pin

CLIENT_SECRET = "cs-7f3a9d1e-very-secret"
SUBSCRIPTION_KEY = "sk-0b5e2c88-also-secret"
CLIENT_ID = "ci-5d1c-secret-id"


def _secrets_text(pin_hash: str) -> str:
    return (
        f'vipps_client_id = "{CLIENT_ID}"\n'
        f'vipps_client_secret = "{CLIENT_SECRET}"\n'
        f'vipps_subscription_key = "{SUBSCRIPTION_KEY}"\n'
        f'vipps_webhook_secret = "wh-secret-123"\n'
        f'service_pin_hash = "{pin_hash}"\n'
    )


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin("1234", n=2**10)


def _station_with_secrets(write_file: Callable[..., Path], valid_text: str) -> Path:
    return write_file(valid_text + '\n[paths]\nsecrets_file = "secrets.toml"\n')


def test_secrets_file_is_read(
    write_file: Callable[..., Path], valid_text: str, pin_hash: str
) -> None:
    write_file(_secrets_text(pin_hash), "secrets.toml", 0o600)
    config = load_config(
        _station_with_secrets(write_file, valid_text), env={}, require_secrets=True
    )
    assert config.secrets.vipps_client_secret is not None
    assert config.secrets.vipps_client_secret.get_secret_value() == CLIENT_SECRET
    assert config.secrets.missing() == []


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660, 0o620])
def test_group_or_world_access_is_refused(
    write_file: Callable[..., Path], valid_text: str, pin_hash: str, mode: int
) -> None:
    secrets = write_file(_secrets_text(pin_hash), "secrets.toml", mode)
    with pytest.raises(ConfigError) as caught:
        load_config(_station_with_secrets(write_file, valid_text), env={})
    (issue,) = caught.value.issues
    assert issue.file == secrets
    assert f"mode {mode:04o}" in issue.message
    assert "chmod 600" in issue.message


def test_environment_wins_over_the_file(
    write_file: Callable[..., Path], valid_text: str, pin_hash: str
) -> None:
    secrets = write_file(_secrets_text(pin_hash), "elsewhere.toml", 0o600)
    env = {"KIOSK_SECRETS_FILE": str(secrets), "KIOSK_VIPPS_CLIENT_SECRET": "from-env"}
    config = load_config(write_file(valid_text), env=env)
    assert config.secrets.vipps_client_secret is not None
    assert config.secrets.vipps_client_secret.get_secret_value() == "from-env"
    assert config.secrets.vipps_subscription_key is not None


def test_missing_secrets_are_listed_when_required(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    path = write_file(valid_text)
    assert load_config(path, env={}).secrets.missing()  # fine for check-config without the flag
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={"KIOSK_VIPPS_CLIENT_ID": "x"}, require_secrets=True)
    fields = {issue.field for issue in caught.value.issues}
    # no [vipps] webhook_url: no webhook secret is needed (issue 20.9)
    assert fields == {
        "vipps_client_secret",
        "vipps_subscription_key",
        "service_pin_hash",
    }
    assert all("KIOSK_" in issue.message for issue in caught.value.issues)


def test_bad_secret_values_are_never_echoed(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    leaked = "hunter2-plain-pin"
    secrets = write_file(
        f'service_pin_hash = "{leaked}"\nvipps_client_secret = 12345678\n', "secrets.toml", 0o600
    )
    with pytest.raises(ConfigError) as caught:
        load_config(_station_with_secrets(write_file, valid_text), env={})
    text = str(caught.value)
    assert leaked not in text
    assert "12345678" not in text
    assert {(i.file, i.line, i.field) for i in caught.value.issues} == {
        (secrets, 1, "service_pin_hash"),
        (secrets, 2, "vipps_client_secret"),
    }


def test_secrets_never_appear_in_repr_str_dumps_or_logs(
    write_file: Callable[..., Path],
    valid_text: str,
    pin_hash: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    write_file(_secrets_text(pin_hash), "secrets.toml", 0o600)
    caplog.set_level(logging.DEBUG)
    config = load_config(_station_with_secrets(write_file, valid_text), env={})
    logging.getLogger("kiosk.test").info("config loaded: %s / %r", config, config)
    shown = [
        repr(config),
        str(config),
        repr(config.secrets),
        config.model_dump_json(),
        str(config.model_dump()),
        caplog.text,
    ]
    for value in config.secrets.all_values():
        assert value
        for text in shown:
            assert value not in text
    assert CLIENT_SECRET in config.secrets.all_values()
