"""kill -9 mid-charge -> restart -> session resumed or settled (PRODUCT.md §9, last row).

This process runs the world (emulator + simulator on loopback). Each run starts the kiosk
(``kiosk run --config FILE`` with its window, offscreen) as a child that plays a session up
to CHARGING, lets it charge 1.5 s, kills it with SIGKILL, and starts it again with the same
database. The restarted station restores the session as RECOVERING (the screen shows
"settling"), GETs the payment, reads the charger and, with the car still plugged and money
left, resumes: the figure is spawn of the new process -> the first screen that shows the
session resumed (CHARGING) or settled (DONE) after RECOVERING. Reference: spawn -> first
frame of the idle screen of the same kiosk restarting on the same (migrated) database with no
session to recover.
Target: <= 3 s after start.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from bench.figures import Figure, arguments, report
from bench.station_file import write_station_file
from bench.ui_figures import Child, qt_env
from kiosk.sandbox.demo.demo_config import demo_station_config
from kiosk.sandbox.demo.world import DemoWorld


async def screens_until(child: Child, timeout_s: float) -> tuple[str, float]:
    """Read SCREEN lines until CHARGING/DONE follows SETTLING; (screen, seconds after spawn)."""
    recovering = False
    async with asyncio.timeout(timeout_s):
        while True:
            name, at = (await child.line("SCREEN", timeout_s)).split()
            if name == "settling":
                recovering = True
            elif recovering and name in ("charging", "done"):
                return name, float(at) - child.spawned


async def one_run(args: list[str], env: dict[str, str], world: DemoWorld) -> tuple[str, float]:
    first = await Child.spawn([*args, "--charge"], env)
    try:
        await first.line("CHARGING", 60)
        await asyncio.sleep(1.5)
    finally:
        first.proc.kill()  # SIGKILL: no cleanup at all
        await first.proc.wait()
    second = await Child.spawn([*args, "--screens"], env)
    try:
        outcome = await screens_until(second, 30)
    finally:
        await second.stop()
    car = world.simulator.car(0)
    if car.plugged:
        car.unplug()
    return outcome


async def clean_start(args: list[str], env: dict[str, str]) -> float:
    child = await Child.spawn(args, env)
    try:
        return await child.first_frame_s()
    finally:
        await child.stop()


async def main() -> None:
    options = arguments(__doc__ or "", runs=8, quick_runs=3)
    recovered: list[float] = []
    outcomes: list[str] = []
    starts: list[float] = []
    with tempfile.TemporaryDirectory(prefix="ladeskjerm-bench-crash-") as folder:
        base = Path(folder)
        async with DemoWorld.running(speed=5.0) as world:
            for run in range(options.runs):
                data = base / f"data{run}"
                data.mkdir()
                config = demo_station_config(world, data)
                config_path = base / f"station{run}.toml"
                env = qt_env(write_station_file(config, config_path))
                env["BENCH_CHARGER_URL"] = world.charger_url
                args = ["-m", "bench.kiosk_window", str(config_path)]
                await clean_start(args, env)  # first boot: creates the database
                starts.append(await clean_start(args, env))  # a clean restart, nothing to do
                outcome, seconds = await one_run(args, env, world)
                outcomes.append(outcome)
                recovered.append(seconds)
    figure = Figure(
        "kill -9 mid-charge -> restart -> session resumed/settled (s after spawn)",
        recovered,
        stat="p95",
        target=3.0,
        reference_name="clean start -> first frame of the idle screen",
        reference=starts,
        note="outcomes: " + ", ".join(outcomes),
    )
    report("crash recovery (kiosk with window, offscreen)", [figure], options.json, None)


if __name__ == "__main__":
    asyncio.run(main())
