"""Validation of the ePayment create request (digest §3.2, §3.3, §3.10).

``parse_create`` turns a decoded body into a ``CreateRequest`` or raises ``ApiError``:
``FieldError`` (400, no ErrorCode) for a malformed field, a domain error with its ErrorCode
for the rules that have one (4040 decimals, 6010 too small, 4070 phone, 4100–4130 metadata,
5040 currency, 5080 push not allowed, 5050/6110/6120/6130 long-living, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kiosk.sandbox.vipps.config import EmulatorConfig
from kiosk.sandbox.vipps.problem import FieldError, domain_error

REFERENCE_RE = re.compile(r"^[a-zA-Z0-9-]{8,64}$")
PHONE_RE = re.compile(r"^\d{10,15}$")
URL_RE = re.compile(r"^(https://|(?!http://)[a-zA-Z][a-zA-Z0-9+.-]*://)\S+$")
LOOPBACK_HTTP_RE = re.compile(r"^http://(127\.0\.0\.1|localhost)(:[0-9]{1,5})?(/\S*)?$")
MINIMUM_VALUE = {"NOK": 100, "DKK": 100, "EUR": 100}
MAXIMUM_VALUE = 65_000_000
USER_FLOWS = ("PUSH_MESSAGE", "NATIVE_REDIRECT", "WEB_REDIRECT", "QR")
QR_FORMATS = ("TEXT/TARGETURL", "IMAGE/SVG+XML", "IMAGE/PNG")
SCOPES = ("name", "address", "email", "phoneNumber", "birthDate", "nin", "accountNumbers")
KNOWN_FIELDS = frozenset(
    {
        "amount",
        "customer",
        "customerInteraction",
        "industryData",
        "paymentMethod",
        "profile",
        "reference",
        "returnUrl",
        "userFlow",
        "expiresAt",
        "qrFormat",
        "paymentDescription",
        "receipt",
        "metadata",
        "receiptUrl",
        "minimumUserAge",
        "shipping",
    }
)


class JsonObject(dict[str, Any]):
    """A decoded JSON object that remembers keys it saw twice (for error 4110)."""

    duplicate_keys: tuple[str, ...] = ()


def object_pairs(pairs: list[tuple[str, Any]]) -> JsonObject:
    obj = JsonObject(pairs)
    seen: set[str] = set()
    duplicates: list[str] = []
    for key, _ in pairs:
        if key in seen:
            duplicates.append(key)
        seen.add(key)
    obj.duplicate_keys = tuple(duplicates)
    return obj


@dataclass(frozen=True, slots=True)
class CreateRequest:
    reference: str
    amount_value: int
    currency: str
    user_flow: str
    payment_method_type: str
    qr_format: str | None
    qr_size: int | None
    customer_phone: str | None
    customer_interaction: str
    description: str | None
    metadata: dict[str, str] | None
    expires_at: datetime | None
    return_url: str | None = None


def _object(body: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FieldError(name, "must be an object")
    return value


def _amount(body: dict[str, Any], unit_currency: str) -> tuple[int, str]:
    amount = _object(body, "amount")
    if amount is None:
        raise FieldError("amount", "required")
    currency = amount.get("currency")
    value = amount.get("value")
    if currency not in ("NOK", "DKK", "EUR"):
        raise FieldError("amount.currency", "must be NOK, DKK or EUR")
    if isinstance(value, float) or (isinstance(value, str) and "." in value):
        raise domain_error(4040, "Invalid amount", detail="amounts are integers in minor units")
    if not isinstance(value, int) or isinstance(value, bool):
        raise FieldError("amount.value", "must be an integer")
    if value > MAXIMUM_VALUE or value < 0:
        raise domain_error(4040, "Invalid amount", detail="amount out of range")
    if value < MINIMUM_VALUE[currency]:
        raise domain_error(6010, "Amount too small")
    if currency != unit_currency:
        raise domain_error(5040, "Invalid currency for merchant", status=403)
    return value, currency


def _customer(body: dict[str, Any]) -> str | None:
    customer = _object(body, "customer")
    if customer is None:
        return None
    given = [k for k in ("phoneNumber", "personalQr", "customerToken") if k in customer]
    if len(given) != 1 or len(customer) != 1:
        raise FieldError("customer", "exactly one of phoneNumber, personalQr, customerToken")
    value = customer[given[0]]
    if given[0] == "phoneNumber":
        if not isinstance(value, str) or not PHONE_RE.match(value):
            raise domain_error(4070, "Invalid phone number")
        return value
    if given[0] == "personalQr" and not (isinstance(value, str) and 5 <= len(value) <= 255):
        raise domain_error(4060, "Invalid PersonalQr")
    if given[0] == "customerToken" and not (isinstance(value, str) and value):
        raise domain_error(4050, "Invalid CustomerToken")
    return None


def _metadata(body: dict[str, Any]) -> dict[str, str] | None:
    metadata = body.get("metadata")
    if metadata is None:
        return None
    if not isinstance(metadata, dict):
        raise FieldError("metadata", "must be an object of strings")
    if isinstance(metadata, JsonObject) and metadata.duplicate_keys:
        raise domain_error(4110, "Metadata duplicate keys not allowed")
    if len(metadata) > 5:
        raise domain_error(4100, "Metadata capacity exceeded")
    for key, value in metadata.items():
        if not isinstance(value, str):
            raise FieldError(f"metadata.{key}", "must be a string")
        if len(key) > 100:
            raise domain_error(4120, "Metadata key length exceeded")
        if len(value) > 500:
            raise domain_error(4130, "Metadata value length exceeded")
    return {str(k): str(v) for k, v in metadata.items()}


def _qr_format(body: dict[str, Any], user_flow: str) -> tuple[str | None, int | None]:
    qr = _object(body, "qrFormat")
    if qr is None:
        return (QR_FORMATS[1], None) if user_flow == "QR" else (None, None)
    if user_flow != "QR":
        raise FieldError("qrFormat", "only allowed with userFlow QR")
    fmt = qr.get("format")
    if fmt not in QR_FORMATS:
        raise FieldError("qrFormat.format", f"must be one of {', '.join(QR_FORMATS)}")
    size = qr.get("size")
    if size is not None and (not isinstance(size, int) or not 100 <= size <= 2000):
        raise FieldError("qrFormat.size", "must be an integer 100-2000")
    return fmt, size


def loopback_http(url: str, config: EmulatorConfig) -> bool:
    """``url`` is plain http on loopback and the emulator is told to accept that."""
    return config.loopback_http_urls and LOOPBACK_HTTP_RE.match(url) is not None


def _url_field(body: dict[str, Any], name: str, config: EmulatorConfig | None = None) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, str) and config is not None and loopback_http(value, config):
        return value
    if not isinstance(value, str) or not URL_RE.match(value):
        raise domain_error(
            4090, "Invalid URL", detail=f"{name} must be https:// or a custom scheme"
        )
    return value


def _expires_at(
    body: dict[str, Any], user_flow: str, now: datetime, config: EmulatorConfig
) -> datetime | None:
    raw = body.get("expiresAt")
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise FieldError("expiresAt", "must be an RFC 3339 date-time")
    try:
        when = datetime.fromisoformat(raw.replace("z", "Z"))
    except ValueError as exc:
        raise FieldError("expiresAt", "must be an RFC 3339 date-time") from exc
    if when.tzinfo is None:
        raise FieldError("expiresAt", "must carry a time zone")
    if not config.long_living_allowed:
        raise domain_error(5050, "Long-living payment not allowed", status=403)
    if user_flow not in ("PUSH_MESSAGE", "QR"):
        raise FieldError("expiresAt", "only with userFlow PUSH_MESSAGE or QR")
    if body.get("receipt") is None:
        raise domain_error(6130, "Long living payments require a receipt")
    if when <= now + timedelta(minutes=10):
        raise domain_error(6120, "Expiration date is too soon")
    if when > now + timedelta(seconds=config.long_living_max_s):
        raise domain_error(6110, "Expiration date is too late")
    return when


def _checked_string(body: dict[str, Any], name: str, low: int, high: int) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not low <= len(value) <= high:
        raise FieldError(name, f"must be a string of {low}-{high} characters")
    return value


def _profile(body: dict[str, Any]) -> None:
    profile = _object(body, "profile")
    if profile is None or profile.get("scope") is None:
        return
    scope = profile["scope"]
    words = scope.split() if isinstance(scope, str) else None
    if not words or any(w not in SCOPES for w in words):
        raise domain_error(4080, "Invalid scope")
    if "nin" in words:
        raise domain_error(5030, "Illegal scope", status=403)


def parse_create(body: object, config: EmulatorConfig, now: datetime) -> CreateRequest:
    if not isinstance(body, dict):
        raise FieldError("body", "must be a JSON object")
    for name in body:
        if name not in KNOWN_FIELDS:
            raise FieldError(name, "unknown field")
    reference = body.get("reference")
    if not isinstance(reference, str) or not REFERENCE_RE.match(reference):
        raise FieldError("reference", "required, ^[a-zA-Z0-9-]{8,64}$")
    value, currency = _amount(body, config.currency)
    method = _object(body, "paymentMethod")
    if method is None:
        raise FieldError("paymentMethod", "required")
    if "blockedSources" in method:
        raise domain_error(5010, "Blocking sources not applicable", status=403)
    method_type = method.get("type")
    if method_type == "CARD_PASSTHROUGH":
        raise domain_error(4160, "Invalid payment method type")
    if method_type not in ("WALLET", "CARD"):
        raise FieldError("paymentMethod.type", "must be WALLET or CARD")
    user_flow = body.get("userFlow")
    if user_flow not in USER_FLOWS:
        raise FieldError("userFlow", f"required, one of {', '.join(USER_FLOWS)}")
    if method_type == "CARD" and user_flow != "WEB_REDIRECT":
        raise FieldError("paymentMethod.type", "CARD only works with WEB_REDIRECT")
    phone = _customer(body)
    if user_flow == "PUSH_MESSAGE":
        if body.get("customer") is None:
            raise domain_error(4140, "Missing required parameter", detail="customer")
        if not config.push_message_allowed:
            raise domain_error(5080, "PUSH_MESSAGE not allowed", status=403)
    return_url = _url_field(body, "returnUrl", config)
    if user_flow == "WEB_REDIRECT" and return_url is None:
        raise domain_error(4140, "Missing required parameter", detail="returnUrl")
    _url_field(body, "receiptUrl")
    qr_format, qr_size = _qr_format(body, user_flow)
    interaction = body.get("customerInteraction", "CUSTOMER_NOT_PRESENT")
    if interaction not in ("CUSTOMER_PRESENT", "CUSTOMER_NOT_PRESENT"):
        raise FieldError("customerInteraction", "CUSTOMER_PRESENT or CUSTOMER_NOT_PRESENT")
    description = _checked_string(body, "paymentDescription", 3, 100)
    metadata = _metadata(body)
    _profile(body)
    age = body.get("minimumUserAge")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool) or age < 0):
        raise FieldError("minimumUserAge", "must be a non-negative integer")
    expires_at = _expires_at(body, user_flow, now, config)
    return CreateRequest(
        reference=reference,
        amount_value=value,
        currency=currency,
        user_flow=user_flow,
        payment_method_type=method_type,
        qr_format=qr_format,
        qr_size=qr_size,
        customer_phone=phone,
        customer_interaction=interaction,
        description=description,
        metadata=metadata,
        expires_at=expires_at,
        return_url=return_url,
    )


def modification_amount(body: object) -> tuple[object, object]:
    """``(value, currency)`` of a capture/refund body; FieldError when the shape is wrong."""
    if not isinstance(body, dict):
        raise FieldError("body", "must be a JSON object")
    amount = body.get("modificationAmount")
    if not isinstance(amount, dict):
        raise FieldError("modificationAmount", "required")
    if isinstance(amount.get("value"), float):
        raise domain_error(4040, "Invalid amount", detail="amounts are integers in minor units")
    if amount.get("currency") not in ("NOK", "DKK", "EUR"):
        raise FieldError("modificationAmount.currency", "must be NOK, DKK or EUR")
    if not isinstance(amount.get("value"), int):
        raise FieldError("modificationAmount.value", "must be an integer")
    return amount["value"], amount["currency"]


def cancel_transaction_only(body: object) -> bool:
    if body is None:
        return False
    if not isinstance(body, dict):
        raise FieldError("body", "must be a JSON object")
    flag = body.get("cancelTransactionOnly", False)
    if not isinstance(flag, bool):
        raise FieldError("cancelTransactionOnly", "must be a boolean")
    return flag
