"""``VippsClient``: the one object the app builds from settings and an injected httpx client.

    http = httpx.AsyncClient()                       # one per app, created in app.py
    vipps = VippsClient.from_settings(settings, http)
    created = await vipps.epayment.create(reference=..., amount_ore=35000, ...)
    async for payment in vipps.follow(created.reference): ...
    await vipps.epayment.capture(ref, 4321, idempotency_key=...)
    await vipps.epayment.cancel(ref, idempotency_key=...)
    await vipps.send_receipt(ref, receipt, session_id=...)

A one-shot command (``kiosk vipps ping``, ``kiosk sessions verify``) that is no station takes
``async with standalone_client(settings) as vipps:``, a client on its own httpx client.

Exceptions: the tree of ``kiosk.payments.errors``; ``ping`` never raises for a Vipps failure,
it reports it in words.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

from kiosk.payments.connection import Clock, Jitter, Sleep, VippsConnection
from kiosk.payments.epayment import EPaymentApi
from kiosk.payments.errors import VippsAuthError, VippsError, VippsNotFound
from kiosk.payments.follower import DEFAULT_GIVE_UP_AFTER_S, PaymentFollower
from kiosk.payments.merchant_qr import MerchantQrApi
from kiosk.payments.order_management import CategoryType, OrderManagementApi
from kiosk.payments.receipt import Receipt
from kiosk.payments.retry import sleep_at_least
from kiosk.payments.settings import VippsSettings
from kiosk.payments.webhooks import WebhooksApi

PING_REFERENCE = "ladeskjerm-ping-0"


@dataclass(frozen=True, slots=True)
class PingResult:
    ok: bool
    message: str


class VippsClient:
    """Token, ePayment, Order Management and webhook registrations over one connection."""

    def __init__(self, connection: VippsConnection) -> None:
        self.connection = connection
        self.settings = connection.settings
        self.epayment = EPaymentApi(connection)
        self.orders = OrderManagementApi(connection)
        self.webhooks = WebhooksApi(connection)
        self.merchant_qr = MerchantQrApi(connection)
        self._sleep: Sleep = connection.sleep
        self._monotonic: Clock = connection.monotonic

    @classmethod
    def from_settings(
        cls,
        settings: VippsSettings,
        http: httpx.AsyncClient,
        *,
        sleep: Sleep = sleep_at_least,
        monotonic: Clock = time.monotonic,
        wall_clock: Clock = time.time,
        jitter: Jitter = random.random,
    ) -> VippsClient:
        return cls(
            VippsConnection(
                settings,
                http,
                sleep=sleep,
                monotonic=monotonic,
                wall_clock=wall_clock,
                jitter=jitter,
            )
        )

    def follow(
        self,
        reference: str,
        *,
        customer_present: bool = True,
        give_up_after_s: float = DEFAULT_GIVE_UP_AFTER_S,
    ) -> PaymentFollower:
        """A follower polling ``reference`` at the configured cadence (see ``follower``)."""
        return PaymentFollower(
            self.epayment,
            reference,
            self.settings,
            customer_present=customer_present,
            sleep=self._sleep,
            monotonic=self._monotonic,
            give_up_after_s=give_up_after_s,
        )

    async def send_receipt(
        self,
        reference: str,
        receipt: Receipt,
        *,
        session_id: str,
        default_url: str | None = None,
    ) -> None:
        """Post the receipt, then the ``RECEIPT`` link to the session page: the URL template's
        when one is set, else ``default_url`` (the station's own phone pages), else none."""
        await self.orders.post_receipt(reference, receipt)
        url = self.settings.receipt_url(session_id) or default_url
        if url is not None:
            await self.orders.set_category(reference, url, CategoryType.RECEIPT)

    async def ping(self) -> PingResult:
        """Fetch a token and make one cheap ePayment call; the answer in plain words."""
        try:
            await self.connection.access_token()
        except VippsAuthError:
            return PingResult(False, "Vipps refused the credentials (client id/secret or key).")
        except VippsError as error:
            return PingResult(False, f"Could not get an access token: {error}")
        try:
            await self.epayment.get(PING_REFERENCE, max_attempts=1)
        except VippsNotFound:
            pass  # the expected answer: we are allowed to ask, and there is no such payment
        except VippsAuthError:
            return PingResult(False, "Token works, but this sales unit may not use ePayment.")
        except VippsError as error:
            return PingResult(False, f"Token works, but the ePayment call failed: {error}")
        return PingResult(
            True, f"Vipps answers at {self.settings.base_url} (token and ePayment OK)."
        )


@contextlib.asynccontextmanager
async def standalone_client(settings: VippsSettings) -> AsyncIterator[VippsClient]:
    """A ``VippsClient`` on an httpx client of its own, closed when the block ends (for
    one-shot commands; the station shares the app's one client instead)."""
    async with httpx.AsyncClient() as http:
        yield VippsClient.from_settings(settings, http)
