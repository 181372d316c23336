"""The screen's figures (PRODUCT.md §9 rows 3-5), each against a bare Qt Quick window.

This process runs the world (Vipps emulator + charger simulator on loopback, 20x speed) and
starts two kinds of child processes, both with ``QT_QPA_PLATFORM=offscreen`` and
``QT_QUICK_BACKEND=software`` (this machine has no display or GPU):

* the reference, ``bench/bare_window.py``: one Qt Quick window with one text and one image;
* the kiosk, ``bench/kiosk_window.py``: ``kiosk run --config FILE`` (the real composition
  root, fullscreen kiosk window, station connected to the world).

Figures:

* start -> first frame: ``time.monotonic()`` just before spawning until the child's first
  ``frameSwapped`` (the idle screen for the kiosk). Target: kiosk <= 3x bare.
* idle CPU over the idle window (30 s, ``--quick`` 10 s), both children idle side by side:
  utime+stime from ``/proc/PID/stat``, in % of one core. Target: kiosk < 1 %.
* idle RSS (``VmRSS`` at the end of the idle window). Target: kiosk <= 2x bare.
* longest event-loop stall during a whole session (plug, tap, budget, QR, approve on the
  phone page, 3 s of charging, Stop, settle, Done, unplug) measured by a 4 ms ``QTimer`` that
  records its own lateness; reference: the same timer in the bare window for as long.
  Target: no stall > 16 ms.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import Figure, arguments, report
from bench.station_file import write_station_file
from kiosk.sandbox.demo.demo_config import demo_station_config
from kiosk.sandbox.demo.world import DemoWorld

ROOT = Path(__file__).resolve().parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")


def qt_env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "QT_QUICK_BACKEND": "software",
            "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        }
    )
    env.update(extra)
    return env


def reference_image(folder: Path) -> Path:
    """A 256x256 PNG for the bare window (made here so the repo holds no binary)."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(256, 256, QImage.Format.Format_RGB32)
    for y in range(256):
        for x in range(256):
            image.setPixelColor(x, y, QColor(x, y, (x + y) // 2))
    path = folder / "reference.png"
    image.save(str(path))
    return path


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


class Child:
    def __init__(self, proc: asyncio.subprocess.Process, spawned: float) -> None:
        self.proc = proc
        self.spawned = spawned
        self.lines: list[str] = []

    @classmethod
    async def spawn(cls, args: list[str], env: dict[str, str]) -> Child:
        spawned = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            env=env,
            cwd=str(ROOT),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        return cls(proc, spawned)

    async def line(self, prefix: str, timeout_s: float) -> str:
        assert self.proc.stdout is not None
        async with asyncio.timeout(timeout_s):
            while True:
                raw = await self.proc.stdout.readline()
                if not raw:
                    err = b""
                    if self.proc.stderr is not None:
                        err = await self.proc.stderr.read()
                    raise RuntimeError(
                        f"child ended before {prefix}: {err.decode(errors='replace')[-2000:]}"
                    )
                text = raw.decode().strip()
                self.lines.append(text)
                if text.startswith("ERROR"):
                    raise RuntimeError(f"child: {text}")
                if text.startswith(prefix):
                    return text[len(prefix) :].strip()

    async def first_frame_s(self) -> float:
        return float(await self.line("FIRST_FRAME", 60)) - self.spawned

    async def stop(self) -> None:
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(10):
                    await self.proc.wait()
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()


async def start_and_idle(
    bare_args: list[str], kiosk_args: list[str], env: dict[str, str], idle_s: float
) -> dict[str, float]:
    bare = await Child.spawn(bare_args, env)
    kiosk = None
    try:
        bare_start = await bare.first_frame_s()
        kiosk = await Child.spawn(kiosk_args, env)
        kiosk_start = await kiosk.first_frame_s()
        await asyncio.sleep(2.0)  # let both settle after the first frame
        pids = (bare.proc.pid, kiosk.proc.pid)
        cpu_before = [cpu_s(pid) for pid in pids]
        wall_before = time.monotonic()
        await asyncio.sleep(idle_s)
        wall = time.monotonic() - wall_before
        cpu = [(cpu_s(pid) - before) / wall for pid, before in zip(pids, cpu_before, strict=True)]
        rss = [rss_bytes(pid) for pid in pids]
    finally:
        await bare.stop()
        if kiosk is not None:
            await kiosk.stop()
    return {
        "bare_start": bare_start,
        "kiosk_start": kiosk_start,
        "bare_cpu": cpu[0],
        "kiosk_cpu": cpu[1],
        "bare_rss": rss[0],
        "kiosk_rss": rss[1],
    }


async def stall_session(
    bare_args: list[str], kiosk_args: list[str], env: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    kiosk = await Child.spawn([*kiosk_args, "--session"], env)
    try:
        await kiosk.first_frame_s()
        text = await kiosk.line("STALL", 120)
    finally:
        await kiosk.stop()
    session = json.loads(text)
    bare = await Child.spawn([*bare_args, "--stall-s", f"{session['session_s']:.1f}"], env)
    try:
        await bare.first_frame_s()
        reference = json.loads(await bare.line("STALL", 120))
    finally:
        await bare.stop()
    return session, reference


async def main() -> None:
    args = arguments(__doc__ or "", runs=5, quick_runs=3)
    idle_s = 10.0 if args.quick else 30.0
    stall_runs = 1 if args.quick else 3
    samples: dict[str, list[float]] = {}
    stalls: list[tuple[dict[str, Any], dict[str, Any]]] = []
    with tempfile.TemporaryDirectory(prefix="ladeskjerm-bench-ui-") as folder:
        base = Path(folder)
        image = reference_image(base)
        async with DemoWorld.running(speed=20.0) as world:
            config = demo_station_config(world, base / "data")
            (base / "data").mkdir()
            config_path = base / "station.toml"
            env = qt_env(write_station_file(config, config_path))
            env["BENCH_CHARGER_URL"] = world.charger_url
            bare_args = ["-m", "bench.bare_window", str(image)]
            kiosk_args = ["-m", "bench.kiosk_window", str(config_path)]
            # warm-up: page cache, the database file and its migrations (first boot)
            await start_and_idle(bare_args, kiosk_args, env, 0.5)
            for _ in range(args.runs):
                result = await start_and_idle(bare_args, kiosk_args, env, idle_s)
                for key, value in result.items():
                    samples.setdefault(key, []).append(value)
            for _ in range(stall_runs):
                stalls.append(await stall_session(bare_args, kiosk_args, env))
    worst = [w for s, _ in stalls for w in s["worst"]]
    worst.sort(reverse=True)
    figures = [
        Figure(
            "start -> first frame of the idle screen",
            samples["kiosk_start"],
            stat="p50",
            target_ratio=3.0,
            reference_name="bare Qt Quick window (1 text, 1 image)",
            reference=samples["bare_start"],
        ),
        Figure(
            f"idle CPU over {idle_s:g} s (% of one core)",
            [c * 100 for c in samples["kiosk_cpu"]],
            stat="p50",
            unit="%",
            scale=1.0,
            target=1.0,
            reference_name="bare Qt Quick window",
            reference=[c * 100 for c in samples["bare_cpu"]],
            target_text="p50 < 1 % of one core",
        ),
        Figure(
            "idle RSS",
            samples["kiosk_rss"],
            stat="p50",
            unit="MiB",
            scale=1 / (1024 * 1024),
            target_ratio=2.0,
            reference_name="bare Qt Quick window",
            reference=samples["bare_rss"],
        ),
        Figure(
            "longest event-loop stall during a whole session (4 ms QTimer lateness)",
            [s["max_s"] for s, _ in stalls],
            stat="max",
            target=0.016,
            reference_name="same timer in the bare window, same duration",
            reference=[r["max_s"] for _, r in stalls],
            note="ticks >16 ms late: "
            + ", ".join(str(s["over_16ms"]) for s, _ in stalls)
            + "; worst (ms, screen): "
            + ", ".join(f"{late} {where}" for late, where in worst[:6]),
        ),
    ]
    report(
        "screen: start, idle, stalls (offscreen, software renderer)",
        figures,
        args.json,
        {"idle_s": idle_s, "stalls": [s for s, _ in stalls]},
    )


if __name__ == "__main__":
    asyncio.run(main())
