"""The kiosk as a child process, timed from outside: ``kiosk run --config FILE`` plus hooks.

Run by ``bench/ui_figures.py``::

    python -m bench.kiosk_window CONFIG [--session | --charge] [--screens]

It runs exactly what ``kiosk run --config CONFIG`` runs (``kiosk.cli.main``; secrets come from
the ``KIOSK_*`` environment), with one observer wrapped around
``kiosk.gui.qml_engine.build_ui``: when the
window swaps its first frame (the idle screen) it prints ``FIRST_FRAME <time.monotonic()>``.

With ``--session`` it then plays one driver's whole session through the station's
``StationControl`` (the calls the view-models forward on taps) while a ``StallTimer`` records
the event loop's lateness, and prints ``STALL <json>``. The car and the phone are the world's
HTTP APIs (charger control API, the emulator's phone page), given in ``BENCH_CHARGER_URL``.
``--charge`` plays it only up to CHARGING and prints ``CHARGING <monotonic>``; ``--screens``
prints ``SCREEN <name> <monotonic>`` on every change of connector 1's screen.

With ``--phone-rounds`` it plays one session per letter of ``BENCH_PLAN`` (``bench/phone_crowd.py``
reads the lines): ``q`` and ``c`` hold the charging screen ``BENCH_HOLD_S`` under the
``StallTimer`` (``c`` first waits until ``BENCH_CROWD`` phones follow the session: the parent
starts them on ``FOLLOW``), then tap Stop (``TAPPED <monotonic>``) and print ``STALL <json>``
once the Done screen shows; ``p`` prints ``STOPME`` and waits for the phone's Stop.
``BENCH_HTTP`` (``h11`` or ``httptools``) picks uvicorn's HTTP protocol for its servers.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import kiosk.gui.qml_engine as qml
from kiosk.station.snapshot import Screen, StationControl, StationSnapshot

CONNECTOR = 1
CHARGE_S = 3.0


def _screen(snapshot: StationSnapshot) -> Screen | None:
    connector = snapshot.connector(CONNECTOR)
    return connector.screen if connector is not None else None


async def charge_and_hold(control: StationControl, charger_url: str) -> None:
    """Plug, pay, approve, and print ``CHARGING <monotonic>`` once charging (then idle)."""
    import httpx

    latest: list[StationSnapshot] = []
    changed = asyncio.Event()

    def keep(snapshot: StationSnapshot) -> None:
        latest[:] = [snapshot]
        changed.set()

    control.subscribe(keep)

    async def wait(screen: Screen) -> StationSnapshot:
        async with asyncio.timeout(20):
            while _screen(latest[-1]) is not screen:
                changed.clear()
                await changed.wait()
        return latest[-1]

    async with httpx.AsyncClient(timeout=10.0) as http:
        await http.post(f"{charger_url}/api/connectors/0/plug", json={"soc_pct": 10})
        await wait(Screen.CAR_CONNECTED)
        control.select_connector(CONNECTOR)
        await wait(Screen.BUDGET)
        control.choose_budget(CONNECTOR, 50000)
        connector = (await wait(Screen.PAY)).connector(CONNECTOR)
        while connector is None or connector.qr_text is None:
            await asyncio.sleep(0.02)
            connector = latest[-1].connector(CONNECTOR)
        url = urlsplit(connector.qr_text)
        token = parse_qs(url.query)["token"][0]
        await http.post(f"{url.scheme}://{url.netloc}/phone/approve", data={"token": token})
        await wait(Screen.CHARGING)
    print(f"CHARGING {time.monotonic():.6f}", flush=True)


HOLD_S = float(os.environ.get("BENCH_HOLD_S", "3"))


async def phone_rounds(control: StationControl, charger_url: str, plan: str) -> None:
    """One session per letter of ``plan`` (see the module docstring), then ``ROUNDS_DONE``."""
    import httpx

    from bench.stall_timer import StallTimer

    crowd = int(os.environ.get("BENCH_CROWD", "200"))
    latest: list[StationSnapshot] = []
    changed = asyncio.Event()

    def keep(snapshot: StationSnapshot) -> None:
        latest[:] = [snapshot]
        changed.set()

    control.subscribe(keep)

    async def wait(*screens: Screen, timeout_s: float = 20.0) -> StationSnapshot:
        async with asyncio.timeout(timeout_s):
            while _screen(latest[-1]) not in screens:
                changed.clear()
                await changed.wait()
        return latest[-1]

    pauses: list[float] = []  # Python's own garbage collections, the longest of a round
    gc_started = [0.0]

    def gc_timer(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            pauses.append(time.perf_counter() - gc_started[0])

    gc.callbacks.append(gc_timer)
    async with asyncio.timeout(30):
        while not latest[-1].payment_available:
            changed.clear()
            await changed.wait()
    for number, kind in enumerate(plan):
        # a client per round: a connection idle for longer than the world's keep-alive (5 s,
        # e.g. while 200 phones connect) may be closed just as it is used again
        async with httpx.AsyncClient(timeout=10.0) as http:
            await http.post(f"{charger_url}/api/connectors/0/plug", json={"soc_pct": 10})
            await wait(Screen.CAR_CONNECTED)
            control.select_connector(CONNECTOR)
            await wait(Screen.BUDGET)
            control.choose_budget(CONNECTOR, 50000)
            connector = (await wait(Screen.PAY)).connector(CONNECTOR)
            while connector is None or connector.qr_text is None:
                await asyncio.sleep(0.02)
                connector = latest[-1].connector(CONNECTOR)
            url = urlsplit(connector.qr_text)
            token = parse_qs(url.query)["token"][0]
            await http.post(f"{url.scheme}://{url.netloc}/phone/approve", data={"token": token})
            charging = (await wait(Screen.CHARGING)).connector(CONNECTOR)
            assert charging is not None
            print(f"FOLLOW {number} {kind} {charging.session_url}", flush=True)
            if kind == "c":
                async with asyncio.timeout(60):
                    while _sites[0].streams < crowd:  # noqa: ASYNC110 - a counter of the site
                        await asyncio.sleep(0.05)
            if kind in "qc":
                timer = StallTimer(label=lambda: str(_screen(latest[-1])))
                pauses.clear()
                timer.start()
                await asyncio.sleep(HOLD_S)
                print(f"TAPPED {time.monotonic():.6f}", flush=True)
                control.stop(CONNECTOR)
                await wait(Screen.DONE, timeout_s=30)
                timer.stop()
                result = timer.result()
                result["ticks_s"] = timer.lateness_s
                result["gc_s"] = sorted(pauses, reverse=True)[:5]
                print(f"STALL {json.dumps(result)}", flush=True)
            else:
                await asyncio.sleep(0.3)
                print("STOPME", flush=True)
                await wait(Screen.DONE, timeout_s=30)
            control.dismiss(CONNECTOR)
            await http.post(f"{charger_url}/api/connectors/0/unplug", json={})
            await wait(Screen.IDLE)
            print(f"ROUND {number}", flush=True)
    print("ROUNDS_DONE", flush=True)


_sites: list[Any] = []
"""The phone site of ``kiosk run`` (caught as it starts), for its count of live feeds."""


def catch_phone_site() -> None:
    from kiosk.web.phone_site import PhoneSite

    original = PhoneSite.start

    async def start(self: PhoneSite) -> None:
        _sites.append(self)
        await original(self)

    PhoneSite.start = start  # type: ignore[method-assign]


def print_screens(control: StationControl) -> None:
    """Print ``SCREEN <name> <monotonic>`` whenever connector 1's screen changes."""
    last: list[Screen | None] = [None]

    def changed(snapshot: StationSnapshot) -> None:
        screen = _screen(snapshot)
        if screen is not last[0]:
            last[0] = screen
            name = screen.value if screen is not None else "-"
            print(f"SCREEN {name} {time.monotonic():.6f}", flush=True)

    control.subscribe(changed)


