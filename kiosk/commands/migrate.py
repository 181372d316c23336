"""``kiosk migrate --config FILE``: bring the station's database to the current schema.

The systemd units run it before ``kiosk run`` (``ExecStartPre``), so Alembic and its
templates load in this short-lived process and never stay resident in the kiosk (which then
finds the schema at ``SCHEMA_HEAD`` and skips Alembic; see ``kiosk.persistence.database``).
``kiosk run`` still migrates by itself when started without it (demo, development).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "migrate", help="bring the station database to the current schema (safe to repeat)"
    )
    parser.add_argument("--config", required=True, help="the station configuration (TOML)")
    parser.set_defaults(handler=migrate_database)


def migrate_database(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError, load_config
    from kiosk.persistence import PersistenceError, migrate, open_database
    from kiosk.persistence.database import SCHEMA_HEAD

    try:
        config = load_config(args.config)
    except ConfigError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return 1
    try:
        db = open_database(config.database.url)
        try:
            migrate(db)
        finally:
            db.dispose()
    except PersistenceError as error:
        print(f"database: {error}", file=sys.stderr)
        return 1
    print(f"database at schema {SCHEMA_HEAD}")
    return 0
