"""Fixtures for the Vipps client tests (the fakes themselves live in ``vipps_fakes``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from vipps_fakes import FakeClock, ScriptedVipps, full_backoff, make_settings

from kiosk.payments.client import VippsClient


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def scripted() -> ScriptedVipps:
    return ScriptedVipps()


@pytest.fixture
async def http(scripted: ScriptedVipps) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.MockTransport(scripted)) as client:
        yield client


@pytest.fixture
def client(http: httpx.AsyncClient, clock: FakeClock) -> VippsClient:
    return VippsClient.from_settings(
        make_settings(),
        http,
        sleep=clock.sleep,
        monotonic=clock.monotonic,
        wall_clock=clock.wall,
        jitter=full_backoff,
    )
