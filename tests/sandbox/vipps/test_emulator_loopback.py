"""The emulator as a real uvicorn server on 127.0.0.1 (port 0): a full lifecycle over HTTP."""

from __future__ import annotations

import re

import httpx
import pytest
from vipps_emulator_helpers import KEY_HEADERS, TOKEN_HEADERS, payment_body

from kiosk.sandbox.vipps import Emulator, EmulatorConfig, ManualClock, create_app, serve

REF = "st21-loopback-0001"


async def test_lifecycle_over_loopback_with_the_phone_page() -> None:
    emulator = Emulator(EmulatorConfig(strict=False), clock=ManualClock())
    async with (
        serve(create_app(emulator=emulator)) as server,
        httpx.AsyncClient(base_url=server.base_url, timeout=5) as client,
    ):
        assert server.port > 0
        token = (await client.post("/accesstoken/get", headers=TOKEN_HEADERS)).json()
        client.headers.update(KEY_HEADERS | {"Authorization": f"Bearer {token['access_token']}"})
        created = await client.post(
            "/epayment/v1/payments", json=payment_body(REF), headers={"Idempotency-Key": "c-1"}
        )
        target = created.json()["redirectUrl"]
        assert target.startswith(f"{server.base_url}/phone?token=")
        page = await client.get(target)
        assert "350,00 NOK" in page.text
        token_value = re.search(r"name='token' value='([^']+)'", page.text)
        assert token_value is not None
        approved = await client.post(
            "/phone/approve", data={"token": token_value.group(1)}, follow_redirects=True
        )
        assert "<span class='state' id='state'>AUTHORIZED</span>" in approved.text
        capture = await client.post(
            f"/epayment/v1/payments/{REF}/capture",
            json={"modificationAmount": {"currency": "NOK", "value": 4321}},
            headers={"Idempotency-Key": "cap-1"},
        )
        assert capture.status_code == 200
        cancel = await client.post(
            f"/epayment/v1/payments/{REF}/cancel", json={}, headers={"Idempotency-Key": "can-1"}
        )
        assert cancel.status_code == 200
        agg = (await client.get(f"/epayment/v1/payments/{REF}")).json()["aggregate"]
        assert agg["capturedAmount"]["value"] + agg["cancelledAmount"]["value"] == 35000
    await emulator.aclose()


async def test_lost_response_over_loopback_is_a_remote_protocol_error() -> None:
    emulator = Emulator(EmulatorConfig(strict=False), clock=ManualClock())
    async with (
        serve(create_app(emulator=emulator)) as server,
        httpx.AsyncClient(base_url=server.base_url, timeout=5) as client,
    ):
        token = (await client.post("/accesstoken/get", headers=TOKEN_HEADERS)).json()
        client.headers.update(KEY_HEADERS | {"Authorization": f"Bearer {token['access_token']}"})
        emulator.faults.lose_response("create")
        with pytest.raises(httpx.RemoteProtocolError):
            await client.post(
                "/epayment/v1/payments", json=payment_body(REF), headers={"Idempotency-Key": "c"}
            )
        assert emulator.payment(REF).state.value == "CREATED"  # the work was committed
        replay = await client.post(
            "/epayment/v1/payments", json=payment_body(REF), headers={"Idempotency-Key": "c"}
        )
        assert replay.status_code == 201
    await emulator.aclose()
