"""Every shipped profile is served: each declared value reads back and a car moves the meter.

The driver's parametrized test drives the same profiles through the real driver; this one only
checks the simulator's side with raw requests, so a new profile needs no code here either.
"""

from __future__ import annotations

import pytest
from conftest import ClientFactory

from kiosk.hardware.profile import Register, load_named_profile, profile_names
from kiosk.sandbox.charger import CarSpec, ChargerSimulator, ManualClock


async def read(client: object, register: Register, address: int, unit: int) -> list[int]:
    function = {
        "holding": "read_holding_registers",
        "input": "read_input_registers",
        "coil": "read_coils",
        "discrete": "read_discrete_inputs",
    }[register.table.value]
    response = await getattr(client, function)(
        address, count=max(1, register.words), device_id=unit
    )
    assert not response.isError(), (register, response)
    return list(response.bits[:1] if register.table.is_bit else response.registers)


@pytest.mark.parametrize("name", profile_names())
async def test_every_declared_value_is_served(name: str, modbus_client: ClientFactory) -> None:
    profile = load_named_profile(name)
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        for index in range(sim.connector_count):
            client = await modbus_client(sim.port_of(index))
            unit = sim.unit_id(index)
            offset = sim.address_offset(index)
            sim.car(index).plug(CarSpec(ramp_s=0, lag_s=0))
            setpoint = profile.registers.current_setpoint
            if setpoint is not None:
                words = setpoint.encode(16.0)
                if 16 in profile.connection.function_codes:
                    response = await client.write_registers(
                        setpoint.address + offset, words, device_id=unit
                    )
                else:
                    response = await client.write_register(
                        setpoint.address + offset, words[0], device_id=unit
                    )
                assert not response.isError(), response
            enable = profile.registers.enable
            if enable is not None and enable.table.is_bit:
                response = await client.write_coil(enable.address + offset, True, device_id=unit)
                assert not response.isError(), response
            elif enable is not None and profile.control is not None:
                words = enable.encode(profile.control.enable_on)
                response = await client.write_registers(
                    enable.address + offset, words, device_id=unit
                )
                assert not response.isError(), response
            sim.advance(5)
            for register in profile.all_registers().values():
                address = (register.readback_address or register.address) + offset
                await read(client, register, address, unit)
            state = profile.registers.state
            if state is not None:
                raw = state.decode(await read(client, state, state.address + offset, unit))
                assert profile.state_letter(raw) == "C"
            energy = profile.registers.energy
            if energy is not None:
                first = energy.decode(await read(client, energy, energy.address + offset, unit))
                sim.advance(60)
                later = energy.decode(await read(client, energy, energy.address + offset, unit))
                assert isinstance(first, int | float)
                assert isinstance(later, int | float)
                assert later > first
