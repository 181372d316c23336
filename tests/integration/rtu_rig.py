"""A virtual RS-485 line for the RTU tests: a ``socat`` pty pair (not a test module).

``socat`` is a test tool ``scripts/setup`` installs. Without it the RTU tests skip with that
reason on a developer's machine, and fail on CI (``CI=true``), where a skip would hide that
the RTU framing went untested.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.sandbox.charger.serial_line import VirtualSerialLine


def require_socat() -> None:
    if shutil.which("socat") is not None:
        return
    reason = "socat is not installed: no virtual serial line (scripts/setup installs it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; on CI the RTU tests must run")
    pytest.skip(reason)


@contextmanager
def virtual_line(folder: Path) -> Iterator[VirtualSerialLine]:
    """A pty pair in ``folder``: ``device_end`` for the simulator, ``kiosk_end`` for the poller."""
    require_socat()
    with VirtualSerialLine(folder) as line:
        yield line
