"""The webhook receiver served over HTTP for a station's lifetime.

``WebhookEndpoint`` serves a ``kiosk.web.webhook_receiver.WebhookReceiver`` with uvicorn
(``kiosk.web.server``) on a local listen address. Vipps delivers to the public
``webhook_url`` it was registered with; a reverse proxy or tunnel forwards that URL, path
unchanged, to ``http://<listen host>:<listen port>``. The receiver checks every delivery's
signature against the registered URL and answers 401 to anything it cannot verify; a verified
ePayment event only calls ``on_reference(reference)`` (the station then GETs the payment at
once - webhooks never decide a payment's state).

Errors: ``start`` raises ``kiosk.web.server.ServerStartError`` when the address cannot be
served (taken, not local); ``aclose`` raises nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from pydantic import SecretStr

from kiosk.payments.models import WebhookEvent
from kiosk.web.server import RunningServer, start_server
from kiosk.web.webhook_receiver import WebhookReceiver

log = logging.getLogger(__name__)


class WebhookEndpoint:
    """A ``WebhookReceiver`` listening on ``host:port`` between ``start`` and ``aclose``."""

    def __init__(
        self,
        *,
        secret: SecretStr,
        registered_url: str,
        on_reference: Callable[[str], None],
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.host = host
        self.requested_port = port
        self.registered_url = registered_url
        self._on_reference = on_reference
        self.receiver = WebhookReceiver(
            secret=secret, registered_url=registered_url, on_event=self._handle
        )
        self._server: RunningServer | None = None

    async def _handle(self, event: WebhookEvent) -> None:
        log.info("webhook %s for %s: polling it now", event.name, event.reference)
        self._on_reference(event.reference)

    @property
    def port(self) -> int | None:
        """The bound port while serving (``None`` before ``start`` and after ``aclose``)."""
        return self._server.port if self._server is not None else None

    async def start(self) -> None:
        if self._server is not None:
            return
        self._server = await start_server(self.receiver.app, self.host, self.requested_port)
        log.info(
            "webhook receiver for %s listening on %s",
            self.registered_url,
            self._server.base_url,
        )

    async def aclose(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            await server.stop()
