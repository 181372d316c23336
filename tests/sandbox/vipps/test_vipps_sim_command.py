"""``kiosk sim vipps`` runs the emulator as a real server and stops cleanly on SIGTERM."""

from __future__ import annotations

import re
import signal
import subprocess
import sys

import httpx
from vipps_emulator_helpers import TOKEN_HEADERS


def test_sim_vipps_serves_tokens_and_stops_on_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sim", "vipps", "--port", "0", "--no-strict"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        assert match is not None, line
        response = httpx.post(f"{match.group(1)}/accesstoken/get", headers=TOKEN_HEADERS, timeout=5)
        assert response.status_code == 200
        assert response.json()["expires_in"] == "3600"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
        if process.stdout is not None:
            process.stdout.close()
