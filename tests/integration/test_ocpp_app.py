"""The composition root with ``[ocpp]``: ``kiosk.app`` builds the link with the password secret
and the outbox in the data folder, and a CSMS's Reset ends ``run_until_signalled`` (the
service manager restarts the kiosk); the service page shows the link. CSMS: the tests' own
(``ocpp_test_csms``) on loopback."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ocpp.v201 import call
from ocpp_test_csms import PASSWORD, own_csms
from pydantic import SecretStr
from station_rig import FAST_POLICY, FAST_VIPPS, sim_poller_factory, world

from kiosk.app import assemble_station, run_until_signalled
from kiosk.config import OcppSettings, PathSettings
from kiosk.service.assembly import assemble


async def test_the_app_wires_the_link_and_a_reset_ends_the_run(tmp_path: Path) -> None:
    async with own_csms() as csms, world(tmp_path) as w:
        config = w.config.model_copy(
            update={
                "ocpp": OcppSettings(url=csms.url, identity="LS-APP-1", security_profile=1),
                "paths": PathSettings(data_dir=tmp_path / "data"),
                "secrets": w.config.secrets.model_copy(
                    update={"ocpp_password": SecretStr(PASSWORD)}
                ),
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
        assert parts.ocpp is not None
        run = asyncio.create_task(run_until_signalled(parts))
        try:
            await csms.wait_for(lambda: csms.station is not None and bool(csms.of("Heartbeat")))
            assert csms.refused_credentials == 0
            (boot,) = csms.of("BootNotification")
            assert boot["chargingStation"]["vendorName"] == "Ladeskjerm"
            assert (tmp_path / "data" / "ocpp-outbox.sqlite3").exists()
            link = parts.ocpp.link
            async with asyncio.timeout(10):  # the CSMS saw it; the link notes the answer
                while link.health().last_heartbeat_ms is None:
                    await asyncio.sleep(0.05)
            _, service = assemble(
                config,
                parts.repository,
                parts.vipps,
                parts.station,
                parts.pollers,
                ocpp_health=parts.ocpp.link.health,
            )
            shown = dict(service.station_info().configuration)
            service.close()
            assert shown["ocpp link"].startswith("connected, boot Accepted, last heartbeat")
            assert shown["ocpp"].startswith(f"{csms.url} as LS-APP-1, security profile 1")
            assert PASSWORD not in str(shown)
            answer = await csms.call(call.Reset(type="OnIdle"))
            assert answer.status == "Accepted"  # nothing running: at once
            async with asyncio.timeout(20):
                await run  # the run ends by itself and closes everything
            assert parts.restart_requested.is_set()
        finally:
            if not run.done():
                run.cancel()
                await asyncio.gather(run, return_exceptions=True)
