"""``kiosk sessions export|verify --config FILE``: session records out of the station database.

``export`` writes CSV (to ``--out FILE`` or stdout); ``verify`` checks every session against the
payment service (captured = due, captured + cancelled = authorized, one capture) and exits 1
on any mismatch.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("sessions", help="export or verify the session records")
    sub = parser.add_subparsers(dest="sessions_command", required=True)
    export = sub.add_parser("export", help="write every session as CSV")
    export.add_argument("--config", required=True, help="the station configuration (TOML)")
    export.add_argument("--out", default=None, help="CSV file to write (default: stdout)")
    export.set_defaults(handler=export_sessions)
    verify = sub.add_parser("verify", help="check every session against the payment service")
    verify.add_argument("--config", required=True, help="the station configuration (TOML)")
    verify.set_defaults(handler=verify_sessions)


def _config(path: str) -> Any:
    from kiosk.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return None


def export_sessions(args: argparse.Namespace) -> int:
    import asyncio

    config = _config(args.config)
    if config is None:
        return 1
    return asyncio.run(_export(config, args.out))


async def _export(config: Any, out: str | None) -> int:
    from kiosk.persistence import Repository
    from kiosk.persistence.export import write_sessions_csv

    async with await Repository.open(config.database.url, config.station.id) as repo:
        if out is not None:
            count = await repo.export_sessions_csv(Path(out))
        else:
            count = write_sessions_csv(await repo.sessions_between(), sys.stdout)
    print(f"{count} sessions", file=sys.stderr)
    return 0


def verify_sessions(args: argparse.Namespace) -> int:
    import asyncio

    config = _config(args.config)
    if config is None:
        return 1
    return asyncio.run(_verify(config))


async def _verify(config: Any) -> int:
    from kiosk.app import StationConfigError, vipps_settings
    from kiosk.payments.client import standalone_client
    from kiosk.persistence import Repository
    from kiosk.station.verification import verify_sessions

    try:
        settings = vipps_settings(config)
    except StationConfigError as error:
        print(error, file=sys.stderr)
        return 1
    async with (
        standalone_client(settings) as vipps,
        await Repository.open(config.database.url, config.station.id) as repo,
    ):
        checks = await verify_sessions(repo, vipps)
    bad = [check for check in checks if not check.ok]
    for check in checks:
        status = "OPEN" if check.open else ("OK" if check.ok else "MISMATCH")
        detail = "; ".join(check.problems)
        print(f"{status} {check.session_id} {check.reference or '-'} {detail}".rstrip())
    print(f"{len(checks)} sessions, {len(bad)} mismatched", file=sys.stderr)
    return 1 if bad else 0
