"""Whole paid sessions on loopback: emulator over HTTP, simulator over Modbus TCP, SQLite."""

from __future__ import annotations

from pathlib import Path

from station_rig import approve, check_invariants, phase, settled, world

from kiosk.core.state import Phase, StopReason
from kiosk.persistence import Repository
from kiosk.station.snapshot import Screen

RECEIPT_TEMPLATE = "https://ladeskjerm.example/session/{session_id}"


async def test_happy_path_charges_stops_and_settles_exactly(tmp_path: Path) -> None:
    vipps = {"receipt_url_template": RECEIPT_TEMPLATE}
    async with world(tmp_path, vipps=vipps) as w, w.station() as station:
        w.sim.car(0).plug(soc_pct=20)
        reference = await approve(w, station)
        state = await phase(station, 1, Phase.CHARGING)
        assert state.meter_start_wh is not None
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 40, 10)
        assert station.snapshot.connectors[0].screen is Screen.CHARGING
        station.stop(1)
        final = await settled(station, state.session_id or "")
        assert final.phase is Phase.DONE
        assert final.stop_reason is StopReason.DRIVER
        assert final.amount_due is not None
        assert final.amount_due.total_ore > 0
        check_invariants(w, reference, final.amount_due.total_ore)
        receipt = w.emulator.receipt(reference)
        assert receipt is not None
        assert sum(line["totalAmount"] for line in receipt["orderLines"]) == final.captured_ore
        assert not w.sim.connector(0).enabled
        view = station.snapshot.connectors[0]
        assert view.screen is Screen.DONE
        assert view.paid_ore == final.captured_ore
        assert view.released_ore == final.authorized_ore - final.captured_ore
        category = w.emulator.order_management.orders[("ecom", reference)].category
        assert category is not None
        assert category["orderDetailsUrl"].endswith(final.session_id or "-")
        assert view.receipt_url == category["orderDetailsUrl"]
    async with await Repository.open(w.db_url, "test-station") as repo:
        record = await repo.get_session(final.session_id or "")
        assert record is not None
        assert record.settled_at is not None
        assert record.captured_ore == final.captured_ore
        assert final.measured is not None
        assert record.energy_wh == final.measured.energy_wh
        kinds = [op.kind for op in await repo.operations_for(record.id)]
        assert kinds == ["create", "capture", "cancel", "receipt"]
        assert (await repo.verify_chain()).ok
