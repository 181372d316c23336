"""The session page's token: opaque, unguessable, bound to one session, no storage needed.

A token is a small deterministic authenticated encryption of the session id under the
station's web key (a synthetic-IV construction from HMAC-SHA256 only)::

    tag   = HMAC(key, "tag" | session_id)[:16]          (128 bits)
    body  = session_id XOR HMAC-stream(key, "enc" | tag)
    token = base64url(tag | body)                      (no padding)

so the same session always gets the same token, nothing but the key has to be kept (the key
file survives a restart, so a link in the driver's app keeps working), the session id cannot
be read from the token, and a token cannot be made without the key: ``session_of`` answers
None for anything not made here (the tag is compared in constant time). ``short`` is what a
log may show of a token.

``load_or_create_key(path)`` reads the 32-byte key, or creates it (mode 0600) on first start.
Errors: ``OSError`` when the key file cannot be read or written; ``ValueError`` for a key
file that is not 32 bytes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_BYTES = 32
TAG_BYTES = 16
MAX_SESSION_ID_BYTES = 64


def load_or_create_key(path: Path) -> bytes:
    """The station's web key from ``path``; a new random one is written there first if absent."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(KEY_BYTES)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise ValueError(f"{path}: the web key must be {KEY_BYTES} bytes, not {len(key)}")
    return key


def short(token: str) -> str:
    """What a log may show of a token (never the whole)."""
    return token[:6] + "…"


class SessionTokens:
    """Turns session ids into session-page tokens and back."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the web key is too short")
        self._key = key

    def _mac(self, label: bytes, data: bytes) -> bytes:
        return hmac.new(self._key, label + b"|" + data, hashlib.sha256).digest()

    def _stream(self, tag: bytes, length: int) -> bytes:
        out = b""
        counter = 0
        while len(out) < length:
            out += self._mac(b"enc", tag + counter.to_bytes(4, "big"))
            counter += 1
        return out[:length]

    def token(self, session_id: str) -> str:
        data = session_id.encode()
        if not data or len(data) > MAX_SESSION_ID_BYTES:
            raise ValueError("a session id is 1-64 bytes")
        tag = self._mac(b"tag", data)[:TAG_BYTES]
        body = bytes(a ^ b for a, b in zip(data, self._stream(tag, len(data)), strict=True))
        return base64.urlsafe_b64encode(tag + body).rstrip(b"=").decode()

    def session_of(self, token: str) -> str | None:
        """The session id ``token`` was made for, or None (not ours, damaged, or garbage)."""
        if not 24 <= len(token) <= 128 or not token.isascii():
            return None
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except (binascii.Error, ValueError):
            return None
        tag, body = raw[:TAG_BYTES], raw[TAG_BYTES:]
        if len(tag) != TAG_BYTES or not body:
            return None
        data = bytes(a ^ b for a, b in zip(body, self._stream(tag, len(body)), strict=True))
        if not hmac.compare_digest(tag, self._mac(b"tag", data)[:TAG_BYTES]):
            return None
        try:
            return data.decode()
        except UnicodeDecodeError:
            return None


class SessionLinks:
    """The public URLs of the driver's pages under ``public_base_url``."""

    def __init__(self, public_base_url: str, tokens: SessionTokens) -> None:
        self.base_url = public_base_url.rstrip("/")
        self.tokens = tokens

    def session_url(self, session_id: str) -> str:
        return f"{self.base_url}/s/{self.tokens.token(session_id)}"

    def connector_url(self, connector_id: int) -> str:
        return f"{self.base_url}/c/{connector_id}"

    @property
    def terms_url(self) -> str:
        return f"{self.base_url}/terms"
