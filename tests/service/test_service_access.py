"""The PIN gate: entry, wrong PINs, the lockout (also across a restart), auto-exit after
inactivity, and never over a driver's payment screens."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kiosk.sandbox.preview.fake_station import base_station, connector_in
from kiosk.service.access import ExitReason, Mode, ServiceAccess
from kiosk.station.snapshot import Screen

from .service_world import PIN, ServiceWorld, service_world, station_config


def mode(access: ServiceAccess) -> Mode:
    return access.mode  # a call, so the type checker does not narrow across awaits


async def actions(world: ServiceWorld) -> list[str]:
    return [entry.action for entry in reversed(await world.repo.audit_log(100))]


async def test_long_press_opens_the_pad_and_the_right_pin_opens_service_mode(
    tmp_path: Path,
) -> None:
    async with service_world(tmp_path) as world:
        access = world.access
        assert mode(access) is Mode.CLOSED
        assert await access.submit_pin(PIN) is False  # no pad yet: nothing to type into
        assert await access.request_entry(world.station.snapshot)
        assert mode(access) is Mode.PIN
        assert access.message is None
        assert await access.submit_pin(PIN)
        assert mode(access) is Mode.OPEN
        await access.exit(ExitReason.TECHNICIAN)
        assert mode(access) is Mode.CLOSED
        assert await actions(world) == ["service.enter", "service.exit"]
        assert (await world.repo.audit_log(1))[0].details == {"reason": "technician"}


async def test_wrong_pins_count_down_then_lock_for_five_minutes(tmp_path: Path) -> None:
    async with service_world(tmp_path) as world:
        access = world.access
        await access.request_entry(world.station.snapshot)
        for left in (4, 3, 2, 1):
            assert not await access.submit_pin("0000")
            assert access.message is not None
            assert access.message.code == "pin_wrong"
            assert access.message.params == {"attempts": str(left)}
        assert not await access.submit_pin("0000")
        assert access.message is not None
        assert access.message.code == "pin_locked"
        assert access.locked_until is not None
        lock_s = (access.locked_until - world.clock.now()).total_seconds()
        assert 299 < lock_s <= 300
        # locked: even the right PIN is refused
        assert not await access.submit_pin(PIN)
        assert mode(access) is Mode.PIN
        world.clock.advance(299)
        assert not await access.submit_pin(PIN)
        world.clock.advance(2)
        assert await access.submit_pin(PIN)
        assert mode(access) is Mode.OPEN
        assert (await actions(world)).count("service.pin_rejected") == 4
        assert "service.pin_locked" in await actions(world)


async def test_lockout_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "station.sqlite3"
    async with service_world(tmp_path, db_path=db) as world:
        await world.access.request_entry(world.station.snapshot)
        for _ in range(5):
            await world.access.submit_pin("1111")
        assert world.access.message is not None
        assert world.access.message.code == "pin_locked"
    # a new process: new repository, guard and access on the same SQLite file
    async with service_world(tmp_path, db_path=db) as world:
        assert await world.access.request_entry(world.station.snapshot)
        message = world.access.message
        assert message is not None
        assert message.code == "pin_locked"
        assert not await world.access.submit_pin(PIN)
        assert mode(world.access) is Mode.PIN


async def test_pad_and_service_mode_close_after_two_minutes_untouched(tmp_path: Path) -> None:
    async with service_world(tmp_path) as world:
        access = world.access
        await access.request_entry(world.station.snapshot)
        world.clock.advance(119)
        assert not access.idle_expired()
        await access.submit_pin(PIN)  # typing counts as a touch
        world.clock.advance(100)
        access.touch()
        world.clock.advance(119.9)
        assert not access.idle_expired()
        world.clock.advance(0.2)
        assert access.idle_expired()
        await access.exit(ExitReason.INACTIVITY)
        assert mode(access) is Mode.CLOSED
        assert not access.idle_expired()
        assert (await world.repo.audit_log(1))[0].details == {"reason": "inactivity"}


async def test_no_entry_while_a_driver_pays_and_leaves_when_a_flow_needs_the_screen(
    tmp_path: Path,
) -> None:
    async with service_world(tmp_path) as world:
        access = world.access
        for screen in (Screen.BUDGET, Screen.PAY, Screen.PLUG_IN):
            paying = dataclasses.replace(
                base_station(1), connectors=(connector_in(screen),), focused_connector_id=1
            )
            assert not await access.request_entry(paying)
            assert mode(access) is Mode.CLOSED
        assert (await actions(world)).count("service.entry_refused") == 3
        # a running charge does not block: the technician may need to stop it
        charging = dataclasses.replace(
            base_station(1), connectors=(connector_in(Screen.CHARGING),), focused_connector_id=1
        )
        assert await access.request_entry(charging)
        assert await access.submit_pin(PIN)
        assert not access.must_yield(charging)
        paying = dataclasses.replace(charging, connectors=(connector_in(Screen.PAY),))
        assert access.must_yield(paying)


async def test_without_a_pin_hash_the_pad_says_how_to_set_one(tmp_path: Path) -> None:
    async with service_world(tmp_path, config=station_config(pin_hash=None)) as world:
        await world.access.request_entry(world.station.snapshot)
        assert not await world.access.submit_pin(PIN)
        assert world.access.message is not None
        assert world.access.message.code == "pin_not_set"
        assert "kiosk set-pin" in world.access.message.text