async def play_session(control: StationControl, charger_url: str) -> dict[str, Any]:
    import httpx

    from bench.stall_timer import StallTimer

    latest: list[StationSnapshot] = []

    def keep_latest(snapshot: StationSnapshot) -> None:
        latest[:] = [snapshot]

    control.subscribe(keep_latest)

    def current() -> StationSnapshot:
        return latest[-1]

    def label() -> str:
        screen = _screen(current()) if latest else None
        return screen.value if screen is not None else "?"

    async def wait(*screens: Screen, timeout_s: float = 15.0) -> StationSnapshot:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if latest and _screen(current()) in screens:
                return current()
            await asyncio.sleep(0.02)
        raise TimeoutError(f"screen {screens} not reached (now {label()})")

    timer = StallTimer(label=label)
    async with httpx.AsyncClient(timeout=10.0) as http:
        # The session starts once the station runs behind the first frame (payments open).
        deadline = time.monotonic() + 30
        while not (latest and current().payment_available) and time.monotonic() < deadline:  # noqa: ASYNC110 - polls a snapshot list, as wait() does
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        timer.start()
        started = time.monotonic()
        await http.post(f"{charger_url}/api/connectors/0/plug", json={"soc_pct": 30})
        await wait(Screen.CAR_CONNECTED)
        await asyncio.sleep(0.3)
        control.select_connector(CONNECTOR)
        await wait(Screen.BUDGET)
        await asyncio.sleep(0.3)
        control.choose_budget(CONNECTOR, 20000)
        pay = await wait(Screen.PAY)
        connector = pay.connector(CONNECTOR)
        while connector is None or connector.qr_text is None:
            await asyncio.sleep(0.02)
            connector = current().connector(CONNECTOR)
        await asyncio.sleep(0.5)
        url = urlsplit(connector.qr_text)
        token = parse_qs(url.query)["token"][0]
        await http.post(f"{url.scheme}://{url.netloc}/phone/approve", data={"token": token})
        await wait(Screen.CHARGING)
        await asyncio.sleep(CHARGE_S)
        control.stop(CONNECTOR)
        await wait(Screen.DONE, timeout_s=30)
        await asyncio.sleep(0.5)
        control.dismiss(CONNECTOR)
        await http.post(f"{charger_url}/api/connectors/0/unplug", json={})
        await wait(Screen.IDLE)
        await asyncio.sleep(0.5)
        timer.stop()
    result = timer.result()
    result["session_s"] = time.monotonic() - started
    return result


