"""Opening the database from a URL, making SQLite durable, and migrating to the current schema.

``open_database(url)`` returns a ``Database``: an engine, and ``write()`` / ``read()``, each a
SQLAlchemy Core connection in one transaction (no ORM: ADR 0011). SQLite (the default,
a file in the platform's data directory) is set up on every connection for durability: WAL
journal, ``synchronous=FULL`` (a committed transaction survives a power cut), a busy timeout and
foreign keys; write transactions start with ``BEGIN IMMEDIATE`` so two writers queue on the busy
timeout instead of failing half-way. Any other SQLAlchemy URL (PostgreSQL for fleets) is used as
given. ``migrate(db)`` runs the packaged Alembic migrations to ``head``; when the database
already records ``SCHEMA_HEAD`` it returns without importing Alembic at all (about 10 MiB of
resident modules on the station computer, and most starts are of an up-to-date database).

Errors are the ones of ``kiosk.persistence.errors`` (``DatabaseUnavailable``, ``MigrationError``).
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy import exc as sa_exc

from kiosk.persistence.errors import MigrationError, translate

APP_NAME = "ladeskjerm"
DEFAULT_BUSY_TIMEOUT_S = 10.0
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The newest revision in ``migrations/versions`` (a test keeps the two in step).
SCHEMA_HEAD = "0001"
_BEGIN_OPTION = "kiosk_sqlite_begin"


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "ladeskjerm.sqlite3"


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"


def redacted_url(url: str) -> str | None:
    """``url`` with its password hidden, for showing; None when it is no database URL."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return None


@dataclass(frozen=True, slots=True)
class Database:
    """An open database: ``write`` transactions take the write lock at BEGIN; ``read`` ones do not.

    ``with db.write() as connection:`` commits when the block ends and rolls back if it raises.
    """

    url: str
    engine: Engine
    read_engine: Engine  # the same engine and pool, with SQLite's BEGIN DEFERRED

    def write(self) -> AbstractContextManager[Connection]:
        """A connection in a write transaction (SQLite: ``BEGIN IMMEDIATE``)."""
        return self.engine.begin()

    def read(self) -> AbstractContextManager[Connection]:
        """A connection in a read transaction (SQLite: ``BEGIN``, deferred: no write lock)."""
        return self.read_engine.begin()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_on_connect(busy_timeout_s: float) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event own transactions instead of the sqlite3 module.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    return on_connect


def _sqlite_on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "IMMEDIATE")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")


def open_database(
    url: str | None = None, *, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S
) -> Database:
    """Open (creating the SQLite file and its folder if needed) the database at ``url``."""
    text = url or default_database_url()
    parsed = make_url(text)
    kwargs: dict[str, Any] = {}
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": busy_timeout_s, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        engine = create_engine(parsed, **kwargs)
    except (sa_exc.SQLAlchemyError, OSError, ImportError) as error:
        raise translate(error) from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect(busy_timeout_s))
        event.listen(engine, "begin", _sqlite_on_begin)
    read_engine = engine.execution_options(**{_BEGIN_OPTION: "DEFERRED"})
    return Database(url=text, engine=engine, read_engine=read_engine)


def alembic_config(connection: Connection | None = None) -> Any:
    """An Alembic ``Config`` for the packaged migrations, bound to ``connection`` if given."""
    from alembic.config import Config

    # stdout as it is now: Alembic's default is the sys.stdout of when it was first imported
    config = Config(stdout=sys.stdout)
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def schema_revision(connection: Connection) -> str | None:
    """The revision Alembic recorded in this database (``None``: not migrated yet)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def migrate(db: Database, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest). Safe to run at every start."""
    try:
        if revision in ("head", SCHEMA_HEAD):
            with db.read() as connection:
                if schema_revision(connection) == SCHEMA_HEAD:
                    return
        from alembic import command

        with db.engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
    except sa_exc.SQLAlchemyError as error:
        raise MigrationError(f"migration failed: {translate(error)}") from error
    except Exception as error:  # alembic's own errors (missing revision, script errors)
        raise MigrationError(f"migration failed: {error}") from error
