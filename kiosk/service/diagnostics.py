"""Connector diagnostics for the technician: the pollers' latest snapshots, decoded, plus the
last errors each connector reported, and every reset, wrap or replacement of a connector's
energy counter (a new ``energy_epoch``: billing re-baselined there, worth a look at the meter).

``ConnectorWiring`` ties a configured connector to the snapshot source that polls it (a
``kiosk.hardware.poller.DevicePoller``; nothing here talks to the bus). ``ErrorHistory``
subscribes to the sources and remembers the last distinct errors with their times. Raises
nothing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from kiosk.hardware.reading import DeviceReading
from kiosk.service.control import ConnectorDiagnostics

ERRORS_KEPT = 5
PHASES = ("L1", "L2", "L3")


class SnapshotSource(Protocol):
    """What a device poller offers: its latest snapshot and a subscription to new ones."""

    @property
    def snapshot(self) -> DeviceReading: ...

    def subscribe(self, subscriber: Callable[[DeviceReading], None]) -> Callable[[], None]: ...


@dataclass(frozen=True, slots=True)
class ConnectorWiring:
    connector_id: int
    name: str
    profile: str
    endpoint: str
    source: SnapshotSource


class ErrorHistory:
    """The last ``ERRORS_KEPT`` distinct errors of each connector (newest first)."""

    def __init__(self, wirings: Iterable[ConnectorWiring]) -> None:
        self._errors: dict[int, deque[tuple[datetime, str]]] = {}
        self._epochs: dict[int, int] = {}
        self._unsubscribe: list[Callable[[], None]] = []
        for wiring in wirings:
            self._errors[wiring.connector_id] = deque(maxlen=ERRORS_KEPT)
            self.observe(wiring.source.snapshot)
            self._unsubscribe.append(wiring.source.subscribe(self.observe))

    def observe(self, snapshot: DeviceReading) -> None:
        if snapshot.connector_id not in self._errors:
            return
        errors = self._errors[snapshot.connector_id]
        seen_epoch = self._epochs.get(snapshot.connector_id, 0)
        self._epochs[snapshot.connector_id] = snapshot.energy_epoch
        if snapshot.energy_epoch != seen_epoch and snapshot.energy_wh is not None:
            why = snapshot.energy_note or "counter moved"
            text = f"energy meter {why} at {snapshot.energy_wh} Wh: billing re-baselined"
            errors.appendleft((datetime.fromtimestamp(snapshot.timestamp_s, UTC), text))
        if snapshot.error is None:
            return
        if errors and errors[0][1] == snapshot.error:
            return  # the same error on every poll is one error
        errors.appendleft((datetime.fromtimestamp(snapshot.timestamp_s, UTC), snapshot.error))

    def errors(self, connector_id: int) -> tuple[tuple[datetime, str], ...]:
        return tuple(self._errors.get(connector_id, ()))

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()


def _number(value: float | int | None, unit: str, places: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value} {unit}"
    return f"{value:.{places}f} {unit}"


def decoded_registers(s: DeviceReading) -> tuple[tuple[str, str], ...]:
    """The snapshot's decoded values as (name, value with unit); unread values show "-"."""
    rows: list[tuple[str, str]] = [
        ("state", s.state_detail or s.state or "-"),
        ("enabled", "-" if s.enabled is None else ("yes" if s.enabled else "no")),
        ("setpoint", _number(s.setpoint_a, "A")),
        ("current limit", _number(s.current_limit_a, "A")),
        ("power", _number(s.power_w, "W")),
        ("energy counter", _number(s.energy_wh, "Wh")),
    ]
    rows += [(f"current {p}", _number(a, "A")) for p, a in zip(PHASES, s.currents_a, strict=False)]
    rows += [(f"voltage {p}", _number(v, "V")) for p, v in zip(PHASES, s.voltages_v, strict=False)]
    if s.energy_epoch:
        rows.append(("energy epoch", str(s.energy_epoch)))
    if s.energy_note:
        rows.append(("energy note", s.energy_note))
    return tuple(rows)


def diagnose(
    wiring: ConnectorWiring,
    history: ErrorHistory,
    *,
    screen: str,
    out_of_order: bool,
    now_s: float,
) -> ConnectorDiagnostics:
    s = wiring.source.snapshot
    return ConnectorDiagnostics(
        connector_id=wiring.connector_id,
        name=wiring.name,
        profile=wiring.profile,
        endpoint=wiring.endpoint,
        online=s.online,
        link="online" if s.online else (s.error or "unavailable"),
        screen=screen,
        out_of_order=out_of_order,
        iec_state=s.state,
        state_detail=s.state_detail,
        enabled=s.enabled,
        current_limit_a=s.current_limit_a,
        setpoint_a=s.setpoint_a,
        energy_wh=s.energy_wh,
        power_w=s.power_w,
        registers=decoded_registers(s),
        last_errors=history.errors(wiring.connector_id),
        age_s=max(0.0, now_s - s.timestamp_s),
    )
