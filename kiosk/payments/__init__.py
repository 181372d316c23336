"""kiosk.payments: the Vipps MobilePay client over one injected ``httpx.AsyncClient``.

Modules (import them directly; this package imports nothing, so ``signature`` stays light):

- ``client``            ``VippsClient.from_settings(settings, http)``: the façade the app builds
- ``settings``          ``VippsSettings`` (secrets as ``SecretStr``; ``from_env``)
- ``connection``        headers, cached token, retries with the same Idempotency-Key
- ``errors``            the exception tree (status + ErrorCode), ``retryable``
- ``retry`` ``token``   back-off policy / ``Retry-After``; the access-token cache
- ``epayment``          create, get, events, capture, cancel, refund
- ``models``            typed ePayment wire models (amounts in øre)
- ``receipt`` ``order_management``   receipt lines -> Order Management; category link
- ``webhooks`` ``webhook_receiver`` ``signature``   registration; verified ASGI receiver
- ``follower``          ``PaymentFollower``: polls GET to a final state, ``poke()`` on webhooks
"""
