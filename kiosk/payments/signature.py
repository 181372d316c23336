"""HMAC-SHA256 authentication of Vipps MobilePay webhook deliveries (pure functions).

The sender (Vipps, or our emulator) signs each ``POST`` with four headers: ``x-ms-date``
(RFC 1123), ``x-ms-content-sha256`` (base64 SHA-256 of the raw body), ``Host`` and
``Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<b64>``.
The string to sign is ``POST\\n{pathAndQuery}\\n{x-ms-date};{host};{content hash}`` where path,
query and host come from the URL *as registered* (the public URL, ``host`` with ``:port`` when
the port is not the default). The HMAC key is the UTF-8 bytes of the secret exactly as returned
by the registration (never base64-decoded).

``sign`` is used by the emulator, ``verify`` by the kiosk's webhook receiver. Nothing here reads
the clock: the caller passes ``now``.

Exceptions (all raised by ``verify``)::

    SignatureError (ValueError)
     +-- MissingHeaderError      a required header is absent
     +-- ContentHashError        the body does not hash to x-ms-content-sha256
     +-- SignatureMismatchError  the Authorization value is not the expected one
     +-- StaleDateError          x-ms-date is unparseable or further from ``now`` than allowed
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlsplit

SIGNED_HEADERS = "x-ms-date;host;x-ms-content-sha256"
DEFAULT_MAX_SKEW = timedelta(minutes=15)


class SignatureError(ValueError):
    """A webhook delivery failed authentication; answer 401 and do not process it."""


class MissingHeaderError(SignatureError):
    """A header needed for the check is missing."""


class ContentHashError(SignatureError):
    """The raw body does not match ``x-ms-content-sha256``."""


class SignatureMismatchError(SignatureError):
    """The ``Authorization`` header does not carry the expected signature."""


class StaleDateError(SignatureError):
    """``x-ms-date`` cannot be parsed or lies outside the allowed clock skew."""


@dataclass(frozen=True, slots=True)
class SignedHeaders:
    """The headers a signed delivery carries."""

    x_ms_date: str
    x_ms_content_sha256: str
    host: str
    authorization: str

    def as_dict(self) -> dict[str, str]:
        return {
            "x-ms-date": self.x_ms_date,
            "x-ms-content-sha256": self.x_ms_content_sha256,
            "Host": self.host,
            "Authorization": self.authorization,
        }


def content_hash(body: bytes) -> str:
    """Base64 of the SHA-256 digest of the raw body bytes."""
    return base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")


def format_http_date(when: datetime) -> str:
    """RFC 1123 date as used in ``x-ms-date``, e.g. ``Thu, 30 Mar 2023 08:38:32 GMT``."""
    if when.tzinfo is None:
        raise ValueError("when must be timezone-aware")
    return format_datetime(when.astimezone(UTC), usegmt=True)


def _path_and_host(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    path_and_query = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return path_and_query, parts.netloc


def string_to_sign(url: str, x_ms_date: str, content_sha256: str) -> str:
    """The exact text that is HMAC'd, lines joined by ``\\n``."""
    path_and_query, host = _path_and_host(url)
    return f"POST\n{path_and_query}\n{x_ms_date};{host};{content_sha256}"


def authorization_value(secret: str, url: str, x_ms_date: str, content_sha256: str) -> str:
    """The full ``Authorization`` header value for these inputs."""
    to_sign = string_to_sign(url, x_ms_date, content_sha256).encode("utf-8")
    digest = hmac.new(secret.encode("utf-8"), to_sign, hashlib.sha256).digest()
    signature = base64.b64encode(digest).decode("ascii")
    return f"HMAC-SHA256 SignedHeaders={SIGNED_HEADERS}&Signature={signature}"


def sign(secret: str, url: str, body: bytes, x_ms_date: str) -> SignedHeaders:
    """Headers for delivering ``body`` to the registered ``url`` at ``x_ms_date``."""
    body_hash = content_hash(body)
    return SignedHeaders(
        x_ms_date=x_ms_date,
        x_ms_content_sha256=body_hash,
        host=_path_and_host(url)[1],
        authorization=authorization_value(secret, url, x_ms_date, body_hash),
    )


def _header(headers: Mapping[str, str], name: str) -> str:
    lowered = {key.lower(): value for key, value in headers.items()}
    value = lowered.get(name)
    if value is None or value == "":
        raise MissingHeaderError(f"missing header {name}")
    return value


def _check_date(x_ms_date: str, now: datetime, max_skew: timedelta) -> None:
    try:
        sent = parsedate_to_datetime(x_ms_date)
    except (TypeError, ValueError) as exc:
        raise StaleDateError("x-ms-date is not an RFC 1123 date") from exc
    if sent.tzinfo is None:
        raise StaleDateError("x-ms-date has no time zone")
    if abs(now - sent) > max_skew:
        raise StaleDateError("x-ms-date is outside the allowed clock skew")


def verify(
    secret: str,
    url: str,
    body: bytes,
    headers: Mapping[str, str],
    *,
    now: datetime,
    max_skew: timedelta | None = DEFAULT_MAX_SKEW,
) -> None:
    """Raise a ``SignatureError`` unless ``headers`` authenticate ``body`` for ``url``.

    ``url`` is the URL as registered with Vipps (public URL), ``body`` the raw request bytes
    (never re-serialised JSON), ``headers`` the received headers (case-insensitive lookup).
    ``max_skew=None`` disables the date check. Order: content hash, signature (compared in
    constant time), then the date.
    """
    x_ms_date = _header(headers, "x-ms-date")
    received_hash = _header(headers, "x-ms-content-sha256")
    received_auth = _header(headers, "authorization")
    expected_hash = content_hash(body)
    if not hmac.compare_digest(expected_hash.encode(), received_hash.encode()):
        raise ContentHashError("body does not match x-ms-content-sha256")
    expected_auth = authorization_value(secret, url, x_ms_date, expected_hash)
    if not hmac.compare_digest(expected_auth.encode(), received_auth.encode()):
        raise SignatureMismatchError("signature does not match")
    if max_skew is not None:
        _check_date(x_ms_date, now, max_skew)
