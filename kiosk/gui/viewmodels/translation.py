"""Switching the screens' language at runtime with Qt's translation system.

The QML source strings are English, so English needs no catalogue; every other language is
``assets/translations/kiosk_<code>.qm`` (built from the ``.ts`` beside it by
``scripts/translations``). A missing catalogue falls back to English and logs once; nothing
is raised to the UI.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtQml import QQmlEngine

from kiosk.resources import assets_dir

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"


def translations_dir() -> Path:
    return assets_dir() / "translations"


def catalogue(code: str) -> Path:
    return translations_dir() / f"kiosk_{code}.qm"


class LanguageSwitcher:
    """Installs the catalogue of one language and retranslates the engine."""

    def __init__(self, engine: QQmlEngine) -> None:
        self._engine = engine
        self._translator: QTranslator | None = None
        self.language = SOURCE_LANGUAGE

    def switch(self, code: str) -> None:
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None
        if code != SOURCE_LANGUAGE:
            translator = QTranslator()
            if translator.load(str(catalogue(code))):
                QCoreApplication.installTranslator(translator)
                self._translator = translator
            else:
                log.warning("no translation catalogue for %r; showing English", code)
        self.language = code
        self._engine.retranslate()

    def close(self) -> None:
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None
