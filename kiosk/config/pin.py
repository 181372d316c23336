"""The service PIN as a salted scrypt hash, with its parameters stored in the hash string.

Format: ``scrypt$n=16384,r=8,p=1$<salt base64>$<hash base64>``. ``verify_pin`` compares in
constant time and returns False (never raises) for a wrong PIN or a malformed hash string.
Hashing takes tens of milliseconds on purpose: call it off the event loop.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

SCHEME = "scrypt"
DEFAULT_N = 2**14
DEFAULT_R = 8
DEFAULT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 12
_FORMAT = re.compile(
    r"^scrypt\$n=(?P<n>[0-9]+),r=(?P<r>[0-9]+),p=(?P<p>[0-9]+)"
    r"\$(?P<salt>[A-Za-z0-9+/=]+)\$(?P<hash>[A-Za-z0-9+/=]+)$"
)


class PinFormatError(ValueError):
    """The PIN is not 4-12 digits, or a hash string is not in the expected format."""


def check_pin_format(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS):
        raise PinFormatError(f"the PIN must be {MIN_PIN_DIGITS}-{MAX_PIN_DIGITS} digits")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    memory = 128 * n * r * p + 1024 * 1024
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=memory)


def hash_pin(pin: str, *, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P) -> str:
    """A new salted hash of ``pin`` (4-12 digits)."""
    check_pin_format(pin)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(pin, salt, n, r, p, HASH_BYTES)
    encode = base64.b64encode
    return f"{SCHEME}$n={n},r={r},p={p}${encode(salt).decode()}${encode(digest).decode()}"


def is_pin_hash(text: str) -> bool:
    """Whether ``text`` looks like a hash made by ``hash_pin`` (with sane parameters)."""
    match = _FORMAT.match(text)
    if match is None:
        return False
    n, r, p = int(match["n"]), int(match["r"]), int(match["p"])
    return 2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16


def verify_pin(pin: str, pin_hash: str) -> bool:
    """Whether ``pin`` matches ``pin_hash``, compared in constant time."""
    if not is_pin_hash(pin_hash):
        return False
    match = _FORMAT.match(pin_hash)
    assert match is not None
    try:
        salt = base64.b64decode(match["salt"], validate=True)
        expected = base64.b64decode(match["hash"], validate=True)
    except ValueError:
        return False
    if not expected:
        return False
    n, r, p = int(match["n"]), int(match["r"]), int(match["p"])
    digest = _derive(pin, salt, n, r, p, len(expected))
    return hmac.compare_digest(digest, expected)
