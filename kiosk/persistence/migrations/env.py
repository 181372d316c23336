"""Alembic environment for the kiosk database.

The app runs ``kiosk.persistence.database.migrate``, which hands a live connection in through
``config.attributes["connection"]``. A developer may also run ``alembic`` with a URL in the
``KIOSK_DATABASE_URL`` environment variable (or ``sqlalchemy.url`` in an ini file).
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection

from kiosk.persistence.tables import metadata

config = context.config
target_metadata = metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from kiosk.persistence.database import open_database

    url = os.environ.get("KIOSK_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    db = open_database(url)
    try:
        with db.engine.begin() as conn:
            _run(conn)
    finally:
        db.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; give a database URL")
run_migrations_online()
