"""The phone page's why line says what the charging screen says, shared power included."""

from __future__ import annotations

import pytest

from kiosk.core.number_format import NumberFormat
from kiosk.station.snapshot import ConnectorSnapshot, Screen, Why
from kiosk.web.catalog import Catalog
from kiosk.web.pages import PageContext, why_text


def _ctx(language: str) -> PageContext:
    return PageContext(Catalog(language), NumberFormat(language), "Test", ("nb", "en"), "/s/x")


@pytest.mark.parametrize(
    ("language", "why", "shared_w", "line"),
    [
        ("en", Why.STATION_LIMITING, 6900, "The station is sharing power (6.9\u00a0kW)"),
        ("nb", Why.STATION_LIMITING, 6900, "Stasjonen deler effekten (6,9\u00a0kW)"),
        ("en", Why.STATION_LIMITING, None, "The station is limiting power right now"),
        ("en", Why.CHARGING, None, "Charging"),
        ("en", None, None, ""),
    ],
)
def test_why_line(language: str, why: Why | None, shared_w: int | None, line: str) -> None:
    view = ConnectorSnapshot(1, "A", Screen.CHARGING, why=why, shared_power_w=shared_w)
    assert why_text(_ctx(language), view) == line
