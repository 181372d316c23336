"""The driver's phone pages: page weight, phone Stop -> disable written, meter -> live page.

The real station with its phone pages (``kiosk.app.assemble_station`` with ``[web]``, as
``kiosk run`` builds it) runs against the demo's world (Vipps emulator on uvicorn, charger
simulator 20x over Modbus TCP) on 127.0.0.1, in this process. Each run: a car is plugged, a
phone POSTs Pay on ``/c/1`` (form token and Origin as a browser sends them), the payment is
approved at the emulator, the car charges a moment, then:

* odd runs: the phone POSTs the confirmed Stop on ``/s/<token>/stop`` -> the simulator's
  socket has the disable written (``EvseProbe``); even runs: the screen's Stop tap, the same
  path's reference measured in the same run;
* a stop loop of short sessions (100, ``--quick`` 20, each kind): the phone's Stop POST (its
  page following the session over SSE) and the screen's Stop tap, alternately -> disable
  written. The simulator and the phone's client share this process and its loop, so the
  simulator reads the request only after the client has handled the answer; the kiosk as
  ``kiosk run`` runs it, world in another process: ``bench/phone_crowd.py``;
* 200 phones following one session (SSE) while the screen's Stop is tapped: Stop tap ->
  disable written, against the same with no phone following (alternate runs);
* while charging, an SSE client follows ``/s/<token>/events``: the station's snapshot first
  showing a new energy figure -> that figure arriving on the phone (the page's part of "a
  meter change visible within 1.5 s"; the poller's read interval comes before it).

Page weight: every page as a phone loads it (HTML + the CSS + the JS it references,
uncompressed) in each state, against the emulator's own landing page (a bare page).
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from contextlib import AsyncExitStack
from typing import Any

import httpx

from bench.figures import Figure, arguments, report
from bench.rig import EvseProbe
from bench.station_driver import data_folder, poller_factory
from kiosk.app import assemble_station
from kiosk.core.number_format import NumberFormat
from kiosk.core.state import Phase
from kiosk.sandbox.demo.demo_config import demo_station_config
from kiosk.sandbox.demo.world import DemoWorld
from kiosk.web.guard import RateLimit

SPEED = 20.0
CONNECTOR = 1
CHARGE_S = 1.5
STOP_CHARGE_S = 0.3
STOP_RUNS = 100
"""Phone Stop POSTs (and as many screen Stop taps) in the stop loop of a full run."""
STOP_RUNS_QUICK = 20
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
TOKEN = re.compile(r"^/s/([A-Za-z0-9_-]+)")


async def page_weight(http: httpx.AsyncClient, path: str) -> int:
    page = await http.get(path)
    total = len(page.content)
    for asset in ("/static/phone.css", "/static/phone.js"):
        if asset in page.text:
            total += len((await http.get(asset)).content)
    return total


async def wait_for(predicate: Any, timeout_s: float = 15.0) -> None:
    async with asyncio.timeout(timeout_s):
        while not predicate():  # noqa: ASYNC110 - the station's state, polled from outside
            await asyncio.sleep(0.01)


async def follow(http: httpx.AsyncClient, token: str, arrivals: dict[str, float]) -> None:
    """Record when each energy figure first arrives (the first event, the state at connect
    time, is not a change and is left out)."""
    first = True
    async with http.stream("GET", f"/s/{token}/events") as stream:
        async for line in stream.aiter_lines():
            if line.startswith("data: "):
                energy = json.loads(line[6:])["energy"]
                if first:
                    arrivals[energy] = -1.0
                    first = False
                arrivals.setdefault(energy, time.perf_counter())


CROWD = 200


CROWD_SCRIPT = """
import asyncio, sys, httpx
async def main(url, count):
    connected = 0
    limits = httpx.Limits(max_connections=count + 10)
    async with httpx.AsyncClient(timeout=None, limits=limits) as c:
        async def one():
            nonlocal connected
            async with c.stream("GET", url) as stream:
                first = True
                async for _ in stream.aiter_lines():
                    if first:
                        first = False
                        connected += 1
                        if connected == count:
                            print("connected", flush=True)
        await asyncio.gather(*(one() for _ in range(count)), return_exceptions=True)
asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""


