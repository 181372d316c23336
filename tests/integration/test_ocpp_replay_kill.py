"""The OCPP outbox replayed to a CSMS (the tests' own, on loopback).

kill -9 during a replay: after a restart every event reaches the CSMS, in order; the only ones
it gets twice are those it had answered in the last moments before the kill and the station
had not yet forgotten (answered events are forgotten in batches): at most two batches, each
resent as the very same JSON, right where the first run stopped. The station's side runs in a
child process (the link and its outbox file, nothing else) that the test kills; the CSMS runs
in the test's process and outlives it. And an event the CSMS refuses (a CallError) is dropped
without holding up the rest."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

from ocpp_test_csms import PASSWORD, own_csms

from kiosk.adapters.ocpp_link import FORGET_BATCH, OcppLink, OcppLinkSettings
from kiosk.adapters.ocpp_outbox import Outbox

EVENTS = 600


class NoCommands:
    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the CSMS sent no command, yet {name} was called")


CHILD = """
import asyncio, sys
from pathlib import Path
from kiosk.adapters.ocpp_link import OcppLink, OcppLinkSettings
from kiosk.adapters.ocpp_outbox import Outbox

class NoCommands:
    def __getattr__(self, name):
        raise AssertionError(f"the CSMS sent no command, yet {name} was called")

async def main():
    settings = OcppLinkSettings(
        url=sys.argv[2], identity="LS-KILL-1", password=sys.argv[3], reconnect_initial_s=0.1
    )
    link = OcppLink(settings, Outbox(Path(sys.argv[1])), NoCommands())
    await link.start()
    await asyncio.Event().wait()

asyncio.run(main())
"""


def events() -> list[dict[str, Any]]:
    found = []
    for number in range(EVENTS):
        transaction, seq = divmod(number, 50)
        found.append(
            {
                "eventType": "Started" if seq == 0 else "Updated",
                "timestamp": "2026-12-02T10:00:00Z",
                "triggerReason": "MeterValuePeriodic",
                "seqNo": seq,
                "offline": True,
                "transactionInfo": {"transactionId": f"tx{transaction:03d}"},
            }
        )
    return found


async def start_child(path: Path, url: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        str(path),
        url,
        PASSWORD,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )


def queued(path: Path) -> int:
    db = sqlite3.connect(path, timeout=10)
    try:
        return int(db.execute("SELECT COUNT(*) FROM ocpp_outbox").fetchone()[0])
    finally:
        db.close()


async def test_a_kill_9_mid_replay_loses_nothing_and_resends_at_most_a_batch(
    tmp_path: Path,
) -> None:
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    await outbox.append_many("TransactionEvent", events(), 1000)
    outbox.close()
    keys = [(e["transactionInfo"]["transactionId"], e["seqNo"]) for e in events()]
    async with own_csms() as csms:
        child = await start_child(path, csms.url)
        try:
            await csms.wait_for(lambda: len(csms.of("TransactionEvent")) >= 250, 60)
        finally:
            child.send_signal(signal.SIGKILL)  # in the middle of the replay
            await child.wait()
        first_run = list(csms.of("TransactionEvent"))
        assert len(first_run) < EVENTS, "the replay ended before the kill: nothing tested"
        child = await start_child(path, csms.url)
        try:
            await csms.wait_for(lambda: len(csms.of("TransactionEvent")) >= EVENTS, 60)
            async with asyncio.timeout(30):
                while queued(path):  # every answered event forgotten
                    await asyncio.sleep(0.05)
        finally:
            child.send_signal(signal.SIGKILL)
            await child.wait()
    received = csms.of("TransactionEvent")
    second_run = received[len(first_run) :]
    got = [(e["transactionInfo"]["transactionId"], e["seqNo"]) for e in received]
    assert [(e["transactionInfo"]["transactionId"], e["seqNo"]) for e in first_run] == keys[
        : len(first_run)
    ]
    # the restart resumes at an event of the first run (or right after it) and goes on in order
    resumed_at = keys.index(got[len(first_run)])
    assert [(e["transactionInfo"]["transactionId"], e["seqNo"]) for e in second_run] == keys[
        resumed_at:
    ]
    resent = len(first_run) - resumed_at
    # the batch being committed, the one being gathered, the call in flight when it died
    assert 0 <= resent <= 2 * FORGET_BATCH + 1
    for again, before in zip(second_run[:resent], first_run[resumed_at:], strict=True):
        assert json.dumps(again, sort_keys=True) == json.dumps(before, sort_keys=True)


async def test_an_event_the_csms_refuses_is_dropped_and_the_rest_still_go(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    await outbox.append_many("TransactionEvent", events()[:120], 1000)
    async with own_csms() as csms:
        csms.refuse = lambda payload: payload["seqNo"] == 7
        link = OcppLink(
            OcppLinkSettings(url=csms.url, identity="LS-REFUSED-1", password=PASSWORD),
            outbox,
            NoCommands(),
        )
        await link.start()
        try:
            await csms.wait_for(lambda: len(csms.of("TransactionEvent")) >= 120, 30)
            async with asyncio.timeout(10):
                while outbox.depth:
                    await asyncio.sleep(0.02)
            assert link.calls_failed == 3  # seqNo 7 of each of the three transactions
            assert link.health().queued_events == 0
        finally:
            await link.aclose()
    got = [(e["transactionInfo"]["transactionId"], e["seqNo"]) for e in csms.of("TransactionEvent")]
    assert got == [(e["transactionInfo"]["transactionId"], e["seqNo"]) for e in events()[:120]]
