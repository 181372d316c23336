"""The composition root with ``[ocpp]``: ``kiosk.app`` builds the link with the password secret
and the outbox in the data folder, and a CSMS's Reset ends ``run_until_signalled`` (the
service manager restarts the kiosk); the service page shows the link. CSMS: the tests' own
(``ocpp_test_csms``) on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from ocpp.v201 import call
from ocpp_test_csms import PASSWORD, OwnCsms, own_csms
from pydantic import SecretStr
from station_rig import FAST_POLICY, FAST_VIPPS, World, sim_poller_factory, until, world

from kiosk.adapters.ocpp_outbox import Outbox
from kiosk.app import StationParts, assemble_station, run_until_signalled
from kiosk.config import OcppSettings, PathSettings
from kiosk.core.state import Phase
from kiosk.service.assembly import assemble
from kiosk.station.ocpp_bridge import OcppBridge
from kiosk.station.snapshot import PhoneStartResult, Screen


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
            central = {"id_token": "tech-1", "type": "Central"}
            refused = await csms.call(
                call.RequestStartTransaction(id_token=central, remote_start_id=1, evse_id=1)
            )
            assert refused.status == "Rejected"  # off by default: a session needs a payment
            answer = await csms.call(call.Reset(type="OnIdle"))
            assert answer.status == "Accepted"  # nothing running: at once
            async with asyncio.timeout(20):
                await run  # the run ends by itself and closes everything
            assert parts.restart_requested.is_set()
        finally:
            if not run.done():
                run.cancel()
                await asyncio.gather(run, return_exceptions=True)


async def _assembled(
    w: World, csms: OwnCsms, tmp_path: Path, identity: str, **ocpp: Any
) -> StationParts:
    section = OcppSettings(
        url=csms.url,
        identity=identity,
        security_profile=1,
        allow_remote_test_charge=True,
        meter_interval_s=1,
        **ocpp,
    )
    config = w.config.model_copy(
        update={
            "ocpp": section,
            "paths": PathSettings(data_dir=tmp_path / "data"),
            "secrets": w.config.secrets.model_copy(update={"ocpp_password": SecretStr(PASSWORD)}),
        }
    )
    return await assemble_station(
        config,
        http_client=w.http,
        policy_overrides=FAST_POLICY,
        vipps_overrides=FAST_VIPPS,
        poller_factory=sim_poller_factory(w.sim.port, w.sim.clock.now_s),
        probe_interval_s=0.3,
    )


@asynccontextmanager
async def _running(parts: StationParts) -> AsyncIterator[OcppBridge]:
    assert parts.ocpp is not None
    await parts.station.start()
    await parts.ocpp.start()
    try:
        yield parts.ocpp
    finally:
        await parts.ocpp.aclose()
        await parts.station.aclose()


def _events(csms: OwnCsms, transaction_id: str | None = None) -> list[dict[str, Any]]:
    return [
        e
        for e in csms.of("TransactionEvent")
        if transaction_id is None or e["transactionInfo"]["transactionId"] == transaction_id
    ]


async def _ended(csms: OwnCsms, transaction_id: str) -> dict[str, Any]:
    await csms.wait_for(
        lambda: any(e["eventType"] == "Ended" for e in _events(csms, transaction_id))
    )
    return _events(csms, transaction_id)[-1]


# bounded by pytest-timeout's signal, which fires in blocking calls too (select, sleep, locks,
# waitpid: PEP 475 runs the handler); then the leak guard names where each task was waiting
@pytest.mark.timeout(120)
async def test_a_remote_start_runs_a_test_charge_when_configured(tmp_path: Path) -> None:
    """``allow_remote_test_charge``: the CSMS's RequestStartTransaction runs a technician's test
    charge (no payment) on the simulator, shown as such and reported as a transaction (metered
    at the interval); the remote stop ends it. Refused: an unknown EVSE, a driver's idToken, a
    second start on a busy EVSE."""
    async with own_csms() as csms, world(tmp_path) as w:
        parts = await _assembled(w, csms, tmp_path, "LS-APP-2")
        station = parts.station
        async with _running(parts) as bridge:
            await csms.wait_for(lambda: bridge.link.connected)
            w.sim.car(0).plug(soc_pct=20)
            await until(lambda: station.snapshot.connectors[0].screen is Screen.CAR_CONNECTED)
            central = {"id_token": "tech-1", "type": "Central"}
            card = {"id_token": "04A2B3C4", "type": "ISO14443"}
            for evse_id, token in ((9, central), (1, card)):
                refused = await csms.call(
                    call.RequestStartTransaction(id_token=token, remote_start_id=3, evse_id=evse_id)
                )
                assert refused.status == "Rejected", (evse_id, token)
            assert station.snapshot.connectors[0].screen is Screen.CAR_CONNECTED
            answer = await csms.call(
                call.RequestStartTransaction(id_token=central, remote_start_id=4, evse_id=1)
            )
            assert answer.status == "Accepted"
            await csms.wait_for(lambda: bool(_events(csms)))
            started = _events(csms)[0]
            assert started["eventType"] == "Started"
            assert started["triggerReason"] == "RemoteStart"
            assert started["transactionInfo"]["remoteStartId"] == 4
            assert started["idToken"] == {"idToken": "tech-1", "type": "Central"}
            assert started["evse"] == {"id": 1, "connectorId": 1}
            transaction_id = started["transactionInfo"]["transactionId"]
            assert transaction_id.startswith("test-")
            assert w.sim.connector(0).enabled  # the charger runs, with no payment
            assert station.snapshot.connectors[0].screen is Screen.TEST_CHARGE
            await csms.wait_for(
                lambda: any(
                    s["evseId"] == 1 and s["connectorStatus"] == "Occupied"
                    for s in csms.of("StatusNotification")
                )
            )
            # no paid session meanwhile: neither from the screen nor from a phone
            station.select_connector(1)
            assert station.session(1).phase in (Phase.IDLE, Phase.CAR_CONNECTED)
            phone = station.start_from_phone(1, 20_000, lambda sid: f"https://x.example/{sid}")
            assert phone.result is PhoneStartResult.BUSY
            again = await csms.call(
                call.RequestStartTransaction(id_token=central, remote_start_id=5, evse_id=1)
            )
            assert again.status == "Rejected"  # one at a time
            start_wh = started["meterValue"][0]["sampledValue"][0]["value"]
            await until(lambda: w.sim.connector(0).energy_wh >= start_wh + 20, timeout_s=30)
            await csms.wait_for(
                lambda: any(e["eventType"] == "Updated" for e in _events(csms, transaction_id))
            )
            switched = await csms.call(
                call.ChangeAvailability(operational_status="Inoperative", evse={"id": 1})
            )
            assert switched.status == "Scheduled"  # the test charge goes on until it ends
            assert station.snapshot.connectors[0].screen is Screen.TEST_CHARGE
            assert w.sim.connector(0).enabled
            stop = await csms.call(call.RequestStopTransaction(transaction_id=transaction_id))
            assert stop.status == "Accepted"
            ended = await _ended(csms, transaction_id)
            events = _events(csms, transaction_id)
            assert [e["seqNo"] for e in events] == list(range(len(events)))
            assert {e["eventType"] for e in events[1:-1]} == {"Updated"}
            assert events[1]["triggerReason"] == "MeterValuePeriodic"
            assert ended["triggerReason"] == "RemoteStop"
            assert ended["transactionInfo"]["stoppedReason"] == "Remote"
            ended_wh = ended["meterValue"][0]["sampledValue"][0]["value"]
            # the register as the poller read it (whole Wh, rounded)
            assert start_wh < ended_wh <= w.sim.connector(0).energy_wh + 1
            assert "customData" not in ended  # nothing was paid
            assert not w.sim.connector(0).enabled
            await until(lambda: station.snapshot.connectors[0].screen is Screen.OUT_OF_ORDER)
            back = await csms.call(
                call.ChangeAvailability(operational_status="Operative", evse={"id": 1})
            )
            assert back.status == "Accepted"
            await until(lambda: station.snapshot.connectors[0].screen is Screen.CAR_CONNECTED)
            record = await parts.repository.get_session(transaction_id)
            assert record is not None
            assert record.test_charge
            assert record.energy_wh is not None
            assert record.energy_wh > 0
            assert record.payment_reference is None
            assert w.emulator.payments == {}  # no Vipps call


@pytest.mark.timeout(120)
async def test_a_remote_test_charge_ends_when_the_car_leaves_or_draws_nothing(
    tmp_path: Path,
) -> None:
    async with own_csms() as csms, world(tmp_path) as w:
        parts = await _assembled(w, csms, tmp_path, "LS-APP-3", remote_test_idle_s=2)
        station = parts.station
        async with _running(parts) as bridge:
            await csms.wait_for(lambda: bridge.link.connected)
            token = {"id_token": "tech-2", "type": "NoAuthorization"}
            switched = await csms.call(
                call.ChangeAvailability(operational_status="Inoperative", evse={"id": 1})
            )
            assert switched.status == "Accepted"
            await until(lambda: station.snapshot.connectors[0].screen is Screen.OUT_OF_ORDER)
            refused = await csms.call(
                call.RequestStartTransaction(id_token=token, remote_start_id=9, evse_id=1)
            )
            assert refused.status == "Rejected"  # out of order: no test charge either
            assert not w.sim.connector(0).enabled
            back = await csms.call(
                call.ChangeAvailability(operational_status="Operative", evse={"id": 1})
            )
            assert back.status == "Accepted"
            ends: list[tuple[str, str]] = []
            for remote_start_id in (1, 2):
                w.sim.car(0).plug(soc_pct=20)
                await until(lambda: station.snapshot.connectors[0].screen is Screen.CAR_CONNECTED)
                answer = await csms.call(
                    call.RequestStartTransaction(
                        id_token=token, remote_start_id=remote_start_id, evse_id=1
                    )
                )
                assert answer.status == "Accepted"

                def started_now(start_id: int = remote_start_id) -> list[dict[str, Any]]:
                    return [
                        e
                        for e in _events(csms)
                        if e["transactionInfo"].get("remoteStartId") == start_id
                    ]

                await csms.wait_for(lambda: bool(started_now()))
                (started,) = started_now()
                transaction_id = started["transactionInfo"]["transactionId"]
                if remote_start_id == 1:
                    await until(lambda: (w.sim.connector(0).power_w or 0) > 0, timeout_s=20)
                    w.sim.car(0).unplug()  # the car leaves
                else:
                    w.sim.car(0).pause()  # the car takes nothing: the idle timeout (2 s) ends it
                ended = await _ended(csms, transaction_id)
                ends.append((ended["triggerReason"], ended["transactionInfo"]["stoppedReason"]))
                assert not w.sim.connector(0).enabled
                await until(lambda: station.snapshot.connectors[0].screen is not Screen.TEST_CHARGE)
                if remote_start_id == 2:
                    w.sim.car(0).unplug()
                    await until(lambda: station.snapshot.connectors[0].screen is Screen.IDLE)
            assert ends == [
                ("EVCommunicationLost", "EVDisconnected"),
                ("TimeLimitReached", "Timeout"),
            ]
            assert w.emulator.payments == {}


@pytest.mark.timeout(120)
async def test_a_remote_test_charge_is_stopped_when_the_station_closes(tmp_path: Path) -> None:
    """A shutdown (Reset, service stop) mid test charge: the charger is told to stop first and
    the ``Ended`` (``AbnormalCondition`` / ``Reboot``) is stored, sent or in the outbox."""
    async with own_csms() as csms, world(tmp_path) as w:
        parts = await _assembled(w, csms, tmp_path, "LS-APP-4")
        station = parts.station
        async with _running(parts) as bridge:
            await csms.wait_for(lambda: bridge.link.connected)
            w.sim.car(0).plug(soc_pct=20)
            await until(lambda: station.snapshot.connectors[0].screen is Screen.CAR_CONNECTED)
            token = {"id_token": "tech-3", "type": "Central"}
            answer = await csms.call(
                call.RequestStartTransaction(id_token=token, remote_start_id=8, evse_id=1)
            )
            assert answer.status == "Accepted"
            await csms.wait_for(lambda: bool(_events(csms)))
            transaction_id = _events(csms)[0]["transactionInfo"]["transactionId"]
            await until(lambda: (w.sim.connector(0).power_w or 0) > 0, timeout_s=20)
        assert not w.sim.connector(0).enabled  # stopped before the station let go of it
        outbox = Outbox(tmp_path / "data" / "ocpp-outbox.sqlite3")
        try:
            stored = [item.payload for item in await outbox.pending()]
        finally:
            outbox.close()
        # sent, or still in the outbox (an answered event may stay until its batch is forgotten:
        # sent again after a restart, the CSMS knows it by transactionId + seqNo)
        ended = {
            (e["seqNo"], e["triggerReason"], e["transactionInfo"]["stoppedReason"])
            for e in [*_events(csms, transaction_id), *stored]
            if e["eventType"] == "Ended" and e["transactionInfo"]["transactionId"] == transaction_id
        }
        ((_, trigger, stopped),) = ended  # one Ended (once or twice, the same seqNo)
        assert (trigger, stopped) == ("AbnormalCondition", "Reboot")
