"""``kiosk/core`` stays pure: no Qt, HTTP, Modbus, SQL, sockets, clock reads or other kiosk parts.

The check reads the source with ``ast`` (so a lazy import inside a function is caught too) and
also looks for calls that read the clock (``time.time()``, ``datetime.now()``, ...).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "kiosk" / "core"

BANNED_MODULES = (
    "PySide6",
    "shiboken6",
    "qasync",
    "httpx",
    "pymodbus",
    "serial",
    "sqlalchemy",
    "alembic",
    "socket",
    "ssl",
    "asyncio",
    "threading",
    "time",
    "random",
    "uvicorn",
    "starlette",
    "segno",
    "os",
    "subprocess",
)
ALLOWED_KIOSK = ("kiosk.core",)
CLOCK_CALLS = {"now", "utcnow", "today", "time", "monotonic", "perf_counter", "time_ns"}


def _core_files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def _imports(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                continue  # relative import inside kiosk.core
            names.append(node.module or "")
    return names


def violations(source: str) -> list[str]:
    tree = ast.parse(source)
    found: list[str] = []
    for name in _imports(tree):
        top = name.split(".")[0]
        if top in BANNED_MODULES:
            found.append(f"imports {name}")
        if top == "kiosk" and not name.startswith(ALLOWED_KIOSK):
            found.append(f"imports {name} (core may import only kiosk.core)")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in CLOCK_CALLS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"datetime", "date", "time"}
        ):
            found.append(f"reads the clock: {node.func.value.id}.{node.func.attr}()")
    return found


def test_core_exists() -> None:
    assert _core_files(), "kiosk/core has no modules"


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: p.name)
def test_core_module_is_pure(path: Path) -> None:
    assert violations(path.read_text()) == []


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6.QtCore",
        "from httpx import AsyncClient",
        "import pymodbus",
        "from sqlalchemy import select",
        "import socket",
        "from kiosk.payments import client",
        "def f():\n    import time\n",
        "from datetime import datetime\nx = datetime.now()",
    ],
)
def test_checker_catches(source: str) -> None:
    assert violations(source)
