"""A headless station in its own process for the crash tests, and the tests' handle on it.

    python station_harness.py SIM_PORT VIPPS_URL DB_URL [PAUSE_AT]

It builds the station with ``kiosk.app.build_station`` (the test policy of ``station_rig``),
reads commands on stdin (``tap N``, ``budget N ORE``, ``stop N``) and prints JSON lines on
stdout: every phase change of every session and its delivered energy as it grows,
``{"point": "before:capture"}``-style markers around each payment call (``create``, ``get``,
``capture``, ``cancel``, ``receipt``), and ``{"settled": ...}`` when a session is over.
``PAUSE_AT`` makes the station say ``{"paused": POINT}`` and stop forever at a point of this
process, so the test can kill -9 it exactly there; a restart is a new process, so a point met
again in recovery pauses again:

* ``after:capture`` - the first such point;
* ``after:get#3`` - its 3rd occurrence (a GET is also recovery's query and approval polling);
* ``after:receipt>after:get`` - the first ``after:get`` once ``after:receipt`` was said (here
  the final checking GET of settlement); ``after:receipt>after:get#2`` - the 2nd such one.

``HarnessProcess`` and ``harness()`` are the test side: start it, send commands, wait for
lines, kill it.

``kiosk run --headless`` cannot be the killed process: it reads no commands (a session can
only be started from the screen) and has no point to hold at, so a kill could not be placed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from station_rig import FAST_POLICY, FAST_VIPPS, World, sim_poller_factory, station_config

from kiosk.app import build_station
from kiosk.core.events import Event
from kiosk.core.ports import Ledger, PaymentGateway, PaymentView
from kiosk.core.state import TERMINAL_PHASES, SessionState
from kiosk.core.tariff import AmountDue
from kiosk.station.station import Station

SCRIPT = Path(__file__)
STARTUP_TIMEOUT_S = 60.0
Line = dict[str, Any]


def emit(**fields: Any) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


class PauseAt:
    """Where to pause: ``[AFTER>]POINT[#N]`` (see the module docstring); counts what it sees."""

    def __init__(self, spec: str) -> None:
        after, _, rest = spec.rpartition(">")
        point, _, nth = rest.partition("#")
        self.after = after or None
        self.point = point
        self.nth = int(nth) if nth.isdigit() else 0 if nth else 1
        if self.nth < 1 or not point.startswith(("before:", "after:")):
            raise ValueError(f"not a pause point: {spec!r}")
        self._armed = self.after is None
        self._seen = 0

    def reached(self, name: str) -> bool:
        """Whether the point ``name`` said just now is the one to pause at."""
        if not self._armed:
            self._armed = name == self.after
            return False
        if name != self.point:
            return False
        self._seen += 1
        return self._seen == self.nth


class PausingGateway:
    """Marks each payment call before and after it; stops forever at ``pause_at``."""

    def __init__(self, inner: PaymentGateway, pause_at: PauseAt | None) -> None:
        self._inner = inner
        self._pause_at = pause_at

    async def _point(self, name: str) -> None:
        emit(point=name)
        if self._pause_at is not None and self._pause_at.reached(name):
            emit(paused=name)
            await asyncio.Event().wait()

    async def create_payment(
        self,
        reference: str,
        amount_ore: int,
        currency: str,
        idempotency_key: str,
        *,
        session_id: str,
        connector_id: str,
        phone_number: str | None = None,
        return_url: str | None = None,
    ) -> str:
        await self._point("before:create")
        qr = await self._inner.create_payment(
            reference,
            amount_ore,
            currency,
            idempotency_key,
            session_id=session_id,
            connector_id=connector_id,
            phone_number=phone_number,
            return_url=return_url,
        )
        await self._point("after:create")
        return qr

    async def get_payment(self, reference: str) -> PaymentView:
        await self._point("before:get")
        view = await self._inner.get_payment(reference)
        await self._point("after:get")
        return view

    async def capture(
        self, reference: str, amount_ore: int, currency: str, idempotency_key: str
    ) -> PaymentView:
        await self._point("before:capture")
        view = await self._inner.capture(reference, amount_ore, currency, idempotency_key)
        await self._point("after:capture")
        return view

    async def cancel(
        self, reference: str, cancel_transaction_only: bool, idempotency_key: str
    ) -> PaymentView:
        await self._point("before:cancel")
        view = await self._inner.cancel(reference, cancel_transaction_only, idempotency_key)
        await self._point("after:cancel")
        return view

    async def post_receipt(self, session_id: str, reference: str, amount_due: AmountDue) -> None:
        await self._point("before:receipt")
        await self._inner.post_receipt(session_id, reference, amount_due)
        await self._point("after:receipt")

    async def check(self) -> bool:
        return await self._inner.check()


def _states(station: Station) -> list[SessionState]:
    live = [station.session(c.connector_id) for c in station.snapshot.connectors]
    return live + station.settlement_queue() + list(station.recently_settled)


async def _report(station: Station) -> None:
    """Phase lines, polled (a phase shorter than a poll may be missed; ``settled`` is not), and
    one more each time the delivered energy changed."""
    seen: dict[str, tuple[str, int]] = {}
    while True:
        for state in _states(station):
            name = state.session_id or f"connector-{state.connector_id}"
            key = (state.phase.value, state.delivered_wh or 0)
            if seen.get(name) != key:
                emit(
                    session=state.session_id,
                    phase=state.phase.value,
                    reference=state.reference,
                    delivered_wh=state.delivered_wh,
                )
            seen[name] = key
        await asyncio.sleep(0.05)


def _report_settled(ledger: Ledger) -> None:
    """Say ``settled`` once the final step is committed (a DONE that turns idle at once, as
    when the car already left, may never be seen by the poll)."""
    save_step = ledger.save_step

    async def save_and_report(state: SessionState, event: Event) -> None:
        await save_step(state, event)
        if state.phase in TERMINAL_PHASES and state.session_id is not None:
            due = state.amount_due.total_ore if state.amount_due is not None else 0
            emit(
                settled=state.session_id,
                phase=state.phase.value,
                due=due,
                captured=state.captured_ore,
                reason=state.stop_reason.value if state.stop_reason else None,
            )

    ledger.save_step = save_and_report  # type: ignore[method-assign]


async def _commands(station: Station) -> None:
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        words = line.split()
        if words[:1] == ["tap"]:
            station.select_connector(int(words[1]))
        elif words[:1] == ["budget"]:
            station.choose_budget(int(words[1]), int(words[2]))
        elif words[:1] == ["stop"]:
            station.stop(int(words[1]))


async def main(sim_port: int, vipps_url: str, db_url: str, pause_at: str | None) -> None:
    config = station_config(sim_port=sim_port, vipps_url=vipps_url, db_url=db_url)
    station = await build_station(
        config,
        policy_overrides=FAST_POLICY,
        vipps_overrides=FAST_VIPPS,
        poller_factory=sim_poller_factory(sim_port),
        probe_interval_s=0.3,
    )
    pause = PauseAt(pause_at) if pause_at else None
    station.payment_effects.gateway = PausingGateway(station.payment_effects.gateway, pause)
    _report_settled(station.ledger)  # every runner shares this one ledger object
    await station.start()
    emit(ready=True)
    reporter = asyncio.create_task(_report(station))
    try:
        await _commands(station)
    finally:
        reporter.cancel()
        await station.aclose()


# --- the test side ------------------------------------------------------------------------


class HarnessProcess:
    """A running harness: its JSON lines so far, commands in, SIGKILL."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.lines: list[Line] = []
        self._changed = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        while line := await self.proc.stdout.readline():
            with contextlib.suppress(json.JSONDecodeError):
                self.lines.append(json.loads(line))
                self._changed.set()
        self._changed.set()

    async def expect(self, predicate: Callable[[Line], bool], timeout_s: float = 15) -> Line:
        """The first line (said so far or later) that ``predicate`` accepts."""
        try:
            async with asyncio.timeout(timeout_s):
                while True:
                    for line in self.lines:
                        if predicate(line):
                            return line
                    if self._reader.done():
                        raise AssertionError(f"harness exited; said: {self.lines[-5:]}")
                    self._changed.clear()
                    await self._changed.wait()
        except TimeoutError:
            raise AssertionError(f"no such line in {timeout_s} s; said: {self.lines}") from None

    async def charged(self, energy_wh: int, timeout_s: float = 15) -> Line:
        """The first line of a charging session that has delivered ``energy_wh`` or more."""
        return await self.expect(
            lambda line: (
                line.get("phase") == "charging" and (line.get("delivered_wh") or 0) >= energy_wh
            ),
            timeout_s,
        )

    async def paused(self, timeout_s: float = 15) -> str:
        """The point the station stopped at (``PAUSE_AT``), once it is there."""
        line = await self.expect(lambda line: "paused" in line, timeout_s)
        return str(line["paused"])

    def points(self) -> list[str]:
        """The payment-call markers said so far, in order."""
        return [line["point"] for line in self.lines if "point" in line]

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command.encode() + b"\n")

    async def kill(self) -> None:
        self.proc.kill()  # SIGKILL: no cleanup of any kind
        await self.proc.wait()
        await self._reader

    async def close(self) -> None:
        if self.proc.returncode is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                async with asyncio.timeout(10):
                    await self.proc.wait()
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
        await self._reader


@contextlib.asynccontextmanager
async def harness(
    w: World, tmp_path: Path, pause_at: str | None = None
) -> AsyncIterator[HarnessProcess]:
    """Start the station process on ``w`` (stderr to ``tmp_path/harness.log``); closes it.
    ``pause_at`` is a ``PAUSE_AT`` spec such as ``after:receipt>after:get``."""
    if pause_at:
        PauseAt(pause_at)  # a mistyped spec fails here, not as a station that never pauses
    args = [str(w.sim.port), w.server.base_url, w.db_url]
    if pause_at:
        args.append(pause_at)
    with (tmp_path / "harness.log").open("ab") as log:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            str(SCRIPT),
            *args,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=log,
            cwd=str(SCRIPT.parent),
        )
    station = HarnessProcess(proc)
    try:
        # a fresh interpreter importing the whole station: slow on a loaded machine
        await station.expect(lambda line: "ready" in line, timeout_s=STARTUP_TIMEOUT_S)
        yield station
    finally:
        await station.close()


if __name__ == "__main__":
    pause = sys.argv[4] if len(sys.argv) > 4 else None
    asyncio.run(main(int(sys.argv[1]), sys.argv[2], sys.argv[3], pause))
