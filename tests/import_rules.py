"""The import graph of ``kiosk/`` read with ``ast``, and the rules of ADR 0012 as functions.

``project_imports()`` lists every import of every module: at module level, inside a function
(lazy) and under ``if TYPE_CHECKING:`` (marked ``type_only``). Each rule returns what breaks it,
each item as ``kiosk/path.py:LINE: module imports target``; ``tests/test_import_graph.py`` runs
them over the project and over small made-up sources (so that each rule is seen to fail).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LIBRARY_USERS: dict[str, tuple[str, ...]] = {
    # the package that wraps the library first; the adapters implement the station's ports on
    # it; the sandbox fakes the world with it
    "httpx": ("kiosk.payments", "kiosk.adapters", "kiosk.sandbox", "kiosk.app"),
    "sqlalchemy": ("kiosk.persistence", "kiosk.adapters"),
    "alembic": ("kiosk.persistence",),
    "pymodbus": ("kiosk.hardware", "kiosk.adapters", "kiosk.sandbox"),
    "serial": ("kiosk.hardware", "kiosk.adapters", "kiosk.sandbox"),
    "starlette": ("kiosk.web", "kiosk.sandbox"),
    "uvicorn": ("kiosk.web", "kiosk.sandbox"),
    "ocpp": ("kiosk.adapters",),
    "websockets": ("kiosk.adapters",),
    "PySide6": ("kiosk.gui",),
    "shiboken6": ("kiosk.gui",),
    "qasync": ("kiosk.gui",),
}
"""Who may import each library. ``kiosk.app`` (the composition root) creates the station's one
``httpx.AsyncClient`` and injects it (STYLE principle 8); nothing else outside the list may."""
LOWER_LAYERS = ("kiosk.payments", "kiosk.hardware", "kiosk.persistence")
BASE = ("kiosk", "kiosk.core", "kiosk.config", "kiosk.resources", "kiosk.tasks")
PACKAGE_IMPORTS: dict[str, tuple[str, ...]] = {
    "kiosk.core": ("kiosk", "kiosk.core"),
    "kiosk.config": ("kiosk", "kiosk.core"),
    "kiosk.payments": BASE,
    "kiosk.hardware": BASE,
    "kiosk.persistence": BASE,
    "kiosk.station": (*BASE, *LOWER_LAYERS),
    "kiosk.adapters": (*BASE, *LOWER_LAYERS),
}
"""The kiosk packages each lower layer may import (``kiosk`` itself for ``__version__``). The
station imports no adapter and no face; the adapters no station; the library packages only the
core and the settings. The faces, ``kiosk.app``, the commands and the sandbox sit on top."""
SANDBOX = "kiosk.sandbox"
SANDBOX_USERS = ("kiosk.commands", SANDBOX)


@dataclass(frozen=True, slots=True)
class Import:
    """One imported name of one module: ``target`` is a kiosk module or a library's module."""

    module: str
    path: str
    line: int
    target: str
    type_only: bool = False
    """Inside ``if TYPE_CHECKING:``: never executed, seen by the type checker only."""

    def __str__(self) -> str:
        kind = " (TYPE_CHECKING)" if self.type_only else ""
        return f"{self.path}:{self.line}: {self.module} imports {self.target}{kind}"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for statement in node.body:
                    found.update(id(inner) for inner in ast.walk(statement))
    return found


def imports_of(
    source: str, module: str, *, path: str, is_package: bool = False, known: Iterable[str] = ()
) -> list[Import]:
    """Every import of ``source``; ``from pkg import sub`` of a ``known`` module is ``pkg.sub``."""
    tree = ast.parse(source)
    type_only = _type_checking_nodes(tree)
    modules = set(known)
    found: list[Import] = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        for target in dict.fromkeys(targets):
            found.append(Import(module, path, node.lineno, target, id(node) in type_only))
    return found


def project_imports(root: Path = ROOT) -> list[Import]:
    files = sorted((root / "kiosk").rglob("*.py"))
    known = {module_name(path, root) for path in files}
    found: list[Import] = []
    for path in files:
        found += imports_of(
            path.read_text(encoding="utf-8"),
            module_name(path, root),
            path=str(path.relative_to(root)),
            is_package=path.name == "__init__.py",
            known=known,
        )
    return found


def within(module: str, prefixes: Iterable[str]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def library_violations(
    imports: Iterable[Import], users: Mapping[str, tuple[str, ...]] = LIBRARY_USERS
) -> list[str]:
    return [
        f"{item}: only {', '.join(users[top])} may import {top}"
        for item in imports
        if (top := item.target.split(".")[0]) in users and not within(item.module, users[top])
    ]


def layer_violations(
    imports: Iterable[Import], allowed: Mapping[str, tuple[str, ...]] = PACKAGE_IMPORTS
) -> list[str]:
    found = []
    for item in imports:
        source, target = package_of(item.module), package_of(item.target)
        if item.target.split(".")[0] != "kiosk" or source not in allowed:
            continue
        if target != source and target not in allowed[source]:
            found.append(f"{item}: {source} may import only {', '.join(allowed[source])}")
    return found


def sandbox_violations(imports: Iterable[Import]) -> list[str]:
    return [
        f"{item}: only kiosk.commands may import the sandbox"
        for item in imports
        if within(item.target, (SANDBOX,)) and not within(item.module, SANDBOX_USERS)
    ]


def package_of(module: str) -> str:
    """``kiosk.station.station`` -> ``kiosk.station``; a top-level module is its own package."""
    return ".".join(module.split(".")[:2])


def cycles(edges: Mapping[str, Iterable[tuple[str, Import]]]) -> list[list[Import]]:
    """One import path round each cycle of the graph (Tarjan's strongly connected components;
    each component of more than one node is shown as a cycle through it)."""
    graph = {node: {target: item for target, item in out} for node, out in edges.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(node: str) -> None:  # graphs here are small: recursion is fine
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: set[str] = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.add(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    found: list[list[Import]] = []
    for component in components:
        start = min(component)
        path, seen, node = [], {start}, start
        while True:  # walk inside the component until a node repeats
            target = next(t for t in sorted(graph[node]) if t in component)
            path.append(graph[node][target])
            if target in seen:
                break
            seen.add(target)
            node = target
        found.append(path)
    return found


def package_edges(imports: Iterable[Import]) -> dict[str, list[tuple[str, Import]]]:
    edges: dict[str, list[tuple[str, Import]]] = defaultdict(list)
    for item in imports:
        source, target = package_of(item.module), package_of(item.target)
        if item.target.startswith("kiosk.") and not item.type_only and source != target:
            edges[source].append((target, item))
    return edges


def module_edges(imports: Iterable[Import]) -> dict[str, list[tuple[str, Import]]]:
    edges: dict[str, list[tuple[str, Import]]] = defaultdict(list)
    for item in imports:
        if item.target.startswith("kiosk.") and item.target != item.module:
            edges[item.module].append((item.target, item))
    return edges


def shown(found: list[list[Import]]) -> str:
    return "\n\n".join("\n".join(str(item) for item in cycle) for cycle in found)
