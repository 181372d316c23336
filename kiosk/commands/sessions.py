"""``kiosk sessions export|verify|verify-chain --config FILE``: the station database's records.

``export`` writes CSV (to ``--out FILE`` or stdout); ``verify`` checks every session against the
payment service (captured = due, captured + cancelled = authorized, one capture) and exits 1
on any mismatch. ``verify-chain`` walks the journal's hash chain (every station's in the
database), names the first broken link and exits 1 if there is one, and prints each chain's
head hash (to write down or send elsewhere: a later walk that ends in the same hash proves
nothing before it changed).
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
    chain = sub.add_parser(
        "verify-chain", help="walk the journal's hash chain; name the first broken link"
    )
    chain.add_argument("--config", required=True, help="the station configuration (TOML)")
    chain.set_defaults(handler=verify_chain)


def verify_chain(args: argparse.Namespace) -> int:
    import asyncio

    config = _config(args.config)
    if config is None:
        return 1
    return asyncio.run(_verify_chain(config))


async def _verify_chain(config: Any) -> int:
    from kiosk.persistence import PersistenceError, Repository

    try:
        async with await Repository.open(config.database.url, config.station.id) as repo:
            report = await repo.verify_chain(all_stations=True)
    except PersistenceError as error:
        print(f"cannot read the journal: {error}", file=sys.stderr)
        return 1
    for line in chain_lines(report):
        print(line)
    return 0 if report.ok else 1


def chain_lines(report: Any) -> list[str]:
    """What ``verify-chain`` prints for a ``ChainReport``."""
    lines = []
    if report.problems:
        first = report.problems[0]
        where = f"entry {first.seq}" if first.seq is not None else "the chain head"
        lines.append(f"BROKEN: first broken link: station {first.station}, {where}:")
        lines.append(f"  {first.message}")
        lines += [
            f"  also: station {p.station}, entry {p.seq}: {p.message}" for p in report.problems[1:]
        ]
    else:
        lines.append(f"ok: {report.entries_checked} journal entries, every link verifies")
    for head in report.heads:
        lines.append(f"head: station {head.station} entry {head.seq} hash {head.hash}")
    if not report.heads:
        lines.append("head: the journal is empty")
    return lines


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
