"""The station's latest snapshot as JSON (what the kiosk screen shows): the demo's world page
and the station web server's loopback-only ``/state.json``.

``SnapshotHolder`` subscribes to a ``StationControl`` and keeps the newest snapshot;
``snapshot_json`` turns one into plain JSON (enums by value, numbers unchanged: øre, Wh, W).
Nothing here raises.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from typing import Any

from kiosk.station.snapshot import StationControl, StationSnapshot


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def snapshot_json(snapshot: StationSnapshot) -> dict[str, Any]:
    """Every field of ``snapshot`` as JSON-ready data."""
    data: dict[str, Any] = {}
    for field in dataclasses.fields(snapshot):
        value = getattr(snapshot, field.name)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            data[field.name] = _plain(dataclasses.asdict(value))
        elif field.name == "connectors":
            data[field.name] = [_plain(dataclasses.asdict(item)) for item in value]
        else:
            data[field.name] = _plain(value)
    return data


class SnapshotHolder:
    """Keeps the newest snapshot of one station (subscribed until ``close``)."""

    def __init__(self, control: StationControl) -> None:
        self.control = control
        self.latest: StationSnapshot | None = None
        self._unsubscribe: Callable[[], None] | None = control.subscribe(self._on_snapshot)

    def _on_snapshot(self, snapshot: StationSnapshot) -> None:
        self.latest = snapshot

    def close(self) -> None:
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        if unsubscribe is not None:
            unsubscribe()
