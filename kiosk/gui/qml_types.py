"""QML type information for the view-models, and ``qmllint`` over the screens with it.

``qmllint`` knows a type only from a ``.qmltypes`` file. For Python types PySide6 documents
the chain ``pyside6-metaobjectdump`` (reads the Python source, writes moc-style JSON) ->
``pyside6-qmltyperegistrar`` (JSON -> ``.qmltypes``). ``metaobjectdump`` understands only
``Property(type, getter_name, ...)`` with plain names; our view-models build their getters
(``Property(str, _text("name"))``, lambdas), on which it stops with an ``AttributeError``. So the
JSON is written here from the *live* classes instead: each class registered with
``kiosk.gui.viewmodels.qml_module`` is imported and its ``QMetaObject`` read - the same
properties, signals and slots QML sees at run time, so it cannot go stale. The second half is
PySide6's own ``qmltyperegistrar`` (the binary the ``pyside6-`` script wraps).

``python -m kiosk.gui.qml_types [--out DIR] [QML files ...]`` writes the module
``Kiosk/ViewModels`` (``qmldir`` + ``viewmodels.qmltypes``) into a temporary folder (or DIR)
and runs PySide6's ``qmllint`` over the given files (default: every ``.qml`` under
``ui/Kiosk``) with ``--max-warnings 0``; the exit status is qmllint's (0: no warning).

Errors: :class:`QmlTypesError` when a PySide6 tool is missing or fails.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QByteArray, QMetaMethod, QMetaObject, QObject

from kiosk.gui.viewmodels import qml_module
from kiosk.resources import ui_dir

VIEW_MODEL_MODULES = (
    "kiosk.gui.viewmodels.budget_entry",
    "kiosk.gui.viewmodels.connector_vm",
    "kiosk.gui.viewmodels.station_vm",
    "kiosk.gui.viewmodels.service_connectors_vm",
    "kiosk.gui.viewmodels.service_sessions_vm",
    "kiosk.gui.viewmodels.service_station_vm",
    "kiosk.gui.viewmodels.service_vm",
)
"""Every module that registers a view-model (a test checks that none is missing)."""

TYPES_FILE = "viewmodels.qmltypes"
FOREIGN_MODULES = ("qt6core", "qt6qml")
"""Qt's own metatypes the registrar resolves base classes (``QObject``) against."""


class QmlTypesError(RuntimeError):
    """A PySide6 tool is missing or failed (the message says which, with its output)."""


def registered_classes() -> list[type[QObject]]:
    """Import every view-model module; the classes they register, in registration order."""
    for name in VIEW_MODEL_MODULES:
        importlib.import_module(name)
    return list(qml_module.REGISTERED)


def _prototype(cls: type[QObject], registered: Sequence[type[QObject]]) -> type[QObject]:
    """The nearest base QML knows: a registered view-model or a Qt class."""
    for base in cls.__mro__[1:]:
        if not (isinstance(base, type) and issubclass(base, QObject)):
            continue
        if base in registered or base.__module__.startswith("PySide6."):
            return base
    return QObject


def _text(value: object) -> str:
    """A meta-object name as text (PySide6 gives ``str``; its stubs say bytes or QByteArray)."""
    if isinstance(value, QByteArray):
        value = value.data()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode()
    return str(value)


def meta_object(cls: type[QObject]) -> QMetaObject:
    meta = cls.staticMetaObject  # type: ignore[attr-defined]  # missing from PySide6's stubs
    if not isinstance(meta, QMetaObject):
        raise QmlTypesError(f"{cls.__name__} has no QMetaObject")
    return meta


def _method(meta: QMetaMethod) -> dict[str, Any]:
    names = [_text(n) for n in meta.parameterNames()]
    types = [_text(t) for t in meta.parameterTypes()]
    return {
        "access": "public",
        "name": _text(meta.name()),
        "arguments": [
            {"name": name or f"a{i + 1}", "type": type_}
            for i, (name, type_) in enumerate(zip(names, types, strict=True))
        ],
        "returnType": _text(meta.typeName()) or "void",
    }


