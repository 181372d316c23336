"""A push payment on loopback: the kiosk creates it with the typed phone number, the driver
approves it from the emulator's push inbox (``/phone/push/{msisdn}``), charges, stops, and the
session settles exactly. The full number is nowhere in the database or the logs."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from station_rig import BUDGET_ORE, check_invariants, phase, settled, tap, world

from kiosk.core.state import Phase, StopReason
from kiosk.station.snapshot import Screen

PHONE = "4791234567"
MASKED = "+47 *****567"


async def test_push_payment_is_approved_from_the_phone_charged_and_settled(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with world(tmp_path, vipps={"push_allowed": True}) as w, w.station() as station:
        assert station.snapshot.push_payment_allowed is True
        await station.wait_for(lambda s: s.payment_available, 5)
        w.sim.car(0).plug(soc_pct=20)
        await tap(station, 1)
        station.choose_budget(1, BUDGET_ORE, PHONE)
        state = await phase(station, 1, Phase.AWAITING_APPROVAL)
        reference = state.reference or ""
        payment = w.payment(reference)
        assert payment.user_flow == "PUSH_MESSAGE"
        assert payment.customer_phone == PHONE
        assert payment.amount_value == BUDGET_ORE
        pay = station.snapshot.connectors[0]
        assert pay.screen is Screen.PAY
        assert pay.qr_text is None
        assert pay.phone_number == MASKED

        # the driver's phone: the push inbox lists the payment; approve it there
        base = w.server.base_url
        inbox = await w.http.get(f"{base}/phone/push/{PHONE}")
        assert inbox.status_code == 200
        tokens = re.findall(r"href='/phone\?token=([^']+)'", inbox.text)
        assert len(tokens) == 1
        approved = await w.http.post(f"{base}/phone/approve", data={"token": tokens[0]})
        assert approved.status_code in (200, 303)
        empty = await w.http.get(f"{base}/phone/push/{PHONE}")
        assert "token=" not in empty.text  # no longer waiting

        state = await phase(station, 1, Phase.CHARGING)
        await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 40, 10)
        station.stop(1)
        final = await settled(station, state.session_id or "")
        assert final.phase is Phase.DONE
        assert final.stop_reason is StopReason.DRIVER
        assert final.amount_due is not None
        assert final.captured_ore == final.amount_due.total_ore > 0
        check_invariants(w, reference, final.amount_due.total_ore)
        done = station.snapshot.connectors[0]
        assert done.screen is Screen.DONE
        assert done.paid_ore == final.captured_ore
        assert done.phone_number is None
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("station.sqlite3*"))
    assert stored
    assert PHONE.encode() not in stored
    assert MASKED.encode() in stored  # the state and the create's record say where it went
    # only the test's own visits to the phone's inbox name the number (httpx logs URLs)
    leaked = [r.getMessage() for r in caplog.records if PHONE in r.getMessage()]
    assert leaked
    assert [m for m in leaked if f"/phone/push/{PHONE}" not in m] == []
