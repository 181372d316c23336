"""The receipt of a session across a price change: a line per period with its local times,
posted through the gateway to the Vipps emulator (strict) and adding up to the capture."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from emulator_station import emulator_gateway

from kiosk.adapters.vipps_payments import VippsPayments, receipt_lines
from kiosk.core.schedule import OffsetSpan, WeeklyPeriod, freeze_slots, with_slots
from kiosk.core.tariff import Measured, MeterPoint, TariffSnapshot, amount_due
from kiosk.sandbox.vipps.config import EmulatorConfig
from kiosk.sandbox.vipps.emulator import Emulator

H = 3_600_000
REF = "ls-periods-0001"


def utc_ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


PERIODS = (
    WeeklyPeriod("day", tuple(range(7)), 6 * 60, 22 * 60, 390, price_ore_per_minute=10),
    WeeklyPeriod("night", tuple(range(7)), 22 * 60, 6 * 60, 250),
)
START = utc_ms("2026-12-03T20:30:00")  # 21:30 in Oslo (+01:00)


def due_across_22():
    slots = freeze_slots(PERIODS, (OffsetSpan(0, 60),), from_ms=START, until_ms=START + 48 * H)
    tariff = with_slots(TariffSnapshot(price_ore_per_kwh=0, start_fee_ore=500), slots)
    points = (MeterPoint(START, 1_000_000), MeterPoint(START + H, 1_006_000))
    return amount_due(tariff, Measured(6000, H, 0, points))


def test_a_line_per_period_with_its_local_times():
    lines = receipt_lines(due_across_22())
    assert [(line.line_id, line.name, str(line.quantity), line.total_ore) for line in lines] == [
        ("start_fee", "Startavgift / Start fee", "1", 500),
        ("energy-2", "Strøm / Electricity 21:30-22:00", "3", 1170),
        ("time-3", "Tid / Time 21:30-22:00", "30", 300),
        ("energy-4", "Strøm / Electricity 22:00-22:30", "3", 750),
    ]
    assert sum(line.total_ore for line in lines) == due_across_22().total_ore == 2720


def test_a_flat_receipt_keeps_its_ids_and_names():
    due = amount_due(TariffSnapshot(price_ore_per_kwh=390, start_fee_ore=500), Measured(2000))
    assert [(line.line_id, line.name) for line in receipt_lines(due)] == [
        ("energy", "Strøm / Electricity"),
        ("start_fee", "Startavgift / Start fee"),
    ]


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    emu = Emulator(EmulatorConfig(strict=True))
    yield emu
    await emu.aclose()


@pytest.fixture
async def payments(emulator: Emulator) -> AsyncIterator[VippsPayments]:
    async with emulator_gateway(emulator) as gateway:
        yield gateway


async def test_the_emulator_takes_the_period_receipt(
    payments: VippsPayments, emulator: Emulator
) -> None:
    due = due_across_22()
    await payments.create_payment(
        REF, 20_000, "NOK", f"{REF}-create", session_id="s-1", connector_id="1"
    )
    emulator.approve(REF)
    await payments.capture(REF, due.total_ore, "NOK", f"{REF}-capture")
    await payments.post_receipt("s-1", REF, due)
    receipt = emulator.receipt(REF)
    assert receipt is not None
    names = [line["name"] for line in receipt["orderLines"]]
    assert names == [
        "Startavgift / Start fee",
        "Strøm / Electricity 21:30-22:00",
        "Tid / Time 21:30-22:00",
        "Strøm / Electricity 22:00-22:30",
    ]
    assert sum(line["totalAmount"] for line in receipt["orderLines"]) == due.total_ore
