"""Issue 20.2 end to end: a capture answered 409 (the same Idempotency-Key already used with
another amount) in the emulator's strict mode leads to a GET and a settlement from the payment's
real state, never to a blind cancel of the whole reservation. Needs ../shared (the OpenAPI
files); skips cleanly without it."""

from __future__ import annotations

from pathlib import Path

from station_rig import approve, phase, settled, world

from kiosk.core.effects import Operation, idempotency_key
from kiosk.core.state import Phase
from kiosk.payments.client import VippsClient
from kiosk.sandbox.vipps.config import EmulatorConfig


async def test_a_conflicting_capture_settles_from_the_real_payment(
    tmp_path: Path, shared_dir: Path
) -> None:
    config = EmulatorConfig(strict=True, spec_dir=shared_dir / "vipps-api")
    async with world(tmp_path, emulator_config=config) as w, w.station() as station:
        w.sim.car(0).plug(soc_pct=20)
        reference = await approve(w, station)
        state = await phase(station, 1, Phase.CHARGING)
        session_id = state.session_id or ""
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 20, 10)
        # someone (an earlier run of this session) already captured 100 øre with its key
        client = VippsClient.from_settings(w.config_vipps(), w.http)
        key = idempotency_key(session_id, Operation.CAPTURE)
        await client.epayment.capture(reference, 100, idempotency_key=key)
        w.sim.car(0).unplug()
        final = await settled(station, session_id, timeout_s=30)
        payment = w.payment(reference)
        # the station's own capture (a different amount, same key) was a 409: it read the
        # payment, kept the 100 øre really captured (not cancelled as "nothing"), released the
        # rest, and flags the gap to the amount due for the technician
        assert final.captured_ore == payment.captured_value == 100
        assert payment.cancelled_value == payment.authorized_value - 100
        assert final.phase is Phase.ATTENTION
        assert final.attention_reason == "captured amount differs from the amount due"
        assert w.emulator.strict_violations == []
