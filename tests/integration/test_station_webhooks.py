"""The production webhook wiring on loopback: the composition root serves the receiver.

The emulator (uvicorn) has a webhook registered to the station's ``webhook_url`` and delivers
signed events over real HTTP to the receiver ``kiosk.app.assemble_station`` serves on its
configured listen port. The station's own payment poll is set far beyond the test's patience,
so an approval only reaches the station quickly because the webhook poked it.
"""

from __future__ import annotations

import asyncio
import base64
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from station_rig import FAST_POLICY, FAST_VIPPS, World, pay, phase, sim_poller_factory, world

from kiosk.app import StationConfigError, StationParts, assemble_station
from kiosk.config import StationConfig
from kiosk.core.state import Phase
from kiosk.payments.signature import format_http_date, sign
from kiosk.sandbox.vipps.webhooks import EPAYMENT_EVENTS

SLOW_POLL_MS = 600_000  # the station would GET the payment only after ten minutes
WEBHOOK_PATH = "/vipps/webhook"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_config(w: World, port: int, secret: str) -> StationConfig:
    base = w.config
    vipps = base.vipps.model_copy(
        update={
            "webhook_url": f"http://127.0.0.1:{port}{WEBHOOK_PATH}",
            "webhook_listen_host": "127.0.0.1",
            "webhook_listen_port": port,
        }
    )
    secrets = base.secrets.model_copy(update={"vipps_webhook_secret": SecretStr(secret)})
    return base.model_copy(update={"vipps": vipps, "secrets": secrets})


@asynccontextmanager
async def station_with_webhooks(w: World, config: StationConfig) -> AsyncIterator[StationParts]:
    parts = await assemble_station(
        config,
        http_client=w.http,
        policy_overrides={
            **FAST_POLICY,
            "payment_poll_interval_ms": SLOW_POLL_MS,
            "approval_timeout_ms": SLOW_POLL_MS,
        },
        vipps_overrides=FAST_VIPPS,
        poller_factory=sim_poller_factory(w.sim.port, w.sim.clock.now_s),
        probe_interval_s=0.3,
    )
    try:
        await parts.start()
        yield parts
    finally:
        await parts.aclose()


async def test_an_approval_reaches_the_station_through_its_served_webhook(
    tmp_path: Path,
) -> None:
    async with world(tmp_path) as w:
        port = free_port()
        url = f"http://127.0.0.1:{port}{WEBHOOK_PATH}"
        registration = w.emulator.webhooks.register(url, list(EPAYMENT_EVENTS))
        async with station_with_webhooks(w, webhook_config(w, port, registration.secret)) as parts:
            assert parts.webhook is not None
            assert parts.webhook.port == port
            station = parts.station
            w.sim.car(0).plug(soc_pct=20)
            reference = await pay(w, station)
            await asyncio.sleep(0.3)  # the payment is created; no GET is due for ten minutes
            approved_at = time.monotonic()
            w.emulator.approve(reference)
            await phase(station, 1, Phase.CHARGING, Phase.WAITING_FOR_PLUG, timeout_s=5)
            assert time.monotonic() - approved_at < 5
            assert parts.webhook.receiver.accepted >= 1
            assert parts.webhook.receiver.rejected == 0
        assert parts.webhook.port is None  # the receiver stopped with the station
        with pytest.raises(httpx.ConnectError):
            await w.http.post(url, content=b"{}")


async def test_a_badly_signed_webhook_gets_401_over_http_and_changes_nothing(
    tmp_path: Path,
) -> None:
    async with world(tmp_path) as w:
        port = free_port()
        url = f"http://127.0.0.1:{port}{WEBHOOK_PATH}"
        registration = w.emulator.webhooks.register(url, list(EPAYMENT_EVENTS))
        w.emulator.webhooks.delete(registration.id)  # we deliver by hand below
        async with station_with_webhooks(w, webhook_config(w, port, registration.secret)) as parts:
            assert parts.webhook is not None
            station = parts.station
            reference = await pay(w, station)
            w.emulator.approve(reference)  # approved at Vipps; only a GET would show it
            body = (
                f'{{"msn":"123456","reference":"{reference}","pspReference":"p1",'
                f'"name":"AUTHORIZED","amount":{{"currency":"NOK","value":20000}},'
                f'"timestamp":"2026-01-01T00:00:00Z","success":true}}'
            ).encode()
            date = format_http_date(datetime.now(UTC))
            forged = sign(base64.b64encode(b"not-the-secret").decode(), url, body, date)
            answer = await w.http.post(url, content=body, headers=forged.as_dict())
            assert answer.status_code == 401
            unsigned = await w.http.post(url, content=body)
            assert unsigned.status_code == 401
            await asyncio.sleep(1.0)
            assert station.session(1).phase is Phase.AWAITING_APPROVAL
            assert parts.webhook.receiver.rejected == 2
            assert parts.webhook.receiver.accepted == 0
            good = sign(registration.secret, url, body, date)
            accepted = await w.http.post(url, content=body, headers=good.as_dict())
            assert accepted.status_code == 200  # the same event, correctly signed, is taken
            await phase(station, 1, Phase.WAITING_FOR_PLUG, Phase.CHARGING, timeout_s=5)


async def test_a_webhook_url_without_its_secret_refuses_to_start(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        config = webhook_config(w, free_port(), "x")
        secrets = config.secrets.model_copy(update={"vipps_webhook_secret": None})
        with pytest.raises(StationConfigError, match="vipps_webhook_secret"):
            await assemble_station(config.model_copy(update={"secrets": secrets}))
