"""The import rules of ADR 0012, read from the source of every module of ``kiosk/`` with ``ast``.

Every import counts: at module level, inside a function (lazy) and under ``if TYPE_CHECKING:``
(the cycle rule says where it leaves those out); the graph and the rules are in
``import_rules.py``. A failing rule names each offending import as
``kiosk/path.py:LINE: module imports target``.

1. ``kiosk/core`` is pure: no Qt, HTTP, Modbus, SQL, sockets, clock reads or other kiosk parts.
2. A library that does I/O (or Qt) is imported only by the package that wraps it, by the
   adapters and by the sandbox (``LIBRARY_USERS``).
3. The lower layers import only the layers below them (``PACKAGE_IMPORTS``): the station no
   adapter nor face, the adapters no station, the library packages only core and config.
4. Only ``kiosk/commands`` imports ``kiosk/sandbox`` (and the sandbox itself).
5. No import cycle between kiosk's packages (``kiosk.core``, ``kiosk.station``, ... and the
   top-level modules ``kiosk.app``, ``kiosk.cli``), nor between any two of its modules.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from import_rules import (
    LIBRARY_USERS,
    ROOT,
    SANDBOX,
    Import,
    cycles,
    imports_of,
    layer_violations,
    library_violations,
    module_edges,
    module_name,
    package_edges,
    package_of,
    project_imports,
    sandbox_violations,
    shown,
    within,
)

CORE = ROOT / "kiosk" / "core"

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

IMPORTS = project_imports()

# --- 1. the pure core ----------------------------------------------------------------------


def _core_files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def violations(source: str, path: str = "<source>", module: str = "kiosk.core.x") -> list[str]:
    tree = ast.parse(source)
    found: list[str] = []
    for item in imports_of(source, module, path=path):
        top = item.target.split(".")[0]
        if top in BANNED_MODULES:
            found.append(f"{item}")
        if top == "kiosk" and not within(item.target, ALLOWED_KIOSK):
            found.append(f"{item} (core may import only kiosk.core)")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in CLOCK_CALLS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"datetime", "date", "time"}
        ):
            found.append(
                f"{path}:{node.lineno}: reads the clock: {node.func.value.id}.{node.func.attr}()"
            )
    return found


def test_core_exists() -> None:
    assert _core_files(), "kiosk/core has no modules"


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: p.name)
def test_core_module_is_pure(path: Path) -> None:
    found = violations(path.read_text(), str(path.relative_to(ROOT)), module_name(path))
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6.QtCore",
        "from httpx import AsyncClient",
        "import pymodbus",
        "from sqlalchemy import select",
        "import socket",
        "from kiosk.payments import client",
        "from kiosk.station.snapshot import Screen",
        "from ..station import snapshot",
        "def f():\n    import time\n",
        "from datetime import datetime\nx = datetime.now()",
    ],
)
def test_checker_catches(source: str) -> None:
    assert violations(source)


def test_checker_allows_the_core_itself() -> None:
    assert violations("from .state import Phase\nfrom kiosk.core.money import Money\n") == []


# --- 2. libraries only in the packages that wrap them ---------------------------------------


def test_libraries_are_imported_only_where_allowed() -> None:
    found = library_violations(IMPORTS)
    assert found == [], "\n".join(found)


def test_every_library_rule_names_a_real_package() -> None:
    packages = {package_of(item.module) for item in IMPORTS}
    assert {user for users in LIBRARY_USERS.values() for user in users} <= packages


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("kiosk.station.station", "import httpx"),
        ("kiosk.service.config_summary", "from sqlalchemy.engine import make_url"),
        ("kiosk.commands.ui", "def preview():\n    from PySide6.QtWidgets import QApplication\n"),
        ("kiosk.core.money", "if TYPE_CHECKING:\n    import pymodbus\n"),
        ("kiosk.web.server", "import alembic.config"),
        ("kiosk.application", "import httpx"),  # kiosk.app is allowed, not its prefix
    ],
)
def test_library_rule_catches(module: str, source: str) -> None:
    (found,) = library_violations(imports_of(source, module, path="x.py"))
    assert re.match(rf"x\.py:\d+: {re.escape(module)} imports ", found), found


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("kiosk.payments.connection", "import httpx"),
        ("kiosk.persistence.database", "from sqlalchemy import create_engine"),
        ("kiosk.hardware.link", "from pymodbus.client import AsyncModbusTcpClient"),
        ("kiosk.gui.window", "from PySide6.QtGui import QGuiApplication"),
        ("kiosk.sandbox.vipps.server", "import uvicorn"),
        ("kiosk.app", "import httpx"),
    ],
)
def test_library_rule_allows_the_owner(module: str, source: str) -> None:
    assert library_violations(imports_of(source, module, path="x.py")) == []


# --- 3. the lower layers import only the layers below them -----------------------------------


def test_lower_layers_import_only_what_is_below_them() -> None:
    found = layer_violations(IMPORTS)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("module", "source", "caught"),
    [
        ("kiosk.station.station", "from kiosk.adapters.vipps_payments import VippsPayments", True),
        ("kiosk.station.setup", "if TYPE_CHECKING:\n    from kiosk.gui import window\n", True),
        ("kiosk.adapters.database_ledger", "from kiosk.station import ledger", True),
        ("kiosk.payments.client", "def f():\n    import kiosk.persistence\n", True),
        ("kiosk.config.model", "from kiosk.hardware.profile import Profile", True),
        ("kiosk.station.connector", "from kiosk.hardware.reading import DeviceReading", False),
        ("kiosk.adapters.poller_charger", "from kiosk.hardware.poller import DevicePoller", False),
        ("kiosk.payments.settings", "from kiosk import __version__", False),
        ("kiosk.gui.window", "from kiosk.app import assemble_station", False),
    ],
)
def test_layer_rule(module: str, source: str, caught: bool) -> None:
    found = layer_violations(imports_of(source, module, path="x.py"))
    assert bool(found) is caught, found


# --- 4. the sandbox only from the commands ---------------------------------------------------


def test_only_commands_import_the_sandbox() -> None:
    found = sandbox_violations(IMPORTS)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("module", "source", "caught"),
    [
        ("kiosk.app", "from kiosk.sandbox.demo import world", True),
        ("kiosk.gui.window", "def f():\n    import kiosk.sandbox.preview.fake_station\n", True),
        ("kiosk.station.station", "from kiosk import sandbox", True),
        ("kiosk.commands.demo", "from kiosk.sandbox.demo.launcher import run_demo", False),
        ("kiosk.sandbox.demo.world", "from kiosk.sandbox.vipps import emulator", False),
    ],
)
def test_sandbox_rule(module: str, source: str, caught: bool) -> None:
    found = sandbox_violations(imports_of(source, module, path="x.py", known=[SANDBOX]))
    assert bool(found) is caught


# --- 5. no cycles --------------------------------------------------------------------------


def test_no_cycle_between_packages() -> None:
    """TYPE_CHECKING-only imports are left out here (none is needed today): a package may name
    another's type in an annotation without depending on it when it runs."""
    found = cycles(package_edges(IMPORTS))
    assert found == [], "import cycles between packages:\n" + shown(found)


