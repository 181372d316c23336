"""``/healthz`` and ``/metrics`` (Prometheus text format) for the station.

``StationMonitor`` watches a running ``Station``: it counts sessions by outcome and the øre
captured and released as each session reaches its end (once per session), measures the event
loop's lag (how late a 0.5 s sleep wakes), counts Modbus readings that failed per connector, and
reads the settlement queue and the OCPP link when scraped. ``monitoring_app`` serves:

* ``GET /healthz`` - 200 ``ok`` while the loop ticks (lag probe within 5 s) and the database
  takes a write transaction within 2 s; otherwise 503 with the reason.
* ``GET /metrics`` - every ``ladeskjerm_*`` metric (Vipps calls by operation: count, time,
  errors) plus ``process_*`` (RSS, CPU) from
  ``prometheus_client``'s process collector.

Neither shows a secret or a personal datum: no references, phone numbers or session ids, only
counts, amounts in sum, states and ages. Raises nothing into the station.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import Protocol

from prometheus_client import CollectorRegistry, ProcessCollector, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    Metric,
    SummaryMetricFamily,
)
from prometheus_client.registry import Collector
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from kiosk.adapters.vipps_payments import CallStats
from kiosk.core.central_system import LinkHealth
from kiosk.core.state import TERMINAL_PHASES, SessionState
from kiosk.hardware.reading import DeviceReading
from kiosk.station.station import Station

log = logging.getLogger(__name__)

LAG_PROBE_S = 0.5
LOOP_STALE_S = 5.0
DATABASE_CHECK_S = 2.0
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Readings(Protocol):
    def subscribe(self, subscriber: Callable[[DeviceReading], None]) -> Callable[[], None]: ...

    @property
    def snapshot(self) -> DeviceReading: ...


class StationMonitor:
    def __init__(
        self,
        station: Station,
        *,
        check_database: Callable[[], Awaitable[None]] | None = None,
        ocpp_health: Callable[[], LinkHealth] | None = None,
        pollers: Mapping[int, Readings] | None = None,
        vipps_calls: CallStats | None = None,
    ) -> None:
        self.station = station
        self._vipps_calls = vipps_calls
        self._check_database = check_database
        self._ocpp_health = ocpp_health
        self._pollers = dict(pollers or {})
        self.outcomes: dict[str, int] = {}
        self.captured_ore = 0
        self.released_ore = 0
        self.modbus_errors: dict[int, int] = dict.fromkeys(self._pollers, 0)
        self.loop_lag_s = 0.0
        self._last_tick = time.monotonic()
        self._counted: dict[str, None] = {}  # insertion-ordered set, bounded
        self._task: asyncio.Task[None] | None = None
        self._unsubscribe: list[Callable[[], None]] = []

    async def start(self) -> None:
        self._unsubscribe.append(self.station.observe_steps(self._on_step))
        for number, poller in self._pollers.items():
            self._unsubscribe.append(poller.subscribe(self._reading_counter(number)))
        self._last_tick = time.monotonic()
        self._task = asyncio.create_task(self._probe_lag(), name="loop lag probe")

    async def aclose(self) -> None:
        for unsubscribe in self._unsubscribe:
            with contextlib.suppress(ValueError):
                unsubscribe()
        self._unsubscribe.clear()
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _on_step(self, state: SessionState) -> None:
        session_id = state.session_id
        if session_id is None or state.phase not in TERMINAL_PHASES or session_id in self._counted:
            return
        self._counted[session_id] = None
        if len(self._counted) > 10_000:
            del self._counted[next(iter(self._counted))]
        outcome = state.phase.value
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        self.captured_ore += state.captured_ore
        self.released_ore += state.cancelled_ore

    def _reading_counter(self, number: int) -> Callable[[DeviceReading], None]:
        def count(reading: DeviceReading) -> None:
            if not reading.online:
                self.modbus_errors[number] = self.modbus_errors.get(number, 0) + 1

        return count

    async def _probe_lag(self) -> None:
        while True:
            started = time.monotonic()
            await asyncio.sleep(LAG_PROBE_S)
            now = time.monotonic()
            self.loop_lag_s = max(0.0, now - started - LAG_PROBE_S)
            self._last_tick = now

    async def health(self) -> tuple[bool, str]:
        """``(healthy, reason)``."""
        if self._task is None or self._task.done():
            return False, "station monitor not running"
        stale_s = time.monotonic() - self._last_tick
        if stale_s > LOOP_STALE_S:
            return False, f"event loop stalled ({stale_s:.1f} s without a tick)"
        if self._check_database is not None:
            try:
                async with asyncio.timeout(DATABASE_CHECK_S):
                    await self._check_database()
            except TimeoutError:
                return False, "database not writable (no write lock within 2 s)"
            except Exception as error:
                return False, f"database not writable ({type(error).__name__})"
        return True, "ok"

    def collect(self) -> Iterator[Metric]:
        sessions = CounterMetricFamily(
            "ladeskjerm_sessions", "Sessions that ended, by outcome", labels=["outcome"]
        )
        for outcome, count in sorted(self.outcomes.items()):
            sessions.add_metric([outcome], count)
        yield sessions
        yield CounterMetricFamily(
            "ladeskjerm_captured_ore", "Øre captured from drivers", value=self.captured_ore
        )
        yield CounterMetricFamily(
            "ladeskjerm_released_ore", "Øre reserved and given back", value=self.released_ore
        )
        queue = self.station.settlement_queue()
        yield GaugeMetricFamily(
            "ladeskjerm_settlement_queue_depth", "Sessions waiting to settle", value=len(queue)
        )
        now_ms = self.station.clock.now_ms()
        stopped = [s.stopped_ms for s in queue if s.stopped_ms is not None]
        oldest_s = (now_ms - min(stopped)) / 1000 if stopped else 0.0
        yield GaugeMetricFamily(
            "ladeskjerm_settlement_queue_oldest_age_seconds",
            "Age of the oldest session waiting to settle",
            value=max(0.0, oldest_s),
        )
        up = GaugeMetricFamily(
            "ladeskjerm_modbus_up", "The charger answers over Modbus", labels=["connector"]
        )
        errors = CounterMetricFamily(
            "ladeskjerm_modbus_errors", "Failed Modbus readings", labels=["connector"]
        )
        for number, poller in sorted(self._pollers.items()):
            up.add_metric([str(number)], 1.0 if poller.snapshot.online else 0.0)
            errors.add_metric([str(number)], self.modbus_errors.get(number, 0))
        yield up
        yield errors
        yield GaugeMetricFamily(
            "ladeskjerm_payment_service_up",
            "The payment service answers",
            value=1.0 if self.station.payment_available else 0.0,
        )
        if self._vipps_calls is not None:
            latency = SummaryMetricFamily(
                "ladeskjerm_vipps_call_seconds",
                "Vipps MobilePay calls by operation: count and total time",
                labels=["operation"],
            )
            failed = CounterMetricFamily(
                "ladeskjerm_vipps_call_errors",
                "Vipps MobilePay calls that ended in an error, by operation",
                labels=["operation"],
            )
            for name, op in sorted(self._vipps_calls.operations.items()):
                latency.add_metric([name], count_value=op.calls, sum_value=op.seconds)
                failed.add_metric([name], op.errors)
            yield latency
            yield failed
        if self._ocpp_health is not None:
            link = self._ocpp_health()
            yield GaugeMetricFamily(
                "ladeskjerm_ocpp_connected",
                "The OCPP link is up and accepted",
                value=1.0 if link.connected else 0.0,
            )
            yield GaugeMetricFamily(
                "ladeskjerm_ocpp_queued_events",
                "Transaction events stored, not yet answered by the CSMS",
                value=link.queued_events,
            )
            if link.last_heartbeat_ms is not None:
                yield GaugeMetricFamily(
                    "ladeskjerm_ocpp_heartbeat_age_seconds",
                    "Time since the last heartbeat the CSMS answered",
                    value=max(0.0, (now_ms - link.last_heartbeat_ms) / 1000),
                )
        yield GaugeMetricFamily(
            "ladeskjerm_event_loop_lag_seconds",
            "How late the event loop woke the last 0.5 s probe",
            value=self.loop_lag_s,
        )


class _MonitorCollector(Collector):
    def __init__(self, monitor: StationMonitor) -> None:
        self._monitor = monitor

    def collect(self) -> Iterator[Metric]:
        try:
            yield from self._monitor.collect()
        except Exception:
            log.exception("collecting metrics failed")


def monitoring_app(monitor: StationMonitor) -> Starlette:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_MonitorCollector(monitor))
    registry.register(ProcessCollector(registry=None))

    async def healthz(request: Request) -> Response:
        healthy, reason = await monitor.health()
        return PlainTextResponse(reason + "\n", status_code=200 if healthy else 503)

    async def metrics(request: Request) -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE)

    return Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
        ]
    )
