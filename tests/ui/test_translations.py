"""Translations: complete, in step with the QML sources, and the committed .qm are current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.gui.viewmodels.translation import translations_dir
from kiosk.resources import ui_dir

LANGUAGES = ("nb", "sv", "da", "fi", "de")
TOOLS = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = TOOLS / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing (it ships with PySide6)")
    return found


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    found: dict[tuple[str, str], ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language: str) -> None:
    messages = _messages(translations_dir() / f"kiosk_{language}.ts")
    assert messages
    unfinished = [
        source
        for (_, source), message in messages.items()
        if (translation := message.find("translation")) is None
        or translation.get("type") in {"unfinished", "vanished", "obsolete"}
        or not (translation.text or "").strip()
    ]
    assert unfinished == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    for (_, source), message in _messages(translations_dir() / f"kiosk_{language}.ts").items():
        translation = message.findtext("translation") or ""
        for placeholder in ("%1", "%2"):
            assert (placeholder in source) == (placeholder in translation), (source, translation)


@pytest.mark.parametrize("language", LANGUAGES)
def test_ts_is_in_step_with_the_qml(language: str, tmp_path: Path) -> None:
    committed = translations_dir() / f"kiosk_{language}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    sources = sorted(str(p) for p in (ui_dir() / "Kiosk").rglob("*.qml"))
    subprocess.run(
        [_tool("pyside6-lupdate"), "-silent", "-locations", "none", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert set(_messages(fresh)) == set(_messages(committed)), "run scripts/translations"


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_qm_is_built_from_the_ts(language: str, tmp_path: Path) -> None:
    built = tmp_path / f"kiosk_{language}.qm"
    subprocess.run(
        [
            _tool("pyside6-lrelease"),
            "-silent",
            str(translations_dir() / f"kiosk_{language}.ts"),
            "-qm",
            str(built),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    committed = translations_dir() / f"kiosk_{language}.qm"
    assert committed.read_bytes() == built.read_bytes(), "run scripts/translations release"
