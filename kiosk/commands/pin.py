"""``kiosk set-pin``: hash a service PIN and put it in the secrets file (or print the hash)."""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from pathlib import Path
from typing import Any

_PIN_LINE = re.compile(r"^\s*service_pin_hash\s*=.*$", re.MULTILINE)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "set-pin",
        help="hash a service PIN (read from stdin or a prompt) into the secrets file or stdout",
    )
    parser.add_argument(
        "--secrets-file",
        type=Path,
        help="write service_pin_hash into this file (created with mode 600); "
        "without it the hash is printed",
    )
    parser.set_defaults(handler=set_pin)


def _read_pin() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass("New service PIN: ")
    second = getpass.getpass("Repeat the PIN: ")
    if first != second:
        raise ValueError("the two PINs differ")
    return first


def write_pin_hash(path: Path, pin_hash: str) -> None:
    """Replace (or add) ``service_pin_hash`` in the secrets file, keeping it owner-only."""
    from kiosk.config.secrets import permission_problem

    text = ""
    if path.exists():
        problem = permission_problem(path)
        if problem is not None:
            raise ValueError(f"{path}: {problem}")
        text = path.read_text(encoding="utf-8")
    line = f'service_pin_hash = "{pin_hash}"'
    if _PIN_LINE.search(text):
        text = _PIN_LINE.sub(lambda _m: line, text, count=1)
    else:
        text = (text.rstrip("\n") + "\n" if text.strip() else "") + line + "\n"
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def set_pin(args: argparse.Namespace) -> int:
    from kiosk.config.pin import PinFormatError, hash_pin

    try:
        pin_hash = hash_pin(_read_pin())
        if args.secrets_file is None:
            print(pin_hash)
            return 0
        write_pin_hash(args.secrets_file, pin_hash)
    except (PinFormatError, ValueError, OSError) as error:
        print(f"set-pin: {error}", file=sys.stderr)
        return 1
    print(f"service PIN hash written to {args.secrets_file}")
    return 0
