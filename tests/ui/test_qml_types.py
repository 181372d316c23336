"""The view-models as QML types: registered, uncreatable in QML, described to qmllint exactly as
QML sees them, and qmllint really checks bindings with them (a misspelt member fails)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QObject
from PySide6.QtQml import QQmlComponent, QQmlEngine, qmlTypeId
from PySide6.QtWidgets import QApplication

from kiosk.gui import qml_types
from kiosk.gui.viewmodels import qml_module

VIEWMODELS = Path(qml_types.__file__).resolve().parent / "viewmodels"


def _decorated_classes() -> dict[str, set[str]]:
    """Module name -> classes decorated with ``@qml_view_model`` in its source."""
    found: dict[str, set[str]] = {}
    for path in sorted(VIEWMODELS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(d, ast.Name) and d.id == "qml_view_model" for d in node.decorator_list
            ):
                found.setdefault(f"kiosk.gui.viewmodels.{path.stem}", set()).add(node.name)
    return found


def _components(qmltypes: str) -> dict[str, str]:
    """Component name -> its text in a .qmltypes file."""
    blocks = re.split(r"\n    Component \{", qmltypes)[1:]
    return {re.search(r'name: "(\w+)"', block)[1]: block for block in blocks}  # type: ignore[index]


def _properties(component: str) -> dict[str, str]:
    """Property name -> type (with ``*`` for an object pointer) in one Component."""
    found = {}
    for block in re.findall(r"Property \{(.*?)\}", component, re.S):
        name = re.search(r'name: "(\w+)"', block)[1]  # type: ignore[index]
        type_ = re.search(r'type: "([^"]+)"', block)[1]  # type: ignore[index]
        found[name] = type_ + ("*" if "isPointer: true" in block else "")
    return found


@pytest.fixture(scope="module")
def import_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("qmltypes")
    qml_types.write_module(folder)
    return folder


def test_every_decorated_view_model_is_generated() -> None:
    decorated = _decorated_classes()
    assert set(decorated) == set(qml_types.VIEW_MODEL_MODULES)
    registered = {cls.__name__ for cls in qml_types.registered_classes()}
    assert registered == set().union(*decorated.values())
    assert {"StationViewModel", "ConnectorViewModel", "BudgetEntry", "ServiceViewModel"} <= (
        registered
    )


def test_the_qmltypes_match_the_live_classes(import_dir: Path) -> None:
    text = (import_dir / "Kiosk" / "ViewModels" / qml_types.TYPES_FILE).read_text()
    components = _components(text)
    for cls in qml_types.registered_classes():
        component = components[cls.__name__]
        assert f'exports: ["Kiosk.ViewModels/{cls.__name__} 1.0"]' in component
        assert "isCreatable: false" in component
        meta = qml_types.meta_object(cls)
        own = {
            meta.property(i).name(): meta.property(i).typeName()
            for i in range(QObject.staticMetaObject.propertyCount(), meta.propertyCount())
        }
        described = _properties(component)
        for name, type_name in own.items():
            assert described[name] == type_name, (cls.__name__, name)


@pytest.mark.parametrize(
    ("owner", "prop", "type_"),
    [
        ("StationViewModel", "active", "ConnectorViewModel*"),
        ("StationViewModel", "stationName", "QString"),
        ("StationViewModel", "connectors", "QVariantList"),
        ("ConnectorViewModel", "entry", "BudgetEntry*"),
        ("ConnectorViewModel", "budgetUsedFraction", "double"),
        ("BudgetEntry", "canPay", "bool"),
        ("ServiceViewModel", "connectors", "ServiceConnectorsViewModel*"),
        ("ServiceViewModel", "sessions", "ServiceSessionsViewModel*"),
        ("ServiceViewModel", "stationPage", "ServiceStationViewModel*"),
        ("ServiceSessionsViewModel", "selected", "QVariantMap"),
    ],
)
def test_object_properties_carry_their_view_model_type(
    import_dir: Path, owner: str, prop: str, type_: str
) -> None:
    text = (import_dir / "Kiosk" / "ViewModels" / qml_types.TYPES_FILE).read_text()
    assert _properties(_components(text)[owner])[prop] == type_


GOOD = """
import QtQuick
import Kiosk.ViewModels
Item {
    id: root
    required property StationViewModel station
    required property ServiceViewModel service
    property string a: root.station.active ? root.station.active.entry.amountText : ""
    property string b: root.service.sessions.refundText
    Component.onCompleted: root.station.showOverview()
    Item {
        property var probe: root.station.stationName
    }
}
"""


@pytest.mark.parametrize(
    ("binding", "complaint"),
    [
        ("root.station.stationNam", 'Member "stationNam" not found on type "StationViewModel"'),
        (
            "root.station.active.entry.canPayy",
            'Member "canPayy" not found on type "BudgetEntry"',
        ),
        ("root.service.stationPage.logTxt", 'not found on type "ServiceStationViewModel"'),
        ("station.stationName", "Unqualified access"),
    ],
)
def test_qmllint_checks_bindings_on_the_view_models(
    import_dir: Path, tmp_path: Path, binding: str, complaint: str
) -> None:
    good = tmp_path / "Good.qml"
    good.write_text(GOOD)
    assert qml_types.lint([good], import_dir).returncode == 0
    bad = tmp_path / "Bad.qml"
    bad.write_text(GOOD.replace("probe: root.station.stationName", f"probe: {binding}"))
    result = qml_types.lint([bad], import_dir)
    assert result.returncode != 0
    assert complaint in result.stdout + result.stderr


def test_the_types_are_registered_and_qml_cannot_create_them(qapp: QApplication) -> None:
    import kiosk.gui.viewmodels.station_vm  # noqa: F401  (registers StationViewModel)

    assert qmlTypeId(qml_module.QML_IMPORT_NAME, 1, 0, "StationViewModel") >= 0
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(
        QByteArray(b"import QtQuick\nimport Kiosk.ViewModels\nStationViewModel {}\n"), "inline.qml"
    )
    assert component.isError()
    assert qml_module.UNCREATABLE_REASON in component.errorString()
