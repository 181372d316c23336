"""Where a CSV export may go: mounted USB sticks (and configured folders), never anywhere else.

``export_folders(roots, extra)`` lists mount points one or two levels below ``roots``
(``/media/<user>/<stick>``, ``/run/media/<user>/<stick>``, ``/mnt/<stick>``) and the ``extra``
folders that exist. ``export_file(folder, station, now)`` picks a file name that does not
overwrite an earlier export. Raises nothing (unreadable folders are skipped).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

DEFAULT_ROOTS = (Path("/media"), Path("/run/media"), Path("/mnt"))


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []


def export_folders(roots: Iterable[Path] = DEFAULT_ROOTS, extra: Iterable[Path] = ()) -> list[Path]:
    """Mounted sticks under ``roots`` first, then the ``extra`` folders that exist."""
    found: list[Path] = []
    for root in roots:
        for child in _children(root):
            if os.path.ismount(child):
                found.append(child)
                continue
            found += [grand for grand in _children(child) if os.path.ismount(grand)]
    found += [folder for folder in extra if folder.is_dir()]
    unique: list[Path] = []
    for folder in found:
        if folder not in unique:
            unique.append(folder)
    return unique


def export_file(folder: Path, station: str, now: datetime) -> Path:
    """``sessions-<station>-<YYYYmmdd-HHMMSS>.csv`` in ``folder``, numbered if it exists."""
    stem = f"sessions-{station}-{now.strftime('%Y%m%d-%H%M%S')}"
    path = folder / f"{stem}.csv"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}.csv"
        number += 1
    return path


def flush_to_disk(path: Path) -> None:
    """fsync the file so the stick can be pulled right after (blocking: run in a thread)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
