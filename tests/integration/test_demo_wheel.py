"""The built wheel, installed into a fresh virtual environment, runs ``kiosk demo --headless``.

The new environment gets the wheel alone; its dependencies come from the current environment
through a ``.pth`` line (no network, and the checkout's editable install stays invisible: a
``.pth`` path is added without running the ``.pth`` files inside it). The demo then runs one
session driven through the world page's HTTP API: tap, budget, approve, plug, charge, stop,
settled; SIGINT ends it with status 0 and no traceback.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from demo_driver import (
    DemoProcess,
    WorldApi,
    assert_settled,
    demo_env,
    screen_of,
    settled_sessions,
)


@pytest.mark.slow
def test_installed_wheel_runs_one_demo_session(wheel_env: Path, tmp_path: Path) -> None:
    kiosk = wheel_env / "bin" / "kiosk"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(kiosk), "paths"], cwd=elsewhere, env=demo_env(), capture_output=True, text=True
    )
    assert str(wheel_env) in where.stdout, where.stdout + where.stderr

    data = tmp_path / "data"
    demo = DemoProcess(
        [str(kiosk), "demo", "--headless", "--speed", "2", "--data-dir", str(data)],
        demo_env(),
        elsewhere,
    )
    world = WorldApi(demo.start())
    try:
        world.post("/api/station/1/select")
        world.wait("the budget screen", lambda s: screen_of(s)["screen"] == "budget")
        world.post("/api/station/1/budget", {"amount_ore": 20000})
        state = world.wait(
            "a payment to approve", lambda s: any(p["state"] == "CREATED" for p in s["payments"])
        )
        (payment,) = state["payments"]
        assert payment["amount"]["value"] == 20000
        world.post(f"/api/payments/{payment['reference']}/approve")
        world.wait("plug in", lambda s: screen_of(s)["screen"] == "plug_in")
        world.post("/api/connectors/0/plug", {"soc_pct": 40})
        world.wait(
            "50 Wh charged (more than the 10 Wh below which nothing is captured)",
            lambda s: (
                screen_of(s)["screen"] == "charging" and (screen_of(s)["energy_wh"] or 0) >= 50
            ),
            timeout_s=30,
        )
        world.post("/api/station/1/stop")
        state = world.wait("the done screen", lambda s: screen_of(s)["screen"] == "done")
        done = screen_of(state)
        (payment,) = state["payments"]
        captured, cancelled = assert_settled(payment)
        assert (done["paid_ore"], done["released_ore"]) == (captured, cancelled)
    finally:
        world.close()
        status = demo.stop()
    assert status == 0, demo.output()
    assert "Traceback" not in demo.output()
    assert "Ladeskjerm demo stopped." in demo.output()
    (row,) = settled_sessions(data / "ladeskjerm-demo.sqlite3")
    assert row["payment_reference"] == payment["reference"]
    assert row["settled_at"] is not None
    assert (row["captured_ore"], row["cancelled_ore"]) == (captured, cancelled)
    assert row["amount_due_ore"] == captured
