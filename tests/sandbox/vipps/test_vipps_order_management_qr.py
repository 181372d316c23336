"""Order Management receipts/categories/images and QR merchant-redirect CRUD (§4, §5)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from vipps_emulator_helpers import KEY_HEADERS, TOKEN_HEADERS, create, modify, payment_body

from kiosk.sandbox.vipps import Emulator, EmulatorConfig, ManualClock, create_app

REF = "st21-session-0001"


def receipt(total: int = 4321, excl: int = 3457, tax: int = 864) -> dict[str, Any]:
    return {
        "orderLines": [
            {
                "name": "Lading, ladepunkt 21",
                "id": "session-abc",
                "totalAmount": total,
                "totalAmountExcludingTax": excl,
                "totalTaxAmount": tax,
                "taxRate": 2500,
                "unitInfo": {"unitPrice": 350, "quantity": "12.345", "quantityUnit": "KWH"},
            }
        ],
        "bottomLine": {"currency": "NOK", "posId": "station-21", "receiptNumber": "R-1"},
    }


async def test_receipt_is_stored_once_and_readable(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    await create(client, payment_body())
    emulator.approve(REF)
    await modify(client, REF, "capture", 4321, "c")
    posted = await client.post(f"/order-management/v2/ECOM/receipts/{REF}", json=receipt())
    assert posted.status_code == 201
    assert isinstance(posted.json(), str)
    again = await client.post(f"/order-management/v2/ecom/receipts/{REF}", json=receipt())
    assert again.status_code == 409
    assert emulator.receipt(REF) == receipt()
    assert emulator.order_management.warnings == []
    got = (await client.get(f"/order-management/v2/ecom/{REF}")).json()
    assert got["receipt"]["orderLines"][0]["unitInfo"]["quantityUnit"] == "KWH"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda r: r.update(orderLines=[]), "orderLines"),
        (lambda r: r["orderLines"][0].pop("taxRate"), "orderLines[0].taxRate"),
        (
            lambda r: r["orderLines"][0]["unitInfo"].update(quantityUnit="KWh"),
            "orderLines[0].unitInfo.quantityUnit",
        ),
        (
            lambda r: r["orderLines"][0]["unitInfo"].update(quantity="12,3"),
            "orderLines[0].unitInfo.quantity",
        ),
        (lambda r: r["bottomLine"].update(currency="SEK"), "bottomLine.currency"),
    ],
)
async def test_receipt_validation(client: httpx.AsyncClient, mutate: Any, field: str) -> None:
    body = receipt()
    mutate(body)
    response = await client.post(f"/order-management/v2/ecom/receipts/{REF}", json=body)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == field


async def test_unknown_payment_type_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post(f"/order-management/v2/epayment/receipts/{REF}", json=receipt())
    assert response.status_code == 400


async def test_sum_checks_warn_by_default(client: httpx.AsyncClient, emulator: Emulator) -> None:
    await create(client, payment_body())
    emulator.approve(REF)
    await modify(client, REF, "capture", 4000, "c")
    posted = await client.post(f"/order-management/v2/ecom/receipts/{REF}", json=receipt(tax=800))
    assert posted.status_code == 201
    assert len(emulator.order_management.warnings) == 2


async def test_sum_checks_refuse_in_strict_sums_mode(clock: ManualClock) -> None:
    emulator = Emulator(EmulatorConfig(strict=False, receipt_sums_strict=True), clock=clock)
    transport = httpx.ASGITransport(app=create_app(emulator=emulator))
    async with httpx.AsyncClient(transport=transport, base_url="http://vipps.test") as client:
        token = (await client.post("/accesstoken/get", headers=TOKEN_HEADERS)).json()
        client.headers.update(KEY_HEADERS | {"Authorization": f"Bearer {token['access_token']}"})
        bad = await client.post(f"/order-management/v2/ecom/receipts/{REF}", json=receipt(tax=1))
        assert bad.status_code == 400
        good = await client.post(f"/order-management/v2/ecom/receipts/{REF}", json=receipt())
        assert good.status_code == 201
    await emulator.aclose()


async def test_categories_and_images(client: httpx.AsyncClient) -> None:
    base = "/order-management"
    category = {"category": "RECEIPT", "orderDetailsUrl": "https://example.com/s/1"}
    assert (await client.put(f"{base}/v2/ecom/categories/{REF}", json=category)).status_code == 200
    category["category"] = "GENERAL"
    await client.put(f"{base}/v2/ecom/categories/{REF}", json=category)
    got = (await client.get(f"{base}/v2/ecom/{REF}")).json()
    assert got["category"]["category"] == "GENERAL"
    assert "receipt" not in got
    assert (await client.get(f"{base}/v2/ecom/st21-other-0001")).status_code == 404
    image = {"imageId": "station-21", "src": "iVBORw0KGgo=", "type": "base64"}
    assert (await client.post(f"{base}/v1/images", json=image)).json() == {"imageId": "station-21"}
    assert (await client.post(f"{base}/v1/images", json=image)).status_code == 409
    v3 = {"orderId": REF, "paymentType": "ecom", "type": "RECEIPT", "url": "https://e.com/r"}
    created = await client.post(f"{base}/v3/categories", json=v3)
    assert created.status_code == 201
    category_id = created.json()["categoryId"]
    listed = (await client.get(f"{base}/v3/categories", params={"orderId": REF})).json()
    assert [c["categoryId"] for c in listed["categories"]] == [category_id]
    assert (await client.delete(f"{base}/v3/categories/{category_id}")).status_code == 200
    assert (await client.get(f"{base}/v3/categories/{category_id}")).status_code == 404


async def test_merchant_redirect_crud(client: httpx.AsyncClient, clock: ManualClock) -> None:
    base = "/qr/v1/merchant-redirect"
    body = {"id": "station-21", "redirectUrl": "https://example.com/station/21", "ttl": 600}
    unsupported = await client.post(base, json=body, headers={"Accept": "application/xml"})
    assert unsupported.status_code == 415
    created = await client.post(base, json=body, headers={"Accept": "text/targetUrl"})
    assert created.status_code == 200
    assert created.json()["url"] == "http://vipps.test/qr/r/station-21"
    assert created.json()["expiresIn"] == 600
    duplicate = await client.post(base, json=body, headers={"Accept": "image/png"})
    assert (duplicate.status_code, duplicate.json()) == (409, {"id": "station-21"})
    png = await client.get(f"{base}/station-21", headers={"Accept": "image/png", "Size": "400"})
    assert "format=png&size=400" in png.json()["url"]
    image = await client.get(png.json()["url"])
    assert image.headers["content-type"] == "image/png"
    scan = await client.get("/qr/r/station-21")
    assert (scan.status_code, scan.headers["location"]) == (302, "https://example.com/station/21")
    moved = await client.put(
        f"{base}/station-21",
        json={"redirectUrl": "https://example.com/new"},
        headers={"Accept": "image/svg+xml"},
    )
    assert moved.json()["redirectUrl"] == "https://example.com/new"
    assert (await client.get("/qr/r/station-21")).headers["location"] == "https://example.com/new"
    bad = await client.post(
        base, json={"id": "x", "redirectUrl": "http://insecure"}, headers={"Accept": "image/*"}
    )
    assert bad.status_code == 400
    clock.advance(600)
    assert (await client.get(f"{base}/station-21")).status_code == 404
    body.pop("ttl")
    await client.post(base, json=body, headers={"Accept": "image/*"})
    assert (await client.delete(f"{base}/station-21")).status_code == 200
    assert (await client.delete(f"{base}/station-21")).status_code == 404
    assert (await client.get(base)).json() == []
