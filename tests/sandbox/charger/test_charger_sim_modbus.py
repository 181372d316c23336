"""The simulator as a Modbus device, seen through a raw pymodbus client.

Addresses come from the shipped profiles, so the tests follow a corrected register map.
"""

from __future__ import annotations

import asyncio
import math

import pytest
from conftest import ClientFactory
from pymodbus.client import AsyncModbusTcpClient
from pymodbus.exceptions import ModbusException

from kiosk.hardware.profile import Profile, Register, load_named_profile
from kiosk.sandbox.charger import CarSpec, ChargerSimulator, ManualClock

FAST_CAR = CarSpec(ramp_s=0.0, lag_s=0.0)


def sim_profile() -> Profile:
    return load_named_profile("sim")


async def read_value(
    client: AsyncModbusTcpClient, profile: Profile, role: str, unit: int, offset: int = 0
) -> int | float | str | bool | None:
    register: Register = getattr(profile.registers, role)
    address = (register.readback_address or register.address) + offset
    if register.table.is_bit:
        response = await client.read_coils(address, count=1, device_id=unit)
        assert not response.isError(), response
        return bool(response.bits[0])
    read = (
        client.read_input_registers
        if register.table.value == "input"
        else client.read_holding_registers
    )
    response = await read(address, count=register.words, device_id=unit)
    assert not response.isError(), response
    return register.decode(list(response.registers))


async def write_value(
    client: AsyncModbusTcpClient, profile: Profile, role: str, value: float, unit: int
) -> None:
    register: Register = getattr(profile.registers, role)
    if register.table.is_bit:
        response = await client.write_coil(register.address, bool(value), device_id=unit)
    else:
        response = await client.write_registers(
            register.address, register.encode(value), device_id=unit
        )
    assert not response.isError(), response


async def keep_charging(
    sim: ChargerSimulator, client: AsyncModbusTcpClient, profile: Profile, seconds: float
) -> None:
    """Advance a ManualClock while rewriting the setpoint as often as the profile asks."""
    step_s = profile.failsafe.rewrite_interval_s or seconds
    elapsed_s = 0.0
    while elapsed_s < seconds:
        await write_value(client, profile, "current_setpoint", 16, 1)
        sim.advance(min(step_s, seconds - elapsed_s))
        elapsed_s += step_s


async def test_two_sockets_on_two_unit_ids_are_independent(modbus_client: ClientFactory) -> None:
    profile = sim_profile()
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        assert (sim.unit_id(0), sim.unit_id(1)) == (1, 2)
        client = await modbus_client(sim.port)
        sim.car(1).plug(FAST_CAR)
        assert profile.detailed_state(await read_value(client, profile, "state", 1)) == "A"
        assert profile.detailed_state(await read_value(client, profile, "state", 2)) == "B1"
        await write_value(client, profile, "current_setpoint", 16, 2)
        await write_value(client, profile, "enable", 1, 2)
        sim.advance(5)
        assert profile.detailed_state(await read_value(client, profile, "state", 2)) == "C2"
        assert await read_value(client, profile, "current_setpoint", 1) == 0.0
        power_w = await read_value(client, profile, "power", 2)
        assert isinstance(power_w, int)
        assert power_w > 10_000
        unknown = await client.read_holding_registers(100, count=1, device_id=9)
        assert unknown.isError()
        assert unknown.exception_code == 0x0B


async def test_function_codes_outside_the_profile_are_illegal(
    modbus_client: ClientFactory,
) -> None:
    profile = load_named_profile("alfen-eve-double")
    assert 4 not in profile.connection.function_codes
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        energy = profile.registers.energy
        assert energy is not None
        response = await client.read_input_registers(energy.address, count=4, device_id=1)
        assert response.isError()
        assert response.exception_code == 1
        response = await client.read_coils(0, count=1, device_id=1)
        assert response.isError()
        assert response.exception_code == 1
        ok = await client.read_holding_registers(energy.address, count=4, device_id=1)
        assert not ok.isError()


