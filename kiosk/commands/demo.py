"""``kiosk demo``: the Vipps emulator, the charger simulator, the station and its window at once.

Everything listens on 127.0.0.1 (free ports unless ``--port`` pins the world page); nothing
needs a configuration file, the internet or hardware. The work is in ``kiosk.sandbox.demo``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

MAX_SPEED = 2.0
"""The simulated charger keeps its watchdog (15 s) in simulated time while the kiosk rewrites
it every 5 s of real time: much faster than 2x, the watchdog would cut the charge."""


def _speed(text: str) -> float:
    value = float(text)
    if not 0 < value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(
            f"the speed factor must be above 0 and at most {MAX_SPEED:g}"
        )
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is 0..65535 (0 = a free one)")
    return value


def _run(args: argparse.Namespace) -> int:
    import logging
    from pathlib import Path

    from kiosk.sandbox.demo import DemoOptions, run_demo

    if (args.vipps_url is None) != (args.charger_url is None):
        print(
            "kiosk demo: --vipps-url and --charger-url go together (an emulator and a "
            "simulator running elsewhere)",
            file=sys.stderr,
        )
        return 2

    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    options = DemoOptions(
        headless=args.headless,
        fullscreen=args.fullscreen,
        world_port=args.port,
        speed=args.speed,
        data_dir=Path(args.data_dir) if args.data_dir else None,
        vipps_url=args.vipps_url,
        charger_url=args.charger_url,
    )
    return run_demo(options)


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="run the whole station on loopback with a simulated charger and Vipps",
        description=(
            "Start the Vipps emulator, a two-socket charger simulator, the station and its "
            "window, and print the address of the 'world' page where you play the driver's "
            "phone and the cars. Ctrl-C stops everything."
        ),
    )
    mode = demo.add_mutually_exclusive_group()
    mode.add_argument("--headless", action="store_true", help="run without the kiosk window")
    mode.add_argument("--fullscreen", action="store_true", help="show the window fullscreen")
    demo.add_argument(
        "--port", type=_port, default=0, help="port of the world page (default: a free one)"
    )
    demo.add_argument(
        "--speed",
        type=_speed,
        default=1.0,
        help=f"time factor of the simulated cars and meters (default 1, at most {MAX_SPEED:g})",
    )
    demo.add_argument(
        "--data-dir", default=None, help="keep the database here (default: a temporary folder)"
    )
    demo.add_argument(
        "--vipps-url",
        default=None,
        help="use a Vipps emulator running elsewhere (kiosk sim vipps); needs --charger-url",
    )
    demo.add_argument(
        "--charger-url",
        default=None,
        help="use a charger simulator running elsewhere: its control API URL, which "
        "kiosk sim charger prints (it tells where each Modbus device is); needs --vipps-url",
    )
    demo.add_argument("-v", "--verbose", action="store_true", help="log at INFO level")
    demo.set_defaults(handler=_run)
