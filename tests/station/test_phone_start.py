"""The station's commands for the driver's phone, with fakes: one winner per connector, the
claim ends with the session, the screen cannot take a claimed connector, a phone's Stop is
the screen's stop (recorded as the phone's), and bad asks are refused."""

from __future__ import annotations

from station_fakes import INFO, FakeCharger, FakeGateway, FakeLedger, Log, setup

from kiosk.core.state import Phase, StopReason
from kiosk.station.snapshot import PhoneStartResult
from kiosk.station.station import Station


def _back(session_id: str) -> str:
    return f"https://lade.example.no/s/{session_id}"


async def test_one_winner_and_the_screen_cannot_take_the_claimed_connector() -> None:
    log: Log = []
    charger = FakeCharger(log)
    async with Station(
        INFO, [setup(charger)], ledger=FakeLedger(log), gateway=FakeGateway(log)
    ) as station:
        first = station.start_from_phone(1, 20_000, _back)
        assert first.result is PhoneStartResult.STARTED
        assert station.start_from_phone(1, 20_000, _back).result is PhoneStartResult.BUSY
        station.select_connector(1)
        station.choose_budget(1, 20_000)
        await station.wait_for(lambda s: s.session(1).phase is Phase.AWAITING_APPROVAL, 2)
        state = station.session(1)
        assert state.session_id == first.session_id
        assert state.on_phone
        assert [e for e in log if e == ("call", "create")] == [("call", "create")]


async def test_the_claim_ends_with_the_session_and_a_phone_stop_is_a_stop() -> None:
    log: Log = []
    charger = FakeCharger(log)
    async with Station(
        INFO, [setup(charger)], ledger=FakeLedger(log), gateway=FakeGateway(log)
    ) as station:
        charger.publish("B", 1_000, 0)
        started = station.start_from_phone(1, 20_000, _back)
        assert started.session_id is not None
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHARGING, 3)
        assert not station.stop_from_phone("another-session")
        assert station.stop_from_phone(started.session_id)
        await station.wait_for(lambda s: charger.disabled_at is not None, 2)
        charger.publish("B", 1_000, 0)
        await station.wait_for(lambda s: s.session(1).phase is Phase.DONE, 3)
        final = station.find_session(started.session_id)
        assert final is not None
        assert final[1].stop_reason is StopReason.PHONE
        station.dismiss(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CAR_CONNECTED, 2)
        # at once, well inside the first claim's window: the connector is free again
        assert station.start_from_phone(1, 20_000, _back).result is PhoneStartResult.STARTED
        assert station.find_session(started.session_id) is not None  # still readable


async def test_bad_asks_are_refused() -> None:
    log: Log = []
    charger = FakeCharger(log)
    async with Station(
        INFO, [setup(charger)], ledger=FakeLedger(log), gateway=FakeGateway(log)
    ) as station:
        assert (
            station.start_from_phone(9, 20_000, _back).result is PhoneStartResult.UNKNOWN_CONNECTOR
        )
        assert station.start_from_phone(1, 12_345, _back).result is PhoneStartResult.BAD_AMOUNT
        station.set_out_of_order(1, True)
        assert station.start_from_phone(1, 20_000, _back).result is PhoneStartResult.OUT_OF_ORDER
        assert station.session(1).phase is Phase.IDLE
        assert ("call", "create") not in log
