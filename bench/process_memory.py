"""Memory of a process as the benchmarks read it: RSS from ``/proc``, Python's own view.

Errors: ``OSError`` when ``/proc/<pid>/status`` cannot be read (the process is gone),
``RuntimeError`` when it has no ``VmRSS`` line (a kernel thread).
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

MIB = 1024 * 1024


def rss_bytes(pid: int | str = "self") -> int:
    """Resident set size of a process from ``/proc/<pid>/status``."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def python_blocks() -> int:
    """Memory blocks the interpreter has allocated now (``sys.getallocatedblocks``)."""
    return sys.getallocatedblocks()


def traced_growth(
    before: tracemalloc.Snapshot, after: tracemalloc.Snapshot, top: int = 15
) -> list[str]:
    """The ``top`` biggest growths from ``before`` to ``after`` by traceback, as text lines
    (size growth, count growth, then the traceback innermost frame last)."""
    ignore = [
        tracemalloc.Filter(False, tracemalloc.__file__),
        tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
        tracemalloc.Filter(False, "<frozen importlib._bootstrap_external>"),
    ]
    differences = after.filter_traces(ignore).compare_to(before.filter_traces(ignore), "traceback")
    lines = []
    for stat in differences[:top]:
        lines.append(
            f"{stat.size_diff / 1024:+.1f} KiB, {stat.count_diff:+d} blocks"
            f" (now {stat.size / 1024:.1f} KiB in {stat.count})"
        )
        lines.extend(f"    {frame}" for frame in stat.traceback.format())
    return lines
