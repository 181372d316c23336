"""The reference for every Stop figure: a bare pymodbus write-and-read round trip.

One FC16 write of the ``current_setpoint`` register (two words) and one FC3 read of it back,
with a plain ``AsyncModbusTcpClient`` against the charger simulator on loopback - no link,
no gate, no driver. This is the floor any "Stop -> disable confirmed" path stands on.
"""

from __future__ import annotations

import time

from pymodbus.client import AsyncModbusTcpClient

from kiosk.sandbox.charger.simulator import ChargerSimulator


async def bare_round_trips(sim: ChargerSimulator, connector: int, count: int) -> list[float]:
    """``count`` write-then-read round trips in seconds (after a few warm-up ones)."""
    register = sim.profile.registers.current_setpoint
    assert register is not None
    address = register.address + sim.address_offset(connector)
    unit = sim.unit_id(connector)
    client = AsyncModbusTcpClient("127.0.0.1", port=sim.port_of(connector), timeout=2, retries=0)
    await client.connect()
    samples: list[float] = []
    try:
        for index in range(count + 5):
            value = 0.0 if index % 2 else 16.0
            words = register.encode(value)
            started = time.perf_counter()
            written = await client.write_registers(address, words, device_id=unit)
            read = await client.read_holding_registers(address, count=len(words), device_id=unit)
            elapsed = time.perf_counter() - started
            if written.isError() or read.isError() or list(read.registers) != words:
                raise RuntimeError("the simulator did not echo the written setpoint")
            if index >= 5:
                samples.append(elapsed)
    finally:
        client.close()
    return samples
