"""``[[tariff.periods]]`` and ``[tariff.spot]``: parsed into weekly periods, and every gap or
overlap of the week reported by ``kiosk check-config`` at its period's line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import ConfigError, load_config
from kiosk.core.schedule import WeeklyPeriod

PERIODS = """\
[tariff]
currency = "NOK"
time_zone = "Europe/Oslo"
minimum_ore = 1000

[[tariff.periods]]
name = "day"
days = ["mon-fri"]
start = "06:00"
end = "22:00"
price_ore_per_kwh = 390

[[tariff.periods]]
name = "weekend"
days = ["sat", "sun"]
start = "06:00"
end = "22:00"
spot = true
price_ore_per_minute = 2

[[tariff.periods]]
name = "night"
days = ["mon-sun"]
start = "22:00"
end = "06:00"
price_ore_per_kwh = 250

[tariff.spot]
source = "spot.json"
fallback_ore_per_kwh = 300
factor_bp = 12500
margin_ore_per_kwh = 40
"""


def with_tariff(valid_text: str, tariff: str) -> str:
    head, rest = valid_text.split("[tariff]\nprice_ore_per_kwh = 450\n")
    return head + rest + "\n" + tariff


def test_periods_load_as_weekly_periods(write_file: Callable[..., Path], valid_text: str) -> None:
    config = load_config(write_file(with_tariff(valid_text, PERIODS)))
    tariff = config.tariff
    assert tariff.sliced
    assert tariff.weekly_periods() == (
        WeeklyPeriod("day", (0, 1, 2, 3, 4), 360, 1320, 390),
        WeeklyPeriod("weekend", (5, 6), 360, 1320, 0, 2, spot=True),
        WeeklyPeriod("night", (0, 1, 2, 3, 4, 5, 6), 1320, 360, 250),
    )
    assert tariff.spot is not None
    assert tariff.spot.rule().price_ore_per_kwh(100) == 165
    assert tariff.snapshot().minimum_ore == 1000


def test_flat_tariff_is_unchanged(write_file: Callable[..., Path], valid_text: str) -> None:
    tariff = load_config(write_file(valid_text)).tariff
    assert not tariff.sliced
    assert tariff.snapshot().price_ore_per_kwh == 450
    assert tariff.snapshot().slots == ()


def lines_of(text: str, needle: str) -> list[int]:
    return [number for number, line in enumerate(text.splitlines(), 1) if needle in line]


def test_check_config_reports_overlaps_and_gaps_at_their_period(
    write_file: Callable[..., Path], valid_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = PERIODS.replace('days = ["mon-fri"]', 'days = ["mon-thu"]').replace(
        'start = "22:00"', 'start = "21:00"'
    )
    text = with_tariff(valid_text, broken)
    path = write_file(text)
    assert main(["check-config", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    headers = lines_of(text, "[[tariff.periods]]")
    day, weekend, night = headers
    assert (
        f"{path}:{night}: tariff.periods[2]: periods #1 and #3 overlap at mon 21:00-mon 22:00"
        in err
    )
    assert f"{path}:{night}: tariff.periods[2]: fri 06:00-fri 21:00 is in no period" in err
    assert (
        f"{path}:{night}: tariff.periods[2]: periods #2 and #3 overlap at sat 21:00-sat 22:00"
        in err
    )
    assert len(err) == 4 + 1 + 2  # mon..thu and sat, sun overlaps; the friday gap
    assert day < weekend < night


def test_a_gap_is_reported_after_the_period_it_follows(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    text = with_tariff(valid_text, PERIODS.replace('end = "06:00"', 'end = "05:00"'))
    path = write_file(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    night = lines_of(text, "[[tariff.periods]]")[2]
    first = caught.value.issues[0]
    assert (first.line, first.field, first.message) == (
        night,
        "tariff.periods[2]",
        "mon 05:00-mon 06:00 is in no period",
    )
    assert len(caught.value.issues) == 7


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            ('time_zone = "Europe/Oslo"', 'time_zone = "Europe/Olso"'),
            "tariff.time_zone",
            "unknown time zone",
        ),
        (('start = "06:00"', 'start = "6am"'), "tariff.periods[0].start", "String should match"),
        (
            ('days = ["sat", "sun"]', 'days = ["sa"]'),
            "tariff.periods[1].days[0]",
            "String should match",
        ),
        (
            ('source = "spot.json"\n', 'source = "spot.json"\nceiling_ore_per_kwh = -1\n'),
            "tariff.spot.ceiling_ore_per_kwh",
            "greater than",
        ),
    ],
)
def test_bad_period_settings(
    write_file: Callable[..., Path],
    valid_text: str,
    change: tuple[str, str],
    field: str,
    message: str,
) -> None:
    text = with_tariff(valid_text, PERIODS.replace(*change, 1))
    with pytest.raises(ConfigError) as caught:
        load_config(write_file(text))
    assert [issue.field for issue in caught.value.issues] == [field]
    assert message in caught.value.issues[0].message


def test_a_spot_period_needs_the_spot_section(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    text = with_tariff(valid_text, PERIODS.split("[tariff.spot]")[0])
    with pytest.raises(ConfigError) as caught:
        load_config(write_file(text))
    assert [issue.field for issue in caught.value.issues] == ["tariff.spot"]


def test_the_example_file_s_periods_are_valid_when_uncommented(
    example_file: Path, write_file: Callable[..., Path]
) -> None:
    lines = example_file.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# --- prices by the hour"))
    end = next(i for i, line in enumerate(lines) if line.startswith("# --- end of prices"))
    for index in range(start + 1, end):
        line = lines[index]
        if line.startswith("# ") and (" = " in line or line.startswith("# [")):
            lines[index] = line[2:]
    tariff = load_config(write_file("\n".join(lines) + "\n")).tariff
    assert [period.name for period in tariff.periods] == ["day", "night", "weekend"]
    assert tariff.spot is not None
    assert tariff.spot.ceiling_ore_per_kwh == 900


def test_a_budget_below_the_minimum_price_is_refused(
    write_file: Callable[..., Path], valid_text: str
) -> None:
    text = valid_text.replace(
        "price_ore_per_kwh = 450", "price_ore_per_kwh = 450\nminimum_ore = 6000"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(write_file(text))
    assert [(issue.field, issue.message) for issue in caught.value.issues] == [
        ("budget", "a budget of 5000 øre is below the tariff's minimum_ore (6000)")
    ]
