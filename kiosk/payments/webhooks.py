"""Webhook registrations (``/webhooks/v1/webhooks``): register, list, delete.

Register once from admin tooling (``kiosk vipps register-webhook``), never per payment. The
``secret`` of a registration is shown only once; it is returned as a ``SecretStr`` and must be
stored at once (it signs every delivery, see ``kiosk.payments.signature``).

Exceptions: the tree of ``kiosk.payments.errors``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, SecretStr

from kiosk.payments.connection import VippsConnection, parse_model

WEBHOOKS_PATH = "/webhooks/v1/webhooks"

EPAYMENT_EVENTS: tuple[str, ...] = (
    "epayments.payment.created.v1",
    "epayments.payment.authorized.v1",
    "epayments.payment.aborted.v1",
    "epayments.payment.expired.v1",
    "epayments.payment.cancelled.v1",
    "epayments.payment.captured.v1",
    "epayments.payment.refunded.v1",
    "epayments.payment.terminated.v1",
)


class WebhookRegistration(BaseModel):
    """The answer to a registration: keep ``secret``, it is never shown again."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    secret: SecretStr


class Webhook(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    url: str
    events: list[str]


class _WebhookList(BaseModel):
    model_config = ConfigDict(extra="ignore")

    webhooks: list[Webhook]


class WebhooksApi:
    def __init__(self, connection: VippsConnection) -> None:
        self._conn = connection

    async def register(
        self,
        url: str,
        events: tuple[str, ...] = EPAYMENT_EVENTS,
        *,
        require_https: bool = True,
    ) -> WebhookRegistration:
        """Register ``url`` for ``events``; ``require_https=False`` only for the emulator."""
        if require_https and not url.startswith("https://"):
            raise ValueError("a webhook URL must be https://")
        response = await self._conn.call(
            "POST",
            WEBHOOKS_PATH,
            operation="register webhook",
            json_body={"url": url, "events": list(events)},
            expect=(200, 201),
        )
        return parse_model(response, WebhookRegistration, "register webhook")

    async def list(self) -> list[Webhook]:
        response = await self._conn.call("GET", WEBHOOKS_PATH, operation="list webhooks")
        return parse_model(response, _WebhookList, "list webhooks").webhooks

    async def delete(self, webhook_id: str) -> None:
        await self._conn.call(
            "DELETE",
            f"{WEBHOOKS_PATH}/{webhook_id}",
            operation="delete webhook",
            expect=(200, 204),
        )
