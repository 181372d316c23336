"""What the station shows: the ``StationSnapshot`` composed from its connectors, and its
subscribers.

``station_snapshot`` is pure: the display facts of ``StationInfo``, the language and focus of
the screen, each ``ConnectorSlot``'s screen and the operator's messages shown at ``now_ms``.
``SnapshotPublisher`` keeps the current snapshot, calls every subscriber when it changes (a
failing subscriber is logged, never raised to the caller) and wakes ``wait_for`` on every
publish, changed or not.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable

from kiosk.core.display_messages import DisplayMessage, shown_messages
from kiosk.station.connector import ConnectorSlot
from kiosk.station.connector_display import SessionLink, with_storage_fault
from kiosk.station.setup import StationInfo
from kiosk.station.snapshot import SnapshotCallback, StationSnapshot, StorageFault

log = logging.getLogger(__name__)


def station_snapshot(
    info: StationInfo,
    slots: Iterable[ConnectorSlot],
    *,
    now_ms: int,
    language: str,
    focus: int | None,
    payment_available: bool,
    storage_fault: StorageFault | None = None,
    session_link: SessionLink | None = None,
    terms_url: str | None = None,
    display_messages: tuple[DisplayMessage, ...] = (),
) -> StationSnapshot:
    """``terms_url`` (the phone pages' terms) replaces ``info.terms_url`` when given."""
    template = info.receipt_url_template
    return StationSnapshot(
        station_name=info.name,
        language=language,
        default_language=info.default_language,
        languages=info.languages,
        tariff=info.tariff_display(now_ms),
        budget=info.budget,
        payment_available=payment_available,
        push_payment_allowed=info.push_payment_allowed,
        terms_url=terms_url or info.terms_url,
        connectors=tuple(
            with_storage_fault(
                slot.screen(
                    now_ms,
                    payment_available=payment_available,
                    receipt_url_template=template,
                    session_link=session_link,
                ),
                storage_fault,
            )
            for slot in slots
        ),
        focused_connector_id=focus,
        storage_fault=storage_fault,
        operator_messages=shown_messages(display_messages, now_ms, language),
    )


class SnapshotPublisher:
    def __init__(self, first: StationSnapshot) -> None:
        self.current = first
        self._subscribers: list[SnapshotCallback] = []
        self._changed = asyncio.Event()

    def subscribe(self, callback: SnapshotCallback) -> Callable[[], None]:
        """Call ``callback`` with the current snapshot now and with every new one."""
        self._subscribers.append(callback)
        callback(self.current)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, snapshot: StationSnapshot) -> None:
        if snapshot != self.current:
            self.current = snapshot
            for callback in list(self._subscribers):
                try:
                    callback(snapshot)
                except Exception:
                    log.exception("snapshot subscriber failed")
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def wait_for(self, predicate: Callable[[], bool], timeout_s: float) -> None:
        """Wait until ``predicate()`` holds (checked after every publish)."""
        async with asyncio.timeout(timeout_s):
            while not predicate():
                await self._changed.wait()
