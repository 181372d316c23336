"""The demo's world (Vipps emulator + charger simulator) alone in a child process.

``python -m bench.world_process --speed 60 --data-dir DIR`` starts ``DemoWorld`` on 127.0.0.1
(free ports), prints one JSON line on stdout - ``{"pid", "vipps_url", "charger_url",
"config"}`` where ``config`` is the demo ``StationConfig`` for that world as JSON, its secrets
(the emulator's well-known test credentials) in clear - and then answers
one JSON line per request line on stdin until stdin closes::

    {"op": "plug", "connector_id": 1, "car": {"soc_pct": 20}}   -> {"result": null}
    {"op": "unplug", "connector_id": 1}                         -> {"result": null}
    {"op": "payment_token", "reference": "..."}                 -> {"result": "token"}
    {"op": "settled", "reference": "..."}                       -> {"result": true}
    {"op": "register_webhook", "url": "http://..."}             -> {"result": "secret"}
    {"op": "rss"}                                               -> {"result": bytes}

A request that fails answers ``{"error": "..."}``; the process keeps serving. The emulator keeps
every payment in memory by design, which is why a memory figure of the station must not share
its process. ``bench.world_link`` is the parent's side.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from pydantic import SecretStr

from bench.process_memory import rss_bytes
from kiosk.config import StationConfig
from kiosk.sandbox.demo.demo_config import demo_station_config
from kiosk.sandbox.demo.world import DemoWorld
from kiosk.sandbox.vipps.webhooks import EPAYMENT_EVENTS


def settled(world: DemoWorld, reference: str) -> bool:
    """captured + cancelled == authorized and a receipt is stored."""
    emulator = world.emulator
    payment = emulator.payment(reference)
    sums_ok = payment.authorized_value > 0 and (
        payment.captured_value + payment.cancelled_value == payment.authorized_value
    )
    return sums_ok and emulator.receipt(reference) is not None


def station_secrets(config: StationConfig) -> dict[str, str]:
    """The demo's secrets in clear (they open nothing but the local emulator)."""
    return {
        name: value.get_secret_value()
        for name, value in config.secrets
        if isinstance(value, SecretStr)
    }


def answer(world: DemoWorld, request: dict[str, Any]) -> Any:
    op = request["op"]
    if op == "plug":
        world.simulator.car(int(request["connector_id"]) - 1).plug(**request.get("car", {}))
        return None
    if op == "unplug":
        car = world.simulator.car(int(request["connector_id"]) - 1)
        if car.plugged:
            car.unplug()
        return None
    if op == "payment_token":
        return world.emulator.payment(request["reference"]).token
    if op == "settled":
        return settled(world, request["reference"])
    if op == "register_webhook":
        events = list(EPAYMENT_EVENTS)
        return world.emulator.webhooks.register(request["url"], events).secret
    if op == "rss":
        return rss_bytes()
    raise ValueError(f"unknown op {op!r}")


async def serve(speed: float, data_dir: Path, out: TextIO) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    async with DemoWorld.running(speed=speed) as world:
        config = demo_station_config(world, data_dir)
        hello = {
            "pid": os.getpid(),
            "vipps_url": world.vipps_url,
            "charger_url": world.charger_url,
            "config": config.model_dump(mode="json", exclude={"secrets"})
            | {"secrets": station_secrets(config)},
        }
        out.write(json.dumps(hello) + "\n")
        out.flush()
        while line := await reader.readline():
            try:
                reply = {"result": answer(world, json.loads(line))}
            except Exception as error:  # reported to the parent; keep serving
                reply = {"error": f"{type(error).__name__}: {error}"}
            out.write(json.dumps(reply) + "\n")
            out.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args()
    # The protocol owns the real stdout; anything else printed goes to stderr.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    # the simulator's pymodbus server would log every dropped connection, with its last frames
    logging.getLogger("pymodbus").setLevel(logging.CRITICAL)
    asyncio.run(serve(args.speed, args.data_dir, out))


if __name__ == "__main__":
    main()
