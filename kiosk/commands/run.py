"""``kiosk run --config FILE [--headless]``: run the station (production).

Headless runs the controller without a screen until SIGTERM/SIGINT. Without ``--headless`` the
window entry ``kiosk.window.run_window(config)`` is used when it exists (the screen's
composition lives there; it reuses ``kiosk.app.build_station``).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import Any

WINDOW_MODULE = "kiosk.window"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("run", help="run the station (with the screen, or --headless)")
    parser.add_argument("--config", required=True, help="the station configuration (TOML)")
    parser.add_argument("--headless", action="store_true", help="run without a screen")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING (default INFO)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import asyncio

    from kiosk.app import StationConfigError, run_headless
    from kiosk.config import ConfigError, load_config

    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        config = load_config(args.config)
    except ConfigError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return 1
    if not args.headless:
        try:
            window = importlib.import_module(WINDOW_MODULE)
        except ImportError:
            print("no window entry yet (kiosk.window); use --headless", file=sys.stderr)
            return 2
        return int(window.run_window(config))
    try:
        asyncio.run(run_headless(config))
    except StationConfigError as error:
        print(f"{args.config}: {error}", file=sys.stderr)
        return 1
    return 0
