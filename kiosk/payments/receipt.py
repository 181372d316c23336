"""The receipt shown in the driver's app: plain input lines -> the Order Management ``Receipt``.

The controller maps the core's tariff breakdown to ``ReceiptLine`` s (energy in ``KWH``, and the
start fee, time and idle lines where the tariff has them). Each line's amounts include VAT;
this module splits the VAT out with the core's one rule (``kiosk.core.money.vat_in_gross``:
``totalAmountExcludingTax`` + ``totalTaxAmount`` =
``totalAmount``, exactly) and checks that the lines add up to the captured amount, so the
screen, the capture and the receipt show the same numbers.

Exceptions: ``ReceiptError`` (a ``ValueError``) for lines that do not add up or cannot be shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from kiosk.core.money import vat_in_gross
from kiosk.payments.settings import Currency

MAX_QUANTITY_CHARS = 10
MAX_QUANTITY_DECIMALS = 8


class ReceiptError(ValueError):
    """The receipt lines are inconsistent (sums, VAT, quantities)."""


class QuantityUnit(StrEnum):
    PCS = "PCS"
    KG = "KG"
    KM = "KM"
    MINUTE = "MINUTE"
    LITRE = "LITRE"
    KWH = "KWH"


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One line as the controller hands it over; money in øre incl. VAT, VAT in basis points."""

    line_id: str
    name: str
    quantity: Decimal
    unit: QuantityUnit
    unit_price_ore: int
    total_ore: int
    vat_rate_bp: int  # 2500 = 25 %


def format_quantity(quantity: Decimal) -> str:
    """``12.345``-style text as the API wants it (``^\\d+(\\.\\d{1,8})?$``, ≤ 10 characters)."""
    if not quantity.is_finite() or quantity < 0:
        raise ReceiptError(f"quantity {quantity} cannot be shown")
    for decimals in range(MAX_QUANTITY_DECIMALS, -1, -1):
        rounded = quantity.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = format(rounded, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if len(text) <= MAX_QUANTITY_CHARS:
            return text
    raise ReceiptError(f"quantity {quantity} is too large to show")


class _Wire(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="ignore", frozen=True
    )


class UnitInfo(_Wire):
    unit_price: int | None = Field(ge=0)
    quantity: str
    quantity_unit: QuantityUnit | None = None


class OrderLine(_Wire):
    name: str
    id: str
    total_amount: int
    total_amount_excluding_tax: int
    total_tax_amount: int
    tax_rate: int | None = Field(None, ge=0, le=10_000)
    unit_info: UnitInfo | None = None


class BottomLine(_Wire):
    currency: Currency
    pos_id: str | None = None
    receipt_number: str | None = None


class Receipt(_Wire):
    """The Order Management ``Receipt`` body."""

    order_lines: list[OrderLine] = Field(min_length=1)
    bottom_line: BottomLine

    @property
    def total_ore(self) -> int:
        return sum(line.total_amount for line in self.order_lines)

    def to_wire(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


def build_receipt(
    lines: list[ReceiptLine],
    *,
    currency: Currency,
    expected_total_ore: int,
    pos_id: str | None = None,
    receipt_number: str | None = None,
) -> Receipt:
    """The receipt for ``lines``; they must add up to ``expected_total_ore`` (the capture)."""
    if not lines:
        raise ReceiptError("a receipt needs at least one line")
    order_lines: list[OrderLine] = []
    for line in lines:
        if line.total_ore < 0 or line.unit_price_ore < 0:
            raise ReceiptError(f"line {line.line_id}: negative amount")
        if not 0 <= line.vat_rate_bp <= 10_000:
            raise ReceiptError(f"line {line.line_id}: VAT rate {line.vat_rate_bp} bp")
        tax_ore = vat_in_gross(line.total_ore, line.vat_rate_bp)
        order_lines.append(
            OrderLine(
                name=line.name,
                id=line.line_id,
                total_amount=line.total_ore,
                total_amount_excluding_tax=line.total_ore - tax_ore,
                total_tax_amount=tax_ore,
                tax_rate=line.vat_rate_bp,
                unit_info=UnitInfo(
                    unit_price=line.unit_price_ore,
                    quantity=format_quantity(line.quantity),
                    quantity_unit=line.unit,
                ),
            )
        )
    receipt = Receipt(
        order_lines=order_lines,
        bottom_line=BottomLine(currency=currency, pos_id=pos_id, receipt_number=receipt_number),
    )
    if receipt.total_ore != expected_total_ore:
        raise ReceiptError(
            f"receipt lines add up to {receipt.total_ore} øre, not {expected_total_ore} øre"
        )
    return receipt