def class_description(cls: type[QObject], registered: Sequence[type[QObject]]) -> dict[str, Any]:
    """One class in moc's JSON: the properties, signals and slots it adds to its prototype."""
    meta = meta_object(cls)
    base = _prototype(cls, registered)
    base_meta = meta_object(base)
    properties: list[dict[str, Any]] = []
    for index in range(base_meta.propertyCount(), meta.propertyCount()):
        prop = meta.property(index)
        name = _text(prop.name())
        entry: dict[str, Any] = {
            "name": name,
            "type": _text(prop.typeName()),
            "index": len(properties),
            "read": name,
            "constant": prop.isConstant(),
        }
        if prop.hasNotifySignal():
            entry["notify"] = _text(prop.notifySignal().name())
        if prop.isWritable():
            entry["write"] = "set" + name[:1].upper() + name[1:]
        properties.append(entry)
    signals, slots = [], []
    for index in range(base_meta.methodCount(), meta.methodCount()):
        method = meta.method(index)
        if _text(method.name()).startswith("_"):
            continue  # private plumbing (queued snapshots), not for QML
        if method.methodType() == QMetaMethod.MethodType.Signal:
            signals.append(_method(method))
        elif method.methodType() in (QMetaMethod.MethodType.Slot, QMetaMethod.MethodType.Method):
            slots.append(_method(method))
    return {
        "className": cls.__name__,
        "qualifiedClassName": cls.__name__,
        "object": True,
        "superClasses": [{"access": "public", "name": base.__name__}],
        "classInfos": [
            {"name": "QML.Element", "value": "auto"},
            {"name": "QML.Creatable", "value": "false"},
            {"name": "QML.UncreatableReason", "value": qml_module.UNCREATABLE_REASON},
        ],
        "properties": properties,
        "signals": signals,
        "slots": slots,
    }


def metatypes(classes: Sequence[type[QObject]]) -> list[dict[str, Any]]:
    """What ``pyside6-metaobjectdump`` would write for ``classes`` (one input file)."""
    return [
        {
            "classes": [class_description(cls, classes) for cls in classes],
            "outputRevision": 68,
            "inputFile": "kiosk/gui/viewmodels/qml_module.py",
        }
    ]


def _tool(name: str, *, libexec: bool = False) -> str:
    """A Qt tool shipped in the PySide6 wheel (what the ``pyside6-*`` scripts run)."""
    folder = Path(PySide6.__file__).parent
    if libexec and sys.platform != "win32":
        folder = folder / "Qt" / "libexec"
    path = folder / (name + (".exe" if sys.platform == "win32" else ""))
    if not path.exists():
        raise QmlTypesError(f"{path} not found (it comes with PySide6-Essentials)")
    return str(path)


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603


def write_module(import_dir: Path) -> Path:
    """Write ``Kiosk/ViewModels`` (qmldir and qmltypes) under ``import_dir``; its folder."""
    uri = qml_module.QML_IMPORT_NAME
    folder = import_dir.joinpath(*uri.split("."))
    folder.mkdir(parents=True, exist_ok=True)
    json_file = folder / "viewmodels_metatypes.json"
    json_file.write_text(json.dumps(metatypes(registered_classes()), indent=1))
    qt_metatypes = Path(PySide6.__file__).parent / "Qt" / "metatypes"
    foreign = [
        str(path)
        for module in FOREIGN_MODULES
        for path in sorted(qt_metatypes.glob(f"{module}_*metatypes.json"))[:1]
    ]
    result = _run(
        [
            _tool("qmltyperegistrar", libexec=True),
            "--generate-qmltypes",
            str(folder / TYPES_FILE),
            "-o",
            str(folder / "viewmodels_qmltyperegistrations.cpp"),
            "--import-name",
            uri,
            "--major-version",
            str(qml_module.QML_IMPORT_MAJOR_VERSION),
            "--minor-version",
            str(qml_module.QML_IMPORT_MINOR_VERSION),
            "--foreign-types=" + ",".join(foreign),
            str(json_file),
        ]
    )
    if result.returncode != 0 or not (folder / TYPES_FILE).exists():
        raise QmlTypesError("qmltyperegistrar failed: " + result.stdout + result.stderr)
    (folder / "qmldir").write_text(f"module {uri}\ntypeinfo {TYPES_FILE}\ndepends QtQml\n")
    return folder


def qml_files(root: Path | None = None) -> list[Path]:
    """Every screen and component of the ``Kiosk`` module."""
    return sorted((root or ui_dir() / "Kiosk").rglob("*.qml"))


def lint(files: Iterable[Path], import_dir: Path) -> subprocess.CompletedProcess[str]:
    """``pyside6-qmllint`` over ``files`` with the view-models' types; fails on any warning."""
    return _run(
        [
            _tool("qmllint"),
            "--max-warnings",
            "0",
            "-I",
            str(ui_dir()),
            "-I",
            str(import_dir),
            *(str(f) for f in files),
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.gui.qml_types", description=__doc__)
    parser.add_argument("--out", type=Path, help="keep the generated module in this folder")
    parser.add_argument("files", nargs="*", type=Path, help="QML files (default: ui/Kiosk)")
    args = parser.parse_args(argv)
    files = args.files or qml_files()
    with tempfile.TemporaryDirectory(prefix="kiosk-qmltypes-") as temporary:
        import_dir: Path = args.out or Path(temporary)
        write_module(import_dir)
        result = lint(files, import_dir)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    print(f"qmllint: {len(files)} files, exit status {result.returncode}", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
