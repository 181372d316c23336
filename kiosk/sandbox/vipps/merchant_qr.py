"""Merchant-redirect QR codes of the emulated QR API: the stored codes and their rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

ID_RE = re.compile(r"^[-_+%æøåÆØÅ\w\s]*$")
REDIRECT_RE = re.compile(r"^https:\/\/[\w\.]+([\w#!:.?+=&%@\-\/]+)?$")


@dataclass(slots=True)
class MerchantQr:
    id: str
    redirect_url: str
    expires_at: datetime | None


class MerchantQrStore:
    def __init__(self) -> None:
        self.codes: dict[str, MerchantQr] = {}

    def live(self, now: datetime) -> dict[str, MerchantQr]:
        """The codes whose ``ttl`` has not run out (expired ones are deleted)."""
        for qr_id in [i for i, q in self.codes.items() if q.expires_at and now >= q.expires_at]:
            del self.codes[qr_id]
        return self.codes
