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


def test_ocpp_lines_show_the_link_and_never_the_password() -> None:
    from pydantic import SecretStr

    from kiosk.config import MonitoringSettings, OcppSettings, Secrets, StationConfig
    from kiosk.core.central_system import LinkHealth
    from kiosk.service.config_summary import link_text, summary

    base = StationConfig.model_validate(
        {
            "station": {"id": "s1", "name": "S"},
            "connectors": [{"id": 1, "name": "A", "profile": "sim", "host": "127.0.0.1"}],
            "tariff": {"price_ore_per_kwh": 450},
            "vipps": {"merchant_serial_number": "123456"},
        }
    )
    lines = dict(summary(base))
    assert (lines["ocpp"], lines["monitoring"]) == ("off", "off")
    assert "OCPP password" not in lines["secrets"]
    password = "the-basic-auth-password-9"
    config = base.model_copy(
        update={
            "ocpp": OcppSettings(url="wss://csms.example/ocpp", identity="S1"),
            "monitoring": MonitoringSettings(listen_port=9200),
            "secrets": Secrets(ocpp_password=SecretStr(password)),
        }
    )
    lines = dict(summary(config))
    assert lines["ocpp"] == (
        "wss://csms.example/ocpp as S1, security profile 2, heartbeat 300 s, meter values every "
        "60 s, offline after 300 s"
    )
    assert lines["monitoring"] == "/healthz, /metrics on 127.0.0.1:9200"
    assert "OCPP password: set" in lines["secrets"]
    assert all(password not in value for value in lines.values())
    up = LinkHealth(
        connected=True, boot_status="Accepted", last_heartbeat_ms=1_000, queued_events=0
    )
    assert link_text(up, 43_500) == (
        "connected, boot Accepted, last heartbeat 42 s ago, 0 transaction events queued"
    )
    down = LinkHealth(connected=False, boot_status=None, last_heartbeat_ms=None, queued_events=17)
    assert link_text(down, 0) == "NOT connected, no heartbeat yet, 17 transaction events queued"
