"""The systemd units and the deployment guide say things the ``kiosk`` command really accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.config.secrets import Secrets, env_name
from kiosk.hardware.profile import profile_names

REPO = Path(__file__).resolve().parents[3]
DEPLOY = REPO / "deploy"
KIOSK_BIN = "/opt/ladeskjerm/venv/bin/kiosk"


def _unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        key, _, value = line.partition("=")
        current.append((key, value))
    return sections


def _values(section: list[tuple[str, str]], key: str) -> list[str]:
    return [value for name, value in section if name == key]


def _kiosk_args(command: str, home: str = "/home/station") -> list[str]:
    words = shlex.split(command.replace("%h", home))
    assert words[0] == KIOSK_BIN
    return words[1:]


@pytest.mark.parametrize("name", ["ladeskjerm.service", "ladeskjerm-session.service"])
def test_units_restart_forever_and_run_the_station(name: str) -> None:
    unit = _unit(DEPLOY / name)
    service = unit["Service"]
    assert _values(service, "Restart") == ["always"]
    assert _values(unit["Unit"], "StartLimitIntervalSec") == ["0"]
    assert _values(service, "KillSignal") == ["SIGTERM"]
    (environment_file,) = _values(service, "EnvironmentFile")
    assert environment_file.startswith("-")  # optional
    assert any(v.startswith("KIOSK_SECRETS_FILE=") for v in _values(service, "Environment"))
    (exec_start,) = _values(service, "ExecStart")
    args = build_parser().parse_args(_kiosk_args(exec_start))
    assert args.command == "run"
    assert not args.headless
    assert args.config.endswith("/station.toml")
    # the schema is migrated first, in its own process, from the same configuration
    (exec_start_pre,) = _values(service, "ExecStartPre")
    pre = build_parser().parse_args(_kiosk_args(exec_start_pre))
    assert pre.command == "migrate"
    assert pre.config == args.config
    assert _values(unit["Install"], "WantedBy")


def test_the_system_unit_runs_unprivileged_on_eglfs() -> None:
    service = _unit(DEPLOY / "ladeskjerm.service")["Service"]
    assert _values(service, "User") == ["ladeskjerm"]
    assert "QT_QPA_PLATFORM=eglfs" in _values(service, "Environment")
    assert _values(service, "NoNewPrivileges") == ["yes"]
    assert _values(service, "StateDirectory") == ["ladeskjerm"]


def test_the_environment_example_names_only_real_secrets() -> None:
    text = (DEPLOY / "ladeskjerm.env.example").read_text(encoding="utf-8")
    named = set(re.findall(r"^#?(KIOSK_[A-Z_]+)=", text, re.MULTILINE))
    known = {env_name(field) for field in Secrets.model_fields}
    assert named
    assert named <= known


def _commands(markdown: str) -> list[list[str]]:
    """Every ``kiosk ...`` command line inside the fenced code blocks of a Markdown file."""
    found: list[list[str]] = []
    for block in re.findall(r"```sh\n(.*?)```", markdown, re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line.split("#", 1)[0]) if "kiosk" in line else []
            for index, word in enumerate(words):
                if word.endswith("bin/kiosk") or word == "kiosk":
                    found.append(words[index + 1 :])
                    break
    return found


@pytest.mark.parametrize("document", ["deploy/README.md", "README.md"])
def test_every_documented_command_parses(document: str) -> None:
    commands = _commands((REPO / document).read_text(encoding="utf-8"))
    assert commands, f"no kiosk command found in {document}"
    parser = build_parser()
    profiles = set(profile_names())
    for words in commands:
        args = parser.parse_args(words)
        profile = getattr(args, "profile", None)
        if profile is not None:
            assert profile in profiles, f"{document}: unknown profile {profile!r}"
