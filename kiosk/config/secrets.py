"""Secrets: from environment variables or a secrets file readable only by its owner.

The secrets file is TOML with flat keys named like the fields of ``Secrets``::

    vipps_client_id = "..."
    vipps_client_secret = "..."
    vipps_subscription_key = "..."
    vipps_webhook_secret = "..."
    service_pin_hash = "scrypt$n=16384,r=8,p=1$...$..."   # from `kiosk set-pin`
    ocpp_password = "..."                                 # only with an [ocpp] section

An environment variable ``KIOSK_<FIELD>`` (e.g. ``KIOSK_VIPPS_CLIENT_SECRET``) wins over the
file. Values are ``SecretStr``: their repr/str is masked, and nothing here ever puts a value into
an error message. A file that its group or others may read is refused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, SecretStr, field_validator
from pydantic_core import PydanticCustomError

from kiosk.config.pin import is_pin_hash

ENV_PREFIX = "KIOSK_"
OPTIONAL = frozenset({"ocpp_password"})
"""Secrets only some stations need (checked where their feature is configured)."""
SECRETS_FILE_ENV = "KIOSK_SECRETS_FILE"


class Secrets(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    vipps_client_id: SecretStr | None = None
    vipps_client_secret: SecretStr | None = None
    vipps_subscription_key: SecretStr | None = None
    vipps_webhook_secret: SecretStr | None = None
    service_pin_hash: SecretStr | None = None
    ocpp_password: SecretStr | None = None
    """HTTP Basic password of the OCPP link (``[ocpp]``): 16 to 40 characters (OCPP 2.0.1)."""

    @field_validator("ocpp_password")
    @classmethod
    def _ocpp_password(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not 16 <= len(value.get_secret_value()) <= 40:
            raise PydanticCustomError(
                "ocpp_password", "the OCPP password must be 16 to 40 characters long"
            )
        return value

    @field_validator("service_pin_hash")
    @classmethod
    def _pin_hash(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not is_pin_hash(value.get_secret_value()):
            raise PydanticCustomError(
                "pin_hash", "not a PIN hash made by `kiosk set-pin` (scrypt$n=..,r=..,p=..$..)"
            )
        return value

    def missing(self) -> list[str]:
        """Names of the secrets a production station needs but does not have."""
        return [name for name, value in self if value is None and name not in OPTIONAL]

    def all_values(self) -> list[str]:
        """Every secret value (for tests and log scrubbing; never display them)."""
        return [v.get_secret_value() for _, v in self if isinstance(v, SecretStr)]


def env_name(field: str) -> str:
    return ENV_PREFIX + field.upper()


def from_environment(env: Mapping[str, str]) -> dict[str, str]:
    return {name: env[env_name(name)] for name in Secrets.model_fields if env.get(env_name(name))}


def permission_problem(path: Path) -> str | None:
    """Why ``path`` is not acceptable as a secrets file (None if it is)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "secrets file not found"
    except OSError as error:
        return f"cannot read the secrets file: {error.strerror}"
    if not stat.S_ISREG(info.st_mode):
        return "the secrets file is not a regular file"
    if info.st_mode & 0o077:
        mode = stat.S_IMODE(info.st_mode)
        return (
            f"the secrets file is readable or writable by group/others (mode {mode:04o}); "
            f"it must be readable only by its owner: chmod 600 {path}"
        )
    if hasattr(os, "getuid") and info.st_uid not in (os.getuid(), 0):
        return "the secrets file belongs to another user"
    return None
