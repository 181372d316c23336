"""PySide6's import hook no longer leaves every later module's source in ``linecache``."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

IMPORT_AFTER_PYSIDE = textwrap.dedent(
    """
    import linecache, sys
    import PySide6.QtCore
    if sys.argv[1] == "fixed":
        from kiosk.gui.qt_import_scan import stop_source_caching
        assert stop_source_caching()
    sys.path.insert(0, sys.argv[2])
    import plain_module, qt_module
    from PySide6.support import feature
    print(
        any("plain_module" in name for name in linecache.cache),
        feature.pyside_feature_dict["plain_module"],
        feature.pyside_feature_dict["qt_module"],
    )
    """
)


def import_after_pyside(mode: str, folder: Path) -> list[str]:
    (folder / "plain_module.py").write_text("VALUE = 1\n")
    (folder / "qt_module.py").write_text("from PySide6.QtCore import QObject\n")
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_AFTER_PYSIDE, mode, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.split()


def test_pyside_caches_the_source_of_later_imports(tmp_path: Path) -> None:
    # What the fix is for: without it the hook's source check fills linecache.
    assert import_after_pyside("as-shipped", tmp_path) == ["True", "-1", "0"]


def test_the_hook_reads_files_without_caching_and_answers_the_same(tmp_path: Path) -> None:
    assert import_after_pyside("fixed", tmp_path) == ["False", "-1", "0"]


def test_the_window_module_puts_it_in_place() -> None:
    from PySide6.support import feature

    import kiosk.gui.window  # noqa: F401

    assert getattr(feature._mod_uses_pyside, "_kiosk_reads_files", False)
