"""Can the station write its records now? A ``Ledger`` that watches every write it passes on.

``WatchedLedger`` wraps the station's ``Ledger`` (session steps, payment write-ahead records and
outcomes) and remembers which writes are running since when, and whether the last one that
ended failed. ``fault()`` says what is wrong, as the screens show it
(``kiosk.station.snapshot.StorageFault``):

* the last write failed: ``BUSY`` (another writer holds the lock past the busy timeout),
  ``FULL`` (disk or quota), ``UNAVAILABLE`` (read-only, gone, not a database...);
* a write has been running for ``STALL_S`` or longer: ``STALLED`` (a lock held by another
  process makes a write wait out the busy timeout before it fails; a dying SD card is slow).

The fault clears when a write succeeds and none is stalled. Safety never waits for this
(``session_runner``): it only makes the screens tell the truth. Errors from the wrapped
ledger pass through unchanged.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from kiosk.core.events import Event
from kiosk.core.ports import Ledger, LedgerError, OperationResult
from kiosk.core.state import SessionState
from kiosk.persistence.errors import DatabaseBusy, StorageFull
from kiosk.station.snapshot import StorageFault

STALL_S = 0.7
"""A write running this long counts as a fault (the screen says so within 1 s: the station
checks every ``kiosk.station.station.STORAGE_CHECK_S``)."""

T = TypeVar("T")


def classify(error: LedgerError) -> StorageFault:
    if isinstance(error, DatabaseBusy):
        return StorageFault.BUSY
    if isinstance(error, StorageFull):
        return StorageFault.FULL
    return StorageFault.UNAVAILABLE


class WatchedLedger:
    """A ``Ledger`` passing every call on to ``inner`` while timing the writes."""

    def __init__(self, inner: Ledger, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.inner = inner
        self._monotonic = monotonic
        self._running: dict[int, float] = {}
        self._ids = itertools.count()
        self.last_error: LedgerError | None = None

    def fault(self) -> StorageFault | None:
        """What keeps the station from writing its records now (None: nothing)."""
        if self.last_error is not None:
            return classify(self.last_error)
        if self._running and self._monotonic() - min(self._running.values()) >= STALL_S:
            return StorageFault.STALLED
        return None

    async def _watched(self, write: Awaitable[T]) -> T:
        key = next(self._ids)
        self._running[key] = self._monotonic()
        try:
            result = await write
        except LedgerError as error:
            self.last_error = error
            raise
        finally:
            self._running.pop(key, None)
        self.last_error = None
        return result

    async def save_step(self, state: SessionState, event: Event) -> None:
        await self._watched(self.inner.save_step(state, event))

    async def load_unfinished(self) -> list[SessionState]:
        return await self.inner.load_unfinished()

    async def record_operation(
        self, session_id: str, kind: str, idempotency_key: str, request: dict[str, Any]
    ) -> None:
        await self._watched(self.inner.record_operation(session_id, kind, idempotency_key, request))

    async def record_outcome(
        self, idempotency_key: str, result: OperationResult, outcome: dict[str, Any]
    ) -> None:
        await self._watched(self.inner.record_outcome(idempotency_key, result, outcome))
