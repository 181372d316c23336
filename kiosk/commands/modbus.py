"""``kiosk modbus probe``: read one decoded snapshot of a live device and print it as JSON.

The transport is what ``kiosk run`` would use for that host (``transport_for_host``: a path
is a serial port, anything else Modbus TCP, e.g. an RTU meter behind an RS-485 gateway) unless
``--transport`` says otherwise."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    modbus = subparsers.add_parser("modbus", help="talk to a Modbus charger or meter")
    sub = modbus.add_subparsers(dest="modbus_command", required=True)
    probe = sub.add_parser("probe", help="read a live device once and print one JSON object")
    probe.add_argument("--profile", required=True, help="profile name in drivers/ (or a .toml)")
    probe.add_argument("--host", required=True, help="IP address, or serial device for RTU")
    probe.add_argument("--port", type=int, default=None, help="TCP port (profile default)")
    probe.add_argument("--unit", type=int, default=None, help="Modbus unit id (profile default)")
    probe.add_argument("--connector", type=int, default=1, help="connector id (default 1)")
    probe.add_argument(
        "--transport",
        choices=("tcp", "rtu"),
        default=None,
        help="tcp: Modbus TCP (an RTU device behind an RS-485 gateway too); rtu: a serial port"
        " at --host; default as `kiosk run` chooses: a path is a serial port, else TCP",
    )
    probe.set_defaults(handler=_probe)


def _probe(args: argparse.Namespace) -> int:
    from kiosk.hardware.profile import ProfileError, load_named_profile

    try:
        profile = load_named_profile(args.profile)
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 2
    snapshot = asyncio.run(_read(profile, args))
    print(json.dumps(snapshot))
    return 0 if snapshot["error"] is None or not snapshot["error"].startswith("unavail") else 1


async def _read(profile: Any, args: argparse.Namespace) -> dict[str, Any]:
    from kiosk.hardware.link import Endpoint, transport_for_host
    from kiosk.hardware.poller import DevicePoller
    from kiosk.hardware.profile import Transport

    endpoint = Endpoint.for_connector(
        profile, args.host, port=args.port, unit_id=args.unit, connector_id=args.connector
    )
    transport = (
        Transport(args.transport) if args.transport else transport_for_host(profile, args.host)
    )
    poller = DevicePoller(
        profile,
        dataclasses.replace(endpoint, transport=transport),
        connector_id=args.connector,
    )
    try:
        failures = profile.polling.unavailable_after_failures
        snapshot = poller.snapshot
        for _ in range(failures):
            snapshot = await poller.read_once()
            if snapshot.online:
                break
        return snapshot.probe_json()
    finally:
        await poller.aclose()
