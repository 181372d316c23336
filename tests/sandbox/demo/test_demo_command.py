"""``kiosk demo`` as a command: options, SIGTERM stops it cleanly, a taken port is one sentence."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.cli import build_parser

WORLD = re.compile(r"World page \(the driver's phone and the cars\): http://127\.0\.0\.1:(\d+)/")


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "KIOSK_SECRETS_FILE"}


def test_options() -> None:
    parser = build_parser()
    args = parser.parse_args(["demo"])
    assert (args.headless, args.fullscreen, args.port, args.speed) == (False, False, 0, 1.0)
    args = parser.parse_args(["demo", "--fullscreen", "--port", "8123", "--speed", "2"])
    assert (args.fullscreen, args.port, args.speed) == (True, 8123, 2.0)


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--headless", "--fullscreen"],
        ["demo", "--speed", "0"],
        ["demo", "--speed", "10"],
        ["demo", "--port", "70000"],
    ],
)
def test_bad_options_are_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(argv)
    assert exit_info.value.code == 2
    assert "usage: kiosk demo" in capsys.readouterr().err


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.mark.slow
def test_sigterm_stops_the_headless_demo_cleanly(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "demo", "--headless"],
        cwd=tmp_path,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        port = None
        deadline = time.monotonic() + 30
        while port is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            match = WORLD.search(line)
            port = int(match.group(1)) if match else None
        assert port is not None, "no world page address printed"
        assert not _port_is_free(port)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Ladeskjerm demo stopped." in out
    assert "Traceback" not in err
    assert _port_is_free(port)


@pytest.mark.slow
def test_a_taken_port_is_reported_in_one_sentence(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "kiosk", "demo", "--headless", "--port", str(port)],
            cwd=tmp_path,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.startswith(f"kiosk demo: the world page cannot listen on 127.0.0.1:{port}")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--headless", "--vipps-url", "http://127.0.0.1:1"],
        ["demo", "--headless", "--charger-url", "http://127.0.0.1:1"],
    ],
)
def test_an_emulator_elsewhere_needs_a_simulator_elsewhere_too(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    args = build_parser().parse_args(argv)
    assert args.handler(args) == 2
    assert "--vipps-url and --charger-url go together" in capsys.readouterr().err
