"""The emulated Order Management store: receipts, categories (v2 and v3) and images (§4).

Receipts are immutable per (paymentType, orderId); ``paymentType`` matches ``ecom`` or
``recurring`` case-insensitively. The real API's sum checks are undocumented, so the emulator
computes two: each line's ``totalAmount == totalAmountExcludingTax + totalTaxAmount``, and the
receipt total equals the captured amount of the ePayment with that reference (when one
exists). With ``config.receipt_sums_strict`` a failed check is a 400; otherwise it is
recorded in ``warnings``. Validation failures raise ``problem.FieldError`` (400).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from kiosk.sandbox.vipps.problem import ApiError, FieldError

ORDER_ID_RE = re.compile(r"^[0-9A-Za-z\-_.]+$")
QUANTITY_RE = re.compile(r"^\d+([.]\d{1,8})?$")
UNITS = ("PCS", "KG", "KM", "MINUTE", "LITRE", "KWH")
CATEGORIES = ("GENERAL", "RECEIPT", "ORDER_CONFIRMATION", "DELIVERY", "TICKET", "BOOKING")
BARCODE_FORMATS = ("EAN-13", "CODE 39", "CODE 128")
PAYMENT_TYPES = ("ecom", "recurring")


def payment_type(raw: str) -> str:
    lowered = raw.lower()
    if lowered not in PAYMENT_TYPES:
        raise FieldError("paymentType", "must be ecom or recurring")
    return lowered


def order_id(raw: str) -> str:
    if not ORDER_ID_RE.match(raw):
        raise FieldError("orderId", "must match ^[0-9A-Za-z-_.]+$")
    return raw


def _int(line: dict[str, Any], name: str, where: str, *, required: bool = True) -> int | None:
    value = line.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise FieldError(f"{where}.{name}", "must be an integer")
    return value


def _line(line: object, where: str) -> int:
    """Validate one order line; returns its signed total (returns count negative)."""
    if not isinstance(line, dict):
        raise FieldError(where, "must be an object")
    for name in ("name", "id"):
        if not isinstance(line.get(name), str) or not line[name]:
            raise FieldError(f"{where}.{name}", "required string")
    total = _int(line, "totalAmount", where)
    _int(line, "totalAmountExcludingTax", where)
    _int(line, "totalTaxAmount", where)
    rate = _int(line, "taxRate", where, required=False)
    percentage = _int(line, "taxPercentage", where, required=False)
    if rate is None and percentage is None:
        raise FieldError(f"{where}.taxRate", "taxRate or taxPercentage is required")
    if rate is not None and not 0 <= rate <= 10000:
        raise FieldError(f"{where}.taxRate", "must be 0-10000")
    if percentage is not None and not 0 <= percentage <= 100:
        raise FieldError(f"{where}.taxPercentage", "must be 0-100")
    unit = line.get("unitInfo")
    if unit is not None:
        if not isinstance(unit, dict) or "unitPrice" not in unit:
            raise FieldError(f"{where}.unitInfo", "needs unitPrice and quantity")
        if unit["unitPrice"] is not None:
            _int(unit, "unitPrice", f"{where}.unitInfo")
        quantity = unit.get("quantity")
        if not isinstance(quantity, str) or len(quantity) > 10 or not QUANTITY_RE.match(quantity):
            raise FieldError(f"{where}.unitInfo.quantity", "decimal string, max 10 chars")
        if unit.get("quantityUnit", "PCS") not in UNITS:
            raise FieldError(f"{where}.unitInfo.quantityUnit", f"one of {', '.join(UNITS)}")
    discount = _int(line, "discount", where, required=False)
    if discount is not None and discount < 0:
        raise FieldError(f"{where}.discount", "must be >= 0")
    assert total is not None
    return -total if line.get("isReturn") is True else total


def check_lines_add_up(receipt: dict[str, Any]) -> list[str]:
    problems = []
    for index, line in enumerate(receipt["orderLines"]):
        parts = line["totalAmountExcludingTax"] + line["totalTaxAmount"]
        if line["totalAmount"] != parts:
            problems.append(
                f"orderLines[{index}]: totalAmount {line['totalAmount']} != "
                f"totalAmountExcludingTax + totalTaxAmount {parts}"
            )
    return problems


def validate_receipt(body: object) -> int:
    """Raise FieldError unless ``body`` is a Receipt; returns the receipt total."""
    if not isinstance(body, dict):
        raise FieldError("body", "must be a JSON object")
    lines = body.get("orderLines")
    if not isinstance(lines, list) or not lines:
        raise FieldError("orderLines", "at least one order line is required")
    total = sum(_line(line, f"orderLines[{i}]") for i, line in enumerate(lines))
    bottom = body.get("bottomLine")
    if not isinstance(bottom, dict):
        raise FieldError("bottomLine", "required")
    if bottom.get("currency") not in ("NOK", "DKK", "EUR"):
        raise FieldError("bottomLine.currency", "must be NOK, DKK or EUR")
    barcode = bottom.get("barcode")
    if barcode is not None and (
        not isinstance(barcode, dict)
        or barcode.get("format") not in BARCODE_FORMATS
        or not isinstance(barcode.get("data"), str)
    ):
        raise FieldError("bottomLine.barcode", "needs format and data")
    return total


@dataclass(slots=True)
class OrderRecord:
    receipt: dict[str, Any] | None = None
    receipt_id: str | None = None
    category: dict[str, Any] | None = None


@dataclass(slots=True)
class OrderManagement:
    orders: dict[tuple[str, str], OrderRecord] = field(default_factory=dict)
    categories_v3: dict[str, dict[str, Any]] = field(default_factory=dict)
    images: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add_receipt(
        self,
        kind: str,
        oid: str,
        body: object,
        *,
        captured_value: int | None,
        strict_sums: bool,
    ) -> str:
        total = validate_receipt(body)
        assert isinstance(body, dict)
        record = self.orders.setdefault((kind, oid), OrderRecord())
        if record.receipt is not None:
            raise ApiError(409, "Conflict", detail="a receipt already exists for this order")
        problems = check_lines_add_up(body)
        if captured_value is not None and total != captured_value:
            problems.append(f"receipt total {total} != captured amount {captured_value}")
        if problems and strict_sums:
            raise ApiError(
                400,
                "Bad Request",
                detail="; ".join(problems),
                fields=(("orderLines", problems[0]),),
            )
        self.warnings.extend(f"{kind}/{oid}: {p}" for p in problems)
        record.receipt = body
        record.receipt_id = str(uuid.uuid4())
        return record.receipt_id

    def put_category(self, kind: str, oid: str, body: object) -> str:
        if not isinstance(body, dict):
            raise FieldError("body", "must be a JSON object")
        if body.get("category") not in CATEGORIES:
            raise FieldError("category", f"one of {', '.join(CATEGORIES)}")
        url = body.get("orderDetailsUrl")
        if not isinstance(url, str) or not url:
            raise FieldError("orderDetailsUrl", "must be a non-empty URL")
        image = body.get("imageId")
        if image is not None and image not in self.images:
            raise ApiError(404, "Not Found", detail=f"image {image} does not exist")
        record = self.orders.setdefault((kind, oid), OrderRecord())
        record.category = {"category": body["category"], "orderDetailsUrl": url, "imageId": image}
        return oid

    def get(self, kind: str, oid: str) -> dict[str, Any]:
        record = self.orders.get((kind, oid))
        if record is None or (record.receipt is None and record.category is None):
            raise ApiError(404, "Not Found", detail="no order details for this order")
        body: dict[str, Any] = {}
        if record.category is not None:
            body["category"] = record.category
        if record.receipt is not None:
            body["receipt"] = record.receipt
        return body

    def add_image(self, body: object) -> str:
        if not isinstance(body, dict):
            raise FieldError("body", "must be a JSON object")
        image_id = body.get("imageId")
        if not isinstance(image_id, str) or not (1 <= len(image_id) <= 128):
            raise FieldError("imageId", "1-128 characters")
        if not ORDER_ID_RE.match(image_id):
            raise FieldError("imageId", "must match ^[0-9A-Za-z-_.]+$")
        if body.get("type") != "base64" or not isinstance(body.get("src"), str):
            raise FieldError("src", "a base64 PNG or JPEG with type 'base64'")
        if image_id in self.images:
            raise ApiError(409, "Conflict", detail="an image cannot be overwritten")
        self.images[image_id] = dict(body)
        return image_id

    def add_category_v3(self, body: object) -> str:
        if not isinstance(body, dict):
            raise FieldError("body", "must be a JSON object")
        oid = order_id(str(body.get("orderId", "")))
        kind = payment_type(str(body.get("paymentType", "")))
        if body.get("type") not in CATEGORIES:
            raise FieldError("type", f"one of {', '.join(CATEGORIES)}")
        if not isinstance(body.get("url"), str) or not body["url"]:
            raise FieldError("url", "must be a non-empty URL")
        category_id = str(uuid.uuid4())
        self.categories_v3[category_id] = {
            "categoryId": category_id,
            "orderId": oid,
            "paymentType": kind.upper(),
            "type": body["type"],
            "url": body["url"],
            "imageId": body.get("imageId"),
        }
        return category_id
