"""When to send a Vipps request again, and after how long.

Retried (always with the same Idempotency-Key): no answer (``VippsTransportError``) and
``VippsTemporaryError`` (5xx, 423, 429, ErrorCode 6160 / 6280). Never retried: any other 4xx,
and answers we cannot read. The delay doubles from ``base_delay_s`` up to ``max_delay_s`` and then
gets "equal jitter": somewhere between half and all of it, as the injected ``jitter`` (a fraction
in [0, 1], ``random.random`` by default) says, so kiosks that lost Vipps at the same moment do not
all retry in the same second. A 429 waits exactly what its ``Retry-After`` asks, and when that
is longer than ``max_delay_s`` we stop and let the caller (the settlement queue, the follower)
come back later.

``sleep_at_least`` is the default sleep of the client: it waits at least the delay on the
monotonic clock whatever event loop runs it. Qt's coarse timers (the qasync loop of the
windowed station) may fire up to 5 % early, which made a 429 be retried before its
``Retry-After`` had passed; a plain ``asyncio.sleep`` never fires early.

Raises nothing itself; ``parse_retry_after`` returns None for a header it cannot read.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from kiosk.payments.errors import (
    VippsError,
    VippsRateLimited,
    VippsTemporaryError,
    VippsTransportError,
)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 5
    base_delay_s: float = 0.5
    max_delay_s: float = 30.0
    jitter: Callable[[], float] = field(default=random.random, compare=False, repr=False)

    def delay_s(
        self, attempt: int, error: VippsError, max_attempts: int | None = None
    ) -> float | None:
        """Seconds to wait before attempt ``attempt + 1`` after ``error``, or None to give up.

        ``attempt`` counts from 1 (the attempt that just failed).
        """
        limit = self.max_attempts if max_attempts is None else max_attempts
        if attempt >= limit:
            return None
        if not isinstance(error, VippsTransportError | VippsTemporaryError):
            return None
        if isinstance(error, VippsRateLimited) and error.retry_after_s is not None:
            if error.retry_after_s > self.max_delay_s:
                return None
            return max(error.retry_after_s, 0.0)
        backoff_s = min(self.max_delay_s, self.base_delay_s * 2.0 ** (attempt - 1))
        fraction = min(max(self.jitter(), 0.0), 1.0)
        return backoff_s / 2.0 + backoff_s / 2.0 * fraction


async def sleep_at_least(delay_s: float, monotonic: Callable[[], float] = time.monotonic) -> None:
    """Sleep ``delay_s`` seconds and never less (sleeping again for what a timer that fired
    early left over)."""
    deadline = monotonic() + delay_s
    left_s = delay_s
    while left_s > 0:  # a timer, not polling: each turn sleeps what is left
        await asyncio.sleep(left_s)
        left_s = deadline - monotonic()


def parse_retry_after(value: str | None, now_epoch_s: float) -> float | None:
    """Seconds from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(seconds, 0.0) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(when.timestamp() - now_epoch_s, 0.0)
