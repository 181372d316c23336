"""``kiosk vipps ping`` and ``kiosk vipps register-webhook`` (settings from ``VIPPS_*`` variables).

``ping`` fetches a token and makes one cheap ePayment call, and says in plain words whether the
credentials work. ``register-webhook --url U`` registers the ePayment events and prints the
secret once; ``--list`` shows the registrations, ``--delete ID`` removes one. Exit codes: 0 done,
1 Vipps refused or could not be reached, 2 settings missing or invalid.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.payments.client import VippsClient


def register(subparsers: Any) -> None:
    vipps = subparsers.add_parser("vipps", help="talk to Vipps MobilePay (VIPPS_* variables)")
    commands = vipps.add_subparsers(dest="vipps_command", required=True)

    ping = commands.add_parser("ping", help="check the credentials: a token and a test call")
    ping.set_defaults(handler=_ping)

    hook = commands.add_parser(
        "register-webhook", help="register (or --list / --delete) the ePayment webhook"
    )
    action = hook.add_mutually_exclusive_group(required=True)
    action.add_argument("--url", help="the public https URL of the webhook receiver")
    action.add_argument("--list", action="store_true", help="list the registrations")
    action.add_argument("--delete", metavar="ID", help="delete the registration with this id")
    hook.add_argument(
        "--allow-http",
        action="store_true",
        help=argparse.SUPPRESS,  # the local emulator only
    )
    hook.set_defaults(handler=_webhook)


def _settings_or_exit() -> Any:
    from pydantic import ValidationError

    from kiosk.payments.settings import MissingSettingError, VippsSettings

    try:
        return VippsSettings.from_env(os.environ)
    except MissingSettingError as missing:
        print(f"{missing.args[0]} is not set.", file=sys.stderr)
    except ValidationError as invalid:
        fields = ", ".join(str(e["loc"][0]) for e in invalid.errors() if e["loc"])
        print(f"Invalid Vipps settings: {fields or invalid}", file=sys.stderr)
    return None


async def _with_client(settings: Any, work: Any) -> int:
    from kiosk.payments.client import standalone_client

    async with standalone_client(settings) as vipps:
        code: int = await work(vipps)
        return code


def _ping(_args: argparse.Namespace) -> int:
    settings = _settings_or_exit()
    if settings is None:
        return 2

    async def work(vipps: VippsClient) -> int:
        result = await vipps.ping()
        print(result.message)
        return 0 if result.ok else 1

    return asyncio.run(_with_client(settings, work))


def _webhook(args: argparse.Namespace) -> int:
    from kiosk.payments.errors import VippsError

    settings = _settings_or_exit()
    if settings is None:
        return 2

    async def work(vipps: VippsClient) -> int:
        try:
            if args.list:
                hooks = await vipps.webhooks.list()
                if not hooks:
                    print("No webhooks are registered for this sales unit.")
                for hook in hooks:
                    print(f"{hook.id}  {hook.url}  ({len(hook.events)} events)")
            elif args.delete:
                await vipps.webhooks.delete(args.delete)
                print(f"Deleted webhook {args.delete}.")
            else:
                registration = await vipps.webhooks.register(
                    args.url, require_https=not args.allow_http
                )
                print(f"Registered webhook {registration.id} for {args.url}.")
                print("Secret (shown only once; store it as the station's webhook secret):")
                print(registration.secret.get_secret_value())
        except ValueError as wrong:
            print(str(wrong), file=sys.stderr)
            return 2
        except VippsError as error:
            print(f"Vipps did not do it: {error}", file=sys.stderr)
            return 1
        return 0

    return asyncio.run(_with_client(settings, work))
