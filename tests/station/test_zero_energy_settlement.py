"""A session that delivered no energy settles as soon as the emulator confirmed the cancel.

Real station, real ``VippsPayments`` on the emulator in-process, the charger simulator on a
manual clock (``emulator_station``). The station's clock stands still for the whole session,
so no ``Tick`` (heartbeat, poll time, retry back-off) ever comes: DONE must follow from the
outcomes alone - Stop, the charger's read-back, the cancel's answer, the verifying GET.
"""

from __future__ import annotations

from emulator_station import emulator_station

from kiosk.core.state import Phase
from kiosk.sandbox.vipps.payment import EventName
from kiosk.station.snapshot import Screen

BUDGET_ORE = 20_000


def _types(journal: list[dict[str, object]]) -> list[object]:
    return [entry["type"] for entry in journal]


async def test_zero_energy_reaches_done_on_the_cancel_answer_without_any_tick() -> None:
    async with emulator_station() as world:
        station, log = world.station, world.log
        world.sim.car(0).plug(soc_pct=20)
        world.sim.car(0).pause()  # plugged, but takes nothing
        await station.wait_for(lambda s: s.session(1).phase is Phase.CAR_CONNECTED, 5)
        station.select_connector(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.CHOOSING_BUDGET, 5)
        station.choose_budget(1, BUDGET_ORE)
        await station.wait_for(lambda s: s.session(1).phase is Phase.AWAITING_APPROVAL, 5)
        reference = station.session(1).reference
        assert reference is not None
        world.emulator.approve(reference)
        station.poke_payment(reference)  # as a webhook would: the clock does not move
        await station.wait_for(
            lambda s: s.session(1).phase in (Phase.CHARGING, Phase.CAR_PAUSED), 5
        )
        journal_at_stop, log_at_stop = len(world.ledger.journal), len(log)

        station.stop(1)
        await station.wait_for(lambda s: s.session(1).phase is Phase.DONE, 5)

        final = station.session(1)
        after_stop = _types(world.ledger.journal[journal_at_stop:])
        calls_after_stop = [what for kind, what in log[log_at_stop:] if kind == "call"]
        done_view = station.snapshot.connectors[0]

    assert final.delivered_wh == 0
    assert final.amount_due is None
    assert (final.captured_ore, final.cancelled_ore) == (0, BUDGET_ORE)
    # Stop, the read-back showing the car not drawing, the cancel's answer, the GET's answer:
    assert after_stop == ["StopRequested", "ChargerReading", "CancelSucceeded", "PaymentStatus"]
    assert "Tick" not in _types(world.ledger.journal)
    # one cancel, then exactly one GET (the check); nothing captured, no receipt
    assert calls_after_stop == ["cancel", "get"]
    succeeded = [e.name for e in world.emulator.events(reference) if e.success]
    assert EventName.CANCELLED in succeeded
    assert EventName.CAPTURED not in succeeded
    assert world.emulator.receipt(reference) is None
    assert done_view.screen is Screen.DONE
    assert (done_view.paid_ore, done_view.released_ore) == (0, BUDGET_ORE)
