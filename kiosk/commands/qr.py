"""``kiosk qr sticker --config FILE --connector N [--out DIR] [--offline]``: the sticker QR.

Creates (or points anew) the connector's static merchant-redirect QR with the Vipps QR API
(``/qr/v1/merchant-redirect``, id ``<station>_connector-<N>``, redirect to the connector's
page ``<[web] public_base_url>/c/<N>``) and writes a print-ready PNG, PDF and SVG with the
connector's number and name beside the code (``kiosk.gui.sticker``). ``--offline`` encodes
the page's URL directly (for a sales unit without QR API access; nothing is sent).
Exit codes: 0 written, 1 Vipps refused or could not be reached, 2 configuration or argument
problems.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    qr = subparsers.add_parser("qr", help="the printed QR codes of the station")
    commands = qr.add_subparsers(dest="qr_command", required=True)
    sticker = commands.add_parser(
        "sticker", help="create/update a connector's merchant-redirect QR and print files"
    )
    sticker.add_argument("--config", required=True, help="the station configuration (TOML)")
    sticker.add_argument("--connector", required=True, type=int, help="the connector's id")
    sticker.add_argument("--out", default=".", help="folder for the PNG, PDF and SVG")
    sticker.add_argument(
        "--offline", action="store_true", help="encode the page's URL (no QR API call)"
    )
    sticker.set_defaults(handler=_sticker)


async def _vipps_content(config: Any, qr_id: str, page_url: str) -> str:
    from kiosk.app import vipps_settings
    from kiosk.payments.client import standalone_client

    async with standalone_client(vipps_settings(config)) as client:
        code = await client.merchant_qr.ensure(qr_id, page_url)
    return code.url


def _sticker(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError, load_config

    try:
        config = load_config(args.config)
    except ConfigError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return 2
    connector = next((c for c in config.connectors if c.id == args.connector), None)
    if connector is None:
        print(f"no connector {args.connector} in {args.config}", file=sys.stderr)
        return 2
    base = config.web.base_url() if config.web is not None else None
    if base is None:
        print(
            "set [web] public_base_url: the sticker must open a page phones reach", file=sys.stderr
        )
        return 2
    page_url = f"{base}/c/{connector.id}"

    from kiosk.app import StationConfigError
    from kiosk.payments.errors import VippsError
    from kiosk.payments.merchant_qr import sticker_id

    qr_id = sticker_id(config.station.id, connector.id)
    if args.offline:
        content = page_url
    else:
        try:
            content = asyncio.run(_vipps_content(config, qr_id, page_url))
        except (StationConfigError, ValueError) as error:
            print(str(error), file=sys.stderr)
            return 2
        except VippsError as error:
            print(f"Vipps did not create the QR: {error}", file=sys.stderr)
            return 1

    from kiosk.gui.sticker import Sticker, write_sticker

    label = Sticker(str(connector.id), connector.name, config.station.name)
    written = write_sticker(content, label, Path(args.out), qr_id)
    source = "encodes " + page_url if args.offline else f"QR {qr_id} -> {page_url}"
    print(f"{connector.name} ({source}):")
    for path in written:
        print(f"  {path}")
    return 0
