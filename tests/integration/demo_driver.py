"""Run ``kiosk demo`` as a real process and drive it through the world page's HTTP API.

Used by the end-to-end demo tests (browser and installed wheel). The process gets its own
session (so a signal reaches only it), its output is collected by threads, and ``stop`` sends
SIGINT and returns the exit status and the output.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

WORLD_LINE = re.compile(
    r"World page \(the driver's phone and the cars\): (http://127\.0\.0\.1:\d+/)"
)


@dataclass
class DemoProcess:
    argv: Sequence[str]
    env: dict[str, str]
    cwd: Path
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    process: subprocess.Popen[str] | None = None
    world_url: str = ""
    pumps: list[threading.Thread] = field(default_factory=list)

    def start(self, timeout_s: float = 40.0) -> str:
        self.process = subprocess.Popen(
            list(self.argv),
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        for stream, sink in (
            (self.process.stdout, self.stdout),
            (self.process.stderr, self.stderr),
        ):
            pump = threading.Thread(target=_pump, args=(stream, sink), daemon=True)
            pump.start()
            self.pumps.append(pump)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for line in list(self.stdout):
                match = WORLD_LINE.search(line)
                if match:
                    self.world_url = match.group(1)
                    return self.world_url
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.kill()
        raise AssertionError(f"the demo did not start:\n{self.output()}")

    def output(self) -> str:
        return "".join(self.stdout) + "\n--- stderr ---\n" + "".join(self.stderr)

    def stop(self, sig: int = signal.SIGINT, timeout_s: float = 30.0) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        try:
            status = self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"the demo did not stop on {sig!r}:\n{self.output()}") from None
        self._close_pipes()
        return status

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._close_pipes()

    def _close_pipes(self) -> None:
        for pump in self.pumps:
            pump.join(timeout=5)
        if self.process is not None:
            for stream in (self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()


def _pump(stream: Any, sink: list[str]) -> None:
    for line in stream:
        sink.append(line)


def demo_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KIOSK_SECRETS_FILE")}
    env.update(extra)
    return env


class WorldApi:
    """The world page's JSON API, synchronously (the tests run no event loop of their own)."""

    def __init__(self, world_url: str) -> None:
        self.url = world_url.rstrip("/")
        self.http = httpx.Client(timeout=10)

    def close(self) -> None:
        self.http.close()

    def state(self) -> dict[str, Any]:
        response = self.http.get(f"{self.url}/api/state")
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body

    def post(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.http.post(f"{self.url}{path}", json=body)
        assert response.is_success, f"{path}: {response.status_code} {response.text}"
        answer: dict[str, Any] = response.json()
        return answer

    def wait(
        self, what: str, predicate: Callable[[dict[str, Any]], Any], timeout_s: float = 20.0
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        state = self.state()
        while not predicate(state):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; last state: {state}")
            time.sleep(0.2)
            state = self.state()
        return state


def screen_of(state: dict[str, Any], connector_id: int = 1) -> dict[str, Any]:
    for item in state["station"]["connectors"]:
        if item["connector_id"] == connector_id:
            found: dict[str, Any] = item
            return found
    raise AssertionError(f"no connector {connector_id}")


def assert_settled(payment: dict[str, Any]) -> tuple[int, int]:
    """captured + cancelled = authorized, something was captured; returns (captured, cancelled)."""
    aggregate = payment["aggregate"]
    authorized = aggregate["authorizedAmount"]["value"]
    captured = aggregate["capturedAmount"]["value"]
    cancelled = aggregate["cancelledAmount"]["value"]
    assert authorized == payment["amount"]["value"]
    assert captured > 0
    assert captured + cancelled == authorized
    return captured, cancelled


def settled_sessions(database: Path) -> list[dict[str, Any]]:
    """The demo's session rows, read straight from its SQLite file (after it stopped)."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(
            "SELECT payment_reference, authorized_ore, captured_ore, cancelled_ore, "
            "amount_due_ore, energy_wh, settled_at FROM sessions"
        ).fetchall()
    return [dict(row) for row in rows]