def test_no_cycle_between_modules() -> None:
    """Every import counts here, TYPE_CHECKING ones too (profile.py <-> profile_checks.py was
    such a cycle)."""
    found = cycles(module_edges(IMPORTS))
    assert found == [], "import cycles between modules:\n" + shown(found)


def test_the_package_graph_is_found() -> None:
    edges = package_edges(IMPORTS)
    assert "kiosk.core" in {target for target, _ in edges["kiosk.station"]}
    assert "kiosk.core" not in edges  # the core imports no other package


def test_cycle_check_catches() -> None:
    known = ["kiosk.station.snapshot"]
    a = imports_of(
        "from kiosk.station import snapshot", "kiosk.gui.window", path="a.py", known=known
    )
    b = imports_of("def f():\n    import kiosk.gui.window\n", "kiosk.station.snapshot", path="b.py")
    (cycle,) = cycles(module_edges(a + b))
    assert [str(item) for item in cycle] == [
        "a.py:1: kiosk.gui.window imports kiosk.station.snapshot",
        "b.py:2: kiosk.station.snapshot imports kiosk.gui.window",
    ]
    (packages,) = cycles(package_edges(a + b))
    assert {package_of(item.module) for item in packages} == {"kiosk.gui", "kiosk.station"}


def test_type_checking_imports_are_marked() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kiosk.app import X\n"
    (item,) = [
        i for i in imports_of(source, "kiosk.gui.window", path="w.py") if "kiosk" in i.target
    ]
    assert item.type_only
    assert cycles(package_edges([item, Import("kiosk.app", "a.py", 1, "kiosk.gui")])) == []


def test_relative_imports_are_resolved() -> None:
    found = imports_of(
        "from .effects import Notice\nfrom . import money\nfrom ..station import snapshot\n",
        "kiosk.core.state",
        path="s.py",
        known=["kiosk.core.money", "kiosk.station.snapshot"],
    )
    assert [item.target for item in found] == [
        "kiosk.core.effects",
        "kiosk.core.money",
        "kiosk.station.snapshot",
    ]
