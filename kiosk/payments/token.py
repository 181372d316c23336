"""The access token: parsed from ``POST /accesstoken/get``, cached, renewed before it expires.

Every numeric field of the token answer arrives as a JSON *string* (``"expires_in": "3600"``);
the model accepts both strings and numbers. The cache works on a monotonic clock and the
relative ``expires_in`` (never ``expires_on``, which needs the wall clocks to agree), and
treats the token as stale ``margin_s`` before its end (at most half its life).

Exceptions: ``AccessTokenResponse.model_validate`` raises ``pydantic.ValidationError`` for a
malformed answer (the connection turns it into ``VippsProtocolError``). Nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class AccessTokenResponse(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    token_type: str = "Bearer"  # noqa: S105
    access_token: SecretStr = Field(min_length=1)
    expires_in: int = Field(gt=0)  # seconds, sent as a string


@dataclass(slots=True)
class _Cached:
    token: SecretStr
    stale_at_s: float


class TokenCache:
    """Holds one token and knows when it must be renewed."""

    def __init__(self, margin_s: float) -> None:
        self._margin_s = margin_s
        self._cached: _Cached | None = None

    def valid_token(self, now_s: float) -> str | None:
        """The cached token, or None when there is none or it is about to expire."""
        if self._cached is None or now_s >= self._cached.stale_at_s:
            return None
        return self._cached.token.get_secret_value()

    def store(self, answer: AccessTokenResponse, fetched_at_s: float) -> str:
        margin_s = min(self._margin_s, answer.expires_in / 2)
        self._cached = _Cached(answer.access_token, fetched_at_s + answer.expires_in - margin_s)
        return answer.access_token.get_secret_value()

    def invalidate(self) -> None:
        """Forget the token (after a 401 on a call that used it)."""
        self._cached = None
