"""``kiosk sim vipps``: the emulator as a foreground uvicorn server until Ctrl-C."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path

from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.config import EmulatorConfig
from kiosk.web.server import start_server


async def _serve_forever(config: EmulatorConfig, host: str, port: int) -> None:
    app = create_app(config)
    running = await start_server(app, host, port, log_level="info")
    emulator = app.state.emulator
    print(f"Vipps emulator listening on {running.base_url}", flush=True)
    print(
        f"  client_id={config.client_id} client_secret={config.client_secret} "
        f"subscription key={config.subscription_keys[0]} MSN={config.msn}",
        flush=True,
    )
    print(f"  strict OpenAPI validation: {'on' if config.strict_enabled() else 'off'}", flush=True)
    print(f"  payments and customer controls: {running.base_url}/_emulator/payments", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
        print("Vipps emulator stopping", flush=True)
    finally:
        emulator.faults.release_hung()
        await running.stop()


def run_vipps_emulator(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    public_base_url: str | None = None,
    spec_dir: Path | None = None,
    strict: bool | None = None,
    payment_expiry_s: int = 600,
) -> int:
    config = EmulatorConfig(
        public_base_url=public_base_url.rstrip("/") if public_base_url else None,
        spec_dir=spec_dir,
        strict=strict,
        payment_expiry_s=payment_expiry_s,
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve_forever(config, host, port))
    return 0