def main() -> int:
    config = sys.argv[1]
    session = "--session" in sys.argv[2:]
    charge = "--charge" in sys.argv[2:]
    rounds = "--phone-rounds" in sys.argv[2:]
    if rounds:
        catch_phone_site()
        if os.environ.get("BENCH_HTTP"):  # uvicorn's HTTP protocol for the phone pages
            import kiosk.web.server

            kiosk.web.server.HTTP_PROTOCOL = os.environ["BENCH_HTTP"]  # type: ignore[assignment]
    original = qml.build_ui
    keep: list[object] = []

    def build_ui(control: StationControl, **options: Any) -> qml.KioskUi:
        ui = original(control, **options)
        shown: list[float] = []
        if "--screens" in sys.argv[2:]:
            print_screens(control)

        def first_frame() -> None:
            if shown:
                return
            shown.append(time.monotonic())
            print(f"FIRST_FRAME {shown[0]:.6f}", flush=True)
            if session:
                task = asyncio.ensure_future(play_session(control, os.environ["BENCH_CHARGER_URL"]))
                task.add_done_callback(report)
                keep.append(task)
            if rounds:
                played = asyncio.ensure_future(
                    phone_rounds(control, os.environ["BENCH_CHARGER_URL"], os.environ["BENCH_PLAN"])
                )
                played.add_done_callback(failed)
                keep.append(played)
            if charge:
                held = asyncio.ensure_future(
                    charge_and_hold(control, os.environ["BENCH_CHARGER_URL"])
                )
                held.add_done_callback(failed)
                keep.append(held)

        ui.window.frameSwapped.connect(first_frame)
        return ui

    def failed(task: asyncio.Future[None]) -> None:
        if task.exception() is not None:
            print(f"ERROR {task.exception()!r}", flush=True)

    def report(task: asyncio.Future[dict[str, Any]]) -> None:
        if task.exception() is not None:
            print(f"ERROR {task.exception()!r}", flush=True)
        else:
            print("STALL " + json.dumps(task.result()), flush=True)

    qml.build_ui = build_ui
    from kiosk.cli import main as kiosk_main

    return kiosk_main(["run", "--config", config, "--log-level", "WARNING"])


if __name__ == "__main__":
    sys.exit(main())
