"""ConnectorViewModel: one connector's snapshot as preformatted text; taps forwarded."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.number_format import NBSP, NumberFormat
from kiosk.core.state import StopReason
from kiosk.gui.viewmodels.connector_vm import STOP_WORD, TILE_STATE, ConnectorViewModel
from kiosk.gui.viewmodels.qr_image import decode_id
from kiosk.sandbox.preview.fake_station import RECEIPT_URL, SESSION_URL, FakeStation, scene
from kiosk.station.snapshot import Screen, Why


def _vm(name: str, lang: str = "nb") -> tuple[FakeStation, ConnectorViewModel]:
    fake = FakeStation(scene(name, language=lang))
    vm = ConnectorViewModel(fake, 1)
    vm.apply(fake.snapshot, NumberFormat(lang))
    return fake, vm


def _p(vm: ConnectorViewModel, key: str) -> str:
    value = vm.property(key)
    assert isinstance(value, str)
    return value.replace(NBSP, " ")


def test_charging_figures(qtbot: QtBot) -> None:
    _, vm = _vm("charging")
    assert vm.property("screen") == "charging"
    assert vm.property("tileState") == "charging"
    assert vm.property("why") == "charging"
    assert _p(vm, "energyText") == "12,35 kWh"
    assert _p(vm, "powerText") == "7,4 kW"
    assert _p(vm, "elapsedText") == "1:02:03"
    assert _p(vm, "costText") == "kr 64,26"
    assert _p(vm, "budgetLeftText") == "kr 285,74"
    assert _p(vm, "authorizedText") == "kr 350,00"
    assert vm.property("budgetUsedFraction") == pytest.approx(6426 / 35000)


def test_english_formatting(qtbot: QtBot) -> None:
    _, vm = _vm("charging", "en")
    assert _p(vm, "costText") == "NOK 64.26"
    assert _p(vm, "energyText") == "12.35 kWh"


def test_unknown_readings_are_blank_not_zero(qtbot: QtBot) -> None:
    fake, vm = _vm("charging")
    connector = dataclasses.replace(fake.snapshot.connectors[0], power_w=None, energy_wh=None)
    vm.apply(dataclasses.replace(fake.snapshot, connectors=(connector,)), NumberFormat("nb"))
    assert vm.property("powerText") == ""
    assert vm.property("energyText") == ""


def test_pay_qr_carries_the_payment_url(qtbot: QtBot) -> None:
    fake, vm = _vm("pay")
    source = _p(vm, "qrSource")
    assert source.startswith("image://qr/")
    assert decode_id(source.removeprefix("image://qr/")) == fake.snapshot.connectors[0].qr_text
    assert _p(vm, "budgetText") == "kr 350"
    assert _p(vm, "countdownText") == "4:47"


def test_done_amounts_and_receipt(qtbot: QtBot) -> None:
    _, vm = _vm("done")
    assert _p(vm, "paidText") == "kr 120,95"
    assert _p(vm, "releasedText") == "kr 229,05"
    assert vm.property("hasReleased") is True
    assert vm.property("receiptUrl") == RECEIPT_URL
    assert vm.property("stopReason") == "driver"


def test_changed_only_when_a_value_changes(qtbot: QtBot) -> None:
    fake, vm = _vm("charging")
    with qtbot.assertNotEmitted(vm.changed):
        vm.apply(fake.snapshot, NumberFormat("nb"))
    connector = dataclasses.replace(fake.snapshot.connectors[0], why=Why.CAR_FULL)
    with qtbot.waitSignal(vm.changed):
        vm.apply(dataclasses.replace(fake.snapshot, connectors=(connector,)), NumberFormat("nb"))
    assert vm.property("why") == "car_full"


def test_every_screen_has_a_tile_state() -> None:
    assert set(TILE_STATE) == set(Screen)


DONE_SCREEN = Path(__file__).resolve().parents[2] / "ui" / "Kiosk" / "DoneScreen.qml"


@pytest.mark.parametrize(
    ("reason", "word"),
    [
        (StopReason.DRIVER, "driver"),
        (StopReason.TECHNICIAN, "technician"),
        (StopReason.STATION_INPUT, "station"),
        (StopReason.RECOVERY, "station"),
        (StopReason.BUDGET_REACHED, "budget_reached"),
        (StopReason.CAR_FULL, "car_full"),
        (StopReason.UNPLUGGED, "unplugged"),
        (StopReason.CHARGER_FAULT, "fault"),
        (StopReason.CHARGER_UNREACHABLE, "fault"),
        (StopReason.STOP_UNCONFIRMED, "fault"),
        (StopReason.PLUG_IN_TIMEOUT, ""),
        (StopReason.CANCELLED, ""),
    ],
)
def test_stop_reason_reads_as_the_done_screens_word(
    qtbot: QtBot, reason: StopReason, word: str
) -> None:
    fake, vm = _vm("done")
    connector = dataclasses.replace(fake.snapshot.connectors[0], stop_reason=reason)
    vm.apply(dataclasses.replace(fake.snapshot, connectors=(connector,)), NumberFormat("nb"))
    assert vm.property("stopReason") == word


def test_every_stop_word_has_a_sentence_on_the_done_screen() -> None:
    known = set(re.findall(r'case "(\w+)":', DONE_SCREEN.read_text()))
    assert set(STOP_WORD) == set(StopReason)
    assert {word for word in STOP_WORD.values() if word} <= known


@pytest.mark.parametrize(
    ("slot", "call"),
    [
        ("select", "select_connector"),
        ("cancel", "cancel"),
        ("stop", "stop"),
        ("dismiss", "dismiss"),
    ],
)
def test_taps_are_forwarded(qtbot: QtBot, slot: str, call: str) -> None:
    fake, vm = _vm("charging")
    getattr(vm, slot)()
    assert fake.calls[0] == (call, 1)


def test_charging_shows_the_follow_on_phone_code_of_the_session_page(qtbot: QtBot) -> None:
    fake, vm = _vm("charging")
    source = vm.property("followQrSource")
    assert decode_id(source.removeprefix("image://qr/")) == SESSION_URL
    done = dataclasses.replace(fake.snapshot.connectors[0], screen=Screen.DONE)
    vm.apply(dataclasses.replace(fake.snapshot, connectors=(done,)), NumberFormat("nb"))
    assert vm.property("followQrSource") == ""  # the done screen shows the receipt's code


def test_a_payment_begun_on_a_phone_shows_no_code_at_the_station(qtbot: QtBot) -> None:
    _, vm = _vm("pay_on_phone")
    assert vm.property("onPhone") is True
    assert vm.property("qrSource") == ""
    _, kiosk = _vm("pay")
    assert kiosk.property("onPhone") is False


@pytest.mark.parametrize(
    ("name", "problem", "pending", "failure"),
    [
        ("charging", False, False, ""),
        ("charging_station_problem", True, False, ""),
        ("done", False, False, ""),
        ("done_pending", False, True, ""),
        ("fault", False, False, "charger_not_responding"),
        ("fault_charger", False, False, "charger_fault"),
    ],
)
def test_the_truth_when_things_break(
    qtbot: QtBot, name: str, problem: bool, pending: bool, failure: str
) -> None:
    _, vm = _vm(name)
    assert vm.property("stationProblem") is problem
    assert vm.property("settlementPending") is pending
    assert vm.property("failure") == failure
    if pending:
        assert vm.property("paidText") == ""  # nothing paid yet: no empty "Paid"
        assert _p(vm, "costText") == "kr 120,95"  # what will be charged
