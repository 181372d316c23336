"""kill -9 the headless station at many points of a session and start it again: every session
ends settled, with exactly one capture of the amount due and the rest cancelled."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from station_rig import BUDGET_ORE, World, check_invariants, world

from kiosk.sandbox.vipps.payment import PaymentState

HARNESS = Path(__file__).with_name("station_harness.py")
Line = dict[str, Any]


class HarnessProcess:
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
        async with asyncio.timeout(timeout_s):
            while True:
                for line in self.lines:
                    if predicate(line):
                        return line
                if self._reader.done():
                    raise AssertionError(f"harness exited; said: {self.lines[-5:]}")
                self._changed.clear()
                await self._changed.wait()

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
    args = [str(w.sim.port), w.server.base_url, w.db_url]
    if pause_at:
        args.append(pause_at)
    with (tmp_path / "harness.log").open("ab") as log:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            str(HARNESS),
            *args,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=log,
            cwd=str(HARNESS.parent),
        )
    station = HarnessProcess(proc)
    try:
        await station.expect(lambda line: "ready" in line)
        yield station
    finally:
        await station.close()


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
                await station.expect(lambda line: line.get("phase") == "charging")
                await asyncio.sleep(0.8)  # some energy
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
