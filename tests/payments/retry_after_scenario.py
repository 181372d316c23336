"""A 429 on payment creation, answered by the Vipps emulator with ``Retry-After: 1``, and the
client's retry - on the event loop named by ``sys.argv[1]`` (``asyncio`` or ``qasync``, the
windowed station's loop via ``kiosk.gui.window.run_qt``). Prints the seconds between the two
create requests as the emulator saw them (monotonic clock). Not a test module: the test runs it
in a fresh process so each loop gets a clean interpreter (and Qt)."""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

import httpx
from emulator_env import META, emulator_settings

from kiosk.payments.client import VippsClient
from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.emulator import Emulator

RETRY_AFTER_S = 1


async def scenario() -> float:
    emulator = Emulator()
    app = create_app(emulator=emulator)
    arrivals: list[float] = []

    async def timed(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/epayment/v1/payments":
            arrivals.append(time.monotonic())
        await app(scope, receive, send)

    emulator.faults.rate_limit("create", retry_after_s=RETRY_AFTER_S, count=1)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=timed)) as http:
            vipps = VippsClient.from_settings(emulator_settings(), http)
            await vipps.epayment.create(
                reference="ls-retry-after-0001",
                amount_ore=20_000,
                idempotency_key="ls-retry-after-0001-create",
                metadata=META,
            )
    finally:
        await emulator.aclose()
    if len(arrivals) != 2:
        raise RuntimeError(f"expected 2 create requests, saw {len(arrivals)}")
    return arrivals[1] - arrivals[0]


def main() -> None:
    if sys.argv[1] == "qasync":
        from kiosk.gui.window import run_qt

        gap_s = run_qt(scenario)
    else:
        gap_s = asyncio.run(scenario())
    print(f"{gap_s:.6f}")


if __name__ == "__main__":
    main()
