"""``kiosk sim …``: local stand-ins for the outside world (the Vipps emulator, the charger).

Each handler imports its sandbox lazily so ``kiosk --help`` and ``kiosk paths`` stay light.
"""

from __future__ import annotations

import argparse
from typing import Any


def _run_vipps(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.sandbox.vipps.cli import run_vipps_emulator

    return run_vipps_emulator(
        host=args.host,
        port=args.port,
        public_base_url=args.public_base_url,
        spec_dir=Path(args.spec_dir) if args.spec_dir else None,
        strict=args.strict,
        payment_expiry_s=args.expiry_s,
    )


def _run_charger(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.sandbox.charger.cli import run_charger_simulator

    return run_charger_simulator(
        args.profile,
        host=args.host,
        port=args.port,
        http_port=args.http_port,
        connectors=args.connectors,
        speed=args.speed,
        state_path=Path(args.state_file) if args.state_file else None,
        serial_path=args.serial,
        pty_dir=Path(args.pty) if args.pty else None,
    )


def _register_charger(sim_sub: Any) -> None:
    charger = sim_sub.add_parser(
        "charger", help="run the charger simulator (Modbus TCP serving a profile, with a car)"
    )
    charger.add_argument("--profile", required=True, help="profile name in drivers/ or a .toml")
    charger.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    charger.add_argument("--port", type=int, default=0, help="Modbus TCP port (default: free)")
    charger.add_argument(
        "--http-port", type=int, default=0, help="HTTP control API port (default: free)"
    )
    charger.add_argument(
        "--connectors", type=int, default=None, help="sockets to serve (default: the profile's)"
    )
    charger.add_argument("--speed", type=float, default=1.0, help="simulated time speed factor")
    charger.add_argument(
        "--state-file", default=None, help="JSON file keeping the lifetime energy counters"
    )
    line = charger.add_mutually_exclusive_group()
    line.add_argument(
        "--serial",
        default=None,
        metavar="PATH",
        help="serve Modbus RTU on this serial port instead of TCP (the profile's baud rate)",
    )
    line.add_argument(
        "--pty",
        default=None,
        metavar="DIR",
        help="serve Modbus RTU on a socat pty pair made in DIR; the ready line's 'serial' is"
        " the end to open (kiosk modbus probe --host DIR/rtu-kiosk)",
    )
    charger.set_defaults(handler=_run_charger)


def register(subparsers: Any) -> None:
    sim = subparsers.add_parser("sim", help="run local simulators of the outside world")
    sim_sub = sim.add_subparsers(dest="sim_command", required=True)

    vipps = sim_sub.add_parser("vipps", help="run the Vipps MobilePay emulator (ASGI, uvicorn)")
    vipps.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    vipps.add_argument("--port", type=int, default=0, help="port to bind (default: a free one)")
    vipps.add_argument(
        "--public-base-url",
        default=None,
        help="URL phones use to reach the emulator (default: the request's own base URL)",
    )
    vipps.add_argument("--spec-dir", default=None, help="folder with the official OpenAPI files")
    vipps.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="validate requests/responses against the OpenAPI files (default: if present)",
    )
    vipps.add_argument("--expiry-s", type=int, default=600, help="CREATED -> EXPIRED after (s)")
    vipps.set_defaults(handler=_run_vipps)

    _register_charger(sim_sub)
