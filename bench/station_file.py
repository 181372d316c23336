"""A station configuration on disk for a child ``kiosk run``: TOML file + ``KIOSK_*`` secrets.

``write_station_file(config, path)`` writes the non-secret part of a ``StationConfig`` as
TOML (a tiny writer for the value kinds the model uses) and returns the environment variables
that carry its secrets, exactly as a production station gets them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk.config import StationConfig
from kiosk.config.secrets import env_name


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _table(lines: list[str], name: str, data: dict[str, Any], array: bool = False) -> None:
    lines.append(f"[[{name}]]" if array else f"[{name}]")
    nested = []
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict):
            nested.append((key, value))
        else:
            lines.append(f"{key} = {_value(value)}")
    for key, value in nested:
        _table(lines, f"{name}.{key}", value)
    lines.append("")


def write_station_file(config: StationConfig, path: Path) -> dict[str, str]:
    data = config.model_dump(mode="json", exclude={"source", "secrets"})
    lines: list[str] = []
    for section, body in data.items():
        if isinstance(body, list):
            for item in body:
                _table(lines, section, item, array=True)
        elif isinstance(body, dict):
            _table(lines, section, body)
    path.write_text("\n".join(lines), encoding="utf-8")
    env = {}
    for field, secret in config.secrets:
        if secret is not None:
            env[env_name(field)] = secret.get_secret_value()
    return env
