"""The real station in this process, the world (emulator + simulator) in a child process.

``split_station_rig`` starts ``python -m bench.world_process`` (see there for the protocol),
builds the station with ``kiosk.app.build_station`` from the config the child prints, serves a
signed-webhook receiver on loopback (registered with the child's emulator) and starts the
station. ``SplitRig`` drives it like ``bench.rig.Rig`` does, except that touching the world
(plug, unplug, the phone's Approve, checking a settlement) is a request to the child and so is
awaited. Use it when a figure must be the station's alone - memory above all: this process
imports no emulator or simulator code, and ``rss_bytes()`` of it is the station's RSS.

Errors: ``WorldError`` (a ``RuntimeError``) when the child does not start, dies, or answers a
request with an error; ``TimeoutError`` from the waits.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.station_driver import StationDriver, data_folder, poller_factory, serve_webhook_receiver
from kiosk.app import build_station
from kiosk.config import StationConfig
from kiosk.payments.models import WebhookEvent
from kiosk.station.station import Station

START_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0


class WorldError(RuntimeError):
    """The world's child process failed to start, died, or refused a request."""


class WorldLink:
    """One request at a time to the world's child process."""

    def __init__(self, process: asyncio.subprocess.Process, hello: dict[str, Any]) -> None:
        self.process = process
        self.hello = hello
        self._lock = asyncio.Lock()

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def vipps_url(self) -> str:
        return str(self.hello["vipps_url"])

    async def call(self, op: str, **fields: Any) -> Any:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None
        assert stdout is not None
        async with self._lock:
            stdin.write((json.dumps({"op": op} | fields) + "\n").encode())
            await stdin.drain()
            line = await asyncio.wait_for(stdout.readline(), REQUEST_TIMEOUT_S)
        if not line:
            raise WorldError(f"the world process ended (exit code {self.process.returncode})")
        reply = json.loads(line)
        if "error" in reply:
            raise WorldError(f"{op}: {reply['error']}")
        return reply["result"]


@asynccontextmanager
async def world_process(speed: float, data_dir: Path) -> AsyncIterator[WorldLink]:
    """Start the world in a child process; close its stdin (it stops) when the block ends."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.world_process",
        "--speed",
        str(speed),
        "--data-dir",
        str(data_dir),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    try:
        line = await asyncio.wait_for(process.stdout.readline(), START_TIMEOUT_S)
        if not line:
            raise WorldError(f"the world process did not start (exit {await process.wait()})")
        yield WorldLink(process, json.loads(line))
    finally:
        process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), STOP_TIMEOUT_S)
        except TimeoutError:
            process.kill()
            await process.wait()


@dataclass
class SplitRig(StationDriver):
    world: WorldLink
    station: Station
    config: StationConfig
    http: httpx.AsyncClient
    data_dir: Path
    webhook_deliveries: int = 0
    """A count, not timestamps: nothing in this process may grow with the sessions."""

    async def approve_on_phone(self, reference: str) -> None:
        """What the driver's tap on "Approve" in the phone page sends."""
        token = await self.world.call("payment_token", reference=reference)
        response = await self.http.post(
            f"{self.world.vipps_url}/phone/approve",
            data={"token": token},
            follow_redirects=False,
        )
        if response.status_code not in (200, 303):
            raise WorldError(f"phone page answered {response.status_code}")

    async def plug(self, connector_id: int, **car: Any) -> None:
        await self.world.call("plug", connector_id=connector_id, car=car)

    async def unplug(self, connector_id: int) -> None:
        await self.world.call("unplug", connector_id=connector_id)

    async def settled_at_vipps(self, reference: str) -> bool:
        """captured + cancelled == authorized and a receipt is stored, at the emulator."""
        return bool(await self.world.call("settled", reference=reference))

    async def world_rss_bytes(self) -> int:
        return int(await self.world.call("rss"))


@asynccontextmanager
async def split_station_rig(
    *,
    speed: float = 1.0,
    webhook: bool = False,
    policy_overrides: dict[str, Any] | None = None,
    data_dir: Path | None = None,
) -> AsyncIterator[SplitRig]:
    """The world in a child process, the running station here (see the module docstring)."""
    logging.getLogger("kiosk").setLevel(logging.WARNING)
    async with AsyncExitStack() as stack:
        data_dir = data_dir or data_folder(stack)
        world = await stack.enter_async_context(world_process(speed, data_dir))
        config = StationConfig.model_validate(world.hello["config"])
        station = await build_station(
            config, policy_overrides=policy_overrides, poller_factory=poller_factory(speed)
        )
        http = await stack.enter_async_context(httpx.AsyncClient(timeout=10.0))
        rig = SplitRig(world, station, config, http, data_dir)
        if webhook:

            def poke(event: WebhookEvent) -> None:
                rig.webhook_deliveries += 1
                station.poke_payment(event.reference)

            async def register(url: str) -> str:
                return str(await world.call("register_webhook", url=url))

            await serve_webhook_receiver(stack, register, poke)
        await station.start()
        stack.push_async_callback(station.aclose)
        yield rig
