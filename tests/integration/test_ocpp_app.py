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
from station_rig import FAST_POLICY, FAST_VIPPS, sim_poller_factory, until, world

from kiosk.app import assemble_station, run_until_signalled
from kiosk.config import OcppSettings, PathSettings
from kiosk.service.assembly import assemble
from kiosk.station.snapshot import Screen


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


async def test_a_remote_start_runs_a_test_charge_when_configured(tmp_path: Path) -> None:
    """``allow_remote_test_charge``: the CSMS's RequestStartTransaction runs a technician's test
    charge (no payment) on the simulator, reported as a transaction; the remote stop ends it."""
    async with own_csms() as csms, world(tmp_path) as w:
        section = OcppSettings(
            url=csms.url, identity="LS-APP-2", security_profile=1, allow_remote_test_charge=True
        )
        config = w.config.model_copy(
            update={
                "ocpp": section,
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
        station = parts.station
        await station.start()
        await parts.ocpp.start()
        try:
            await csms.wait_for(lambda: parts.ocpp is not None and parts.ocpp.link.connected)
            w.sim.car(0).plug(soc_pct=20)
            await until(lambda: station.snapshot.connectors[0].screen is Screen.CAR_CONNECTED)
            token = {"id_token": "tech-1", "type": "Central"}
            unknown = await csms.call(
                call.RequestStartTransaction(id_token=token, remote_start_id=3, evse_id=9)
            )
            assert unknown.status == "Rejected"
            answer = await csms.call(
                call.RequestStartTransaction(id_token=token, remote_start_id=4, evse_id=1)
            )
            assert answer.status == "Accepted"
            await csms.wait_for(lambda: bool(csms.of("TransactionEvent")))
            (started,) = csms.of("TransactionEvent")
            assert started["eventType"] == "Started"
            assert started["triggerReason"] == "RemoteStart"
            assert started["transactionInfo"]["remoteStartId"] == 4
            assert started["idToken"] == {"idToken": "tech-1", "type": "Central"}
            transaction_id = started["transactionInfo"]["transactionId"]
            assert transaction_id.startswith("test-")
            assert w.sim.connector(0).enabled  # the charger runs, with no payment
            assert station.snapshot.connectors[0].screen is Screen.OUT_OF_ORDER
            assert w.emulator.payments == {}
            again = await csms.call(
                call.RequestStartTransaction(id_token=token, remote_start_id=5, evse_id=1)
            )
            assert again.status == "Rejected"  # one at a time
            start_wh = started["meterValue"][0]["sampledValue"][0]["value"]
            await until(lambda: w.sim.connector(0).energy_wh >= start_wh + 20)
            stop = await csms.call(call.RequestStopTransaction(transaction_id=transaction_id))
            assert stop.status == "Accepted"
            await csms.wait_for(lambda: len(csms.of("TransactionEvent")) == 2)
            ended = csms.of("TransactionEvent")[1]
            assert ended["eventType"] == "Ended"
            assert ended["seqNo"] == 1
            assert ended["triggerReason"] == "RemoteStop"
            assert ended["transactionInfo"]["stoppedReason"] == "Remote"
            assert ended["meterValue"][0]["sampledValue"][0]["value"] > start_wh
            assert "customData" not in ended  # nothing was paid
            assert not w.sim.connector(0).enabled
            await until(lambda: station.snapshot.connectors[0].screen is not Screen.OUT_OF_ORDER)
            record = await parts.repository.get_session(transaction_id)
            assert record is not None
            assert record.test_charge
        finally:
            await parts.ocpp.aclose()
            await station.aclose()
