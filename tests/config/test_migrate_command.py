"""``kiosk migrate --config FILE``: what the systemd units run before ``kiosk run``."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from kiosk.cli import main
from kiosk.persistence.database import SCHEMA_HEAD, schema_revision


def _station_file(example_file: Path, write_file: Callable[..., Path], url: str) -> Path:
    text = example_file.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^\[database\][^\[]*", f'[database]\nurl = "{url}"\n\n', text)
    assert count == 1
    return write_file(text)


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return schema_revision(connection)
    finally:
        engine.dispose()


def test_migrate_brings_a_new_database_to_the_head_and_can_repeat(
    example_file: Path,
    write_file: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    config = _station_file(example_file, write_file, url)
    assert main(["migrate", "--config", str(config)]) == 0
    assert _revision(url) == SCHEMA_HEAD
    assert main(["migrate", "--config", str(config)]) == 0  # at every start: a no-op
    assert _revision(url) == SCHEMA_HEAD
    assert capsys.readouterr().out.splitlines() == [f"database at schema {SCHEMA_HEAD}"] * 2


def test_migrate_says_why_it_cannot_open_the_database(
    example_file: Path,
    write_file: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be")
    config = _station_file(example_file, write_file, f"sqlite:///{blocker / 'db.sqlite3'}")
    assert main(["migrate", "--config", str(config)]) == 1
    assert capsys.readouterr().err.startswith("database: ")


def test_migrate_reports_a_bad_configuration(
    write_file: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_file("[station]\nid = 5\n")
    assert main(["migrate", "--config", str(config)]) == 1
    assert capsys.readouterr().err.strip()
