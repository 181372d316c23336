"""Run a test in a fresh Python process (not a test module).

The tests that drive the real window on a qasync loop share one process-wide QApplication
with every other Qt test. Qt state left behind by earlier tests (deferred deletions, engines
awaiting garbage collection) can then run inside their event loop. A fresh process gives each
such test a clean Qt; it runs the very same test function there, with all its assertions,
and the outer test passes only if that run passed.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

INNER = "KIOSK_TEST_ISOLATED"


def inside() -> bool:
    """True in the fresh process: run the test body."""
    return os.environ.get(INNER) == "1"


def run_isolated(request: pytest.FixtureRequest, timeout_s: float = 240) -> None:
    """Run ``request.node`` again in a fresh process and fail with its output if it fails."""
    env = {**os.environ, INNER: "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", request.node.nodeid],
        cwd=request.config.rootpath,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"isolated run failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
    assert " passed" in result.stdout, result.stdout
