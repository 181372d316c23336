"""The view-models as QML types: module ``Kiosk.ViewModels`` 1.0, one type per view-model class.

A view-model class is decorated with :func:`qml_view_model`, which applies PySide6's
``QmlUncreatable`` and ``QmlElement`` (QML may type properties with it but never create one;
Python makes them and hands them over) and remembers the class in :data:`REGISTERED`, from
which ``kiosk.gui.qml_types`` writes the ``.qmltypes`` that ``qmllint`` reads.
``QmlElement`` takes the module's name and version from the globals of the code that calls
it, which is this module's; so every view-model lands in the one module below.

A class is registered when its Python module is imported. The driver's view-models are
imported before the window loads; the service ones only with service mode (their module
pulls in the database layer), so QML that names a service type is loaded only after that.
Nothing here raises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtQml import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Kiosk.ViewModels"
QML_IMPORT_MAJOR_VERSION = 1
QML_IMPORT_MINOR_VERSION = 0

UNCREATABLE_REASON = "view-models are made by Python and handed to QML"

REGISTERED: list[type[QObject]] = []
"""Every class registered so far, in the order their modules were imported."""

T = TypeVar("T", bound=type[QObject])


def qml_view_model(cls: T) -> T:
    """Register ``cls`` as an uncreatable QML type named like the class."""
    uncreatable: Callable[[T], T] = QmlUncreatable(UNCREATABLE_REASON)  # type: ignore[assignment]  # the stub has no __call__
    registered = QmlElement(uncreatable(cls))
    REGISTERED.append(registered)
    return registered
