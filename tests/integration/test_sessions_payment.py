"""Payment outcomes on loopback: declined, expired, cancelled, the cancel/approve race, Vipps
down during settlement, lost answers - nothing reserved stays reserved, nothing is taken twice."""

from __future__ import annotations

from pathlib import Path

from station_rig import approve, check_invariants, pay, phase, settled, until, world

from kiosk.core.effects import Notice
from kiosk.core.state import Phase
from kiosk.sandbox.vipps.payment import PaymentState
from kiosk.station.snapshot import Screen


async def test_declined_payment_ends_with_nothing_reserved(tmp_path: Path) -> None:
    async with world(tmp_path) as w, w.station() as station:
        reference = await pay(w, station)
        assert station.snapshot.connectors[0].qr_text is not None
        w.emulator.decline(reference)
        state = await phase(station, 1, Phase.ENDED)
        assert state.notice is Notice.DECLINED
        assert station.snapshot.connectors[0].screen is Screen.DECLINED
        assert w.payment(reference).state is PaymentState.ABORTED
        await phase(station, 1, Phase.IDLE, timeout_s=5)  # back to the tiles by itself


async def test_expired_payment_ends(tmp_path: Path) -> None:
    async with world(tmp_path) as w, w.station() as station:
        reference = await pay(w, station)
        w.emulator.expire_now(reference)
        state = await phase(station, 1, Phase.ENDED)
        assert state.notice is Notice.EXPIRED
        assert station.snapshot.connectors[0].screen is Screen.EXPIRED


async def test_kiosk_cancel_terminates_the_payment(tmp_path: Path) -> None:
    async with world(tmp_path) as w, w.station() as station:
        reference = await pay(w, station)
        station.cancel(1)
        state = await phase(station, 1, Phase.ENDED)
        assert state.notice is Notice.CANCELLED
        assert w.payment(reference).state is PaymentState.TERMINATED
        assert station.snapshot.connectors[0].screen is Screen.CANCELLED


async def test_nobody_approves_in_time_the_kiosk_cancels(tmp_path: Path) -> None:
    async with world(tmp_path) as w, w.station(approval_timeout_ms=1_500) as station:
        reference = await pay(w, station)
        state = await phase(station, 1, Phase.ENDED)
        assert state.notice is Notice.APPROVAL_TIMEOUT
        assert w.payment(reference).state is PaymentState.TERMINATED
        assert station.snapshot.connectors[0].screen is Screen.EXPIRED


async def test_cancel_racing_an_approval_releases_the_whole_reservation(tmp_path: Path) -> None:
    # the station polls rarely here, so it has not seen the approval when the driver cancels
    async with world(tmp_path) as w, w.station(payment_poll_interval_ms=30_000) as station:
        reference = await pay(w, station)
        w.emulator.approve(reference)
        station.cancel(1)
        state = await phase(station, 1, Phase.ENDED)
        assert state.notice is Notice.RELEASED
        payment = w.payment(reference)
        assert payment.authorized_value == 20_000
        assert payment.cancelled_value == 20_000
        check_invariants(w, reference, 0)


async def test_vipps_down_during_settlement_queues_it_and_settles_when_back(
    tmp_path: Path,
) -> None:
    async with world(tmp_path) as w, w.station() as station:
        w.sim.car(0).plug(soc_pct=20)
        reference = await approve(w, station)
        state = await phase(station, 1, Phase.CHARGING)
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 20, 10)
        w.emulator.faults.error("*", status=503, count=None)
        station.stop(1)
        await station.wait_for(lambda s: len(s.settlement_queue()) == 1, 10)
        # the connector is free again, but no new payment starts while Vipps is down
        await station.wait_for(lambda s: not s.payment_available, 5)
        snapshot = station.snapshot
        assert snapshot.payment_available is False
        assert station.session(1).session_id is None
        assert snapshot.connectors[0].screen is Screen.DONE  # "settles later" for this driver
        station.dismiss(1)
        station.select_connector(1)
        assert station.session(1).phase is not Phase.CHOOSING_BUDGET
        await station.wait_for(
            lambda s: s.snapshot.connectors[0].screen is Screen.PAYMENT_UNAVAILABLE, 5
        )
        assert w.payment(reference).captured_value == 0
        w.emulator.faults.clear()
        final = await settled(station, state.session_id or "", timeout_s=15)
        assert final.phase is Phase.DONE
        check_invariants(w, reference, final.captured_ore)
        await station.wait_for(lambda s: s.payment_available and not s.settlement_queue(), 5)


async def test_lost_capture_answer_is_retried_with_the_same_key(tmp_path: Path) -> None:
    async with world(tmp_path) as w, w.station() as station:
        w.sim.car(0).plug(soc_pct=20)
        reference = await approve(w, station)
        state = await phase(station, 1, Phase.CHARGING)
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 20, 10)
        w.emulator.faults.lose_response("capture", count=3)
        station.stop(1)
        final = await settled(station, state.session_id or "", timeout_s=15)
        assert final.phase is Phase.DONE
        assert final.amount_due is not None
        check_invariants(w, reference, final.amount_due.total_ore)
        await until(lambda: w.emulator.receipt(reference) is not None)


async def test_done_says_what_will_be_charged_while_vipps_is_down_and_paid_once_settled(
    tmp_path: Path,
) -> None:
    """Issue 14: the Done screen of a settlement waiting out an outage is not an empty "Paid":
    it says what will be charged (the amount due) and that the rest will be released; when
    the queued settlement completes, the same held screen shows what was paid."""
    async with world(tmp_path) as w, w.station(done_timeout_ms=30_000) as station:
        w.sim.car(0).plug(soc_pct=20)
        reference = await approve(w, station)
        state = await phase(station, 1, Phase.CHARGING)
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 20, 10)
        w.emulator.faults.error("*", status=503, count=None)
        station.stop(1)
        await station.wait_for(lambda s: len(s.settlement_queue()) == 1, 10)
        held = station.snapshot.connectors[0]
        queued = station.settlement_queue()[0]
        assert queued.amount_due is not None
        assert held.screen is Screen.DONE
        assert held.settlement_pending is True
        assert held.paid_ore is None
        assert held.cost_ore == queued.amount_due.total_ore > 0
        assert held.authorized_ore == 20_000
        w.emulator.faults.clear()
        final = await settled(station, state.session_id or "", timeout_s=15)
        await station.wait_for(lambda s: not s.snapshot.connectors[0].settlement_pending, 5)
        shown = station.snapshot.connectors[0]
        assert shown.screen is Screen.DONE
        assert shown.paid_ore == final.captured_ore == w.payment(reference).captured_value
