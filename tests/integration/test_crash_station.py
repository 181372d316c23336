"""kill -9 the headless station at many points of a session and start it again: every session
ends settled, with exactly one capture of the amount due and the rest cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from station_harness import harness
from station_rig import BUDGET_ORE, check_invariants, world

from kiosk.sandbox.vipps.payment import PaymentState

SOME_ENERGY_WH = 20  # above the 10 Wh below which nothing is captured, far from the budget
POINTS = [
    "before:create",
    "after:create",
    "charging",
    "before:capture",
    "after:capture",
    "after:cancel",
    "before:receipt",
]


@pytest.mark.parametrize("point", POINTS)
async def test_kill_9_and_restart_settles_exactly_once(tmp_path: Path, point: str) -> None:
    async with world(tmp_path) as w:
        w.sim.car(0).plug(soc_pct=20)
        pause_at = None if point == "charging" else point
        async with harness(w, tmp_path, pause_at) as station:
            station.send("tap 1")
            await station.expect(lambda line: line.get("phase") == "choosing_budget")
            station.send(f"budget 1 {BUDGET_ORE}")
            if point.endswith(":create"):
                await station.expect(lambda line: line.get("point") == point)
            else:
                awaiting = await station.expect(
                    lambda line: line.get("phase") == "awaiting_approval"
                )
                w.emulator.approve(awaiting["reference"])
                await station.charged(SOME_ENERGY_WH)
                if point != "charging":
                    station.send("stop 1")
                    await station.expect(lambda line: line.get("point") == point)
            await station.kill()
        references = list(w.emulator.payments)
        assert len(references) <= 1
        async with harness(w, tmp_path) as station:
            if point == "charging":
                resumed = await station.expect(lambda line: line.get("phase") == "charging")
                assert resumed["reference"] == references[0]
                station.send("stop 1")
            if references:
                settled = await station.expect(lambda line: "settled" in line, timeout_s=20)
                reference = references[0]
                payment = w.payment(reference)
                if payment.state is PaymentState.AUTHORIZED:
                    check_invariants(w, reference, settled["due"])
                    assert settled["captured"] == settled["due"]
                    assert settled["due"] > 0  # approved and charged before the kill
                else:
                    assert payment.captured_value == 0
                    assert settled["phase"] == "ended"
