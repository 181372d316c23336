"""``kiosk run --config FILE [--headless]``: run the station (production).

Headless runs the controller without a screen until SIGTERM/SIGINT. Without ``--headless``
``kiosk.gui.window.run_window(config)`` shows the screen first and starts the station behind it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("run", help="run the station (with the screen, or --headless)")
    parser.add_argument("--config", required=True, help="the station configuration (TOML)")
    parser.add_argument("--headless", action="store_true", help="run without a screen")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING (default INFO)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.commands.config import load_checked, print_issues
    from kiosk.config import ConfigError

    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        config = load_checked(args.config)
    except ConfigError as error:
        print_issues(error)
        return 1
    if not args.headless:
        # The window module keeps the heavy imports (database, HTTP, Modbus) until the first
        # frame is on the screen.
        from kiosk.gui.window import run_window

        return run_window(config)

    import asyncio

    from kiosk.app import StationConfigError, run_headless

    try:
        asyncio.run(run_headless(config))
    except StationConfigError as error:
        print(f"{args.config}: {error}", file=sys.stderr)
        return 1
    return 0
