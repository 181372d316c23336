"""Settings of the Vipps MobilePay client: where to call, who we are, how the kiosk pays.

Secrets are ``SecretStr`` so that printing, logging or ``repr`` of the settings shows
``**********`` instead of a key. ``VippsSettings.from_env`` reads the ``VIPPS_*`` variables for
the command line until the station config takes over.

Exceptions: a wrong value raises ``pydantic.ValidationError`` (naming the field);
``from_env`` raises ``MissingSettingError`` (a ``KeyError``) naming the missing variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from kiosk import __version__

TEST_BASE_URL = "https://apitest.vipps.no"
PRODUCTION_BASE_URL = "https://api.vipps.no"

DEFAULT_PAYMENT_DESCRIPTION = (
    "Midlertidig reservasjon av maksbeløp. Du betaler bare for strømmen du lader."
)


def receipt_url(template: str | None, session_id: str) -> str | None:
    """The receipt's category link for a session: ``template`` with ``{session_id}`` filled in.

    The one formatting of that link: the Vipps client sends it with the receipt, and the
    station shows it on the done screen (``kiosk.station.connector_display``)."""
    if template is None:
        return None
    return template.replace("{session_id}", session_id)


class MissingSettingError(KeyError):
    """A required environment variable is not set."""


class QrFormat(StrEnum):
    """What ``userFlow: QR`` returns in ``redirectUrl``."""

    TEXT_TARGET_URL = "TEXT/TARGETURL"  # the QR content; we render the QR ourselves
    IMAGE_SVG = "IMAGE/SVG+XML"  # a link to an image served by Vipps
    IMAGE_PNG = "IMAGE/PNG"


class Currency(StrEnum):
    NOK = "NOK"
    DKK = "DKK"
    EUR = "EUR"


class VippsSettings(BaseModel):
    """Everything the client needs; one instance per sales unit (MSN)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str = Field(TEST_BASE_URL, pattern=r"^https?://[^/]+$")
    client_id: SecretStr
    client_secret: SecretStr
    subscription_key: SecretStr
    merchant_serial_number: str = Field(pattern=r"^[0-9]{4,6}$")

    system_name: str = Field("ladeskjerm", min_length=1, max_length=30)
    system_version: str = Field(__version__, min_length=1, max_length=30)
    plugin_name: str = Field("ladeskjerm-kiosk", min_length=1, max_length=30)
    plugin_version: str = Field(__version__, min_length=1, max_length=30)

    currency: Currency = Currency.NOK
    qr_format: QrFormat = QrFormat.TEXT_TARGET_URL
    qr_size_px: int | None = Field(None, ge=100, le=2000)
    push_message_allowed: bool = False
    payment_description: str = Field(DEFAULT_PAYMENT_DESCRIPTION, min_length=3, max_length=100)
    receipt_url_template: str | None = None

    poll_start_delay_s: float = Field(5.0, ge=0.0)
    poll_interval_s: float = Field(2.0, ge=0.5)
    poll_interval_present_s: float = Field(1.0, ge=0.5)  # 120 GET/min is the limit
    poll_max_interval_s: float = Field(60.0, ge=1.0)

    request_timeout_s: float = Field(10.0, gt=0.0)
    max_attempts: int = Field(5, ge=1, le=20)
    retry_base_delay_s: float = Field(0.5, ge=0.0)
    retry_max_delay_s: float = Field(30.0, ge=0.0)
    token_refresh_margin_s: float = Field(300.0, ge=0.0)

    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_max_skew_s: float = Field(900.0, gt=0.0)

    @model_validator(mode="after")
    def _check_template(self) -> VippsSettings:
        if self.receipt_url_template is not None:
            if "{session_id}" not in self.receipt_url_template:
                raise ValueError("receipt_url_template must contain {session_id}")
            if not self.receipt_url_template.startswith("https://"):
                raise ValueError("receipt_url_template must be an https:// URL")
        return self

    def receipt_url(self, session_id: str) -> str | None:
        """The session page's URL for the receipt link, or None when not configured."""
        return receipt_url(self.receipt_url_template, session_id)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> VippsSettings:
        """Settings from ``VIPPS_CLIENT_ID`` / ``_CLIENT_SECRET`` / ``_SUBSCRIPTION_KEY`` / ``_MSN``
        (required) and ``VIPPS_BASE_URL`` (default: the test environment)."""
        names = {
            "client_id": "VIPPS_CLIENT_ID",
            "client_secret": "VIPPS_CLIENT_SECRET",
            "subscription_key": "VIPPS_SUBSCRIPTION_KEY",
            "merchant_serial_number": "VIPPS_MSN",
        }
        values: dict[str, str] = {}
        for field, variable in names.items():
            value = environ.get(variable, "").strip()
            if not value:
                raise MissingSettingError(variable)
            values[field] = value
        base_url = environ.get("VIPPS_BASE_URL", "").strip().rstrip("/")
        if base_url:
            values["base_url"] = base_url
        return cls.model_validate(values)
