"""Fixtures for the Vipps emulator tests: an emulator on a manual clock, driven over httpx."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from vipps_emulator_helpers import BASE_URL, KEY_HEADERS, TOKEN_HEADERS

from kiosk.sandbox.vipps import Emulator, EmulatorConfig, ManualClock, create_app


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def config() -> EmulatorConfig:
    return EmulatorConfig(strict=False)


@pytest.fixture
async def emulator(config: EmulatorConfig, clock: ManualClock) -> AsyncIterator[Emulator]:
    emu = Emulator(config, clock=clock)
    yield emu
    await emu.aclose()


@pytest.fixture
async def raw_client(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(emulator=emulator))
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        yield client


@pytest.fixture
async def client(raw_client: httpx.AsyncClient) -> httpx.AsyncClient:
    """A client whose default headers carry the keys and a fresh access token."""
    response = await raw_client.post("/accesstoken/get", headers=TOKEN_HEADERS)
    assert response.status_code == 200
    raw_client.headers.update(KEY_HEADERS)
    raw_client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return raw_client
