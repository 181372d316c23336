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
