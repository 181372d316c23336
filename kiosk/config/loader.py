"""Load the station TOML file (and its secrets), or explain every problem by file, line and field.

``load_config(path)`` returns a validated ``StationConfig`` or raises ``ConfigError`` holding
one ``ConfigIssue`` per problem, each printed as ``FILE:LINE: field: message``. Nothing is
half-loaded: any issue means no configuration. Exceptions::

    ConfigError(ValueError)      the file, or the secrets, are invalid; .issues lists why

Messages never contain a secret's value (pydantic's ``input`` is never shown).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kiosk.config.locate import KeyLines, PathPart
from kiosk.config.model import WEEK_ERROR, StationConfig
from kiosk.config.secrets import (
    SECRETS_FILE_ENV,
    Secrets,
    env_name,
    from_environment,
    permission_problem,
)

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_SECRET_WORDS = ("secret", "password", "subscription_key", "client_id", "pin_hash", "token")


@dataclass(frozen=True, slots=True)
class ConfigIssue:
    file: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else f"{self.file}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ConfigError(ValueError):
    """The configuration is invalid; ``issues`` names each problem's file, line and field."""

    def __init__(self, issues: Sequence[ConfigIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


def field_name(loc: Sequence[PathPart]) -> str:
    """``("connectors", 1, "port")`` -> ``connectors[1].port``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "extra_forbidden":
        name = str(loc[-1]).lower() if loc else ""
        if any(word in name for word in _SECRET_WORDS):
            return "secrets do not belong in the station file: use the secrets file or KIOSK_* env"
        return "unknown setting"
    if kind == "missing":
        return "required setting is missing"
    return str(error["msg"])


def _issues_from(
    error: ValidationError, file: Path, lines: KeyLines, prefix: Sequence[PathPart] = ()
) -> list[ConfigIssue]:
    issues = []
    items = error.errors(include_input=False, include_url=False)
    failed_inside = {tuple(item["loc"][:-1]) for item in items if len(item["loc"]) > 1}
    for item in items:
        loc = tuple(part for part in item["loc"] if isinstance(part, str | int))
        if item["type"] == WEEK_ERROR:  # one issue per gap or overlap, at its period's line
            for index, message in item.get("ctx", {}).get("problems", ()):
                at = (*loc, index)
                issues.append(
                    ConfigIssue(file, lines.line_of(at), field_name((*prefix, *at)), message)
                )
            continue
        if item["type"] == "too_short" and any(f[: len(loc)] == loc for f in failed_inside):
            continue  # "0 items after validation" only repeats the errors of its items
        issues.append(
            ConfigIssue(file, lines.line_of(loc), field_name((*prefix, *loc)), _message(item))
        )
    return issues


def _read_toml(path: Path) -> tuple[dict[str, Any], KeyLines]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([ConfigIssue(path, None, "", "file not found")]) from None
    except UnicodeDecodeError:
        raise ConfigError([ConfigIssue(path, None, "", "not UTF-8 text")]) from None
    except OSError as error:
        issue = ConfigIssue(path, None, "", f"cannot read: {error.strerror}")
        raise ConfigError([issue]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_POSITION.search(str(error))
        line = int(found.group(1)) if found else None
        message = _TOML_POSITION.sub("", str(error)).strip()
        raise ConfigError([ConfigIssue(path, line, "", f"TOML syntax: {message}")]) from None
    return data, KeyLines.parse(text)


def load_secrets(path: Path | None, env: Mapping[str, str]) -> Secrets:
    """Secrets from ``path`` (if any) overridden by ``KIOSK_*`` environment variables."""
    values: dict[str, Any] = {}
    lines = KeyLines()
    if path is not None:
        problem = permission_problem(path)
        if problem is not None:
            raise ConfigError([ConfigIssue(path, None, "", problem)])
        values, lines = _read_toml(path)
    try:
        Secrets.model_validate(values)
    except ValidationError as error:
        raise ConfigError(_issues_from(error, path or Path("<secrets>"), lines)) from None
    from_env = from_environment(env)
    try:
        return Secrets.model_validate({**values, **from_env})
    except ValidationError as error:
        issues = [
            ConfigIssue(Path("<environment>"), None, env_name(str(item["loc"][0])), item["msg"])
            for item in error.errors(include_input=False, include_url=False)
        ]
        raise ConfigError(issues) from None


def _resolve(base: Path, value: Path | None) -> Path | None:
    if value is None:
        return None
    value = value.expanduser()
    return value if value.is_absolute() else (base / value)


ProfileCheck = Callable[[str], str | None]
"""A profile name -> None if it can be used, else why not (injected by the commands: the
configuration layer does not read the drivers folder itself)."""


def _profile_issues(
    config: StationConfig, path: Path, lines: KeyLines, check: ProfileCheck
) -> list[ConfigIssue]:
    """One issue per distinct unusable profile name, at the line of each place it is used."""
    uses: list[tuple[tuple[PathPart, ...], str]] = []
    for index, connector in enumerate(config.connectors):
        uses.append((("connectors", index, "profile"), connector.profile))
        if connector.meter is not None:
            uses.append((("connectors", index, "meter", "profile"), connector.meter.profile))
    if config.site is not None and config.site.grid_meter is not None:
        uses.append((("site", "grid_meter", "profile"), config.site.grid_meter.profile))
    problems: dict[str, str | None] = {}
    issues = []
    for loc, name in uses:
        if name not in problems:
            problems[name] = check(name)
        problem = problems[name]
        if problem is not None:
            issues.append(ConfigIssue(path, lines.line_of(loc), field_name(loc), problem))
    return issues


def load_config(
    path: Path | str,
    *,
    env: Mapping[str, str] | None = None,
    require_secrets: bool = False,
    check_profile: ProfileCheck | None = None,
) -> StationConfig:
    """Read, validate and return the configuration at ``path`` with its secrets attached.

    ``require_secrets``: also fail when a secret a production station needs is missing.
    ``check_profile``: also fail, at its line, on a connector/meter profile it rejects (both
    ``kiosk check-config`` and ``kiosk run`` pass the same check).
    """
    path = Path(path)
    env = os.environ if env is None else env
    data, lines = _read_toml(path)
    try:
        config = StationConfig.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_issues_from(error, path, lines)) from None
    if check_profile is not None:
        profile_issues = _profile_issues(config, path, lines, check_profile)
        if profile_issues:
            raise ConfigError(profile_issues)
    base = path.resolve().parent
    paths = config.paths.model_copy(
        update={
            "data_dir": _resolve(base, config.paths.data_dir),
            "log_dir": _resolve(base, config.paths.log_dir),
            "secrets_file": _resolve(base, config.paths.secrets_file),
        }
    )
    if config.web is not None and config.web.terms:
        terms = {lang: _resolve(base, file) for lang, file in config.web.terms.items()}
        config = config.model_copy(update={"web": config.web.model_copy(update={"terms": terms})})
    secrets_path = Path(env[SECRETS_FILE_ENV]) if env.get(SECRETS_FILE_ENV) else paths.secrets_file
    secrets = load_secrets(secrets_path, env)
    missing = secrets.missing()
    if config.vipps.webhook_url is None and "vipps_webhook_secret" in missing:
        missing.remove("vipps_webhook_secret")  # no webhooks: nothing to verify them with
    if config.ocpp is not None and secrets.ocpp_password is None:
        missing.append("ocpp_password")  # the [ocpp] section needs its password
    if require_secrets and missing:
        where = secrets_path or Path("<secrets>")
        raise ConfigError(
            [
                ConfigIssue(where, None, name, f"missing: set {env_name(name)} or add it here")
                for name in missing
            ]
        )
    update: dict[str, Any] = {"source": path, "paths": paths, "secrets": secrets}
    if config.ocpp is not None and config.ocpp.ca_file is not None:
        ca_file = _resolve(base, config.ocpp.ca_file)
        if ca_file is None or not ca_file.is_file():
            line = lines.line_of(("ocpp", "ca_file"))
            raise ConfigError([ConfigIssue(path, line, "ocpp.ca_file", "file not found")])
        update["ocpp"] = config.ocpp.model_copy(update={"ca_file": ca_file})
    return config.model_copy(update=update)
