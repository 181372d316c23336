"""Over real HTTP on loopback: hung and dropped requests, and the ``kiosk vipps`` commands."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from emulator_env import META, emulator_settings

from kiosk.cli import main
from kiosk.payments.client import VippsClient
from kiosk.payments.errors import VippsTransportError
from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_MSN,
    DEFAULT_SUBSCRIPTION_KEY,
)
from kiosk.sandbox.vipps.emulator import Emulator
from kiosk.sandbox.vipps.server import serve

REF = "st1-session-0001"


@pytest.fixture
async def live() -> AsyncIterator[tuple[VippsClient, Emulator]]:
    app = create_app()
    async with serve(app) as running, httpx.AsyncClient() as http:
        settings = emulator_settings(
            base_url=running.base_url, request_timeout_s=0.3, retry_base_delay_s=0.05
        )
        yield VippsClient.from_settings(settings, http), app.state.emulator


async def test_a_hung_request_times_out_and_is_retried(live: tuple[VippsClient, Emulator]) -> None:
    vipps, emulator = live
    await vipps.epayment.create(
        reference=REF, amount_ore=35000, idempotency_key="s1-create", metadata=META
    )
    fault = emulator.faults.hang("get", count=1)
    payment = await vipps.epayment.get(REF)
    assert payment.reference == REF
    assert fault.hits == 1


async def test_a_dropped_connection_is_retried(live: tuple[VippsClient, Emulator]) -> None:
    vipps, emulator = live
    fault = emulator.faults.drop("create", count=1)
    created = await vipps.epayment.create(
        reference=REF, amount_ore=35000, idempotency_key="s1-create", metadata=META
    )
    assert created.reference == REF
    assert fault.hits == 1
    assert len(emulator.events(REF)) == 1


async def test_a_lost_capture_answer_over_real_http(live: tuple[VippsClient, Emulator]) -> None:
    vipps, emulator = live
    await vipps.epayment.create(
        reference=REF, amount_ore=35000, idempotency_key="s1-create", metadata=META
    )
    emulator.approve(REF)
    emulator.faults.lose_response("capture", count=1)
    result = await vipps.epayment.capture(REF, 4321, idempotency_key="s1-capture")
    assert result.aggregate.captured_amount.value_ore == 4321
    assert [e.name.value for e in emulator.events(REF)].count("CAPTURED") == 1


async def test_hanging_every_time_ends_as_a_transport_error(
    live: tuple[VippsClient, Emulator],
) -> None:
    vipps, emulator = live
    emulator.faults.hang("get", count=None)
    with pytest.raises(VippsTransportError):
        await vipps.epayment.get(REF)


# ---- the kiosk vipps commands -------------------------------------------------------------


@pytest.fixture
def emulator_in_thread() -> Iterator[tuple[str, Emulator]]:
    """The emulator on loopback in its own thread, so the (sync) command can ``asyncio.run``."""
    ready = threading.Event()
    box: dict[str, Any] = {}

    def run() -> None:
        async def serve_until_stopped() -> None:
            app = create_app()
            async with serve(app) as running:
                box.update(
                    url=running.base_url,
                    emulator=app.state.emulator,
                    stop=asyncio.Event(),
                    loop=asyncio.get_running_loop(),
                )
                ready.set()
                await box["stop"].wait()

        asyncio.run(serve_until_stopped())

    thread = threading.Thread(target=run, name="emulator", daemon=True)
    thread.start()
    assert ready.wait(10), "the emulator did not start"
    try:
        yield box["url"], box["emulator"]
    finally:
        box["loop"].call_soon_threadsafe(box["stop"].set)
        thread.join(10)


@pytest.fixture
def vipps_env(monkeypatch: pytest.MonkeyPatch, emulator_in_thread: tuple[str, Emulator]) -> str:
    url, _emulator = emulator_in_thread
    for name, value in {
        "VIPPS_CLIENT_ID": DEFAULT_CLIENT_ID,
        "VIPPS_CLIENT_SECRET": DEFAULT_CLIENT_SECRET,
        "VIPPS_SUBSCRIPTION_KEY": DEFAULT_SUBSCRIPTION_KEY,
        "VIPPS_MSN": DEFAULT_MSN,
        "VIPPS_BASE_URL": url,
    }.items():
        monkeypatch.setenv(name, value)
    return url


def test_ping_command(vipps_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vipps", "ping"]) == 0
    out = capsys.readouterr().out
    assert "token and ePayment OK" in out
    assert DEFAULT_CLIENT_SECRET not in out


def test_ping_command_with_a_wrong_secret(
    vipps_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VIPPS_CLIENT_SECRET", "wrong")
    assert main(["vipps", "ping"]) == 1
    assert "refused the credentials" in capsys.readouterr().out


def test_ping_command_without_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("VIPPS_CLIENT_ID", "VIPPS_CLIENT_SECRET", "VIPPS_SUBSCRIPTION_KEY", "VIPPS_MSN"):
        monkeypatch.delenv(name, raising=False)
    assert main(["vipps", "ping"]) == 2
    assert "VIPPS_CLIENT_ID is not set" in capsys.readouterr().err


def test_register_list_delete_commands(vipps_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vipps", "register-webhook", "--url", "https://kiosk.example/hooks"]) == 0
    out = capsys.readouterr().out
    webhook_id = out.split()[2]
    assert "shown only once" in out
    assert main(["vipps", "register-webhook", "--list"]) == 0
    listed = capsys.readouterr().out
    assert webhook_id in listed
    assert "https://kiosk.example/hooks" in listed
    assert main(["vipps", "register-webhook", "--delete", webhook_id]) == 0
    capsys.readouterr()
    assert main(["vipps", "register-webhook", "--list"]) == 0
    assert "No webhooks" in capsys.readouterr().out


def test_register_refuses_plain_http(vipps_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vipps", "register-webhook", "--url", "http://kiosk.example/hooks"]) == 2
    assert "https" in capsys.readouterr().err


def test_delete_unknown_webhook_says_vipps_refused(
    vipps_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["vipps", "register-webhook", "--delete", "nope"]) == 1
    assert "Vipps did not do it" in capsys.readouterr().err
