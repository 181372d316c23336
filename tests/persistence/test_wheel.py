"""The built wheel carries the Alembic migrations (env.py, the template and every version)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_ships_the_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    base = "kiosk/persistence/migrations/"
    assert {base + "env.py", base + "script.py.mako"} <= names
    versions = sorted((REPO / base / "versions").glob("*.py"))
    assert versions
    for version in versions:
        assert f"{base}versions/{version.name}" in names
