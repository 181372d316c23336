"""``kiosk sim charger``: run one charger simulator (Modbus TCP + HTTP control) until stopped.

Prints one JSON line with the bound ports when ready, then runs until SIGINT/SIGTERM. With
``serial_path`` it serves Modbus RTU on that serial port instead of TCP; with ``pty_dir`` it
first makes a ``socat`` pty pair there (``VirtualSerialLine``), serves one end and names the
other in the ready line as ``"serial"``: the end the kiosk (or ``kiosk modbus probe --host``)
opens.

Errors: ``ProfileError`` (unknown or invalid profile), ``OSError`` (port in use, serial port
that cannot be opened, no ``socat``) and ``ValueError`` (a layout one serial line cannot
carry) are reported on stderr with exit status 2.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from contextlib import ExitStack, suppress
from pathlib import Path

from kiosk.hardware.profile import ProfileError, load_named_profile
from kiosk.sandbox.charger.control_api import ControlServer
from kiosk.sandbox.charger.serial_line import VirtualSerialLine
from kiosk.sandbox.charger.simulator import ChargerSimulator


async def serve_charger_simulator(
    profile_name: str,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    http_port: int = 0,
    connectors: int | None = None,
    speed: float = 1.0,
    state_path: Path | None = None,
    serial_path: str | None = None,
    pty_dir: Path | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Serve until ``stop`` is set (or SIGINT/SIGTERM when ``stop`` is None)."""
    profile = load_named_profile(profile_name)
    with ExitStack() as stack:
        kiosk_end = serial_path
        if pty_dir is not None:
            line = stack.enter_context(VirtualSerialLine(pty_dir))
            serial_path, kiosk_end = line.device_end, line.kiosk_end
        sim = ChargerSimulator(
            profile,
            connectors=connectors,
            host=host,
            port=port,
            speed=speed,
            state_path=state_path,
            serial_path=serial_path,
        )
        await _serve(sim, host, http_port, kiosk_end, stop)


async def _serve(
    sim: ChargerSimulator,
    host: str,
    http_port: int,
    kiosk_end: str | None,
    stop: asyncio.Event | None,
) -> None:
    profile = sim.profile
    await sim.start()
    control = ControlServer(sim, host=host, port=http_port)
    try:
        await control.start()
        stopper = stop or asyncio.Event()
        loop = asyncio.get_running_loop()
        if stop is None:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stopper.set)
        ready = {
            "profile": profile.name,
            "modbus": {str(i): sim.port_of(i) for i in range(sim.connector_count)},
            "unit_ids": {str(i): sim.unit_id(i) for i in range(sim.connector_count)},
            "http": control.url,
        }
        if kiosk_end is not None:
            del ready["modbus"]  # no TCP port: Modbus RTU on the serial line
            ready["serial"] = kiosk_end
        print(json.dumps(ready), flush=True)
        await stopper.wait()
        if stop is None:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
    finally:
        await control.aclose()
        await sim.aclose()


def run_charger_simulator(
    profile_name: str,
    *,
    host: str,
    port: int,
    http_port: int,
    connectors: int | None,
    speed: float,
    state_path: Path | None,
    serial_path: str | None = None,
    pty_dir: Path | None = None,
) -> int:
    try:
        asyncio.run(
            serve_charger_simulator(
                profile_name,
                host=host,
                port=port,
                http_port=http_port,
                connectors=connectors,
                speed=speed,
                state_path=state_path,
                serial_path=serial_path,
                pty_dir=pty_dir,
            )
        )
    except (ProfileError, ValueError) as exc:
        print(f"kiosk sim charger: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"kiosk sim charger: cannot listen: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        with suppress(Exception):
            print("stopped", file=sys.stderr)
    return 0
