"""Device profiles: one TOML file per charger or meter model, validated into a frozen model.

The format is documented in ``drivers/README.md``. :func:`load_profile` reads a file,
:func:`parse_profile` a string; both return a :class:`Profile` or raise :class:`ProfileError`,
whose ``issues`` name the file, the line (found in the text, since ``tomllib`` reports none) and
the field of every problem, e.g. ``drivers/x.toml:12: registers.energy.unit: unknown unit 'kwh'``.

The model itself is in :mod:`kiosk.hardware.profile_model` and :mod:`kiosk.hardware.register`,
the cross-field checks in :mod:`kiosk.hardware.profile_checks`; this module re-exports the
model, so users import everything about profiles from here.

Exceptions: :class:`ProfileError` (a ``ValueError``) only; a missing file is a ProfileError too.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from kiosk.hardware.codec import DataType, WordOrder
from kiosk.hardware.profile_checks import semantic_issues
from kiosk.hardware.profile_model import (
    IEC_STATES,
    Connection,
    Connector,
    Control,
    Failsafe,
    Kind,
    Polling,
    Profile,
    Quirk,
    RegisterSet,
    StopAction,
    Transport,
)
from kiosk.hardware.register import Register, Table
from kiosk.hardware.toml_lines import key_lines, line_of

__all__ = [
    "IEC_STATES",
    "Connection",
    "Connector",
    "Control",
    "DataType",
    "Failsafe",
    "Kind",
    "Polling",
    "Profile",
    "ProfileError",
    "ProfileIssue",
    "Quirk",
    "Register",
    "RegisterSet",
    "StopAction",
    "Table",
    "Transport",
    "WordOrder",
    "load_named_profile",
    "load_profile",
    "parse_profile",
    "profile_names",
    "profile_path",
]


# --- loading ----------------------------------------------------------------------------


class ProfileIssue(NamedTuple):
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        line = "?" if self.line is None else str(self.line)
        return f"{self.file}:{line}: {self.field or '(file)'}: {self.message}"


class ProfileError(ValueError):
    """A profile that cannot be used; ``issues`` lists every problem found."""

    def __init__(self, issues: list[ProfileIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


_REGISTER_INHERITED = ("table", "word_order", "byte_order", "sentinels")


def _apply_defaults(
    data: dict[str, Any],
) -> tuple[dict[str, Any], set[tuple[str, str, str]]]:
    """Copy ``[defaults]`` keys into every register table that does not set them.

    Also returns each ``(section, register, key)`` that got its value from ``[defaults]``, so a
    bad default is reported once, at its own line, not once per register."""
    defaults = data.pop("defaults", {})
    copied: set[tuple[str, str, str]] = set()
    if not isinstance(defaults, dict):
        return data, copied
    inherited = {k: v for k, v in defaults.items() if k in _REGISTER_INHERITED}
    for section in ("registers", "diagnostics"):
        group = data.get(section)
        if not isinstance(group, dict):
            continue
        for name, reg in group.items():
            if isinstance(reg, dict):
                copied.update((section, name, key) for key in inherited if key not in reg)
                group[name] = {**inherited, **reg}
    unknown = set(defaults) - set(_REGISTER_INHERITED)
    if unknown:
        data["defaults"] = {k: defaults[k] for k in unknown}  # let validation report them
    return data, copied


def parse_profile(
    text: str, source: str = "<profile>", expected_name: str | None = None
) -> Profile:
    """Parse and validate profile text; ``source`` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = None
        if "(at line " in message:
            try:
                line = int(message.rsplit("(at line ", 1)[1].split(",", 1)[0])
            except ValueError:
                line = None
        raise ProfileError([ProfileIssue(source, line, "", f"not valid TOML: {message}")]) from exc
    lines = key_lines(text)
    data, copied = _apply_defaults(data)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        issues: list[ProfileIssue] = []
        for err in exc.errors():
            loc = tuple(
                p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))
            )
            if tuple(map(str, loc[:3])) in copied:  # a bad [defaults] value: report it there
                loc = ("defaults", *loc[2:])
            field = ".".join(str(p) for p in loc)
            message = err["msg"].removeprefix("Value error, ")
            issue = ProfileIssue(source, line_of(lines, loc) or 1, field, message)
            if issue not in issues:
                issues.append(issue)
        raise ProfileError(issues) from exc
    found = semantic_issues(profile)
    if expected_name is not None and profile.name != expected_name:
        found.append((("name",), f"must match the file name {expected_name!r}"))
    if found:
        raise ProfileError(
            [
                ProfileIssue(source, line_of(lines, p) or 1, ".".join(map(str, p)), m)
                for p, m in found
            ]
        )
    return profile


def load_profile(path: str | Path) -> Profile:
    """Read and validate one profile file (its ``name`` must equal the file stem)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError([ProfileIssue(str(path), None, "", f"cannot read: {exc}")]) from exc
    return parse_profile(text, str(path), expected_name=path.stem)


def profile_path(name: str, directory: str | Path | None = None) -> Path:
    """``<drivers dir>/<name>.toml`` (``name`` may also be a path to a .toml file)."""
    if name.endswith(".toml") or "/" in name:
        return Path(name)
    if directory is None:
        from kiosk.resources import drivers_dir

        directory = drivers_dir()
    return Path(directory) / f"{name}.toml"


def load_named_profile(name: str, directory: str | Path | None = None) -> Profile:
    """Load a profile by name from ``kiosk.resources.drivers_dir()`` (or ``directory``)."""
    return load_profile(profile_path(name, directory))


def profile_names(directory: str | Path | None = None) -> list[str]:
    """Names of every profile in the drivers folder, sorted."""
    if directory is None:
        from kiosk.resources import drivers_dir

        directory = drivers_dir()
    return sorted(p.stem for p in Path(directory).glob("*.toml"))
