"""200 phones following the kiosk's session: its Stop and its screen, with and without them.

The kiosk runs as a child process exactly as ``kiosk run --config FILE`` runs it
(``bench/kiosk_window.py --phone-rounds``: the real composition root, the window offscreen with
the software renderer, the station and its phone pages on the window's event loop), against
the world in this process (Vipps emulator + charger simulator 20x on loopback). The child plays
one session per round; this process follows it:

* ``q`` rounds: no phone follows; ``c`` rounds: ``--crowd`` (200) phones follow the session
  over SSE (``/s/<token>/events``) from a third process, all connected before the figures
  start. In both, a 4 ms ``QTimer`` in the kiosk records the Qt event loop's lateness while
  the charging screen shows for ``BENCH_HOLD_S`` (3 s) and through the Stop tap until the Done
  screen; then the screen's Stop tap -> the disable written on the simulator's socket (the
  same monotonic clock in both processes).
* ``p`` rounds: the driver's phone (in this process, a different ``X-Forwarded-For`` address
  per round as behind the operator's proxy: the per-address Stop limit is 12 a minute) POSTs
  the confirmed Stop on its session page -> the disable written on the simulator.

Rounds are interleaved (q, c, p, p, ...) so machine load falls on all kinds alike.
``--runs N`` q/c pairs (default 12), ``--phone-stops N`` p rounds (default 100), ``--hold S``
the charging screen's time under the timer per q/c round (default 3 s), ``--http h11`` runs the
kiosk's web servers on uvicorn's pure-Python protocol instead of ``httptools`` (the before of
issue 16's change). The 1-minute load average is sampled before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.figures import Figure, arguments, percentile, report
from bench.phone_pages import crowd
from bench.rig import EvseProbe
from bench.station_file import write_station_file
from bench.ui_figures import Child, qt_env
from kiosk.sandbox.demo.demo_config import demo_station_config
from kiosk.sandbox.demo.world import DemoWorld

CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
CROWD = 200


def plan(crowd_rounds: int, phone_stops: int) -> str:
    """q c, then as many p as spread the phone stops evenly between the pairs."""
    rounds = []
    per_pair = max(1, round(phone_stops / max(1, crowd_rounds)))
    left = phone_stops
    for _ in range(crowd_rounds):
        rounds += ["q", "c"]
        take = min(per_pair, left)
        rounds += ["p"] * take
        left -= take
    rounds += ["p"] * left
    return "".join(rounds)


def options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--phone-stops", type=int, default=None, help="p rounds (default 100)")
    parser.add_argument("--hold", type=float, default=3.0, help="charging screen held, s")
    parser.add_argument("--http", choices=("httptools", "h11"), default=None)


async def main() -> None:
    args = arguments(__doc__ or "", runs=12, quick_runs=3, extend=options)
    phone_stops = args.phone_stops if args.phone_stops is not None else (12 if args.quick else 100)
    load_before = os.getloadavg()[0]
    started_s = time.monotonic()
    rounds = plan(args.runs, phone_stops)
    stops: dict[str, list[float]] = {"q": [], "c": [], "p": []}
    stalls: dict[str, list[dict[str, Any]]] = {"q": [], "c": []}
    with tempfile.TemporaryDirectory(prefix="ladeskjerm-bench-crowd-") as folder:
        base = Path(folder)
        async with DemoWorld.running(speed=20.0) as world:
            config = demo_station_config(world, base / "data")
            web = config.web.model_copy(update={"trust_forwarded_for": True})
            config = config.model_copy(update={"web": web})
            (base / "data").mkdir()
            config_path = base / "station.toml"
            env = qt_env(write_station_file(config, config_path))
            env["BENCH_CHARGER_URL"] = world.charger_url
            env["BENCH_PLAN"] = rounds
            env["BENCH_CROWD"] = str(CROWD)
            env["BENCH_HOLD_S"] = str(args.hold)
            if args.http is not None:
                env["BENCH_HTTP"] = args.http
            probe = EvseProbe(world.simulator._evses[0])
            kiosk = await Child.spawn(
                ["-m", "bench.kiosk_window", str(config_path), "--phone-rounds"], env
            )
            followers: asyncio.subprocess.Process | None = None
            try:
                await kiosk.first_frame_s()
                async with httpx.AsyncClient(timeout=10) as http:
                    for number, kind in enumerate(rounds):
                        follow = await kiosk.line("FOLLOW", 60)
                        url = follow.split()[2]
                        page = url.split("/s/", 1)[0]
                        if kind == "c":
                            followers = await crowd(f"{url}/events", CROWD)
                        if kind in "qc":
                            tapped = float(await kiosk.line("TAPPED", 60))
                            written = await probe.first_after(tapped, offering=False, timeout_s=10)
                            if written is None:
                                raise RuntimeError("the screen's stop was not written in 10 s")
                            stops[kind].append(written - tapped)
                            stalls[kind].append(json.loads(await kiosk.line("STALL", 60)))
                        else:
                            headers = {
                                "origin": page,
                                "x-forwarded-for": f"10.1.{number // 250}.{number % 250 + 1}",
                            }
                            found = CSRF.search((await http.get(url, headers=headers)).text)
                            assert found is not None
                            await kiosk.line("STOPME", 60)
                            started = time.perf_counter()
                            answer = await http.post(
                                f"{url}/stop",
                                data={"csrf": found.group(1), "lang": "en", "confirm": "yes"},
                                headers=headers,
                            )
                            if answer.status_code != 303:
                                raise RuntimeError(f"phone Stop answered {answer.status_code}")
                            written = await probe.first_after(started, offering=False, timeout_s=10)
                            if written is None:
                                raise RuntimeError("the phone's stop was not written in 10 s")
                            stops["p"].append(written - started)
                        await kiosk.line(f"ROUND {number}", 60)
                        if followers is not None:
                            followers.kill()
                            await followers.wait()
                            followers = None
                await kiosk.line("ROUNDS_DONE", 60)
            finally:
                if followers is not None:
                    followers.kill()
                    await followers.wait()
                await kiosk.stop()

    load = f"load average {load_before:.2f} -> {os.getloadavg()[0]:.2f}"
    print(f"{rounds}: {time.monotonic() - started_s:.0f} s, http {args.http or 'default'}, {load}")

    def ticks(kind: str) -> list[float]:
        return [t for s in stalls[kind] for t in s["ticks_s"]]

    def worst(kind: str) -> str:
        return ", ".join(f"{w[0]} {w[1]}" for s in stalls[kind] for w in s["worst"][:2])

    def collections(kind: str) -> str:
        return ", ".join(f"{max(s.get('gc_s') or [0.0]) * 1000:.1f}" for s in stalls[kind])

    figures = [
        Figure(
            "phone Stop POST -> disable written (kiosk run, window offscreen)",
            stops["p"],
            stat="p99",
            target=0.05,
            reference_name="the screen's Stop tap -> disable written, no phones",
            reference=stops["q"],
        ),
        Figure(
            f"screen's Stop tap -> disable written, {CROWD} phones following (SSE)",
            stops["c"],
            stat="p99",
            target_ratio=1.2,
            reference_name="the same, no phone following",
            reference=stops["q"],
        ),
        Figure(
            f"UI stall: p99 of the 4 ms QTimer's lateness per round, {CROWD} phones following",
            [percentile(s["ticks_s"], 99) for s in stalls["c"]],
            stat="p50",
            target_ratio=1.2,
            reference_name="the same, no phone following",
            reference=[percentile(s["ticks_s"], 99) for s in stalls["q"]],
            note=f"all ticks: p99 {percentile(ticks('c'), 99) * 1000:.2f} ms with phones, "
            f"{percentile(ticks('q'), 99) * 1000:.2f} ms without",
        ),
        Figure(
            f"UI stall: longest per round (charging screen + Stop), {CROWD} phones following",
            [s["max_s"] for s in stalls["c"]],
            stat="p50",
            target_ratio=1.2,
            reference_name="the same, no phone following",
            reference=[s["max_s"] for s in stalls["q"]],
            note=f"worst with phones (ms, screen): {worst('c')}; without: {worst('q')}; "
            f"longest garbage collection per round (ms) with phones: {collections('c')}, "
            f"without: {collections('q')}",
        ),
    ]
    report(
        "200 phones following the kiosk (kiosk run in a child, window offscreen)",
        figures,
        args.json,
        {
            "plan": rounds,
            "http": args.http or "default",
            "load": load,
            "crowd": CROWD,
            "stalls": {
                k: [{key: v for key, v in s.items() if key != "ticks_s"} for s in stalls[k]]
                for k in stalls
            },
        },
    )


if __name__ == "__main__":
    asyncio.run(main())
