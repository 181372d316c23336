"""Order Management: post the receipt of a payment and link it to the session page.

``orderId`` is the ePayment ``reference``; the payment type is ``ecom``. A receipt is
immutable: a second POST answers 409. Because a lost answer and a retry also end in a 409,
``post_receipt`` then reads the stored receipt back and accepts it when it is ours.

Exceptions: the tree of ``kiosk.payments.errors``; ``VippsConflict`` when a *different* receipt
is already stored for the reference.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from kiosk.payments.connection import VippsConnection, parse_model
from kiosk.payments.errors import VippsConflict
from kiosk.payments.receipt import Receipt

PAYMENT_TYPE = "ecom"
BASE_PATH = "/order-management/v2"


class CategoryType(StrEnum):
    GENERAL = "GENERAL"
    RECEIPT = "RECEIPT"
    ORDER_CONFIRMATION = "ORDER_CONFIRMATION"
    DELIVERY = "DELIVERY"
    TICKET = "TICKET"
    BOOKING = "BOOKING"


class OrderCategory(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")

    category: CategoryType
    order_details_url: str
    image_id: str | None = None


class OrderInfo(BaseModel):
    """``GET /order-management/v2/ecom/{orderId}``."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")

    category: OrderCategory | None = None
    receipt: Receipt | None = None


class OrderManagementApi:
    """Receipts and category links for ePayment payments."""

    def __init__(self, connection: VippsConnection) -> None:
        self._conn = connection

    async def post_receipt(self, reference: str, receipt: Receipt) -> None:
        """Store ``receipt`` for the payment; a repeat of the same receipt is accepted."""
        try:
            await self._conn.call(
                "POST",
                f"{BASE_PATH}/{PAYMENT_TYPE}/receipts/{reference}",
                operation="post receipt",
                json_body=receipt.to_wire(),
                expect=(200, 201),
            )
        except VippsConflict:
            stored = (await self.get_order(reference)).receipt
            if stored is None or stored.order_lines != receipt.order_lines:
                raise
            return

    async def set_category(
        self, reference: str, url: str, category: CategoryType = CategoryType.RECEIPT
    ) -> None:
        """Put a button on the payment in the app that opens ``url`` (overwrites the previous)."""
        body = OrderCategory(category=category, order_details_url=url)
        await self._conn.call(
            "PUT",
            f"{BASE_PATH}/{PAYMENT_TYPE}/categories/{reference}",
            operation="set category",
            json_body=body.model_dump(mode="json", by_alias=True, exclude_none=True),
            expect=(200, 201, 204),
        )

    async def get_order(self, reference: str) -> OrderInfo:
        response = await self._conn.call(
            "GET", f"{BASE_PATH}/{PAYMENT_TYPE}/{reference}", operation="get order"
        )
        return parse_model(response, OrderInfo, "get order")
