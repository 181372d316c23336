"""OCPP: a day offline replayed to a real CSMS, and the idle cost of the link (prints figures).

    python -m bench.ocpp_replay [--events 10000] [--idle-s 20]

Needs ``scripts/csms-up`` (``KIOSK_TEST_ARTHEXIS``): arthexis 2.0.0 runs on 127.0.0.1 as in
the tests (``tests/integration/arthexis_csms.py``), on a fresh database.

1. Replay: the outbox holds ``--events`` transaction events (100 sessions of Started, Updated
   with energy and power, Ended; all ``offline``), written before the link starts, as after a
   day without a connection. Figure: the CSMS accepted the first event -> the outbox is empty
   (every event answered), and the rate. Target (PRODUCT.md §9): within 60 s for 10,000.
2. Idle: the link connected, heartbeating, nothing to send, for ``--idle-s``: CPU time of this
   process (utime + stime) per second of wall time. Target: < 1 % of a core. Reference: the
   same process with the link closed for the same time.

Not a test: nothing fails on a missed target.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "integration"))

from arthexis_csms import Arthexis

from kiosk.adapters.ocpp_link import OcppLink, OcppLinkSettings
from kiosk.adapters.ocpp_outbox import Outbox
from kiosk.core.central_system import ResetKind, iso_timestamp, meter_value

IDENTITY = "LS-BENCH-1"


class NoCommands:
    def remote_stop(self, transaction_id: str) -> bool:
        return False

    def remote_start(self, evse_id: int | None, id_token: str) -> bool:
        return False

    def change_availability(self, evse_id: int | None, operative: bool) -> str:
        return "Rejected"

    def reset(self, kind: ResetKind) -> str:
        return "Rejected"

    def after_reset(self) -> None:
        return None

    def show_message(self, text: str | None) -> bool:
        return False

    def trigger_status(self) -> None:
        return None


def day_of_events(count: int, start_ms: int) -> list[dict[str, Any]]:
    per_session = 100
    events: list[dict[str, Any]] = []
    for session in range(max(1, count // per_session)):
        transaction_id = f"bench{session:019d}"
        for seq in range(per_session):
            at_ms = start_ms + (session * per_session + seq) * 8_000
            kind = "Started" if seq == 0 else "Ended" if seq == per_session - 1 else "Updated"
            trigger = {
                "Started": "ChargingStateChanged",
                "Updated": "MeterValuePeriodic",
                "Ended": "StopAuthorized",
            }[kind]
            event: dict[str, Any] = {
                "eventType": kind,
                "timestamp": iso_timestamp(at_ms),
                "triggerReason": trigger,
                "seqNo": seq,
                "offline": True,
                "transactionInfo": {"transactionId": transaction_id},
                "meterValue": [meter_value(at_ms, 1_000_000 + seq * 15, 7_000, "Sample.Periodic")],
            }
            if kind == "Started":
                event["idToken"] = {"idToken": f"ls-{transaction_id}", "type": "Local"}
                event["evse"] = {"id": 1, "connectorId": 1}
            if kind == "Ended":
                event["transactionInfo"]["stoppedReason"] = "Local"
            events.append(event)
    return events[:count]


def cpu_s() -> float:
    times = os.times()
    return times.user + times.system


async def main(events: int, idle_s: float) -> None:
    root = os.environ.get("KIOSK_TEST_ARTHEXIS")
    if not root:
        raise SystemExit("run scripts/csms-up first (KIOSK_TEST_ARTHEXIS unset)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        csms = Arthexis(Path(root), work)
        await csms.start()
        try:
            outbox = Outbox(work / "outbox.sqlite3")
            start_ms = time.time_ns() // 1_000_000 - 86_400_000
            for event in day_of_events(events, start_ms):
                await outbox.append("TransactionEvent", event, start_ms)
            queued = outbox.depth
            settings = OcppLinkSettings(
                url=csms.url, identity=IDENTITY, password=csms.token, heartbeat_s=60
            )
            link = OcppLink(settings, outbox, NoCommands())
            call_s: list[float] = []
            send_item = link._send_item

            async def timed(cp: Any, item: Any) -> None:
                started = time.monotonic()
                await send_item(cp, item)
                call_s.append(time.monotonic() - started)

            link._send_item = timed  # type: ignore[method-assign]
            begun = time.monotonic()
            await link.start()
            try:
                while not link.connected:  # noqa: ASYNC110
                    await asyncio.sleep(0.05)
                connected = time.monotonic()
                while outbox.depth > 0:  # noqa: ASYNC110 - the figure is this moment
                    await asyncio.sleep(0.1)
                done = time.monotonic()
                replay_s = done - connected
                print(
                    f"replay: {queued} queued events accepted in {replay_s:.1f} s after the "
                    f"link was up ({queued / replay_s:.0f} events/s; connect + boot "
                    f"{connected - begun:.1f} s); target: 10,000 within 60 s"
                )
                call_s.sort()
                in_calls = sum(call_s)
                print(
                    "replay: a call (sent -> answered) median "
                    f"{call_s[len(call_s) // 2] * 1000:.0f}"
                    f" ms, p90 {call_s[int(len(call_s) * 0.9)] * 1000:.0f} ms; "
                    f"{in_calls / replay_s * 100:.0f} % of the replay waited for the CSMS"
                )
                received = len(csms.received("TransactionEvent", IDENTITY))
                if os.environ.get("BENCH_KEEP_DB"):
                    import shutil

                    shutil.copy(csms.db_path, os.environ["BENCH_KEEP_DB"])
                print(f"replay: the CSMS recorded {received} transaction events")
                cpu0, wall0 = cpu_s(), time.monotonic()
                await asyncio.sleep(idle_s)
                cpu1, wall1 = cpu_s(), time.monotonic()
                idle = (cpu1 - cpu0) / (wall1 - wall0) * 100
            finally:
                await link.aclose()
            cpu2, wall2 = cpu_s(), time.monotonic()
            await asyncio.sleep(idle_s)
            reference = (cpu_s() - cpu2) / (time.monotonic() - wall2) * 100
            print(
                f"idle: {idle:.2f} % of a core with the link up (reference, link closed: "
                f"{reference:.2f} %); target < 1 %"
            )
        finally:
            await csms.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--idle-s", type=float, default=20.0)
    args = parser.parse_args()
    asyncio.run(main(args.events, args.idle_s))
