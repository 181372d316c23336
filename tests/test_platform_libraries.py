"""After ``scripts/setup``, Qt's X11 (xcb) platform plugin loads: ``ldd`` finds every library it
links. A missing one (libxcb-icccm4, libxcb-keysyms1, ...) makes ``kiosk demo`` die at the window
with "Could not load the Qt platform plugin xcb" on a fresh Debian machine."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _qt_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt"


def _missing(binary: Path) -> list[str]:
    out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if "not found" in line]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd and xcb are Linux's")
def test_the_xcb_platform_plugin_finds_every_library_it_links() -> None:
    assert shutil.which("ldd"), "ldd is part of libc-bin on every Debian/Ubuntu machine"
    qt = _qt_dir()
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    assert plugin.is_file(), f"PySide6 ships the xcb plugin at {plugin}"
    binaries = [plugin, *sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1]]
    missing = {str(b.name): _missing(b) for b in binaries}
    assert {name: libs for name, libs in missing.items() if libs} == {}, (
        "scripts/setup must install these libraries"
    )
