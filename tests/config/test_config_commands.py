"""``kiosk check-config`` and ``kiosk set-pin`` through the real command-line parser."""

from __future__ import annotations

import io
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.config.pin import verify_pin


def test_check_config_ok(example_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-config", str(example_file)]) == 0
    assert capsys.readouterr().out == "OK\n"


def test_check_config_prints_file_line_field(
    write_file: Callable[..., Path], valid_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = valid_text.replace("port = 5020", "port = 0").replace("price_ore_per_kwh = 450", "")
    path = write_file(bad)
    assert main(["check-config", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{path}:12: connectors[0].port: Input should be greater than or equal to 1",
        f"{path}:22: tariff.price_ore_per_kwh: required setting is missing",
    ]


def test_check_config_as_a_process(write_file: Callable[..., Path], valid_text: str) -> None:
    path = write_file(valid_text.replace('id = "test-1"', 'id = ""'))
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "check-config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:2: station.id: ")


def test_set_pin_prints_a_hash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("482916\n"))
    assert main(["set-pin"]) == 0
    printed = capsys.readouterr().out.strip()
    assert verify_pin("482916", printed)


def test_set_pin_writes_an_owner_only_secrets_file(
    monkeypatch: pytest.MonkeyPatch,
    write_file: Callable[..., Path],
    valid_text: str,
    tmp_path: Path,
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('vipps_client_id = "abc"\nservice_pin_hash = "old"\n')
    secrets.chmod(0o600)
    monkeypatch.setattr(sys, "stdin", io.StringIO("482916\n"))
    assert main(["set-pin", "--secrets-file", str(secrets)]) == 0
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    text = secrets.read_text()
    assert 'vipps_client_id = "abc"' in text
    assert text.count("service_pin_hash") == 1
    station = write_file(valid_text + '\n[paths]\nsecrets_file = "secrets.toml"\n')
    config = load_config(station, env={})
    assert config.secrets.service_pin_hash is not None
    assert verify_pin("482916", config.secrets.service_pin_hash.get_secret_value())


def test_set_pin_creates_the_file_and_refuses_bad_input(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = tmp_path / "new-secrets.toml"
    monkeypatch.setattr(sys, "stdin", io.StringIO("12\n"))
    assert main(["set-pin", "--secrets-file", str(secrets)]) == 1
    assert "4-12 digits" in capsys.readouterr().err
    assert not secrets.exists()
    monkeypatch.setattr(sys, "stdin", io.StringIO("5555\n"))
    assert main(["set-pin", "--secrets-file", str(secrets)]) == 0
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600


def test_set_pin_refuses_a_readable_secrets_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("")
    secrets.chmod(0o644)
    monkeypatch.setattr(sys, "stdin", io.StringIO("5555\n"))
    assert main(["set-pin", "--secrets-file", str(secrets)]) == 1
    assert "chmod 600" in capsys.readouterr().err


CHECK_IN_FRESH_PROCESS = """
import os, sys
os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)
from kiosk.cli import main
assert main(["check-config", sys.argv[1]]) == 0
from pydantic.plugin import _loader
print(_loader._plugins is None)
"""


def test_the_cli_does_not_scan_installed_packages_for_pydantic_plugins(example_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK_IN_FRESH_PROCESS, str(example_file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split()[-1] == "True"
