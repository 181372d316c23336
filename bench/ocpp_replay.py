"""OCPP: a day offline replayed to a CSMS, where the time goes, and the idle cost of the link.

    python -m bench.ocpp_replay [--csms own arthexis arthexis-tests] [--events 10000]
                                [--idle-s 20]

CSMSs (each on 127.0.0.1, a fresh one per run):

* ``own``: the tests' own CSMS (``tests/integration/ocpp_test_csms.py``, the ``ocpp``
  library's server side) in a child process (``bench/ocpp_csms.py``). It answers at once, so
  the rate against it is the station's own ceiling.
* ``arthexis``: arthexis 2.0.0 (needs ``scripts/csms-up``, ``KIOSK_TEST_ARTHEXIS``) as one
  would deploy it on one machine: its settings with the SQLite database in WAL mode
  (``synchronous=NORMAL``, Django's documented ``init_command``; a settings module of our
  own that imports arthexis's, arthexis's code unchanged), DEBUG off, daphne at verbosity 0,
  the in-memory channel layer (one daphne process; no Redis).
* ``arthexis-tests``: arthexis exactly as the integration tests start it (SQLite in its
  default rollback-journal mode with ``synchronous=FULL``, a Redis channel layer, daphne's
  default access log).

1. Replay: the outbox holds ``--events`` transaction events (sessions of 100 events: Started,
   Updated with energy and power, Ended; all ``offline``), written before the link starts, as
   after a day without a connection. Figure: link up -> the outbox empty (every event
   answered), and the rate. Target (PRODUCT.md §9, issue 17): 10,000 within 60 s. Where each
   call's time goes, from timestamps on the link's WebSocket: the CSMS's share (request sent
   -> answer received) and the station's share (answer received -> next request sent: the
   outbox read, marking answered events, building and framing the next call). For arthexis
   also its own handling time as it records it (``received_at`` -> ``completed_at`` of each
   inbound request), and that it stored every event once.
2. Idle: the link connected, nothing to send, a heartbeat every 5 s (set through the device
   model, as a CSMS may; the CSMSs here ask for 300 s) and the WebSocket's ping every 20 s,
   for ``--idle-s``: CPU time of this process (utime + stime) per second of wall time. Target:
   < 1 % of a core. Reference: the same process with the link closed for the same time.

Not a test: nothing fails on a missed target.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "integration"))

from arthexis_csms import Arthexis

from bench.figures import percentile
from kiosk.adapters import ocpp_link
from kiosk.adapters.ocpp_link import OcppLink, OcppLinkSettings
from kiosk.adapters.ocpp_outbox import Outbox
from kiosk.core.central_system import ResetKind, iso_timestamp, meter_value

IDENTITY = "LS-BENCH-1"
IDLE_HEARTBEAT_S = 5
CSMS_KINDS = ("own", "arthexis", "arthexis-tests")
ROOT = Path(__file__).resolve().parent.parent

_PRODUCTION_SETTINGS = """
from arthexis.settings import *  # noqa: F403 - arthexis's own settings, then deployment choices

