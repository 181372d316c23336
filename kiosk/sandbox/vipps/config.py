"""Settings of the Vipps MobilePay emulator (one sales unit, its keys and its switches).

Everything that the digest marks ``[UNSURE]`` about the real API is a field here, so a test
can pin the behaviour it depends on. Constructing a config raises ``ValueError`` on nonsense.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_CLIENT_ID = "emulator-client-id"
DEFAULT_CLIENT_SECRET = "emulator-client-secret"  # noqa: S105 - a well-known test value
DEFAULT_SUBSCRIPTION_KEY = "emulator-subscription-key"
DEFAULT_SECONDARY_SUBSCRIPTION_KEY = "emulator-subscription-key-2"
DEFAULT_MSN = "123456"


def default_spec_dir() -> Path:
    """``../shared/vipps-api`` relative to the repository checkout this package lives in."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "vipps-api"


@dataclass(frozen=True, slots=True)
class EmulatorConfig:
    """One emulated sales unit.

    ``public_base_url`` is where a phone reaches this emulator (QR target, landing page, QR
    images); ``None`` means "the base URL of the request that created the payment".
    ``spec_dir=None`` means ``default_spec_dir()``; ``strict=None`` turns strict OpenAPI
    validation on exactly when the spec files are there.
    """

    client_id: str = DEFAULT_CLIENT_ID
    client_secret: str = DEFAULT_CLIENT_SECRET
    subscription_keys: tuple[str, ...] = (
        DEFAULT_SUBSCRIPTION_KEY,
        DEFAULT_SECONDARY_SUBSCRIPTION_KEY,
    )
    msn: str = DEFAULT_MSN
    currency: str = "NOK"
    public_base_url: str | None = None
    token_lifetime_s: int = 3600
    payment_expiry_s: int = 600
    capture_guarantee_days: int = 7
    capture_deadline_days: int = 180
    refund_deadline_days: int = 365
    push_message_allowed: bool = True
    long_living_allowed: bool = False
    long_living_max_s: int = 24 * 3600
    magic_amounts: bool = True
    rate_limits: bool = False
    strict: bool | None = None
    spec_dir: Path | None = None
    receipt_sums_strict: bool = False
    webhook_retry_delays_s: tuple[float, ...] = (2, 2, 2, 2, 60, 120, 3600)
    webhook_timeout_s: float = 10.0
    webhook_require_https: bool = False
    webhook_max_per_event: int = 25
    expiry_tick_s: float = 0.5
    card_payments: bool = False
    """The sales unit takes cards: the ``WEB_REDIRECT`` landing page offers "Pay with card"."""
    loopback_http_urls: bool = False
    """Accept ``http://127.0.0.1`` / ``http://localhost`` as ``returnUrl`` and merchant-redirect
    target (the real API takes https only; the demo and the tests serve on loopback)."""

    def __post_init__(self) -> None:
        if not (self.msn.isdigit() and 4 <= len(self.msn) <= 6):
            raise ValueError("msn must be 4-6 digits")
        if self.currency not in ("NOK", "DKK", "EUR"):
            raise ValueError("currency must be NOK, DKK or EUR")
        if not self.subscription_keys:
            raise ValueError("at least one subscription key is needed")
        if self.token_lifetime_s <= 0 or self.payment_expiry_s <= 0:
            raise ValueError("lifetimes must be positive")
        if self.public_base_url is not None and self.public_base_url.endswith("/"):
            raise ValueError("public_base_url must not end with '/'")

    def resolved_spec_dir(self) -> Path:
        return self.spec_dir if self.spec_dir is not None else default_spec_dir()

    def strict_enabled(self) -> bool:
        present = (self.resolved_spec_dir() / "epayment.v1.yml").is_file()
        if self.strict is None:
            return present
        return self.strict and present
