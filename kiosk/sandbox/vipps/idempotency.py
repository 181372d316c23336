"""The Idempotency-Key store of the emulated ePayment API (digest §3.11).

Keyed on (MSN, method + path, Idempotency-Key) with a hash of the canonical request body:
the same key with the same body replays the stored status and body (4xx outcomes are sticky);
the same key with a different body is a 409 with the operation's ErrorCode. Injected faults
(5xx, 429, hangs) never reach the store, so a retry after them runs the operation for real.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from kiosk.sandbox.vipps.problem import domain_error

CONFLICT_CODES = {
    "create": (4020, "Idempotency error: Idempotency-Key already exists"),
    "capture": (4010, "Capture idempotency conflict"),
    "refund": (4150, "Refund idempotency conflict"),
    "cancel": (4020, "Idempotency error: Idempotency-Key already exists"),
}


def body_hash(body: object) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredOutcome:
    body_hash: str
    status: int
    body: bytes
    media_type: str


class IdempotencyStore:
    def __init__(self) -> None:
        self._outcomes: dict[tuple[str, str, str], StoredOutcome] = {}

    def lookup(
        self, scope: tuple[str, str, str], operation: str, request_hash: str
    ) -> StoredOutcome | None:
        """The stored outcome to replay, None if the key is new; 409 ``ApiError`` on mismatch."""
        stored = self._outcomes.get(scope)
        if stored is None:
            return None
        if stored.body_hash != request_hash:
            code, title = CONFLICT_CODES[operation]
            raise domain_error(code, title, status=409)
        return stored

    def store(self, scope: tuple[str, str, str], outcome: StoredOutcome) -> None:
        self._outcomes[scope] = outcome

    def __len__(self) -> int:
        return len(self._outcomes)


def is_storable(status: int) -> bool:
    """Successes and 4xx are remembered; 5xx/429/423 let the client retry for real."""
    return status < 500 and status not in (423, 429)
