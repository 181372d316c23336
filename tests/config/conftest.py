"""Helpers for configuration tests: write station files and secrets files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

VALID = """\
[station]
id = "test-1"
name = "Test station"
languages = ["nb", "en"]
default_language = "nb"

[[connectors]]
id = 1
name = "Venstre"
profile = "sim"
host = "127.0.0.1"
port = 5020

[[connectors]]
id = 2
name = "Høyre"
profile = "sim"
host = "127.0.0.1"
port = 5021
meter = { profile = "eastron-sdm630", host = "127.0.0.1", port = 5022 }

[tariff]
price_ore_per_kwh = 450

[vipps]
merchant_serial_number = "123456"
"""


@pytest.fixture
def example_file() -> Path:
    return REPO_ROOT / "station.example.toml"


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str, name: str = "station.toml", mode: int = 0o644) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        path.chmod(mode)
        return path

    return write


@pytest.fixture(autouse=True)
def _no_secrets_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("KIOSK_") and name != "KIOSK_TEST_PG_URL":
            monkeypatch.delenv(name)


@pytest.fixture
def valid_text() -> str:
    return VALID