async def crowd(url: str, count: int) -> asyncio.subprocess.Process:
    """``count`` phones following ``url`` (the live feed) from another process, as phones are
    not in the station's process; returns once all are connected."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CROWD_SCRIPT, url, str(count), stdout=asyncio.subprocess.PIPE
    )
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), 60)
    if line.strip() != b"connected":
        process.kill()
        raise RuntimeError(f"the {count} phones did not connect")
    return process


async def main() -> None:
    args = arguments(__doc__ or "", runs=20, quick_runs=6)
    stop_runs = STOP_RUNS_QUICK if args.quick else STOP_RUNS
    phone_stop: list[float] = []
    kiosk_stop: list[float] = []
    live: list[float] = []
    weights: dict[str, int] = {}
    landing: list[float] = []
    crowded_stop: list[float] = []
    quiet_stop: list[float] = []
    async with AsyncExitStack() as stack:
        world = await stack.enter_async_context(DemoWorld.running(speed=SPEED))
        config = demo_station_config(world, data_folder(stack))
        parts = await assemble_station(config, poller_factory=poller_factory(SPEED))
        await parts.start()
        stack.push_async_callback(parts.aclose)
        station, site = parts.station, parts.phone
        assert site is not None
        base = site.links.base_url
        # one "phone" pays and stops again and again from 127.0.0.1: lift the per-address
        # limits (the checks still run on every POST)
        site.pay_rate = RateLimit(10_000, 60.0)
        site.stop_rate = RateLimit(10_000, 60.0)  # and its Stop limit (12 a minute)
        http = await stack.enter_async_context(
            httpx.AsyncClient(base_url=base, timeout=10, headers={"origin": base})
        )
        probe = EvseProbe(world.simulator._evses[CONNECTOR - 1])
        fmt = NumberFormat("en", "NOK")
        shown: dict[str, float] = {}

        def on_snapshot(snapshot: Any) -> None:
            c = snapshot.connector(CONNECTOR)
            if c is not None and c.energy_wh is not None:
                shown.setdefault(fmt.energy(c.energy_wh), time.perf_counter())

        station.subscribe(on_snapshot)
        await wait_for(lambda: station.payment_available)
        for path in ("/", "/c/1", "/terms", "/s/none"):
            weights[path] = await page_weight(http, path + "?lang=en")
        for run in range(args.runs):
            world.simulator.car(CONNECTOR - 1).plug(soc_pct=20)
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.CAR_CONNECTED)
            csrf = CSRF.search((await http.get("/c/1?lang=en")).text)
            assert csrf is not None
            paid = await http.post(
                "/c/1/pay",
                data={"csrf": csrf.group(1), "lang": "en", "accept": "yes", "amount": "20000"},
            )
            found = TOKEN.match(paid.headers.get("location", ""))
            if found is None:
                error = re.search(r'role="alert">([^<]*)<', paid.text)
                raise RuntimeError(f"Pay answered {paid.status_code}: {error and error.group(1)}")
            token = found.group(1)
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.AWAITING_APPROVAL)
            reference = station.session(CONNECTOR).reference or ""
            if run == 0:
                weights["/s/<token> (waiting)"] = await page_weight(http, f"/s/{token}")
                state = world.emulator.payment(reference)
                landing_bytes = len((await http.get(state.redirect_url or "")).content)
                landing.append(float(landing_bytes))
            world.emulator.approve(reference)
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.CHARGING)
            shown.clear()
            arrivals: dict[str, float] = {}
            follower = asyncio.create_task(follow(http, token, arrivals))
            await asyncio.sleep(CHARGE_S)
            if run == 0:
                weights["/s/<token> (charging)"] = await page_weight(http, f"/s/{token}")
            for energy, at in arrivals.items():
                if energy in shown and energy != "–" and at > 0:
                    live.append(at - shown[energy])
            stop_csrf = CSRF.search((await http.get(f"/s/{token}")).text)
            assert stop_csrf is not None
            started = time.perf_counter()
            if run % 2 == 0:
                await http.post(
                    f"/s/{token}/stop",
                    data={"csrf": stop_csrf.group(1), "lang": "en", "confirm": "yes"},
                )
            else:
                station.stop(CONNECTOR)
            written = await probe.first_after(started, offering=False, timeout_s=10)
            if written is None:
                raise RuntimeError("the stop was not written within 10 s")
            (phone_stop if run % 2 == 0 else kiosk_stop).append(written - started)
            follower.cancel()
            await asyncio.gather(follower, return_exceptions=True)
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.DONE, 30)
            if run == 0:
                weights["/s/<token> (receipt)"] = await page_weight(http, f"/s/{token}")
            world.simulator.car(CONNECTOR - 1).unplug()
            station.dismiss(CONNECTOR)
            await wait_for(
                lambda: station.session(CONNECTOR).phase in (Phase.IDLE, Phase.CAR_CONNECTED)
            )
        for run in range(stop_runs * 2):
            # short sessions, only for the stop: the phone's Stop POST (its page open and
            # following the session, as a phone that shows the Stop button is) and the
            # screen's Stop tap, alternately
            world.simulator.car(CONNECTOR - 1).plug(soc_pct=20)
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.CAR_CONNECTED)
            started_phone = station.start_from_phone(CONNECTOR, 20000, site.links.session_url)
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.AWAITING_APPROVAL)
            world.emulator.approve(station.session(CONNECTOR).reference or "")
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.CHARGING)
            token = site.tokens.token(started_phone.session_id or "")
            follower = asyncio.create_task(follow(http, token, {}))
            stop_csrf = CSRF.search((await http.get(f"/s/{token}")).text)
            assert stop_csrf is not None
            await asyncio.sleep(STOP_CHARGE_S)
            started = time.perf_counter()
            if run % 2 == 0:
                await http.post(
                    f"/s/{token}/stop",
                    data={"csrf": stop_csrf.group(1), "lang": "en", "confirm": "yes"},
                )
            else:
                station.stop(CONNECTOR)
            written = await probe.first_after(started, offering=False, timeout_s=10)
            if written is None:
                raise RuntimeError("the stop was not written within 10 s")
            (phone_stop if run % 2 == 0 else kiosk_stop).append(written - started)
            follower.cancel()
            await asyncio.gather(follower, return_exceptions=True)
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.DONE, 30)
            world.simulator.car(CONNECTOR - 1).unplug()
            station.dismiss(CONNECTOR)
            await wait_for(
                lambda: station.session(CONNECTOR).phase in (Phase.IDLE, Phase.CAR_CONNECTED)
            )
        for run in range(args.runs * 2):
            world.simulator.car(CONNECTOR - 1).plug(soc_pct=20)
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.CAR_CONNECTED)
            started_phone = station.start_from_phone(CONNECTOR, 20000, site.links.session_url)
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.AWAITING_APPROVAL)
            world.emulator.approve(station.session(CONNECTOR).reference or "")
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.CHARGING)
            token = site.tokens.token(started_phone.session_id or "")
            followers = await crowd(f"{base}/s/{token}/events", CROWD) if run % 2 == 0 else None
            await asyncio.sleep(CHARGE_S)
            started = time.perf_counter()
            station.stop(CONNECTOR)
            written = await probe.first_after(started, offering=False, timeout_s=10)
            if written is None:
                raise RuntimeError("the stop was not written within 10 s")
            (crowded_stop if followers else quiet_stop).append(written - started)
            if followers is not None:
                followers.kill()
                await followers.wait()
            await wait_for(lambda: station.session(CONNECTOR).phase is Phase.DONE, 30)
            world.simulator.car(CONNECTOR - 1).unplug()
            station.dismiss(CONNECTOR)
            await wait_for(
                lambda: station.session(CONNECTOR).phase in (Phase.IDLE, Phase.CAR_CONNECTED)
            )
    figures = [
        Figure(
            f"page weight {path} (HTML+CSS+JS, uncompressed)",
            [float(size)],
            stat="max",
            unit="KB",
            scale=1 / 1024,
            target=60 * 1024,
            reference_name="the emulator's landing page",
            reference=landing,
        )
        for path, size in weights.items()
    ]
    figures += [
        Figure(
            "phone Stop POST -> disable written on simulator",
            phone_stop,
            stat="p99",
            target=0.05,
            reference_name="the screen's Stop tap -> disable written",
            reference=kiosk_stop,
        ),
        Figure(
            f"screen's Stop tap -> disable written, {CROWD} phones following (SSE)",
            crowded_stop,
            stat="p99",
            target_ratio=1.2,
            reference_name="the same with no phone following",
            reference=quiet_stop,
            note="headless; the kiosk with its window and UI stall: bench/phone_crowd.py",
        ),
        Figure(
            "station shows a new energy figure -> it arrives on the phone (SSE)",
            live,
            stat="p95",
            target=1.5,
            note="plus the poller's read interval before the station sees the meter",
        ),
    ]
    report(
        "phone pages",
        figures,
        args.json,
        {"runs": args.runs, "stop_runs": stop_runs, "speed": SPEED},
    )


if __name__ == "__main__":
    asyncio.run(main())
