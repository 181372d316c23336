"""Backends for the persistence tests: every ``db_url`` test runs on SQLite and on PostgreSQL.

PostgreSQL runs when ``KIOSK_TEST_PG_URL`` is set (``eval "$(scripts/postgres-up)"``; CI sets
it); each test gets its own fresh schema, dropped afterwards.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pg_schema import PG_ENV, schema_url

from kiosk.persistence import Repository

STATION = "station-1"


class FakeClock:
    """A settable UTC clock (the repository calls it from its database thread)."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            self._now += timedelta(microseconds=1)  # strictly increasing, like a real clock
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += timedelta(seconds=seconds)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f'{PG_ENV} is not set: run `eval "$(scripts/postgres-up)"` to test PostgreSQL')
    yield from schema_url(base)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def repo(db_url: str, clock: FakeClock) -> AsyncIterator[Repository]:
    repository = await Repository.open(db_url, STATION, clock=clock)
    try:
        yield repository
    finally:
        await repository.aclose()