async def test_read_only_partial_and_undeclared_writes_are_rejected(
    modbus_client: ClientFactory,
) -> None:
    profile = load_named_profile("alfen-eve-double")
    setpoint = profile.registers.current_setpoint
    energy = profile.registers.energy
    assert setpoint is not None
    assert energy is not None
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        read_only = await client.write_registers(energy.address, [0, 0, 0, 0], device_id=1)
        assert read_only.isError()
        assert read_only.exception_code == 2
        half = await client.write_register(setpoint.address, 0x4180, device_id=1)
        assert half.isError()
        assert half.exception_code == 3
        nowhere = await client.read_holding_registers(5000, count=2, device_id=1)
        assert nowhere.isError()
        assert nowhere.exception_code == 2
        assert sim.connector(0).setpoint_a is None


async def test_reads_across_small_gaps_are_served_as_zero(modbus_client: ClientFactory) -> None:
    profile = load_named_profile("alfen-eve-double")
    voltage = profile.registers.voltage_l1
    energy = profile.registers.energy
    assert voltage is not None
    assert energy is not None
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        span = energy.address + energy.words - voltage.address
        response = await client.read_holding_registers(voltage.address, count=span, device_id=1)
        assert not response.isError()
        assert voltage.decode(list(response.registers[:2])) == pytest.approx(230.0)


