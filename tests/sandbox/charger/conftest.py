"""Fixtures for the charger simulator tests: raw pymodbus clients that are always closed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from pymodbus.client import AsyncModbusTcpClient

ClientFactory = Callable[[int], Awaitable[AsyncModbusTcpClient]]


@pytest.fixture
async def modbus_client() -> AsyncIterator[ClientFactory]:
    """``await modbus_client(port)``: a connected raw client (no retries, no reconnects)."""
    clients: list[AsyncModbusTcpClient] = []

    async def connect(port: int) -> AsyncModbusTcpClient:
        client = AsyncModbusTcpClient(
            "127.0.0.1", port=port, timeout=0.5, retries=0, reconnect_delay=0
        )
        clients.append(client)
        await client.connect()
        return client

    yield connect
    for client in clients:
        client.close()
    await asyncio.sleep(0)
