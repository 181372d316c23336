"""The optional [site] section: off without it; every bad value named by file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config

GOOD = """
[site]
supply_limit_a = 40
margin_a = 3
fallback_current_a = 20
turn_s = 300
grid_meter = { profile = "eastron-sdm630", host = "127.0.0.1", port = 5030, unit_id = 2 }
"""


def test_without_the_section_there_is_no_sharing(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    assert load_config(write_file(valid_text), env={}).site is None


def test_a_full_section_loads(write_file: Callable[..., Path], valid_text: str) -> None:
    site = load_config(write_file(valid_text + GOOD), env={}).site
    assert site is not None
    assert (site.supply_limit_a, site.margin_a, site.fallback_budget_a) == (40, 3, 20)
    assert site.turn_s == 300
    assert site.grid_meter is not None
    meter = site.grid_meter
    assert (meter.profile, meter.host, meter.port, meter.unit_id) == (
        "eastron-sdm630",
        "127.0.0.1",
        5030,
        2,
    )


def test_without_a_meter_the_chargers_may_use_the_limit_less_the_margin(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    site = load_config(write_file(valid_text + "[site]\nsupply_limit_a = 32\n"), env={}).site
    assert site is not None
    assert (site.margin_a, site.fallback_budget_a, site.grid_meter) == (2, 30, None)


@pytest.mark.parametrize(
    ("change", "field", "line", "words"),
    [
        (("supply_limit_a = 40", "supply_limit_a = 4"), "site.supply_limit_a", 3, "greater than"),
        (("margin_a = 3", "margin_a = 36"), "site.margin_a", 4, "less than 6 A"),
        (
            ("fallback_current_a = 20", "fallback_current_a = 38"),
            "site.fallback_current_a",
            5,
            "at most supply_limit_a - margin_a (37 A)",
        ),
        (("fallback_current_a = 20\n", ""), "site.grid_meter", None, "needs fallback_current_a"),
        (("turn_s = 300", "turn_s = 5"), "site.turn_s", 6, "greater than"),
        (('host = "127.0.0.1", ', ""), "site.grid_meter.host", 7, "required"),
        (("margin_a = 3", "margin = 3"), "site.margin", 4, "unknown setting"),
    ],
)
def test_bad_values_name_file_line_and_field(
    write_file: Callable[..., Path],
    valid_text: str,
    change: tuple[str, str],
    field: str,
    line: int | None,
    words: str,
) -> None:
    path = write_file(valid_text + GOOD.replace(*change))
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    (issue,) = caught.value.issues
    assert issue.field == field
    assert words in issue.message
    if line is not None:
        assert issue.line == len(valid_text.splitlines()) + line
    assert str(issue).startswith(f"{path}:")
