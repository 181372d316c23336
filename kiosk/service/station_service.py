"""``StationService``: service mode over the repository, the Vipps client, the pollers and the
controller (``StationOperations``); the implementation of ``ServiceControl``.

Every action writes one audit row (``actor="technician"``, ``action="service.<what>"``, the
details of what changed and the outcome), also when it fails. Nothing raises to the caller:
``ServiceRefused`` and the boundary errors (``kiosk.persistence.errors``,
``kiosk.payments.errors``, a controller's unexpected exception) become ``ActionResult``s.
Texts from outside (Vipps answers, errors) pass the redactor before they are shown or stored.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.config.model import StationConfig
from kiosk.core.central_system import LinkHealth
from kiosk.payments.client import VippsClient
from kiosk.persistence.errors import PersistenceError
from kiosk.persistence.records import AuditEntry
from kiosk.persistence.repository import Repository
from kiosk.persistence.transaction import utc_now
from kiosk.service.config_summary import link_text, summary
from kiosk.service.control import (
    ActionResult,
    ConnectorDiagnostics,
    QueueLine,
    ServiceRefused,
    SessionLine,
    StationInfo,
)
from kiosk.service.diagnostics import ConnectorWiring, ErrorHistory, diagnose
from kiosk.service.export_folders import DEFAULT_ROOTS, export_file, export_folders, flush_to_disk
from kiosk.service.log_buffer import RedactingLogBuffer, Redactor
from kiosk.service.messages import DEFAULT_CURRENCY
from kiosk.service.operations import StationOperations
from kiosk.service.session_actions import SessionActions
from kiosk.station.snapshot import Screen, StationControl, StationSnapshot

log = logging.getLogger(__name__)

ACTOR = "technician"


class StationService:
    """Implements ``kiosk.service.control.ServiceControl``; ``close()`` when done."""

    def __init__(
        self,
        repository: Repository,
        operations: StationOperations,
        *,
        station: StationControl | None = None,
        wirings: Sequence[ConnectorWiring] = (),
        vipps: VippsClient | None = None,
        config: StationConfig | None = None,
        log_buffer: RedactingLogBuffer | None = None,
        export_roots: Sequence[Path] = DEFAULT_ROOTS,
        export_extra: Sequence[Path] = (),
        now: Callable[[], datetime] = utc_now,
        wall_clock: Callable[[], float] = time.time,
        ocpp_health: Callable[[], LinkHealth] | None = None,
    ) -> None:
        self._repository = repository
        self._ocpp_health = ocpp_health
        self._operations = operations
        self._wirings = {w.connector_id: w for w in wirings}
        self._history = ErrorHistory(wirings)
        self._vipps = vipps
        self._config = config
        self._log_buffer = log_buffer
        self._export_roots = tuple(export_roots)
        self._export_extra = tuple(export_extra)
        self._now = now
        self._wall_clock = wall_clock
        self._redact = Redactor(config.secrets.all_values() if config is not None else ())
        currency = config.tariff.currency if config is not None else DEFAULT_CURRENCY
        self._sessions = SessionActions(repository, vipps, now, currency=currency)
        self._snapshot: StationSnapshot | None = None
        self._unsubscribe = station.subscribe(self._on_snapshot) if station else None

    def close(self) -> None:
        self._history.close()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_snapshot(self, snapshot: StationSnapshot) -> None:
        self._snapshot = snapshot

    @property
    def snapshot(self) -> StationSnapshot | None:
        """The driver screens' latest snapshot (for the display rule and connector screens)."""
        return self._snapshot

    # -- auditing ------------------------------------------------------------------------------

    async def _audited(
        self, action: str, details: dict[str, Any], run: Callable[[], Awaitable[ActionResult]]
    ) -> ActionResult:
        try:
            result = await run()
        except ServiceRefused as refusal:
            result = ActionResult.refused(refusal)
        except PersistenceError as error:
            log.warning("service %s: database error: %s", action, error)
            result = ActionResult(False, "database_failed", {"reason": self._redact(str(error))})
        except Exception as error:  # a controller bug must not take the service screen down
            log.exception("service %s failed", action)
            result = ActionResult(False, "station_failed", {"reason": self._redact(str(error))})
        params = {k: self._redact(v) for k, v in result.params.items()}
        result = ActionResult(result.ok, result.code, params)
        record = {**params, **details, "ok": result.ok, "result": result.code}
        try:
            await self._repository.append_audit(ACTOR, f"service.{action}", record)
        except PersistenceError as error:
            log.error("audit of service.%s not written: %s", action, error)
        log.info("service %s: %s", action, result.text)
        return result

    # -- connectors ----------------------------------------------------------------------------

    def _screen(self, connector_id: int) -> str:
        connector = self._snapshot.connector(connector_id) if self._snapshot else None
        return connector.screen.value if connector is not None else ""

    def connectors(self) -> list[ConnectorDiagnostics]:
        now_s = self._wall_clock()
        return [
            diagnose(
                wiring,
                self._history,
                screen=self._screen(cid),
                out_of_order=self._screen(cid) == Screen.OUT_OF_ORDER.value,
                now_s=now_s,
            )
            for cid, wiring in sorted(self._wirings.items())
        ]

    def _connector_name(self, connector_id: int) -> str:
        wiring = self._wirings.get(connector_id)
        if wiring is None:
            raise ServiceRefused("unknown_connector", connector=str(connector_id))
        return wiring.name

    async def set_out_of_order(self, connector_id: int, out_of_order: bool) -> ActionResult:
        async def run() -> ActionResult:
            name = self._connector_name(connector_id)
            result = await self._operations.set_out_of_order(connector_id, out_of_order)
            if not result.ok:
                return result
            return ActionResult(
                True, "out_of_order_on" if out_of_order else "out_of_order_off", {"connector": name}
            )

        details = {
            "connector": connector_id,
            "out_of_order": out_of_order,
            "was_out_of_order": self._screen(connector_id) == Screen.OUT_OF_ORDER.value,
        }
        return await self._audited("out_of_order", details, run)

    async def start_test_charge(self, connector_id: int) -> ActionResult:
        async def run() -> ActionResult:
            name = self._connector_name(connector_id)
            result = await self._operations.start_test_charge(connector_id)
            if not result.ok:
                return result
            return ActionResult(True, "test_charge_started", {"connector": name, **result.params})

        return await self._audited("test_charge", {"connector": connector_id}, run)

    async def stop_charge(self, connector_id: int) -> ActionResult:
        async def run() -> ActionResult:
            name = self._connector_name(connector_id)
            result = await self._operations.stop_by_technician(connector_id)
            if not result.ok:
                return result
            return ActionResult(True, "charge_stopped", {"connector": name})

        return await self._audited("stop_charge", {"connector": connector_id}, run)

    # -- sessions ------------------------------------------------------------------------------

    async def recent_sessions(self, limit: int = 30) -> list[SessionLine]:
        return await self._sessions.recent(limit)

    async def settlement_queue(self) -> list[QueueLine]:
        return await self._sessions.queue()

    async def retry_settlement(self, session_id: str) -> ActionResult:
        async def run() -> ActionResult:
            await self._sessions.session(session_id)
            if not await self._sessions.is_queued(session_id):
                raise ServiceRefused("not_queued", session=session_id)
            result = await self._operations.retry_settlement(session_id)
            if not result.ok:
                return result
            return ActionResult(True, "settlement_retry", {"session": session_id})

        return await self._audited("retry_settlement", {"session": session_id}, run)

    async def refund(self, session_id: str, amount_ore: int) -> ActionResult:
        details = {"session": session_id, "amount_ore": amount_ore}
        return await self._audited(
            "refund", details, lambda: self._sessions.refund(session_id, amount_ore)
        )

    async def mark_resolved(self, session_id: str) -> ActionResult:
        return await self._audited(
            "mark_resolved",
            {"session": session_id},
            lambda: self._sessions.mark_resolved(session_id),
        )

    # -- station -------------------------------------------------------------------------------

    async def check_vipps(self) -> ActionResult:
        async def run() -> ActionResult:
            if self._vipps is None:
                return ActionResult(False, "vipps_not_configured")
            try:
                ping = await self._vipps.ping()
            except Exception as error:  # ping reports Vipps failures; anything else is news
                log.warning("vipps ping failed unexpectedly: %s", self._redact(str(error)))
                return ActionResult(False, "vipps_failed", {"detail": type(error).__name__})
            detail = self._redact(ping.message)
            return ActionResult(
                ping.ok, "vipps_ok" if ping.ok else "vipps_failed", {"detail": detail}
            )

        return await self._audited("vipps_check", {}, run)

    async def verify_chain(self) -> ActionResult:
        async def run() -> ActionResult:
            report = await self._repository.verify_chain()
            head = report.heads[0].hash[:16] if report.heads else "-"
            if report.ok:
                return ActionResult(
                    True, "chain_ok", {"entries": str(report.entries_checked), "head": head}
                )
            first = report.problems[0]
            seq = "-" if first.seq is None else str(first.seq)
            return ActionResult(False, "chain_broken", {"seq": seq, "problem": first.message})

        return await self._audited("verify_chain", {}, run)

    def station_info(self) -> StationInfo:
        config = self._config
        fault = self._snapshot.storage_fault if self._snapshot is not None else None
        storage = fault.value if fault is not None else ""
        if config is None:
            return StationInfo(
                __version__, self._repository.station, "", None, (), storage_fault=storage
            )
        lines = summary(config, self._repository.url)
        if self._ocpp_health is not None:
            now_ms = int(self._wall_clock() * 1000)
            lines.append(("ocpp link", link_text(self._ocpp_health(), now_ms)))
        return StationInfo(
            version=__version__,
            station_id=config.station.id,
            station_name=config.station.name,
            tariff=config.tariff.snapshot(),
            configuration=tuple((k, self._redact(v)) for k, v in lines),
            periods=config.tariff.weekly_periods(),
            storage_fault=storage,
        )

    def log_lines(self, limit: int = 200) -> list[str]:
        return self._log_buffer.lines(limit) if self._log_buffer is not None else []

    def export_folders(self) -> list[Path]:
        return export_folders(self._export_roots, self._export_extra)

    async def export_sessions(self, folder: Path) -> ActionResult:
        async def run() -> ActionResult:
            allowed = await asyncio.to_thread(self.export_folders)
            if folder not in allowed:
                return ActionResult(False, "export_failed", {"reason": f"{folder} is not offered"})
            target = await asyncio.to_thread(
                export_file, folder, self._repository.station, self._now()
            )
            try:
                count = await self._repository.export_sessions_csv(target)
                await asyncio.to_thread(flush_to_disk, target)
            except (PersistenceError, OSError) as error:
                return ActionResult(False, "export_failed", {"reason": str(error)})
            return ActionResult(True, "exported", {"count": str(count), "file": str(target)})

        return await self._audited("export_sessions", {"folder": str(folder)}, run)

    async def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        return await self._repository.audit_log(limit)
