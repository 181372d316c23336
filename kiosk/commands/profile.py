"""``kiosk profile validate FILE``: check a device profile; errors as ``file:line: field: msg``."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    profile = subparsers.add_parser("profile", help="device profiles (drivers/*.toml)")
    sub = profile.add_subparsers(dest="profile_command", required=True)
    validate = sub.add_parser("validate", help="check a profile file")
    validate.add_argument("files", nargs="+", metavar="FILE", help="profile .toml file(s)")
    validate.set_defaults(handler=_validate)


def _validate(args: argparse.Namespace) -> int:
    from kiosk.hardware.profile import ProfileError, load_profile

    failed = False
    for path in args.files:
        try:
            profile = load_profile(path)
        except ProfileError as exc:
            failed = True
            for issue in exc.issues:
                print(issue, file=sys.stderr)
            continue
        print(
            f"{path}: ok ({profile.kind.value} '{profile.title}', "
            f"{len(profile.connectors)} connector(s))"
        )
    return 1 if failed else 0
