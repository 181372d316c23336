"""StationViewModel: snapshots become properties and signals; taps become StationControl calls."""

from __future__ import annotations

import dataclasses
import threading

from pytestqt.qtbot import QtBot

from kiosk.core.number_format import NBSP
from kiosk.gui.viewmodels.station_vm import StationViewModel
from kiosk.sandbox.preview.fake_station import FakeStation, base_station, connector_in, scene
from kiosk.station.snapshot import Screen, TariffDisplay


def _plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_overview_properties(qtbot: QtBot) -> None:
    vm = StationViewModel(FakeStation(base_station(3)))
    assert vm.property("screen") == "idle"
    assert vm.property("stationName") == "Ladeskjerm Sentrum"
    assert vm.property("language") == "nb"
    assert vm.property("languageName") == "Norsk"
    assert [lang["code"] for lang in vm.property("languages")] == [
        "nb", "en", "sv", "da", "fi", "de"
    ]  # fmt: skip
    assert _plain(vm.property("pricePerKwhText")) == "kr 4,50/kWh"
    assert _plain(vm.property("startFeeText")) == "kr 5,00"
    assert _plain(vm.property("pricePerMinuteText")) == "kr 0,10/min"
    assert _plain(vm.property("idleFeeText")) == "kr 1,00/min"
    assert vm.property("idleGraceMinutes") == 30
    assert vm.property("multiConnector") is True
    assert len(vm.property("connectors")) == 3
    assert vm.active is None
    assert vm.property("termsQrSource").startswith("image://qr/")


def test_tariff_parts_it_does_not_have_are_empty(qtbot: QtBot) -> None:
    snapshot = dataclasses.replace(base_station(1), tariff=TariffDisplay(price_ore_per_kwh=399))
    vm = StationViewModel(FakeStation(snapshot))
    assert _plain(vm.property("pricePerKwhText")) == "kr 3,99/kWh"
    assert vm.property("startFeeText") == ""
    assert vm.property("pricePerMinuteText") == ""
    assert vm.property("idleFeeText") == ""
    assert vm.property("multiConnector") is False


def test_focus_picks_the_screen_and_active_connector(qtbot: QtBot) -> None:
    fake = FakeStation(base_station(2))
    vm = StationViewModel(fake)
    with qtbot.waitSignal(vm.activeChanged), qtbot.waitSignal(vm.changed):
        fake.select_connector(2)
    assert vm.property("screen") == "budget"
    assert vm.active.property("connectorId") == 2
    with qtbot.waitSignal(vm.activeChanged):
        fake.show_overview()
    assert vm.property("screen") == "idle"
    assert vm.active is None


def test_active_is_never_null_while_a_connector_screen_shows(qtbot: QtBot) -> None:
    fake = FakeStation(scene("charging", connector_count=2))
    vm = StationViewModel(fake)
    seen: list[tuple[str, bool]] = []

    def record() -> None:
        seen.append((vm.property("screen"), vm.active is not None))

    vm.changed.connect(record)
    vm.activeChanged.connect(record)
    fake.show_overview()
    fake.select_connector(1)
    assert all(active for screen, active in seen if screen != "idle")


def test_language_change_is_signalled_and_reformats_money(qtbot: QtBot) -> None:
    fake = FakeStation(base_station(1))
    vm = StationViewModel(fake)
    with qtbot.waitSignal(vm.languageChanged) as blocker:
        fake.set_language("en")
    assert blocker.args == ["en"]
    assert _plain(vm.property("pricePerKwhText")) == "NOK 4.50/kWh"
    assert vm.property("languageName") == "English"
    # The controller returns to the station default after a session: the same path back.
    with qtbot.waitSignal(vm.languageChanged) as blocker:
        fake.publish(dataclasses.replace(fake.snapshot, language=fake.snapshot.default_language))
    assert blocker.args == ["nb"]
    assert _plain(vm.property("pricePerKwhText")) == "kr 4,50/kWh"


def test_no_signal_when_nothing_changed(qtbot: QtBot) -> None:
    fake = FakeStation(base_station(1))
    vm = StationViewModel(fake)
    with qtbot.assertNotEmitted(vm.changed), qtbot.assertNotEmitted(vm.languageChanged):
        fake.publish(fake.snapshot)


def test_taps_are_forwarded(qtbot: QtBot) -> None:
    fake = FakeStation(base_station(2))
    vm = StationViewModel(fake)
    vm.setLanguage("de")
    vm.showOverview()
    assert fake.calls == [("set_language", "de"), ("show_overview",)]


def test_snapshot_from_another_thread_is_applied_on_the_qt_thread(qtbot: QtBot) -> None:
    fake = FakeStation(base_station(1))
    vm = StationViewModel(fake)
    changed = dataclasses.replace(
        fake.snapshot, connectors=(connector_in(Screen.CHARGING),), focused_connector_id=1
    )
    with qtbot.waitSignal(vm.changed, timeout=2000):
        thread = threading.Thread(target=fake.publish, args=(changed,))
        thread.start()
        thread.join()
    assert vm.property("screen") == "charging"


def test_close_unsubscribes(qtbot: QtBot) -> None:
    fake = FakeStation(base_station(1))
    vm = StationViewModel(fake)
    assert fake.subscriber_count == 1
    vm.close()
    assert fake.subscriber_count == 0
