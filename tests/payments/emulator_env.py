"""A ``VippsClient`` wired to the Vipps emulator in-process (``httpx.ASGITransport``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from vipps_fakes import FakeClock, full_backoff, make_settings

from kiosk.payments.client import VippsClient
from kiosk.payments.epayment import PaymentMetadata
from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.clock import Clock
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_MSN,
    DEFAULT_SUBSCRIPTION_KEY,
    EmulatorConfig,
)
from kiosk.sandbox.vipps.emulator import Emulator

EMULATOR_URL = "http://emulator.test"
META = PaymentMetadata(station_id="st1", connector_id="1", session_id="session-0001")


def emulator_settings(**overrides: Any) -> Any:
    values: dict[str, Any] = {
        "base_url": EMULATOR_URL,
        "client_id": DEFAULT_CLIENT_ID,
        "client_secret": DEFAULT_CLIENT_SECRET,
        "subscription_key": DEFAULT_SUBSCRIPTION_KEY,
        "merchant_serial_number": DEFAULT_MSN,
    }
    values.update(overrides)
    return make_settings(**values)


@dataclass
class EmulatorEnv:
    vipps: VippsClient
    emulator: Emulator
    clock: FakeClock
    http: httpx.AsyncClient


@asynccontextmanager
async def emulator_env(
    config: EmulatorConfig | None = None,
    *,
    webhook_transport: httpx.AsyncBaseTransport | None = None,
    emulator_clock: Clock | None = None,
    **settings: Any,
) -> AsyncIterator[EmulatorEnv]:
    emulator = Emulator(config, clock=emulator_clock, webhook_transport=webhook_transport)
    app = create_app(emulator=emulator)
    clock = FakeClock()
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport) as http:
            vipps = VippsClient.from_settings(
                emulator_settings(**settings),
                http,
                sleep=clock.sleep,
                monotonic=clock.monotonic,
                wall_clock=clock.wall,
                jitter=full_backoff,
            )
            yield EmulatorEnv(vipps, emulator, clock, http)
    finally:
        await emulator.aclose()
