"""``kiosk check-config FILE``: validate a station configuration and its secrets."""

from __future__ import annotations

import argparse
import sys
from typing import Any


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
    from kiosk.config import ConfigError, load_config

    try:
        load_config(args.file, require_secrets=args.require_secrets)
    except ConfigError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return 1
    print("OK")
    return 0
