"""Recovery at boot: where each unfinished session of the ledger resumes.

Every session the ledger still holds unfinished (``Ledger.load_unfinished``) gets a fresh
``SessionRunner`` with ``Rebooted`` as its first event, so the core GETs the payment and
waits for the charger before anything else happens (PRODUCT.md §4). It resumes on its
connector, unless it was already ``SETTLING`` (it needs no charger any more) or its connector
is gone from the configuration or already holds a restored session: then it goes to the
background ``SettlementQueue``. Raises nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from kiosk.core.events import Rebooted
from kiosk.core.state import Phase, SessionState
from kiosk.station.connector import ConnectorSlot, connector_number
from kiosk.station.session_runner import SessionRunner
from kiosk.station.settlement_queue import SettlementQueue
from kiosk.station.setup import ConnectorSetup

log = logging.getLogger(__name__)

RunnerFactory = Callable[[SessionState, ConnectorSetup | None], SessionRunner]


def restore_sessions(
    restored: Sequence[SessionState],
    slots: Mapping[int, ConnectorSlot],
    queue: SettlementQueue,
    runner_for: RunnerFactory,
    now_ms: int,
) -> None:
    """Give every restored session a runner (not started) on its connector or in ``queue``."""
    for state in restored:
        slot = slots.get(connector_number(state.connector_id))
        if (
            slot is not None
            and state.phase is not Phase.SETTLING
            and slot.runner.state.session_id is None
        ):
            slot.runner = runner_for(state, slot.setup)
            slot.runner.post(Rebooted(now_ms))
        else:
            runner = runner_for(state, None)
            runner.post(Rebooted(now_ms))
            queue.add(runner)
        log.info("restored session %s in %s", state.session_id, state.phase.value)
