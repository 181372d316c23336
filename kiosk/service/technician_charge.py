"""Test charges: a technician charges without a payment to check a connector end to end.

A test charge only runs on a connector switched out of order (so no driver can start a paid
session on it meanwhile) whose charger answers. It is a session record with
``test_charge=True`` (journalled: started, stopped, energy), with ``settled_at`` set at once
(there is nothing to settle, so recovery and the settlement queue never pick it up). The
charger is enabled and stopped through the connector's poller (commands confirmed by reading
back). Refusals are ``ActionResult`` s; ``PersistenceError`` is left to ``StationService``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from kiosk.hardware.poller import CommandResult
from kiosk.hardware.reading import DeviceReading
from kiosk.persistence.records import JournalEvent, SessionUpdate
from kiosk.persistence.repository import Repository
from kiosk.service.control import ActionResult

log = logging.getLogger(__name__)

TEST_STATE = "test_charge"
DEFAULT_TEST_CURRENT_A = 10.0


class ChargerCommands(Protocol):
    """What a ``DevicePoller`` offers for a test charge."""

    @property
    def snapshot(self) -> DeviceReading: ...

    async def enable(self, current_a: float) -> CommandResult: ...

    async def stop(self) -> CommandResult: ...


@dataclass(slots=True)
class _Running:
    session_id: str
    meter_start_wh: int | None


class TechnicianCharges:
    """Starts and stops test charges; at most one per connector."""

    def __init__(
        self,
        repository: Repository,
        chargers: Mapping[int, ChargerCommands],
        *,
        current_a: float = DEFAULT_TEST_CURRENT_A,
        now: Callable[[], datetime],
    ) -> None:
        self._repository = repository
        self._chargers = dict(chargers)
        self._current_a = current_a
        self._now = now
        self._running: dict[int, _Running] = {}

    def running(self, connector_id: int) -> bool:
        return connector_id in self._running

    def reading(self, connector_id: int) -> DeviceReading | None:
        """The connector's charger as last read (energy, power, plug); None: no such one."""
        charger = self._chargers.get(connector_id)
        return charger.snapshot if charger is not None else None

    async def start(self, connector_id: int, *, out_of_order: bool) -> ActionResult:
        charger = self._chargers.get(connector_id)
        if charger is None:
            return ActionResult(False, "unknown_connector", {"connector": str(connector_id)})
        if connector_id in self._running:
            return ActionResult(False, "station_refused", {"reason": "a test charge is running"})
        if not out_of_order:
            reason = "switch the connector out of order first, so no driver can start on it"
            return ActionResult(False, "station_refused", {"reason": reason})
        snapshot = charger.snapshot
        if not snapshot.online:
            return ActionResult(False, "station_refused", {"reason": snapshot.error or "offline"})
        session_id = f"test-{uuid.uuid4().hex[:12]}"
        now = self._now()
        update = SessionUpdate(
            state_name=TEST_STATE,
            state={},
            meter_start_wh=snapshot.energy_wh,
            started_at=now,
            settled_at=now,  # nothing to settle: never in recovery or the settlement queue
        )
        event = JournalEvent(
            "service.test_charge_started",
            {"current_a": self._current_a, "meter_start_wh": snapshot.energy_wh},
        )
        await self._repository.create_session(
            session_id, connector_id, update, event, test_charge=True
        )
        self._running[connector_id] = _Running(session_id, snapshot.energy_wh)
        result = await charger.enable(self._current_a)
        if not result.confirmed:
            await self.stop(connector_id)
            return ActionResult(False, "station_failed", {"reason": result.error or "no answer"})
        return ActionResult(True, "test_charge_started", {"session": session_id})

    async def stop(self, connector_id: int) -> ActionResult:
        running = self._running.pop(connector_id, None)
        charger = self._chargers.get(connector_id)
        if running is None or charger is None:
            return ActionResult(False, "station_refused", {"reason": "no test charge is running"})
        result = await charger.stop()
        meter = charger.snapshot.energy_wh
        start = running.meter_start_wh
        energy = meter - start if meter is not None and start is not None else None
        update = SessionUpdate(
            state_name=TEST_STATE,
            state={},
            meter_stop_wh=meter,
            energy_wh=energy,
            stop_reason="technician",
            stopped_at=self._now(),
        )
        payload = {"confirmed": result.confirmed, "meter_stop_wh": meter, "energy_wh": energy}
        event = JournalEvent("service.test_charge_stopped", payload)
        await self._repository.update_session(running.session_id, update, event)
        if not result.confirmed:
            log.error("test charge on connector %s: stop not confirmed", connector_id)
            return ActionResult(False, "station_failed", {"reason": result.error or "no answer"})
        return ActionResult(True, "charge_stopped", {"session": running.session_id})
