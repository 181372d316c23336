"""``kiosk ui-preview``: show (or save as PNG) a driver screen fed by scripted, fake data."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ui-preview", help="show a driver screen with fake data (or write it to a PNG file)"
    )
    parser.add_argument("--screen", default="idle", help="scene name; --list shows them")
    parser.add_argument("--list", action="store_true", help="list the scene names and exit")
    parser.add_argument("--lang", default="nb", help="nb, en, sv, da, fi or de")
    parser.add_argument("--currency", default="NOK", help="the station's currency: NOK, DKK or EUR")
    parser.add_argument("--size", default="800x480", help="WIDTHxHEIGHT (default 800x480)")
    parser.add_argument("--connectors", type=int, default=1, choices=(1, 2, 3, 4))
    parser.add_argument("--out", default=None, help="write a PNG here and exit")
    parser.add_argument("--fullscreen", action="store_true", help="kiosk mode (no cursor)")
    parser.set_defaults(handler=ui_preview)


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def ui_preview(args: argparse.Namespace) -> int:
    from kiosk.sandbox.preview.fake_station import SCENES, FakeStation, scene

    if args.list:
        print("\n".join(SCENES))
        return 0
    if args.screen not in SCENES:
        print(f"unknown screen {args.screen!r}; one of: {', '.join(SCENES)}", file=sys.stderr)
        return 2
    if args.out:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a PNG needs no display
    from kiosk.gui.preview_window import show_preview

    station = FakeStation(
        scene(
            args.screen,
            connector_count=args.connectors,
            language=args.lang,
            currency=args.currency,
        )
    )
    return show_preview(station, size=_size(args.size), fullscreen=args.fullscreen, out=args.out)
