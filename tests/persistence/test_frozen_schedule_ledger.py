"""A session paid under prices that change by the hour keeps its frozen schedule and its meter
points through the ledger (SQLite and PostgreSQL): restored after a restart it bills alike."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.adapters.database_ledger import DatabaseLedger
from kiosk.core.events import (
    BudgetChosen,
    ChargerReading,
    ConnectorTapped,
    IecState,
    PaymentCreated,
    PaymentState,
    PaymentStatus,
)
from kiosk.core.schedule import OffsetSpan, WeeklyPeriod, freeze_slots, with_slots
from kiosk.core.session import transition
from kiosk.core.settlement import measure
from kiosk.core.state import Phase, SessionState, idle_state
from kiosk.core.tariff import TariffSnapshot, amount_due
from kiosk.persistence import Repository

H = 3_600_000
T0 = int(datetime(2026, 12, 3, 20, 30, tzinfo=UTC).timestamp() * 1000)  # 21:30 Oslo
PERIODS = (
    WeeklyPeriod("day", tuple(range(7)), 6 * 60, 22 * 60, 390, price_ore_per_minute=10),
    WeeklyPeriod("night", tuple(range(7)), 22 * 60, 6 * 60, 250),
)


def charged_across_22() -> SessionState:
    slots = freeze_slots(PERIODS, (OffsetSpan(0, 60),), from_ms=T0, until_ms=T0 + 48 * H)
    tariff = with_slots(TariffSnapshot(price_ore_per_kwh=0), slots)
    state = idle_state("1")
    events = [
        ChargerReading(T0, IecState.B, 500_000, 0),
        ConnectorTapped(T0 + 1),
        BudgetChosen(T0 + 2, "sess-frozen-1", "ls-frozen-0001", 50_000, tariff),
        PaymentCreated(T0 + 3, "https://qr.example/1"),
        PaymentStatus(T0 + 4, PaymentState.AUTHORIZED, 50_000),
    ]
    for minute in range(1, 61):  # 7.2 kW for an hour: 21:30 .. 22:30
        at = T0 + 4 + minute * 60_000
        events.append(ChargerReading(at, IecState.C, 500_000 + 120 * minute, 7200))
    for event in events:
        step = transition(state, event)
        assert not step.rejected
        state = step.state
    return state


async def test_a_restored_session_keeps_its_frozen_schedule(db_url: str) -> None:
    state = charged_across_22()
    assert state.phase is Phase.CHARGING
    assert state.tariff is not None
    assert state.tariff.sliced
    repository = await Repository.open(db_url, "station-1")
    try:
        ledger = DatabaseLedger(repository)
        await ledger.save_step(state, ChargerReading(T0, IecState.C, 0, 0))
        restored = await DatabaseLedger(repository).load_unfinished()
    finally:
        await repository.aclose()
    assert restored == [state]
    end = T0 + 4 + 60 * 60_000
    before = amount_due(state.tariff, measure(state, end))
    after = amount_due(restored[0].tariff, measure(restored[0], end))  # type: ignore[arg-type]
    assert after == before
    prices = [line.unit_price_ore for line in after.lines if line.kind.value == "energy"]
    assert prices == [390, 250]
