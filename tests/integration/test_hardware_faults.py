"""Injected faults against the simulated charger: the poller reports unavailable / unknown,
reconnects, keeps its setpoint, and never invents energy."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest
from hardware_rig import rig

from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import load_named_profile
from kiosk.hardware.reading import DeviceReading
from kiosk.sandbox.charger import ChargerSimulator

PROFILE = load_named_profile("sim")
POLLER_LOG = "kiosk.hardware.poller"


class Recorder:
    def __init__(self) -> None:
        self.snapshots: list[DeviceReading] = []

    def __call__(self, snapshot: DeviceReading) -> None:
        self.snapshots.append(snapshot)

    def assert_no_invented_energy(self, true_lifetime_wh: float) -> None:
        """Within one epoch the counter never goes down; the last epoch never passes the truth."""
        last: dict[int, int] = {}
        for s in self.snapshots:
            if s.energy_wh is None:
                continue
            assert s.energy_wh >= last.get(s.energy_epoch, 0), s
            last[s.energy_epoch] = s.energy_wh
        assert last[max(last)] <= true_lifetime_wh + 1


@pytest.fixture
async def charging() -> AsyncIterator[tuple[ChargerSimulator, DevicePoller, Recorder]]:
    async with rig(PROFILE, 0, speed=20.0) as (sim, poller):
        recorder = Recorder()
        poller.subscribe(recorder)
        sim.connector(0).set_energy_wh(1_000_000.0)
        sim.car(0).plug(soc_pct=20.0)
        result = await poller.enable(16.0)
        assert result.confirmed
        # the preset counter is a confirmed jump (a new epoch) before the test starts
        await poller.wait_for(lambda s: (s.energy_wh or 0) >= 1_000_000, 5.0)
        await poller.wait_for(lambda s: (s.power_w or 0) > 5000 and s.energy_wh is not None, 5.0)
        yield sim, poller, recorder
        recorder.assert_no_invented_energy(sim.connector(0).energy_wh)


async def test_exception_codes_make_the_device_unavailable_then_it_recovers(
    charging: tuple[ChargerSimulator, DevicePoller, Recorder],
) -> None:
    sim, poller, _ = charging
    before = poller.snapshot.energy_wh
    sim.inject_exception(4)
    down = await poller.wait_for(lambda s: not s.online, 3.0)
    assert down.error is not None
    assert "0x04" in down.error
    assert (down.state, down.energy_wh, down.power_w) == (None, None, None)
    refused = await poller.stop()
    assert not refused.confirmed
    await sim.clear_faults()
    up = await poller.wait_for(lambda s: s.online and s.energy_wh is not None, 3.0)
    assert before is not None
    assert up.energy_wh is not None
    assert up.energy_wh >= before


async def test_an_exception_on_one_table_makes_only_its_values_unknown(
    charging: tuple[ChargerSimulator, DevicePoller, Recorder],
) -> None:
    sim, poller, _ = charging
    sim.inject_exception(2, function_codes={4})  # the meter lives in input registers
    partial = await poller.wait_for(lambda s: s.energy_wh is None, 3.0)
    assert partial.online
    assert partial.state == "C"
    assert (partial.power_w, partial.currents_a) == (None, (None, None, None))
    await sim.clear_faults()
    await poller.wait_for(lambda s: s.energy_wh is not None, 3.0)


async def test_an_outage_is_logged_once_and_the_poller_reconnects(
    charging: tuple[ChargerSimulator, DevicePoller, Recorder], caplog: pytest.LogCaptureFixture
) -> None:
    sim, poller, recorder = charging
    caplog.set_level(logging.INFO, logger=POLLER_LOG)
    await sim.set_refusing(True)
    sim.drop_connections()
    await poller.wait_for(lambda s: not s.online, 3.0)
    polls = len(recorder.snapshots)
    await asyncio.sleep(1.0)  # stay down for many poll intervals
    assert not poller.snapshot.online
    await sim.set_refusing(False)
    back = await poller.wait_for(lambda s: s.online, 8.0)
    assert back.state == "C" or back.state == "B"
    warnings = [r for r in caplog.records if r.name == POLLER_LOG and r.levelno == logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "unavailable" in warnings[0].getMessage()
    assert any("online again" in r.getMessage() for r in caplog.records)
    # an outage is published once, not once per failed poll
    offline = [s for s in recorder.snapshots[polls - 1 :] if not s.online]
    assert len(offline) <= 2


async def test_after_a_dropped_connection_the_setpoint_is_rewritten(
    charging: tuple[ChargerSimulator, DevicePoller, Recorder],
) -> None:
    sim, poller, _ = charging
    await sim.reboot()  # volatile setpoint lost (quirk setpoint_not_persisted)
    rebooted_at = sim.clock.now_s()
    await poller.wait_for(lambda s: s.timestamp_s > rebooted_at, 3.0)
    restored = await poller.wait_for(
        lambda s: s.online and s.setpoint_a == pytest.approx(16.0) and s.enabled is True, 5.0
    )
    assert restored.current_limit_a == pytest.approx(16.0)
    assert sim.connector(0).status()["setpoint_a"] == pytest.approx(16.0)


async def test_slow_answers_still_poll_and_stop(
    charging: tuple[ChargerSimulator, DevicePoller, Recorder],
) -> None:
    sim, poller, _ = charging
    sim.set_delay(0.1)  # below the 0.3 s request timeout
    stopped = await poller.stop()
    assert stopped.confirmed, stopped.error
    slow = await poller.wait_for(lambda s: s.enabled is False, 3.0)
    assert slow.online


async def test_answers_slower_than_the_timeout_are_an_outage(
    charging: tuple[ChargerSimulator, DevicePoller, Recorder],
) -> None:
    sim, poller, _ = charging
    sim.set_delay(0.6)
    down = await poller.wait_for(lambda s: not s.online, 5.0)
    assert down.energy_wh is None
    sim.set_delay(0.0)
    await poller.wait_for(lambda s: s.online and s.energy_wh is not None, 8.0)


async def test_nan_and_sentinels_read_as_unknown(
    charging: tuple[ChargerSimulator, DevicePoller, Recorder],
) -> None:
    sim, poller, _ = charging
    sim.connector(0).set_meter_fault("nan")
    unknown = await poller.wait_for(lambda s: s.energy_wh is None and s.power_w is None, 3.0)
    assert unknown.online
    assert unknown.state == "C"
    assert unknown.currents_a == (None, None, None)
    sim.connector(0).set_meter_fault(None)
    known = await poller.wait_for(lambda s: s.energy_wh is not None, 3.0)
    assert known.energy_epoch == unknown.energy_epoch


async def test_a_counter_reset_starts_a_new_epoch(
    charging: tuple[ChargerSimulator, DevicePoller, Recorder],
) -> None:
    sim, poller, _ = charging
    epoch = poller.snapshot.energy_epoch
    sim.connector(0).reset_counter()
    after = await poller.wait_for(lambda s: s.energy_epoch == epoch + 1, 3.0)
    assert after.energy_wh is not None
    assert after.energy_wh < 1_000_000
    assert after.energy_note == "counter reset"


async def test_a_frozen_meter_reads_as_unknown(
    charging: tuple[ChargerSimulator, DevicePoller, Recorder],
) -> None:
    sim, poller, _ = charging
    sim.connector(0).set_meter_fault("frozen")
    frozen = await poller.wait_for(lambda s: s.energy_note == "meter not advancing", 8.0)
    assert frozen.energy_wh is None
    sim.connector(0).set_meter_fault(None)
    moving = await poller.wait_for(lambda s: s.energy_wh is not None, 3.0)
    assert moving.energy_epoch == frozen.energy_epoch


@pytest.mark.parametrize(("state", "text"), [("E", "control pilot"), ("F", "residual current")])
async def test_fault_states_are_reported(
    charging: tuple[ChargerSimulator, DevicePoller, Recorder], state: str, text: str
) -> None:
    sim, poller, _ = charging
    sim.connector(0).force_state(state, error_code=4 if state == "E" else 1)
    fault = await poller.wait_for(lambda s: s.state == state, 3.0)
    assert fault.error is not None
    assert text in fault.error
    sim.connector(0).force_state(None)
    cleared = await poller.wait_for(lambda s: s.state in ("B", "C"), 3.0)
    assert cleared.error is None
