"""The station page's database line: the URL as configured, never its password."""

from __future__ import annotations

import pytest

from kiosk.persistence.database import redacted_url
from kiosk.service.config_summary import database_text


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (None, "SQLite file in the data directory"),
        ("", "SQLite file in the data directory"),
        (
            "sqlite:////var/lib/ladeskjerm/kiosk.sqlite3",
            "sqlite:////var/lib/ladeskjerm/kiosk.sqlite3",
        ),
        (
            "postgresql+psycopg://kiosk:hunter2@db.example:5432/kiosk",
            "postgresql+psycopg://kiosk:***@db.example:5432/kiosk",
        ),
        ("not a url", "(unreadable URL)"),
    ],
)
def test_database_text(url: str | None, shown: str) -> None:
    assert database_text(url) == shown


def test_redacted_url_never_shows_the_password() -> None:
    shown = redacted_url("postgresql://u:s3cret@h/db")
    assert shown is not None
    assert "s3cret" not in shown
    assert redacted_url("::") is None
