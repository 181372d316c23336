"""The QR API's merchant-redirect codes: the static, printable sticker QR of each connector.

A merchant-redirect QR (``/qr/v1/merchant-redirect``) is a code whose printed image never
changes while the page it opens can (``PUT`` a new ``redirectUrl``). ``MerchantQrApi.ensure``
creates the code with our id, or updates it when the id exists (409), and returns the QR's
content (``Accept: text/targetUrl``: the short link to encode ourselves) or an image link.

Exceptions: the tree of ``kiosk.payments.errors``; ``ValueError`` for an id or URL the API
would refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from kiosk.payments.connection import VippsConnection, parse_json
from kiosk.payments.errors import VippsConflict, VippsProtocolError

BASE_PATH = "/qr/v1/merchant-redirect"
ID_RE = re.compile(r"^[-_+%æøåÆØÅ\w\s]{1,128}$")
TARGET = "text/targetUrl"


@dataclass(frozen=True, slots=True)
class MerchantQr:
    id: str
    url: str
    """The QR content (``text/targetUrl``) or a link to its image."""
    redirect_url: str


def sticker_id(station_id: str, connector_id: int) -> str:
    """The code's id: one per station and connector (``station-7_connector-2``)."""
    safe = re.sub(r"[^-_\w]", "-", station_id)[:100]
    return f"{safe}_connector-{connector_id}"


class MerchantQrApi:
    def __init__(self, connection: VippsConnection) -> None:
        self._conn = connection

    def _answer(self, data: object) -> MerchantQr:
        if not isinstance(data, dict):
            raise VippsProtocolError("merchant redirect: the answer is not an object")
        try:
            return MerchantQr(str(data["id"]), str(data["url"]), str(data["redirectUrl"]))
        except KeyError as missing:
            raise VippsProtocolError(f"merchant redirect: no {missing} in the answer") from None

    async def ensure(self, qr_id: str, redirect_url: str, *, accept: str = TARGET) -> MerchantQr:
        """Create the code, or point the existing one at ``redirect_url``."""
        if not ID_RE.match(qr_id):
            raise ValueError("a QR id is 1-128 letters, digits, spaces and -_+%")
        headers = {"Accept": accept}
        try:
            response = await self._conn.call(
                "POST",
                BASE_PATH,
                operation="create merchant QR",
                json_body={"id": qr_id, "redirectUrl": redirect_url},
                extra_headers=headers,
                expect=(200, 201),
            )
        except VippsConflict:
            response = await self._conn.call(
                "PUT",
                f"{BASE_PATH}/{quote(qr_id, safe='')}",
                operation="update merchant QR",
                json_body={"redirectUrl": redirect_url},
                extra_headers=headers,
            )
        return self._answer(parse_json(response, "merchant QR"))

    async def delete(self, qr_id: str) -> None:
        await self._conn.call(
            "DELETE", f"{BASE_PATH}/{quote(qr_id, safe='')}", operation="delete merchant QR"
        )
