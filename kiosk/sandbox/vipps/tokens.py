"""Access tokens of the emulated ``POST /accesstoken/get`` (digest §2) and their checks.

Tokens are JWT-looking strings (three base64url parts, 1000+ characters) that the emulator
remembers with their expiry; the response carries every number as a string. Checks raise
``problem.GatewayError`` (401) like the API gateway in front of the real APIs.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kiosk.sandbox.vipps.config import EmulatorConfig
from kiosk.sandbox.vipps.problem import GatewayError

RESOURCE = "00000002-0000-0000-c000-000000000000"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True, slots=True)
class IssuedToken:
    access_token: str
    not_before: datetime
    expires_on: datetime


class TokenIssuer:
    def __init__(self, config: EmulatorConfig) -> None:
        self._config = config
        self._tokens: dict[str, IssuedToken] = {}
        self.issued_count = 0

    def check_subscription_key(self, key: str | None) -> None:
        if not key:
            raise GatewayError(
                401,
                "Unauthorized",
                detail="Access denied due to missing subscription key. Make sure to include "
                "subscription key when making requests to an API.",
            )
        if key not in self._config.subscription_keys:
            raise GatewayError(
                401,
                "Unauthorized",
                detail="Access denied due to invalid subscription key. Make sure to provide a "
                "valid key for an active subscription.",
            )

    def issue(self, headers: dict[str, str], now: datetime) -> dict[str, Any]:
        self.check_subscription_key(headers.get("ocp-apim-subscription-key"))
        client_id = headers.get("client_id")
        client_secret = headers.get("client_secret")
        if not client_id or not client_secret:
            raise GatewayError(400, "Bad Request", detail="client_id and client_secret required")
        if not (
            secrets.compare_digest(client_id, self._config.client_id)
            and secrets.compare_digest(client_secret, self._config.client_secret)
        ):
            raise GatewayError(401, "Unauthorized", detail="invalid client_id or client_secret")
        lifetime = self._config.token_lifetime_s
        expires_on = now + timedelta(seconds=lifetime)
        claims = {
            "aud": RESOURCE,
            "iss": "https://emulator.vipps.local/",
            "iat": int(now.timestamp()),
            "nbf": int(now.timestamp()),
            "exp": int(expires_on.timestamp()),
            "sub": self._config.client_id,
            "msn": self._config.msn,
            "jti": secrets.token_hex(16),
        }
        header = _b64(json.dumps({"typ": "JWT", "alg": "RS256"}).encode())
        token = f"{header}.{_b64(json.dumps(claims).encode())}.{_b64(secrets.token_bytes(768))}"
        self._tokens[token] = IssuedToken(token, now, expires_on)
        self.issued_count += 1
        return {
            "token_type": "Bearer",
            "expires_in": str(lifetime),
            "ext_expires_in": "0",
            "expires_on": str(int(expires_on.timestamp())),
            "not_before": str(int(now.timestamp())),
            "resource": RESOURCE,
            "access_token": token,
        }

    def check_bearer(self, authorization: str | None, now: datetime) -> None:
        if not authorization:
            raise GatewayError(401, "Unauthorized", detail="Authorization header is missing")
        scheme, _, token = authorization.partition(" ")
        if scheme != "Bearer" or not token:
            raise GatewayError(401, "Unauthorized", detail="Authorization must be 'Bearer <token>'")
        issued = self._tokens.get(token.strip())
        if issued is None:
            raise GatewayError(401, "Unauthorized", detail="invalid access token")
        if now >= issued.expires_on:
            raise GatewayError(401, "Unauthorized", detail="access token expired")

    def revoke_all(self) -> None:
        """Forget every token (a test hook: the next call gets 401)."""
        self._tokens.clear()
