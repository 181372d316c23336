"""Command-line parsing for the one ``kiosk`` entry point.

Every module in ``kiosk.commands`` registers its own subcommands; the work is done elsewhere
(``kiosk.app`` for ``run``/``demo``, the sandboxes for ``sim``, ...). Imports of heavy modules
happen inside the handlers so ``kiosk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
from collections.abc import Sequence

import kiosk.commands
from kiosk import __version__
from kiosk.resources import assets_dir, drivers_dir, ui_dir


def _cmd_paths(_args: argparse.Namespace) -> int:
    print(
        json.dumps(
            {"ui": str(ui_dir()), "drivers": str(drivers_dir()), "assets": str(assets_dir())}
        )
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Ladeskjerm station software")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    paths = sub.add_parser("paths", help="print where ui/, drivers/ and assets/ were found")
    paths.set_defaults(handler=_cmd_paths)
    for info in sorted(pkgutil.iter_modules(kiosk.commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"kiosk.commands.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # The station uses no pydantic plugins; without this, the first model scans the entry
    # points of every installed distribution for them (time at start, memory for good).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = args.handler
    result = handler(args)
    return int(result) if result is not None else 0


if __name__ == "__main__":
    sys.exit(main())
