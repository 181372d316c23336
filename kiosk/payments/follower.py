"""Follows one payment by polling GET until it reaches a final state; yields each change.

Cadence (all configurable in ``VippsSettings``): the first GET ``poll_start_delay_s`` after
create, then every ``poll_interval_present_s`` while a customer stands at the screen (1 s), or
every ``poll_interval_s`` otherwise (2 s, the documented cadence); both stay within the
120-per-minute limit of GET. On a 429 or a temporary failure the interval doubles (at least
what ``Retry-After`` asks) up to ``poll_max_interval_s``; a success restores the cadence.
A webhook event only calls ``poke()``, which makes the next GET happen at once (but never
sooner than ``MIN_SPACING_S`` after the previous one, and never during a 429 back-off).

Iteration ends after a final state (yielded first) or when ``give_up_after_s`` has passed
(the 10-minute expiry plus a margin); the caller looks at the last payment it got.

Exceptions: ``VippsAuthError``, ``VippsNotFound`` and other non-retryable ``VippsApiError`` s
end the iteration by propagating; temporary failures are absorbed by the back-off.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from kiosk.payments.connection import Clock, Sleep
from kiosk.payments.epayment import EPaymentApi
from kiosk.payments.errors import (
    VippsProtocolError,
    VippsRateLimited,
    VippsTemporaryError,
    VippsTransportError,
)
from kiosk.payments.models import Payment
from kiosk.payments.retry import sleep_at_least
from kiosk.payments.settings import VippsSettings

MIN_SPACING_S = 0.5  # 120 GET per minute per reference
DEFAULT_GIVE_UP_AFTER_S = 11 * 60.0


def _snapshot(payment: Payment) -> tuple[object, ...]:
    return (payment.state, payment.aggregate)


class PaymentFollower:
    """``async for payment in PaymentFollower(...)``: each new state or aggregate, once."""

    def __init__(
        self,
        epayment: EPaymentApi,
        reference: str,
        settings: VippsSettings,
        *,
        customer_present: bool = True,
        sleep: Sleep = sleep_at_least,
        monotonic: Clock = time.monotonic,
        give_up_after_s: float = DEFAULT_GIVE_UP_AFTER_S,
    ) -> None:
        self._epayment = epayment
        self.reference = reference
        self._settings = settings
        self.customer_present = customer_present
        self._sleep = sleep
        self._monotonic = monotonic
        self._deadline_s = monotonic() + give_up_after_s
        self._poked = asyncio.Event()
        self._next_delay_s: float | None = settings.poll_start_delay_s
        self._backing_off = False
        self._backoff_s = 0.0
        self._last_poll_s: float | None = None
        self._last: tuple[object, ...] | None = None
        self._finished = False
        self.polls = 0
        self.last_payment: Payment | None = None

    def poke(self) -> None:
        """Poll at once (a webhook said something happened)."""
        self._poked.set()

    def set_customer_present(self, present: bool) -> None:
        self.customer_present = present

    def _interval_s(self) -> float:
        s = self._settings
        return s.poll_interval_present_s if self.customer_present else s.poll_interval_s

    def __aiter__(self) -> PaymentFollower:
        return self

    async def __anext__(self) -> Payment:
        while not self._finished:
            if self._monotonic() >= self._deadline_s:
                break
            delay_s = self._interval_s() if self._next_delay_s is None else self._next_delay_s
            await self._wait(delay_s)
            payment = await self._poll()
            if payment is None:
                continue
            if payment.state.is_final:
                self._finished = True
            snapshot = _snapshot(payment)
            if snapshot != self._last:
                self._last = snapshot
                return payment
        self._finished = True
        raise StopAsyncIteration

    async def _poll(self) -> Payment | None:
        self._last_poll_s = self._monotonic()
        self.polls += 1
        try:
            payment = await self._epayment.get(self.reference, max_attempts=1)
        except (VippsTemporaryError, VippsTransportError, VippsProtocolError) as error:
            self._back_off(error)
            return None
        self._backing_off = False
        self._backoff_s = 0.0
        self._next_delay_s = None  # the cadence, decided when waiting (presence may change)
        self.last_payment = payment
        return payment

    def _back_off(self, error: Exception) -> None:
        cap_s = self._settings.poll_max_interval_s
        self._backoff_s = min(cap_s, max(self._interval_s(), self._backoff_s * 2))
        if isinstance(error, VippsRateLimited) and error.retry_after_s is not None:
            self._backoff_s = min(cap_s, max(self._backoff_s, error.retry_after_s))
        self._backing_off = True
        self._next_delay_s = self._backoff_s

    async def _wait(self, delay_s: float) -> None:
        """Sleep ``delay_s``, cut short by ``poke()`` unless backing off; keep the spacing."""
        if self._backing_off:
            await self._sleep(delay_s)
        else:
            await self._sleep_or_poke(delay_s)
        self._poked.clear()
        if self._last_poll_s is not None:
            gap_s = MIN_SPACING_S - (self._monotonic() - self._last_poll_s)
            if gap_s > 0:
                await self._sleep(gap_s)

    async def _sleep_or_poke(self, delay_s: float) -> None:
        if self._poked.is_set() or delay_s <= 0:
            return
        sleeper = asyncio.ensure_future(self._sleep(delay_s))
        poked = asyncio.ensure_future(self._poked.wait())
        try:
            await asyncio.wait({sleeper, poked}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, poked):
                task.cancel()
            for task in (sleeper, poked):
                with contextlib.suppress(asyncio.CancelledError):
                    await task
