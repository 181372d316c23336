"""kill -9 while the outbox is being written: every event whose ``append`` had returned is in
the file afterwards, in order, none twice (a child process appends; the parent kills it)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from kiosk.adapters.ocpp_outbox import Outbox

CHILD = """
import asyncio, sys
from pathlib import Path
from kiosk.adapters.ocpp_outbox import Outbox

async def main():
    outbox = Outbox(Path(sys.argv[1]))
    seq = 0
    while True:
        payload = {"eventType": "Updated", "seqNo": seq, "transactionInfo": {"transactionId": "t"}}
        await outbox.append("TransactionEvent", payload, seq)
        print(seq, flush=True)
        seq += 1

asyncio.run(main())
"""


async def test_kill_9_loses_no_stored_event(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        str(path),
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert child.stdout is not None
    stored: list[int] = []
    async with asyncio.timeout(60):
        while len(stored) < 200:
            line = await child.stdout.readline()
            assert line, "the child ended early"
            stored.append(int(line))
    child.send_signal(signal.SIGKILL)  # in the middle of its next append
    await child.wait()
    outbox = Outbox(path)
    try:
        seqs = [item.payload["seqNo"] for item in await outbox.pending(limit=100_000)]
    finally:
        outbox.close()
    assert seqs == list(range(len(seqs)))  # in order, none twice
    assert len(seqs) >= len(stored)  # every append that returned is there
