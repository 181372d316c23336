"""Station page actions: the Vipps check in plain words, the tariff and configuration summary,
the log view's redaction, and CSV export to a USB folder - each audited."""

from __future__ import annotations

import csv
import logging
import sqlite3
from pathlib import Path

from pydantic import SecretStr

from kiosk.sandbox.vipps.faults import Fault, FaultKind
from kiosk.service.log_buffer import REDACTED, RedactingLogBuffer

from .service_world import PIN, WEBHOOK_SECRET, service_world, station_config


async def test_vipps_check_ok_and_failing(tmp_path: Path) -> None:
    async with service_world(tmp_path) as world:
        ok = await world.service.check_vipps()
        assert ok.ok, ok.text
        assert ok.code == "vipps_ok"
        world.emulator.faults.add(Fault(FaultKind.ERROR, "*", count=None, status=500))
        down = await world.service.check_vipps()
        assert not down.ok
        assert down.code == "vipps_failed"
        assert down.params["detail"]
        audit = await world.repo.audit_log(2)
        assert [(e.action, e.details["ok"]) for e in audit] == [
            ("service.vipps_check", False),
            ("service.vipps_check", True),
        ]


async def test_wrong_credentials_are_explained(tmp_path: Path) -> None:
    config = station_config()
    wrong = config.secrets.model_copy(update={"vipps_client_secret": SecretStr("rotated-1234")})
    async with service_world(
        tmp_path, config=config.model_copy(update={"secrets": wrong})
    ) as world:
        result = await world.service.check_vipps()
        assert not result.ok
        assert "credentials" in result.text


async def test_station_info_has_the_tariff_and_no_secret(tmp_path: Path) -> None:
    async with service_world(tmp_path) as world:
        info = world.service.station_info()
        assert info.tariff is not None
        assert info.tariff.price_ore_per_kwh == 450
        settings = dict(info.configuration)
        assert settings["secrets"].startswith("client id: set")
        text = repr(info)
        for secret in world.config.secrets.all_values():
            assert secret not in text


async def test_export_writes_csv_to_the_stick_and_refuses_other_folders(tmp_path: Path) -> None:
    async with service_world(tmp_path) as world:
        await world.paid_session("e1", captured_ore=1000)
        await world.paid_session("e2", captured_ore=2000)
        assert world.service.export_folders() == [world.export_dir]
        result = await world.service.export_sessions(world.export_dir)
        assert result.ok, result.text
        assert result.params["count"] == "2"
        [written] = list(world.export_dir.glob("sessions-*.csv"))
        rows = list(csv.DictReader(written.read_text(encoding="utf-8").splitlines()))
        assert [r["id"] for r in rows] == ["e1", "e2"]
        assert rows[1]["captured_ore"] == "2000"
        again = await world.service.export_sessions(world.export_dir)
        assert again.ok
        assert len(list(world.export_dir.glob("sessions-*.csv"))) == 2  # never overwritten
        elsewhere = await world.service.export_sessions(tmp_path)
        assert not elsewhere.ok
        assert not list(tmp_path.glob("sessions-*.csv"))
        audit = await world.repo.audit_log(1)
        assert audit[0].action == "service.export_sessions"
        assert audit[0].details["ok"] is False


def test_log_buffer_redacts_secrets_and_credentials() -> None:
    buffer = RedactingLogBuffer([WEBHOOK_SECRET, "abc"], capacity=3)
    log = logging.getLogger("test.service.redaction")
    log.addHandler(buffer)
    log.setLevel(logging.INFO)
    try:
        log.info("secret %s in the middle", WEBHOOK_SECRET)
        log.info("Authorization: Bearer eyJhbGciOi.xyz and client_secret=hunter22")
        log.info("abc is too short to be redacted")
        log.info("fourth line pushes the first out")
    finally:
        log.removeHandler(buffer)
    lines = buffer.lines()
    assert len(lines) == 3
    assert WEBHOOK_SECRET not in "".join(lines)
    assert "eyJhbGciOi" not in lines[0]
    assert "hunter22" not in lines[0]
    assert f"Authorization: {REDACTED}" in lines[0]
    assert "abc is too short" in lines[1]


async def test_assemble_builds_access_and_service_from_the_station_parts(tmp_path: Path) -> None:
    from kiosk.sandbox.preview.fake_station import FakeStation, base_station
    from kiosk.service.access import Mode
    from kiosk.service.assembly import assemble, install_log_buffer

    class StationWithHooks(FakeStation):
        def set_out_of_order(self, connector_id: int, out_of_order: bool) -> None: ...

        def technician_stop(self, connector_id: int) -> None: ...

        def retry_settlement(self, session_id: str) -> bool:
            return False

    async with service_world(tmp_path) as world:
        buffer = install_log_buffer(world.config)
        try:
            station = StationWithHooks(base_station(1))
            access, service = assemble(world.config, world.repo, world.vipps, station, {}, buffer)
            assert await access.request_entry(station.snapshot)
            assert await access.submit_pin(PIN)
            assert access.mode is Mode.OPEN
            assert (await service.set_out_of_order(1, True)).code == "unknown_connector"
            assert service.snapshot is station.snapshot
            logging.getLogger("kiosk.test").warning("secret %s", WEBHOOK_SECRET)
            assert WEBHOOK_SECRET not in "".join(service.log_lines())
            service.close()
        finally:
            logging.getLogger().removeHandler(buffer)


async def test_records_check_in_plain_words_ok_and_after_tampering(tmp_path: Path) -> None:
    async with service_world(tmp_path) as world:
        await world.paid_session("c1", captured_ore=1000)
        ok = await world.service.verify_chain()
        assert ok.ok, ok.text
        assert ok.code == "chain_ok"
        assert "every link holds" in ok.text
        db_path = tmp_path / "kiosk.sqlite3"
        with sqlite3.connect(db_path) as conn:
            conn.execute("DROP TRIGGER session_events_no_update")
            conn.execute("UPDATE session_events SET kind = 'edited' WHERE seq = 1")
        broken = await world.service.verify_chain()
        assert not broken.ok
        assert broken.code == "chain_broken"
        assert broken.params["seq"] == "1"
        assert "first broken link is entry 1" in broken.text
        audit = await world.repo.audit_log(1)
        assert [(e.action, e.details["ok"]) for e in audit] == [("service.verify_chain", False)]
