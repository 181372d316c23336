"""The emulator's WEB_REDIRECT flow: returnUrl rules, the landing page, the way back."""

from __future__ import annotations

import re

import httpx
import pytest
from vipps_emulator_helpers import create, error_code, payment_body

from kiosk.sandbox.vipps import Emulator, PaymentState
from kiosk.sandbox.vipps.config import EmulatorConfig

RETURN = "https://lade.example.no/s/abcdefghijklmnopqrstuvwx"


def _web(**overrides: object) -> dict[str, object]:
    body = payment_body(**{"userFlow": "WEB_REDIRECT", "returnUrl": RETURN, **overrides})
    body.pop("qrFormat")
    return body


def _token(url: str) -> str:
    found = re.search(r"token=([^&]+)", url)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("approve", "state", "button"),
    [
        ("/phone/approve", PaymentState.AUTHORIZED, "approve"),
        ("/phone/decline", PaymentState.ABORTED, "decline"),
    ],
)
async def test_the_landing_page_decides_and_sends_the_browser_back(
    client: httpx.AsyncClient, emulator: Emulator, approve: str, state: PaymentState, button: str
) -> None:
    created = await create(client, _web())
    assert created.status_code == 201
    landing = created.json()["redirectUrl"]
    assert "/landing?token=" in landing
    page = await client.get(landing)
    assert f"id='{button}'" in page.text
    assert "id='card'" not in page.text  # this sales unit takes no cards
    answer = await client.post(approve, data={"token": _token(landing)})
    assert answer.status_code == 303
    assert answer.headers["location"] == RETURN
    assert emulator.payment("st21-session-0001").state is state


async def test_web_redirect_needs_an_https_return_url(client: httpx.AsyncClient) -> None:
    missing = await create(client, {k: v for k, v in _web().items() if k != "returnUrl"})
    assert missing.status_code == 400
    assert error_code(missing) == 4140
    plain = await create(client, _web(returnUrl="http://127.0.0.1:8788/s/x"), key="k2")
    assert plain.status_code == 400
    assert error_code(plain) == 4090


class TestSwitchedOn:
    """An emulator told to take loopback http URLs (the demo) and a sales unit with cards."""

    @pytest.fixture
    def config(self) -> EmulatorConfig:
        return EmulatorConfig(strict=False, loopback_http_urls=True, card_payments=True)

    async def test_loopback_return_urls_and_the_card_path(
        self, client: httpx.AsyncClient, emulator: Emulator
    ) -> None:
        back = "http://127.0.0.1:8788/s/abcdefghijklmnopqrstuvwx"
        created = await create(client, _web(returnUrl=back))
        assert created.status_code == 201
        landing = created.json()["redirectUrl"]
        assert "id='card'" in (await client.get(landing)).text
        answer = await client.post("/phone/card", data={"token": _token(landing)})
        assert answer.status_code == 303
        assert answer.headers["location"] == back
        payment = emulator.payment("st21-session-0001")
        assert payment.state is PaymentState.AUTHORIZED
        assert payment.payment_method_type == "CARD"
        still_refused = await create(
            client, _web(reference="st21-session-0002", returnUrl="http://evil.example/x")
        )
        assert still_refused.status_code == 400
