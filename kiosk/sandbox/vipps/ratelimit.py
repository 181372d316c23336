"""Optional per-reference rate limits of the ePayment API (digest §3.1), off by default.

Create, capture, cancel and refund: 5 per minute per (reference, MSN). GET and the event log:
120 per minute per (reference, subscription key). Over the limit, ``hit`` raises
``problem.GatewayError`` 429 with ``Retry-After`` (seconds until the oldest call leaves the
one-minute window). Time comes from the emulator's clock.
"""

from __future__ import annotations

import math
from collections import deque
from datetime import datetime, timedelta

from kiosk.sandbox.vipps.problem import GatewayError

WINDOW = timedelta(minutes=1)
MODIFY_PER_MINUTE = 5
READ_PER_MINUTE = 120


class RateLimiter:
    def __init__(self) -> None:
        self._calls: dict[tuple[str, ...], deque[datetime]] = {}

    def hit(self, bucket: tuple[str, ...], limit: int, now: datetime) -> None:
        calls = self._calls.setdefault(bucket, deque())
        while calls and now - calls[0] >= WINDOW:
            calls.popleft()
        if len(calls) >= limit:
            wait_s = max(1, math.ceil((calls[0] + WINDOW - now).total_seconds()))
            raise GatewayError(
                429,
                "Too Many Requests",
                detail=f"Rate limit is exceeded. Try again in {wait_s} seconds.",
                headers={"Retry-After": str(wait_s)},
            )
        calls.append(now)