DEBUG = False
DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405 - one connection per thread, kept
DATABASES["default"]["OPTIONS"] = {  # noqa: F405
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
"""


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


def day_of_events(count: int, start_ms: int, prefix: str = "bench") -> list[dict[str, Any]]:
    per_session = 100
    events: list[dict[str, Any]] = []
    for session in range(max(1, -(-count // per_session))):
        transaction_id = f"{prefix}{session:019d}"
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


class CallClock:
    """perf_counter of every call the link sends and of the answer to it (by message id; one
    call in flight at a time): the CSMS's and the station's share of each call."""

    def __init__(self) -> None:
        self.sent: dict[str, float] = {}
        self.answered: dict[str, float] = {}
        self.enabled = False
        cls = ocpp_link._StationChargePoint
        send, route = cls._send, cls.route_message
        clock = self

        async def timed_send(cp: Any, message: str) -> None:
            if clock.enabled:
                kind, unique_id = json.loads(message)[:2]
                if kind == 2:  # a CALL of ours (not an answer to one of the CSMS's)
                    clock.sent[unique_id] = time.perf_counter()
            await send(cp, message)

        async def timed_route(cp: Any, raw: str) -> None:
            if clock.enabled:
                at = time.perf_counter()
                kind, unique_id = json.loads(raw)[:2]
                if kind in (3, 4):
                    clock.answered[unique_id] = at
            await route(cp, raw)

        cls._send = timed_send
        cls.route_message = timed_route

    def shares_ms(self) -> tuple[list[float], list[float]]:
        """(CSMS: sent -> answered, station: answered -> next sent), per call, in ms."""
        calls = sorted(
            (sent, self.answered[key]) for key, sent in self.sent.items() if key in self.answered
        )
        csms = [(answered - sent) * 1000 for sent, answered in calls]
        station = [
            (calls[i + 1][0] - answered) * 1000 for i, (_, answered) in enumerate(calls[:-1])
        ]
        return csms, station


def _ms(values: list[float]) -> str:
    if not values:
        return "-"
    return f"p50 {percentile(values, 50):.2f} ms, p90 {percentile(values, 90):.2f} ms"


class Csms:
    """One CSMS for a run: its URL and password, and what it can tell about itself."""

    url: str
    password: str

    def summary(self, identity: str) -> str:
        return ""


class OwnCsmsChild(Csms):
    def __init__(self, process: asyncio.subprocess.Process, url: str, password: str) -> None:
        self.process = process
        self.url = url
        self.password = password
        self.last: dict[str, Any] = {}

    async def ask(self) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(b"report\n")
        await self.process.stdin.drain()
        self.last = json.loads(await self.process.stdout.readline())
        return self.last

    def summary(self, identity: str) -> str:
        r = self.last
        return (
            f"the CSMS got {r['count']} TransactionEvent calls, {r['distinct']} distinct "
            f"(transaction, seqNo), {r['out_of_order']} out of order; its handling per call "
            f"p50 {r['handling_ms']['p50']:.2f} ms, p99 {r['handling_ms']['p99']:.2f} ms"
        )


@asynccontextmanager
async def own_csms_child() -> AsyncIterator[OwnCsmsChild]:
    """``bench/ocpp_csms.py`` in a child process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{env.get('PYTHONPATH', '')}"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.ocpp_csms",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        hello = json.loads(await process.stdout.readline())
        yield OwnCsmsChild(process, hello["url"], hello["password"])
    finally:
        if process.stdin is not None:
            process.stdin.close()
        try:
            async with asyncio.timeout(10):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()


class DeployedArthexis(Arthexis):
    """arthexis with deployment settings (see the module docstring); tests' variant: as is."""

    def __init__(self, root: Path, workdir: Path, production: bool) -> None:
        super().__init__(root, workdir)
        self.production = production
        if production:
            (workdir / "ladeskjerm_bench_settings.py").write_text(_PRODUCTION_SETTINGS)

    async def _start_redis(self) -> None:
        if not self.production:
            await super()._start_redis()

    def _env(self) -> dict[str, str]:
        env = super()._env()
        if self.production:
            env["DJANGO_SETTINGS_MODULE"] = "ladeskjerm_bench_settings"
            env["PYTHONPATH"] = str(self.workdir)
        return env

    def daphne_args(self) -> list[str]:
        return ["-v", "0"] if self.production else []

    def handling_ms(self) -> list[float]:
        rows = self.rows(
            "SELECT received_at, completed_at FROM ocpp_inboundprotocolrequest"
            " WHERE action = 'TransactionEvent' AND completed_at IS NOT NULL"
        )
        parse = dt.datetime.fromisoformat
        return [(parse(b) - parse(a)).total_seconds() * 1000 for a, b in rows]

    def summary(self, identity: str) -> str:
        events = self.received("TransactionEvent", identity)
        keys = {(e["transactionInfo"]["transactionId"], e["seqNo"]) for e in events}
        return (
            f"arthexis recorded {len(events)} TransactionEvent calls, {len(keys)} distinct "
            f"(transaction, seqNo); its handling per call (received_at -> completed_at) "
            f"{_ms(self.handling_ms())}"
        )


@asynccontextmanager
async def csms_for(kind: str, work: Path) -> AsyncIterator[Csms]:
    if kind == "own":
        async with own_csms_child() as child:
            yield child
        return
    root = os.environ.get("KIOSK_TEST_ARTHEXIS")
    if not root:
        raise SystemExit("run scripts/csms-up first (KIOSK_TEST_ARTHEXIS unset)")
    arthexis = DeployedArthexis(Path(root), work, production=kind == "arthexis")
    await arthexis.start()
    try:
        arthexis.password = arthexis.token
        yield arthexis  # type: ignore[misc]
    finally:
        await arthexis.close()


async def replay(kind: str, events: int, idle_s: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        async with csms_for(kind, work) as csms:
            outbox = Outbox(work / "outbox.sqlite3")
            start_ms = time.time_ns() // 1_000_000 - 86_400_000
            await outbox.append_many("TransactionEvent", day_of_events(events, start_ms), start_ms)
            queued = outbox.depth
            settings = OcppLinkSettings(
                url=csms.url, identity=IDENTITY, password=csms.password, heartbeat_s=60
            )
            link = OcppLink(settings, outbox, NoCommands())
            clock = CallClock()
            begun = time.monotonic()
            await link.start()
            try:
                while not link.connected:  # noqa: ASYNC110
                    await asyncio.sleep(0.01)
                connected = time.monotonic()
                clock.enabled = True
                cpu0 = cpu_s()
                while outbox.depth > 0:  # noqa: ASYNC110 - the figure is this moment
                    await asyncio.sleep(0.02)
                done = time.monotonic()
                clock.enabled = False
                replay_cpu = cpu_s() - cpu0
                replay_s = done - connected
                print(
                    f"[{kind}] replay: {queued} queued events accepted in {replay_s:.1f} s "
                    f"after the link was up ({queued / replay_s:.0f} events/s; connect + boot "
                    f"{connected - begun:.1f} s; 10,000 would take "
                    f"{10_000 / (queued / replay_s):.0f} s); target: 10,000 within 60 s"
                )
                csms_share, station_share = clock.shares_ms()
                print(
                    f"[{kind}] per call: the CSMS's share (sent -> answered) {_ms(csms_share)}"
                    f"; the station's (answered -> next sent) {_ms(station_share)}; "
                    f"this process's CPU {replay_cpu / queued * 1000:.2f} ms per event"
                )
                if isinstance(csms, OwnCsmsChild):
                    await csms.ask()
                print(f"[{kind}] {csms.summary(IDENTITY)}")
                # a heartbeat every IDLE_HEARTBEAT_S (as a CSMS may set it), not the 300 s the
                # CSMS gave at boot: the window then holds heartbeats, not only pings
                link.device_model.set(
                    {
                        "component": {"name": "OCPPCommCtrlr"},
                        "variable": {"name": "HeartbeatInterval"},
                        "attribute_value": str(IDLE_HEARTBEAT_S),
                    }
                )
                await asyncio.sleep(0.5)
                beats = link.health().last_heartbeat_ms
                cpu0, wall0 = cpu_s(), time.monotonic()
                await asyncio.sleep(idle_s)
                idle = (cpu_s() - cpu0) / (time.monotonic() - wall0) * 100
                heartbeat_seen = link.health().last_heartbeat_ms != beats
            finally:
                await link.aclose()
            cpu2, wall2 = cpu_s(), time.monotonic()
            await asyncio.sleep(idle_s)
            reference = (cpu_s() - cpu2) / (time.monotonic() - wall2) * 100
            print(
                f"[{kind}] idle: {idle:.2f} % of a core with the link up over {idle_s:.0f} s, "
                f"a heartbeat every {IDLE_HEARTBEAT_S} s"
                f"{'' if heartbeat_seen else ' (none answered in the window!)'}, a WebSocket "
                f"ping every 20 s (reference, link closed: {reference:.2f} %; os.times counts "
                f"10 ms ticks: {1 / idle_s:.2f} % is one tick); target < 1 %"
            )


async def main(kinds: list[str], events: int, idle_s: float) -> None:
    for kind in kinds:
        await replay(kind, events, idle_s)


if __name__ == "__main__":
    # as `kiosk run` logs (INFO, its default), to a null stream: what the link logs costs
    logging.basicConfig(level=logging.INFO, stream=open(os.devnull, "w"))  # noqa: SIM115
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csms", nargs="+", choices=CSMS_KINDS, default=["own", "arthexis"])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--idle-s", type=float, default=20.0)
    args = parser.parse_args()
    asyncio.run(main(args.csms, args.events, args.idle_s))
