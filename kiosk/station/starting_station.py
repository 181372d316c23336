"""The screen's station while the real one is still starting.

A station computer should show its idle screen as soon as Qt can draw it. Opening and migrating
the database, importing the HTTP, Modbus and SQL libraries and restoring sessions take longer,
so the window is built on a ``StartingStation`` first: it shows every connector from the
configuration as ``Screen.STARTING`` (a neutral "Starting…", not the alarming "Payment
unavailable": nothing is wrong, no new payment may start yet and nothing is lost by waiting),
ignores taps, and hands over to the real station with :meth:`attach`. From then on it forwards
every command and every snapshot.

Pure Python (no Qt, no I/O); raises nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from kiosk.station.snapshot import (
    ConnectorSnapshot,
    Screen,
    SnapshotCallback,
    StationControl,
    StationSnapshot,
)


class StartingStation:
    """A ``StationControl`` that shows ``initial`` until :meth:`attach` gives it the station."""

    def __init__(self, initial: StationSnapshot) -> None:
        self._snapshot = initial
        self._station: StationControl | None = None
        self._subscribers: list[SnapshotCallback] = []
        self._unsubscribe: Callable[[], None] | None = None

    @property
    def attached(self) -> bool:
        return self._station is not None

    def attach(self, station: StationControl) -> None:
        """From now on ``station`` decides; its current snapshot is published at once."""
        if self._station is not None:
            raise RuntimeError("already attached")
        self._station = station
        self._unsubscribe = station.subscribe(self._publish)

    def detach(self) -> None:
        """Stop forwarding (before the station closes)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _publish(self, snapshot: StationSnapshot) -> None:
        self._snapshot = snapshot
        for callback in list(self._subscribers):
            callback(snapshot)

    # --- StationControl ------------------------------------------------------------------

    def subscribe(self, callback: SnapshotCallback) -> Callable[[], None]:
        self._subscribers.append(callback)
        callback(self._snapshot)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def select_connector(self, connector_id: int) -> None:
        if self._station is not None:
            self._station.select_connector(connector_id)

    def show_overview(self) -> None:
        if self._station is not None:
            self._station.show_overview()

    def touched(self) -> None:
        if self._station is not None:
            self._station.touched()

    def choose_budget(
        self, connector_id: int, amount_ore: int, phone_number: str | None = None
    ) -> None:
        if self._station is not None:
            self._station.choose_budget(connector_id, amount_ore, phone_number)

    def cancel(self, connector_id: int) -> None:
        if self._station is not None:
            self._station.cancel(connector_id)

    def stop(self, connector_id: int) -> None:
        if self._station is not None:
            self._station.stop(connector_id)

    def dismiss(self, connector_id: int) -> None:
        if self._station is not None:
            self._station.dismiss(connector_id)

    def set_language(self, code: str) -> None:
        if self._station is not None:
            self._station.set_language(code)
        elif code in self._snapshot.languages:
            self._publish(dataclasses.replace(self._snapshot, language=code))


def waiting_snapshot(template: StationSnapshot) -> StationSnapshot:
    """``template`` with every connector starting, no payment possible yet and none focused."""
    connectors = tuple(
        ConnectorSnapshot(c.connector_id, c.name, Screen.STARTING) for c in template.connectors
    )
    return dataclasses.replace(
        template, connectors=connectors, payment_available=False, focused_connector_id=None
    )
