"""The service PIN hash: salted scrypt with its parameters in the string, constant-time verify."""

from __future__ import annotations

import pytest

from kiosk.config.pin import PinFormatError, hash_pin, is_pin_hash, verify_pin

FAST = 2**10


def test_hash_verifies_only_the_right_pin() -> None:
    stored = hash_pin("482916", n=FAST)
    assert verify_pin("482916", stored)
    assert not verify_pin("482917", stored)
    assert not verify_pin("", stored)


def test_salted_and_parameters_in_the_string() -> None:
    first, second = hash_pin("1234", n=FAST), hash_pin("1234", n=FAST)
    assert first != second
    assert first.startswith(f"scrypt$n={FAST},r=8,p=1$")
    assert is_pin_hash(first)


def test_default_parameters_are_slow_enough() -> None:
    assert hash_pin("1234").startswith("scrypt$n=16384,r=8,p=1$")


def test_stored_parameters_are_used_to_verify() -> None:
    stored = hash_pin("1234", n=2**11, r=4, p=2)
    assert verify_pin("1234", stored)
    tampered = stored.replace("n=2048", "n=1024")
    assert not verify_pin("1234", tampered)


@pytest.mark.parametrize(
    "garbage",
    ["", "1234", "scrypt$n=16384,r=8,p=1$$", "scrypt$n=1000,r=8,p=1$AAAA$AAAA", "bcrypt$x$y$z"],
)
def test_malformed_hashes_never_verify(garbage: str) -> None:
    assert not is_pin_hash(garbage) or not verify_pin("1234", garbage)
    assert not verify_pin("1234", garbage)


@pytest.mark.parametrize("pin", ["123", "12a4", "1234567890123", "١٢٣٤"])
def test_pin_must_be_4_to_12_ascii_digits(pin: str) -> None:
    with pytest.raises(PinFormatError):
        hash_pin(pin, n=FAST)
