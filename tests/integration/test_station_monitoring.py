"""/healthz and /metrics on a real station (simulator over Modbus TCP, Vipps emulator over HTTP,
SQLite file), served by uvicorn on 127.0.0.1 as ``[monitoring]`` configures."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families
from station_rig import FAST_POLICY, FAST_VIPPS, approve, phase, settled, sim_poller_factory, world

from kiosk.app import assemble_station
from kiosk.config import MonitoringSettings
from kiosk.core.state import Phase


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


async def test_health_and_metrics_of_a_running_station(tmp_path: Path) -> None:
    async with world(tmp_path) as w:
        config = w.config.model_copy(
            update={
                "monitoring": MonitoringSettings.model_construct(
                    listen_host="127.0.0.1", listen_port=0
                )
            }
        )
        parts = await assemble_station(
            config,
            http_client=w.http,
            policy_overrides=FAST_POLICY,
            vipps_overrides=FAST_VIPPS,
            poller_factory=sim_poller_factory(w.sim.port, w.sim.clock.now_s),
            probe_interval_s=0.3,
        )
        await parts.start()
        try:
            station = parts.station
            base = parts.monitor_server[0].base_url
            async with httpx.AsyncClient(base_url=base) as web:
                health = await web.get("/healthz")
                assert (health.status_code, health.text) == (200, "ok\n")

                w.sim.car(0).plug(soc_pct=20)
                reference = await approve(w, station)
                state = await phase(station, 1, Phase.CHARGING)
                await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 40, 10)
                station.stop(1)
                final = await settled(station, state.session_id or "")

                metrics = await web.get("/metrics")
                assert metrics.status_code == 200
                assert metrics.headers["content-type"].startswith("text/plain")
                values = samples(metrics.text)
                assert values[("ladeskjerm_sessions_total", (("outcome", "done"),))] == 1
                assert values[("ladeskjerm_captured_ore_total", ())] == final.captured_ore > 0
                assert values[("ladeskjerm_released_ore_total", ())] == final.cancelled_ore
                assert values[("ladeskjerm_settlement_queue_depth", ())] == 0
                assert values[("ladeskjerm_modbus_up", (("connector", "1"),))] == 1
                assert values[("ladeskjerm_payment_service_up", ())] == 1
                assert values[("process_resident_memory_bytes", ())] > 10_000_000
                create = (("operation", "create"),)
                assert values[("ladeskjerm_vipps_call_seconds_count", create)] == 1
                assert values[("ladeskjerm_vipps_call_seconds_sum", create)] > 0
                assert values[("ladeskjerm_vipps_call_errors_total", create)] == 0
                capture = (("operation", "capture"),)
                assert values[("ladeskjerm_vipps_call_seconds_count", capture)] == 1
                assert values[("ladeskjerm_vipps_call_seconds_count", (("operation", "get"),))] >= 1
                assert ("ladeskjerm_event_loop_lag_seconds", ()) in values
                assert reference not in metrics.text  # nothing that names a payment or a person
                assert (state.session_id or "-") not in metrics.text

                db_path = w.db_url.removeprefix("sqlite:///")
                blocker = sqlite3.connect(db_path, timeout=1)
                blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
                try:
                    started = time.monotonic()
                    locked = await web.get("/healthz", timeout=20)
                    assert locked.status_code == 503
                    assert "database not writable" in locked.text
                    assert time.monotonic() - started < 10
                finally:
                    blocker.rollback()
                    blocker.close()

                monitor = parts.monitor[0]
                monitor._last_tick -= 60  # as if the loop had not ticked for a minute
                stalled = await web.get("/healthz")
                assert stalled.status_code == 503
                assert "event loop stalled" in stalled.text
        finally:
            await parts.aclose()
