"""Retry-After is honoured whatever event loop runs the client (issue 14): on plain asyncio and
on the qasync loop of the windowed station, whose Qt timers may fire early. Each loop runs the
scenario (``retry_after_scenario.py``: a 429 with ``Retry-After: 1`` from the Vipps emulator on
payment creation) in a fresh process; the retry must not reach the emulator before 1 s."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from retry_after_scenario import RETRY_AFTER_S

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("loop", ["asyncio", "qasync"])
def test_the_retry_waits_the_whole_retry_after(loop: str) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run(
        [sys.executable, str(HERE / "retry_after_scenario.py"), loop],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    gap_s = float(done.stdout.strip().splitlines()[-1])
    assert gap_s >= RETRY_AFTER_S
    assert gap_s < RETRY_AFTER_S + 5  # and it was retried, not given up on
