"""A connector billed from an external meter, on loopback: the composition root's wiring.

The charger simulator serves ``abb-terra-ac`` (no lifetime energy counter) and a second
simulator serves ``eastron-sdm630`` beside it. The simulator does not couple a meter to
another simulator's car, so the meter's lifetime counter is driven through its Python API
while the car charges on the ABB; the whole paid session must capture exactly the tariff
applied to the meter's difference.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path

from hardware_rig import fast
from station_rig import FAST_POLICY, FAST_VIPPS, approve, check_invariants, settled, world

from kiosk.adapters.metered_feed import MeteredFeed
from kiosk.app import assemble_station
from kiosk.config import ConnectorSettings, MeterSettings, StationConfig
from kiosk.core.state import Phase, StopReason
from kiosk.core.tariff import Measured, amount_due
from kiosk.hardware.link import Endpoint
from kiosk.hardware.poller import DevicePoller
from kiosk.hardware.profile import Transport, load_named_profile
from kiosk.sandbox.charger import ChargerSimulator
from kiosk.service.assembly import assemble

START_WH = 5_000_000  # a meter that has been in service for years
STEP_WH = 10
STEPS = 15  # 150 Wh, well under the 200 Wh the test budget buys


def sim_factory(
    profile_name: str, sim: ChargerSimulator
) -> Callable[[ConnectorSettings], DevicePoller]:
    """Pollers at test pace over Modbus TCP to ``sim``, on the simulator's clock."""
    profile = fast(load_named_profile(profile_name))

    def make(_connector: ConnectorSettings) -> DevicePoller:
        endpoint = Endpoint.for_connector(profile, "127.0.0.1", port=sim.port)
        endpoint = dataclasses.replace(endpoint, transport=Transport.TCP)
        return DevicePoller(profile, endpoint, clock=sim.clock.now_s)

    return make


def metered_config(base: StationConfig, charger_port: int, meter_port: int) -> StationConfig:
    connector = base.connectors[0].model_copy(
        update={
            "profile": "abb-terra-ac",
            "port": charger_port,
            "meter": MeterSettings(profile="eastron-sdm630", host="127.0.0.1", port=meter_port),
        }
    )
    return base.model_copy(update={"connectors": (connector,)})


async def test_a_paid_session_bills_the_external_meters_difference(tmp_path: Path) -> None:
    async with (
        world(tmp_path) as w,
        ChargerSimulator.serving("abb-terra-ac", failsafe_timeout_s=10) as charger_sim,
        ChargerSimulator.serving("eastron-sdm630", meter_refresh_s=0.05) as meter_sim,
    ):
        meter = meter_sim.connector(0)
        meter.set_energy_wh(START_WH)
        config = metered_config(w.config, charger_sim.port, meter_sim.port)
        parts = await assemble_station(
            config,
            http_client=w.http,
            policy_overrides={**FAST_POLICY, "idle_stop_ms": 600_000},
            vipps_overrides=FAST_VIPPS,
            poller_factory=sim_factory("abb-terra-ac", charger_sim),
            meter_poller_factory=sim_factory("eastron-sdm630", meter_sim),
            probe_interval_s=0.3,
        )
        assert set(parts.meters) == {1}
        assert isinstance(parts.meters[1], MeteredFeed)
        assert parts.meters[1].charger is parts.pollers[1]
        try:
            await parts.start()
            station = parts.station
            charger_sim.car(0).plug(soc_pct=20)
            reference = await approve(w, station)
            await station.wait_for(
                lambda s: s.session(1).phase in (Phase.CHARGING, Phase.CAR_PAUSED), 10
            )
            await station.wait_for(lambda s: s.session(1).meter_start_wh is not None, 5)
            state = station.session(1)
            assert state.meter_start_wh == START_WH
            assert charger_sim.connector(0).enabled  # the ABB was switched on
            for step in range(1, STEPS + 1):
                meter.set_energy_wh(START_WH + step * STEP_WH)
                await asyncio.sleep(0.15)
            end_wh = START_WH + STEPS * STEP_WH
            await station.wait_for(lambda s: s.session(1).last_meter_wh == end_wh, 5)
            assert parts.meters[1].snapshot.energy_wh == end_wh
            assert parts.pollers[1].snapshot.energy_wh is None  # the ABB has no counter
            _access, service = assemble(
                config,
                parts.repository,
                parts.vipps,
                station,
                parts.pollers,
                meters=parts.meters,
            )
            try:
                (shown,) = service.connectors()
            finally:
                service.close()
            assert shown.profile == "abb-terra-ac + meter eastron-sdm630"
            assert f"meter 127.0.0.1:{meter_sim.port}" in shown.endpoint
            assert shown.energy_wh == end_wh  # the technician sees the billing meter
            assert shown.iec_state in ("B", "C")
            station.stop(1)
            final = await settled(station, state.session_id or "")
        finally:
            await parts.aclose()
        assert final.phase is Phase.DONE
        assert final.stop_reason is StopReason.DRIVER
        assert final.measured is not None
        assert final.measured.energy_wh == STEPS * STEP_WH
        due = amount_due(config.tariff.snapshot(), Measured(STEPS * STEP_WH)).total_ore
        assert due == 15_000
        assert final.captured_ore == due
        check_invariants(w, reference, due)
        assert charger_sim.connector(0).applied_limit_a == 0  # stopped: nothing offered
