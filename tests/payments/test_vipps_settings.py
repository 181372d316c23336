"""Settings: secrets never print, env variables, validation of the URL template and limits."""

from __future__ import annotations

import pydantic
import pytest
from vipps_fakes import make_settings

from kiosk.payments.settings import (
    PRODUCTION_BASE_URL,
    TEST_BASE_URL,
    MissingSettingError,
    QrFormat,
    VippsSettings,
)

ENV = {
    "VIPPS_CLIENT_ID": "the-client-id",
    "VIPPS_CLIENT_SECRET": "the-client-secret",
    "VIPPS_SUBSCRIPTION_KEY": "the-subscription-key",
    "VIPPS_MSN": "654321",
}


def test_secrets_never_appear_in_repr_or_dump() -> None:
    settings = VippsSettings.from_env(ENV)
    text = repr(settings) + str(settings) + settings.model_dump_json()
    for secret in ("the-client-id", "the-client-secret", "the-subscription-key"):
        assert secret not in text
    assert settings.client_secret.get_secret_value() == "the-client-secret"


def test_from_env_defaults_to_the_test_environment() -> None:
    settings = VippsSettings.from_env(ENV)
    assert settings.base_url == TEST_BASE_URL
    assert settings.merchant_serial_number == "654321"
    assert settings.qr_format is QrFormat.TEXT_TARGET_URL
    prod = VippsSettings.from_env({**ENV, "VIPPS_BASE_URL": PRODUCTION_BASE_URL + "/"})
    assert prod.base_url == PRODUCTION_BASE_URL


def test_from_env_names_the_missing_variable() -> None:
    env = dict(ENV)
    del env["VIPPS_MSN"]
    with pytest.raises(MissingSettingError, match="VIPPS_MSN"):
        VippsSettings.from_env(env)


@pytest.mark.parametrize(
    "overrides",
    [
        {"merchant_serial_number": "12"},
        {"receipt_url_template": "https://example.no/s/"},
        {"receipt_url_template": "http://example.no/s/{session_id}"},
        {"poll_interval_present_s": 0.2},  # would break 120 GET per minute
        {"system_name": "x" * 31},
        {"qr_size_px": 50},
        {"unknown_field": 1},
    ],
)
def test_invalid_settings_are_refused(overrides: dict[str, object]) -> None:
    with pytest.raises(pydantic.ValidationError):
        make_settings(**overrides)


def test_receipt_url_from_template() -> None:
    settings = make_settings(receipt_url_template="https://example.no/s/{session_id}?l=nb")
    assert settings.receipt_url("abc") == "https://example.no/s/abc?l=nb"
    assert make_settings().receipt_url("abc") is None
