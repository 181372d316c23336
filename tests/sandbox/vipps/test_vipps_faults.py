"""Fault injection: latency, 5xx, 429, hangs, drops and responses lost after the commit."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from vipps_emulator_helpers import (
    KEY_HEADERS,
    TOKEN_HEADERS,
    create,
    error_code,
    modify,
    payment_body,
)

from kiosk.sandbox.vipps import (
    Emulator,
    EmulatorConfig,
    Fault,
    FaultKind,
    ManualClock,
    PaymentState,
    ResponseDroppedError,
    create_app,
)

REF = "st21-session-0001"


async def test_latency_delays_but_serves(client: httpx.AsyncClient, emulator: Emulator) -> None:
    emulator.faults.latency("create", delay_s=0.2, count=1)
    started = time.monotonic()
    response = await create(client, payment_body())
    assert response.status_code == 201
    assert time.monotonic() - started >= 0.2
    assert emulator.faults.active == ()


async def test_injected_5xx_does_no_work_and_a_retry_succeeds(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await create(client, payment_body())
    emulator.approve(REF)
    emulator.faults.error("capture", 500, error_code=6280, count=2)
    for _ in range(2):
        failed = await modify(client, REF, "capture", 1000, "capture-1")
        assert (failed.status_code, error_code(failed)) == (500, 6280)
    assert emulator.payment(REF).captured_value == 0
    retried = await modify(client, REF, "capture", 1000, "capture-1")
    assert retried.status_code == 200
    assert emulator.payment(REF).captured_value == 1000


async def test_rate_limit_answers_429_with_retry_after(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    emulator.faults.rate_limit("get", retry_after_s=3)
    limited = await client.get(f"/epayment/v1/payments/{REF}")
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "3"
    assert (await client.get(f"/epayment/v1/payments/{REF}")).status_code == 404


async def test_hung_request_waits_until_released_then_504_without_work(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    emulator.faults.hang("create")
    pending = asyncio.create_task(create(client, payment_body()))
    async with asyncio.timeout(2):
        while emulator.faults.hung_now == 0:
            await asyncio.sleep(0.01)
    assert not pending.done()
    emulator.faults.release_hung()
    response = await pending
    assert response.status_code == 504
    assert REF not in emulator.payments


async def test_hung_request_can_be_abandoned_by_the_client(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    emulator.faults.hang("get", hang_s=30)
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.1):
            await client.get(f"/epayment/v1/payments/{REF}")
    assert emulator.faults.hung_now == 0


async def test_drop_does_no_work(client: httpx.AsyncClient, emulator: Emulator) -> None:
    emulator.faults.drop("create")
    with pytest.raises(httpx.RemoteProtocolError):
        await create(client, payment_body())
    assert REF not in emulator.payments


async def test_lost_capture_response_is_retried_to_exactly_one_capture(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await create(client, payment_body())
    emulator.approve(REF)
    emulator.faults.lose_response("capture")
    with pytest.raises(ResponseDroppedError):
        await modify(client, REF, "capture", 4321, "capture-1")
    assert emulator.payment(REF).captured_value == 4321  # committed before the loss
    retried = await modify(client, REF, "capture", 4321, "capture-1")
    assert retried.status_code == 200
    assert retried.json()["aggregate"]["capturedAmount"]["value"] == 4321
    assert [e.name.value for e in emulator.events(REF)].count("CAPTURED") == 1


async def test_lost_response_as_gateway_timeout(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    emulator.faults.lose_response("create", mode="gateway_timeout")
    response = await create(client, payment_body())
    assert response.status_code == 504
    assert emulator.payment(REF).state is PaymentState.CREATED


async def test_faults_over_the_control_endpoint(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    added = await client.post(
        "/_emulator/faults",
        json={"kind": "error", "operation": "get", "status": 503, "count": None},
    )
    assert added.status_code == 201
    for _ in range(3):
        assert (await client.get(f"/epayment/v1/payments/{REF}")).status_code == 503
    listed = (await client.get("/_emulator/faults")).json()
    assert [(f["kind"], f["hits"]) for f in listed] == [("error", 3)]
    assert (await client.delete(f"/_emulator/faults/{listed[0]['id']}")).status_code == 204
    assert (await client.get(f"/epayment/v1/payments/{REF}")).status_code == 404
    bad = await client.post("/_emulator/faults", json={"kind": "error", "operation": "nope"})
    assert bad.status_code == 400
    await client.post("/_emulator/faults", json={"kind": "rate_limit"})
    assert (await client.delete("/_emulator/faults")).status_code == 204
    assert emulator.faults.active == ()


async def test_faults_never_touch_the_phone_or_control_paths(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    emulator.faults.add(Fault(FaultKind.ERROR, "*", count=None, status=500))
    assert (await client.get("/_emulator/payments")).status_code == 200
    assert (await client.get("/phone?token=x")).status_code == 404
    assert (await client.get(f"/epayment/v1/payments/{REF}")).status_code == 500


def test_fault_validation() -> None:
    with pytest.raises(ValueError, match="unknown operation"):
        Fault(FaultKind.ERROR, "teleport")
    with pytest.raises(ValueError, match="count"):
        Fault(FaultKind.ERROR, count=0)


async def test_optional_rate_limits_per_reference(clock: ManualClock) -> None:
    emulator = Emulator(EmulatorConfig(strict=False, rate_limits=True), clock=clock)
    transport = httpx.ASGITransport(app=create_app(emulator=emulator))
    async with httpx.AsyncClient(transport=transport, base_url="http://vipps.test") as client:
        token = (await client.post("/accesstoken/get", headers=TOKEN_HEADERS)).json()
        client.headers.update(KEY_HEADERS | {"Authorization": f"Bearer {token['access_token']}"})
        await create(client, payment_body())
        emulator.approve(REF)
        for index in range(4):
            assert (await modify(client, REF, "capture", 100, f"c-{index}")).status_code == 200
        limited = await modify(client, REF, "capture", 100, "c-5")
        assert limited.status_code == 429
        assert limited.headers["Retry-After"] == "60"
        assert emulator.payment(REF).captured_value == 400
        clock.advance(60)
        assert (await modify(client, REF, "capture", 100, "c-5")).status_code == 200
        for _ in range(120):
            await client.get(f"/epayment/v1/payments/{REF}")
        assert (await client.get(f"/epayment/v1/payments/{REF}")).status_code == 429
    await emulator.aclose()
