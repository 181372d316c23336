"""The phone pages' price now and next change (prices by the hour) and the receipt's line
per price period, in every language the pages speak."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.core.number_format import NumberFormat
from kiosk.core.state import Phase, SessionState
from kiosk.core.tariff import Measured, MeterPoint, PriceSlot, TariffSnapshot, amount_due
from kiosk.station.snapshot import ConnectorSnapshot, Screen, TariffDisplay
from kiosk.web.catalog import Catalog
from kiosk.web.pages import PageContext, SessionView, price_change, price_list, receipt

LANGUAGES = ("nb", "en", "sv", "da", "fi", "de")


def _ctx(language: str) -> PageContext:
    return PageContext(Catalog(language), NumberFormat(language), "Test", LANGUAGES, "/s/x")


class _Snapshot:
    def __init__(self, tariff: TariffDisplay) -> None:
        self.tariff = tariff


PERIODS = TariffDisplay(price_ore_per_kwh=390, next_change_at="22:00", next_price_ore_per_kwh=250)


@pytest.mark.parametrize(
    ("language", "days", "line"),
    [
        ("en", 0, "NOK 3.90/kWh until 22:00, then NOK 2.50/kWh"),
        ("nb", 0, "kr 3,90/kWh til 22:00, deretter kr 2,50/kWh"),
        ("nb", 1, "kr 3,90/kWh til i morgen 22:00, deretter kr 2,50/kWh"),
    ],
)
def test_price_now_and_next_change(language: str, days: int, line: str) -> None:
    tariff = replace(PERIODS, next_change_in_days=days)
    html = price_change(_ctx(language), _Snapshot(tariff))  # type: ignore[arg-type]
    shown = html.replace("\u00a0", " ").replace("\u2060", "")
    assert f">{line}</p>" in shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_says_it_in_its_own_words(language: str) -> None:
    ctx = _ctx(language)
    assert ctx.words.has("%1 until %2, then %3")
    assert ctx.words.has("%1 until tomorrow %2, then %3")
    html = price_change(ctx, _Snapshot(PERIODS))  # type: ignore[arg-type]
    assert "22:00" in html
    assert "%" not in html
    assert ctx.numbers.money(390).split()[-1] in html.replace("\u00a0", " ")
    assert ctx.numbers.money(250).split()[-1] in html.replace("\u00a0", " ")


def test_flat_tariff_shows_no_change_line() -> None:
    flat = TariffDisplay(price_ore_per_kwh=390)
    assert price_change(_ctx("nb"), _Snapshot(flat)) == ""  # type: ignore[arg-type]


def test_receipt_has_a_line_per_price_period() -> None:
    # 23:30-00:30 local (UTC+1), across midnight: 23:30-00:00 at kr 3,90, then kr 2,50
    start = 1_796_250_600_000  # 2026-12-02 22:30 UTC
    half = 30 * 60_000
    tariff = TariffSnapshot(
        price_ore_per_kwh=390,
        slots=(
            PriceSlot(start_ms=start - 3_600_000, price_ore_per_kwh=390, utc_offset_min=60),
            PriceSlot(start_ms=start + half, price_ore_per_kwh=250, utc_offset_min=60),
        ),
    )
    points = (
        MeterPoint(start, 1000),
        MeterPoint(start + half, 6000),
        MeterPoint(start + 2 * half, 11000),
    )
    due = amount_due(tariff, Measured(10_000, duration_ms=2 * half, points=points))
    energy = [line for line in due.lines if line.from_ms is not None]
    assert [line.amount_ore for line in energy] == [1950, 1250]
    assert sum(line.amount_ore for line in due.lines) == due.total_ore == 3200
    state = SessionState(connector_id="1", phase=Phase.DONE, tariff=tariff, amount_due=due)
    view = ConnectorSnapshot(connector_id=1, name="1", screen=Screen.DONE)
    html = receipt(_ctx("nb"), SessionView("x", state, view, "1"))
    shown = html.replace("\u00a0", " ")
    assert "Energi 23:30-00:00</th><td>5,00 kWh</td><td>kr 19,50</td>" in shown
    assert "Energi 00:00-00:30</th><td>5,00 kWh</td><td>kr 12,50</td>" in shown
    assert 'id="total">kr 32,00<' in shown


@pytest.mark.parametrize(("language", "row"), [("nb", "Minstepris"), ("de", "Mindestpreis")])
def test_price_list_shows_the_minimum_price(language: str, row: str) -> None:
    ctx = _ctx(language)
    with_minimum = price_list(ctx, _Snapshot(replace(PERIODS, minimum_ore=1500)))  # type: ignore[arg-type]
    assert f'<th scope="row">{row}</th><td>{ctx.numbers.money(1500)}</td>' in with_minimum
    assert row not in price_list(ctx, _Snapshot(PERIODS))  # type: ignore[arg-type]
