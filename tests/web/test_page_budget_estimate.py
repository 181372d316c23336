"""The phone's connector page: the "≈ kWh" of each budget and what it rests on, as the
budget screen says it, also while the site's supply is shared."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.core.number_format import NBSP, NumberFormat
from kiosk.sandbox.preview.fake_station import base_station
from kiosk.station.snapshot import Screen, StationSnapshot
from kiosk.web.catalog import Catalog
from kiosk.web.pages import PageContext, connector_page


def _ctx(language: str) -> PageContext:
    return PageContext(Catalog(language), NumberFormat(language), "Test", ("nb", "en"), "/c/1")


def _page(snapshot: StationSnapshot, language: str = "en") -> str:
    connector = snapshot.connector(1)
    assert connector is not None
    return connector_page(_ctx(language), snapshot, connector, csrf="t").replace(NBSP, " ")


def _shared(snapshot: StationSnapshot, available_w: int | None) -> StationSnapshot:
    connectors = (replace(snapshot.connectors[0], available_power_w=available_w),)
    return replace(snapshot, connectors=connectors)


@pytest.mark.parametrize(
    ("time_price", "available_w", "kwh_350", "note"),
    [
        # 450 øre/kWh, 10 øre/min, kr 5 start fee; the station assumes 11 kW
        (True, None, "68", "≈ kWh if your car charges at 11 kW"),
        # shared: a car starting now gets 6.9 kW, so each kWh takes longer and costs more
        (True, 6900, "64", "Power is shared: ≈ kWh at 6.9 kW"),
        # more than the station assumes anyway (13.8 kW of 22): the estimate stays at 11 kW
        (True, 13800, "68", "≈ kWh if your car charges at 11 kW"),
        # energy only: the power does not change the kWh; the page still says it is shared
        (False, 6900, "77", "The station is sharing power (6.9 kW)"),
        (False, None, "77", None),
    ],
)
def test_the_estimate_follows_the_power_a_car_gets_now(
    time_price: bool, available_w: int | None, kwh_350: str, note: str | None
) -> None:
    snapshot = base_station()
    if not time_price:
        snapshot = replace(snapshot, tariff=replace(snapshot.tariff, price_ore_per_minute=None))
    page = _page(_shared(snapshot, available_w))
    assert 'value="35000"><span class="money">NOK 350</span>' in page
    assert f'<span class="about">≈ {kwh_350} kWh</span>' in page
    if note is None:
        assert 'id="estimate-note"' not in page
    else:
        assert f'<p class="small" id="estimate-note">{note}</p>' in page


def test_the_note_in_norwegian() -> None:
    page = _page(_shared(base_station(), 6900), "nb")
    assert "Effekten deles: ≈ kWh ved 6,9 kW" in page


@pytest.mark.parametrize(("language", "word"), [("en", "Test charge"), ("nb", "Testlading")])
def test_a_connector_running_a_test_charge_says_so_and_takes_no_payment(
    language: str, word: str
) -> None:
    """A test charge (service mode, or the CSMS's RequestStartTransaction): the phone says
    what the screen says, not a vague "In use", and offers no Pay."""
    snapshot = base_station()
    testing = replace(snapshot.connectors[0], screen=Screen.TEST_CHARGE)
    page = _page(replace(snapshot, connectors=(testing,)), language)
    assert f'<p class="state" id="state">{word}</p>' in page
    assert 'value="35000"' not in page