async def test_setpoint_quantization_and_readback_follow_the_device(
    modbus_client: ClientFactory,
) -> None:
    profile = load_named_profile("abb-terra-ac")
    setpoint = profile.registers.current_setpoint
    assert setpoint is not None
    assert setpoint.readback_address is not None
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        await write_value(client, profile, "current_setpoint", 10.5, 1)
        assert sim.connector(0).setpoint_a == pytest.approx(10.5)  # mA resolution
        assert await read_value(client, profile, "current_setpoint", 1) == pytest.approx(10.5)
        write_only = await client.read_holding_registers(setpoint.address, count=2, device_id=1)
        assert write_only.isError()
        assert write_only.exception_code == 2
    bender = load_named_profile("bender-cc613")
    async with ChargerSimulator.serving(bender, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        await write_value(client, bender, "current_setpoint", 10.6, 255)
        assert sim.connector(0).setpoint_a == 11.0  # whole amperes only


async def test_second_socket_on_the_next_port(modbus_client: ClientFactory) -> None:
    profile = load_named_profile("bender-cc613")
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        assert sim.port_of(1) == sim.port_of(0) + 1
        sim.car(1).plug()
        second = await modbus_client(sim.port_of(1))
        first = await modbus_client(sim.port_of(0))
        assert profile.state_letter(await read_value(second, profile, "state", 255)) == "B"
        assert profile.state_letter(await read_value(first, profile, "state", 255)) == "A"


async def test_failsafe_falls_back_when_the_setpoint_is_not_rewritten(
    modbus_client: ClientFactory,
) -> None:
    profile = sim_profile()
    timeout_s = profile.failsafe.timeout_s
    assert timeout_s is not None
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        sim.car(0).plug(FAST_CAR)
        await write_value(client, profile, "current_setpoint", 16, 1)
        await write_value(client, profile, "enable", 1, 1)
        for _ in range(10):  # rewritten in time: still 16 A long after the timeout
            sim.advance(timeout_s / 2)
            await write_value(client, profile, "current_setpoint", 16, 1)
        assert await read_value(client, profile, "current_limit", 1) == 16.0
        sim.advance(timeout_s + 1)
        assert await read_value(client, profile, "setpoint_remaining", 1) == 0
        assert await read_value(client, profile, "current_limit", 1) == profile.failsafe.current_a
        assert sim.connector(0).failsafe_active
        sim.advance(5)
        assert profile.detailed_state(await read_value(client, profile, "state", 1)) == "B1"


async def test_read_feeds_the_watchdog_when_the_profile_says_so(
    modbus_client: ClientFactory,
) -> None:
    profile = load_named_profile("abb-terra-ac")
    async with ChargerSimulator.serving(profile, clock=ManualClock(), failsafe_timeout_s=10) as sim:
        client = await modbus_client(sim.port)
        await write_value(client, profile, "current_setpoint", 16, 1)
        for _ in range(5):
            sim.advance(8)
            await read_value(client, profile, "state", 1)
        assert sim.connector(0).applied_limit_a == 16.0
        sim.advance(11)
        assert sim.connector(0).applied_limit_a == 0.0


async def test_energy_counter_rises_and_survives_a_reboot(modbus_client: ClientFactory) -> None:
    profile = sim_profile()
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        sim.connector(0).set_energy_wh(1_000_000)
        sim.car(0).plug(FAST_CAR)
        await write_value(client, profile, "current_setpoint", 16, 1)
        await write_value(client, profile, "enable", 1, 1)
        await keep_charging(sim, client, profile, 600)
        before = await read_value(client, profile, "energy", 1)
        assert isinstance(before, int)
        assert before > 1_000_000 + 1000
        await sim.reboot()
        client.close()
        again = await modbus_client(sim.port)
        assert await read_value(again, profile, "energy", 1) == before
        assert await read_value(again, profile, "current_setpoint", 1) == 0.0  # not persisted
        sim.advance(60)
        assert await read_value(again, profile, "energy", 1) == before  # no setpoint: no charge


async def test_time_speed_up_integrates_simulated_time(modbus_client: ClientFactory) -> None:
    profile = sim_profile()
    options = {"speed": 600.0, "tick_s": 0.02, "failsafe_timeout_s": 3600.0}
    async with ChargerSimulator.serving(profile, **options) as sim:
        client = await modbus_client(sim.port)
        sim.car(0).plug(CarSpec(ramp_s=0, lag_s=0, battery_wh=100_000, soc_pct=0))
        await write_value(client, profile, "current_setpoint", 16, 1)
        await write_value(client, profile, "enable", 1, 1)
        start = asyncio.get_running_loop().time()
        await asyncio.sleep(0.5)
        real_s = asyncio.get_running_loop().time() - start
        energy_wh = sim.connector(0).energy_wh
        # ~300 simulated seconds at 11 kW is ~0.9 kWh; real time alone would give ~1.5 Wh.
        assert energy_wh > 11_040 * (real_s * 600 - 60) / 3600
        sim.set_speed(1.0)
        assert sim.speed == 1.0


async def test_injected_exception_codes(modbus_client: ClientFactory) -> None:
    profile = sim_profile()
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        sim.inject_exception(6, function_codes={3})
        busy = await client.read_holding_registers(100, count=1, device_id=1)
        assert busy.isError()
        assert busy.exception_code == 6
        fine = await client.read_input_registers(0, count=4, device_id=1)
        assert not fine.isError()
        sim.inject_exception(4, unit_id=2)
        assert not (await client.read_holding_registers(100, count=1, device_id=1)).isError()
        failed = await client.read_holding_registers(100, count=1, device_id=2)
        assert failed.isError()
        assert failed.exception_code == 4
        await sim.clear_faults()
        assert not (await client.read_holding_registers(100, count=1, device_id=2)).isError()


async def test_silence_and_slow_answers(modbus_client: ClientFactory) -> None:
    profile = sim_profile()
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        sim.set_silent(True)
        with pytest.raises(ModbusException):
            await client.read_holding_registers(100, count=1, device_id=1)
        sim.set_silent(False)
        client.close()
        client = await modbus_client(sim.port)
        sim.set_delay(0.3)
        loop = asyncio.get_running_loop()
        start = loop.time()
        slow = await client.read_holding_registers(100, count=1, device_id=1)
        assert not slow.isError()
        assert loop.time() - start >= 0.29
        # A slow answer still pending when the simulator stops leaves no task behind.
        sim.set_delay(30)

        async def late_read() -> None:
            await client.read_holding_registers(100, count=1, device_id=1)

        pending = asyncio.create_task(late_read())
        await asyncio.sleep(0.05)
    with pytest.raises(ModbusException):
        await pending


async def test_disconnect_and_refused_connections(modbus_client: ClientFactory) -> None:
    profile = sim_profile()
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        assert client.connected
        await asyncio.sleep(0.05)
        assert sim.client_count() == 1
        sim.drop_connections()
        await asyncio.sleep(0.05)
        assert not client.connected
        await sim.set_refusing(True)
        refused = await modbus_client(sim.port)
        assert not refused.connected
        await sim.set_refusing(False)
        back = await modbus_client(sim.port)
        assert back.connected
        assert not (await back.read_holding_registers(100, count=1, device_id=1)).isError()


async def test_a_third_master_is_refused_when_the_device_allows_two(
    modbus_client: ClientFactory,
) -> None:
    profile = load_named_profile("alfen-eve-double")
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        first = await modbus_client(sim.port)
        second = await modbus_client(sim.port)
        third = await modbus_client(sim.port)
        await asyncio.sleep(0.05)
        assert sim.client_count() == 2
        assert first.connected
        assert second.connected
        with pytest.raises(ModbusException):
            await third.read_holding_registers(1201, count=5, device_id=1)


async def test_nan_and_sentinel_values(modbus_client: ClientFactory) -> None:
    profile = sim_profile()
    energy = profile.registers.energy
    assert energy is not None
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        sim.connector(0).set_meter_fault("nan")
        raw = await client.read_input_registers(energy.address, count=4, device_id=1)
        assert list(raw.registers) == [0xFFFF] * 4  # the profile's sentinel
        assert await read_value(client, profile, "energy", 1) is None
        assert await read_value(client, profile, "current_l1", 1) is None  # NaN float
        assert await read_value(client, profile, "voltage_l1", 1) is None
    alfen = load_named_profile("alfen-eve-double")
    async with ChargerSimulator.serving(alfen, clock=ManualClock(), supply_phases=1) as sim:
        client = await modbus_client(sim.port)
        register = alfen.registers.voltage_l2
        assert register is not None
        raw = await client.read_holding_registers(register.address, count=2, device_id=1)
        value = client.convert_from_registers(
            list(raw.registers), data_type=client.DATATYPE.FLOAT32
        )
        assert isinstance(value, float)
        assert math.isnan(value)
        assert await read_value(client, alfen, "voltage_l1", 1) == pytest.approx(230.0)


async def test_frozen_values_and_counter_reset(modbus_client: ClientFactory) -> None:
    profile = sim_profile()
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        sim.car(0).plug(FAST_CAR)
        await write_value(client, profile, "current_setpoint", 32, 1)
        await write_value(client, profile, "enable", 1, 1)
        sim.advance(10)
        sim.connector(0).set_meter_fault("frozen")
        frozen = await read_value(client, profile, "energy", 1)
        sim.advance(5)
        assert await read_value(client, profile, "energy", 1) == frozen
        assert isinstance(frozen, int)
        assert sim.connector(0).energy_wh > frozen
        sim.connector(0).set_meter_fault(None)
        sim.advance(1)
        assert await read_value(client, profile, "energy", 1) == round(sim.connector(0).energy_wh)
        sim.connector(0).reset_counter()
        assert await read_value(client, profile, "energy", 1) == 0


@pytest.mark.parametrize("state", ["E", "F"])
async def test_forced_fault_states(modbus_client: ClientFactory, state: str) -> None:
    profile = sim_profile()
    async with ChargerSimulator.serving(profile, clock=ManualClock()) as sim:
        client = await modbus_client(sim.port)
        sim.car(0).plug(FAST_CAR)
        await write_value(client, profile, "current_setpoint", 16, 1)
        await write_value(client, profile, "enable", 1, 1)
        sim.advance(2)
        sim.connector(0).force_state(state, error_code=4)
        sim.advance(2)
        assert profile.detailed_state(await read_value(client, profile, "state", 1)) == state
        assert await read_value(client, profile, "error", 1) == 4
        assert await read_value(client, profile, "power", 1) == 0
        sim.connector(0).force_state(None)
        sim.advance(2)
        assert profile.detailed_state(await read_value(client, profile, "state", 1)) == "C2"
