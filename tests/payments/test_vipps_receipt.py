"""Receipt lines -> the Order Management ``Receipt``: VAT split, quantities, sums."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.payments.receipt import (
    QuantityUnit,
    ReceiptError,
    ReceiptLine,
    build_receipt,
    format_quantity,
)
from kiosk.payments.settings import Currency


def energy_line(total_ore: int = 4321) -> ReceiptLine:
    return ReceiptLine(
        line_id="energy",
        name="Lading, ladepunkt 21",
        quantity=Decimal("12.345"),
        unit=QuantityUnit.KWH,
        unit_price_ore=350,
        total_ore=total_ore,
        vat_rate_bp=2500,
    )


def test_digest_example_receipt() -> None:
    receipt = build_receipt(
        [energy_line()],
        currency=Currency.NOK,
        expected_total_ore=4321,
        pos_id="station-21",
        receipt_number="R-000123",
    )
    assert receipt.to_wire() == {
        "orderLines": [
            {
                "name": "Lading, ladepunkt 21",
                "id": "energy",
                "totalAmount": 4321,
                "totalAmountExcludingTax": 3457,
                "totalTaxAmount": 864,
                "taxRate": 2500,
                "unitInfo": {"unitPrice": 350, "quantity": "12.345", "quantityUnit": "KWH"},
            }
        ],
        "bottomLine": {"currency": "NOK", "posId": "station-21", "receiptNumber": "R-000123"},
    }


def test_start_time_and_idle_lines_add_up() -> None:
    lines = [
        energy_line(4321),
        ReceiptLine("start", "Startavgift", Decimal(1), QuantityUnit.PCS, 500, 500, 2500),
        ReceiptLine("time", "Tid", Decimal(42), QuantityUnit.MINUTE, 10, 420, 2500),
        ReceiptLine(
            "idle", "Opptatt etter lading", Decimal(7), QuantityUnit.MINUTE, 100, 700, 2500
        ),
    ]
    receipt = build_receipt(lines, currency=Currency.NOK, expected_total_ore=5941)
    assert receipt.total_ore == 5941
    assert [line.unit_info.quantity_unit for line in receipt.order_lines if line.unit_info] == [
        QuantityUnit.KWH,
        QuantityUnit.PCS,
        QuantityUnit.MINUTE,
        QuantityUnit.MINUTE,
    ]


def test_lines_that_do_not_match_the_capture_are_refused() -> None:
    with pytest.raises(ReceiptError, match="4321 øre, not 4300 øre"):
        build_receipt([energy_line()], currency=Currency.NOK, expected_total_ore=4300)


@pytest.mark.parametrize(
    "line",
    [
        ReceiptLine("x", "x", Decimal(1), QuantityUnit.PCS, -1, 100, 2500),
        ReceiptLine("x", "x", Decimal(1), QuantityUnit.PCS, 100, -100, 2500),
        ReceiptLine("x", "x", Decimal(1), QuantityUnit.PCS, 100, 100, 10001),
        ReceiptLine("x", "x", Decimal(-1), QuantityUnit.PCS, 100, 100, 2500),
    ],
)
def test_impossible_lines_are_refused(line: ReceiptLine) -> None:
    with pytest.raises(ReceiptError):
        build_receipt([line], currency=Currency.NOK, expected_total_ore=100)


def test_no_lines_is_refused() -> None:
    with pytest.raises(ReceiptError):
        build_receipt([], currency=Currency.NOK, expected_total_ore=0)


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        (Decimal("12.345"), "12.345"),
        (Decimal("12.000"), "12"),
        (Decimal("0.001"), "0.001"),
        (Decimal(42), "42"),
        (Decimal("1.123456789"), "1.12345679"),
        (Decimal("123456.123456"), "123456.123"),
        (Decimal("0"), "0"),
    ],
)
def test_quantity_text(quantity: Decimal, text: str) -> None:
    assert format_quantity(quantity) == text


def test_quantity_too_large_is_refused() -> None:
    with pytest.raises(ReceiptError):
        format_quantity(Decimal("12345678901"))


@given(st.integers(0, 65_000_000), st.integers(0, 10_000))
def test_line_amounts_always_add_up(total_ore: int, rate_bp: int) -> None:
    line = ReceiptLine("e", "e", Decimal("1.5"), QuantityUnit.KWH, 1, total_ore, rate_bp)
    (order_line,) = build_receipt(
        [line], currency=Currency.NOK, expected_total_ore=total_ore
    ).order_lines
    assert order_line.total_amount_excluding_tax + order_line.total_tax_amount == total_ore
    assert 0 <= order_line.total_tax_amount <= total_ore
