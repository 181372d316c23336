"""``kiosk check-config FILE``: validate a station configuration and its secrets.

``load_checked`` is the one configuration check ``check-config`` and ``kiosk run`` share:
``kiosk.config.load_config`` plus the check that every connector, meter and grid-meter profile
exists in the drivers folder and loads, reported once per use at the line that names it.
``print_issues`` writes each ``ConfigIssue`` on its own line to stderr. Errors: ``ConfigError``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.config import ConfigError, StationConfig, load_config


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check-config",
        help="validate a station TOML file; print OK or FILE:LINE: field: message lines",
    )
    parser.add_argument("file", help="the station configuration (TOML)")
    parser.add_argument(
        "--require-secrets",
        action="store_true",
        help="also fail when a secret a production station needs is missing",
    )
    parser.set_defaults(handler=check_config)


def check_config(args: argparse.Namespace) -> int:
    try:
        load_checked(args.file, require_secrets=args.require_secrets)
    except ConfigError as error:
        print_issues(error)
        return 1
    print("OK")
    return 0


def profile_problem(name: str) -> str | None:
    """None if the profile ``name`` loads; else a one-line reason."""
    from kiosk.hardware.profile import (
        ProfileError,
        load_named_profile,
        profile_names,
        profile_path,
    )

    if not profile_path(name).is_file():
        return f"unknown profile {name!r} (known: {', '.join(profile_names())})"
    try:
        load_named_profile(name)
    except ProfileError as error:
        count = len(error.issues)
        return f"profile {name!r} is invalid ({count} problem(s): kiosk profile validate)"
    return None


def load_checked(path: Path | str, *, require_secrets: bool = False) -> StationConfig:
    return load_config(path, require_secrets=require_secrets, check_profile=profile_problem)


def print_issues(error: ConfigError) -> None:
    for issue in error.issues:
        print(issue, file=sys.stderr)
