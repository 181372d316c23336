"""Keeping PySide6's import hook from holding the source of every later module in memory.

Importing PySide6 replaces ``__import__`` with a hook (for its opt-in ``from __feature__
import snake_case``) that asks, for every module imported afterwards, whether its source
mentions "PySide6". It asks through ``inspect.getsource``, and ``linecache`` keeps every line
it read for the life of the process: on the station that is the whole source of SQLAlchemy,
pydantic, httpx, Alembic and the rest, about 30 MiB of strings that nothing ever reads again
(the station's imports run after the window is up, so they all pass through the hook).

``stop_source_caching()`` gives the hook the same answer (does the file's source contain
"PySide6"?) from a plain read of the file, which is not cached. Anything that is not a
``.py`` file still goes to PySide6's own check. If a PySide6 release no longer has the hook,
this does nothing and says so (``tests/test_qt_import_scan.py`` notices either way).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (this import installs the hook)

FEATURE_MODULE = "PySide6.support.feature"
CHECK_NAME = "_mod_uses_pyside"
_MARK = "_kiosk_reads_files"


def _file_mentions_pyside(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    setattr(mentions_pyside, _MARK, True)
    return mentions_pyside


def stop_source_caching() -> bool:
    """Answer PySide6's per-import question without ``linecache``; ``True`` if in place."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK_NAME, None)
    if feature is None or not callable(original):
        return False
    if not getattr(original, _MARK, False):
        setattr(feature, CHECK_NAME, _file_mentions_pyside(original))
    return True
