"""The webhook receiver: the digest's worked HMAC example, tampering, staleness, duplicates."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from pydantic import SecretStr

from kiosk.payments.models import EventName, WebhookEvent
from kiosk.payments.signature import sign
from kiosk.web.webhook_receiver import WebhookReceiver

SECRET = "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A=="
URL = "https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63"
BODY = b'{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}'
DATE = "Thu, 30 Mar 2023 08:38:32 GMT"
NOW = datetime(2023, 3, 30, 8, 38, 32, tzinfo=UTC)
WORKED_HEADERS = {
    "x-ms-date": DATE,
    "x-ms-content-sha256": "lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=",
    "Authorization": "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256"
    "&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=",
}


def event_body(name: str = "AUTHORIZED", psp: str = "psp-9") -> bytes:
    return json.dumps(
        {
            "msn": "123456",
            "reference": "st1-session-0001",
            "pspReference": psp,
            "name": name,
            "amount": {"currency": "NOK", "value": 35000},
            "timestamp": "2023-03-30T08:38:30.000Z",
            "idempotencyKey": "create-s1",
            "success": True,
        },
        separators=(",", ":"),
    ).encode()


class Recorder:
    def __init__(self) -> None:
        self.events: list[WebhookEvent] = []
        self.fail_next = False

    async def __call__(self, event: WebhookEvent) -> None:
        if self.fail_next:
            self.fail_next = False
            raise RuntimeError("database is locked")
        self.events.append(event)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def clock_now() -> list[datetime]:
    return [NOW]


@pytest.fixture
def receiver(recorder: Recorder, clock_now: list[datetime]) -> WebhookReceiver:
    return WebhookReceiver(
        secret=SecretStr(SECRET), registered_url=URL, on_event=recorder, now=lambda: clock_now[0]
    )


@pytest.fixture
async def post(
    receiver: WebhookReceiver,
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=receiver.app)
    async with httpx.AsyncClient(transport=transport) as http:
        yield http


def signed(body: bytes, date: str = DATE) -> dict[str, str]:
    headers = sign(SECRET, URL, body, date).as_dict()
    del headers["Host"]  # httpx sets Host from the URL
    return headers


async def test_worked_example_is_accepted(
    post: httpx.AsyncClient, receiver: WebhookReceiver, recorder: Recorder
) -> None:
    response = await post.post(URL, content=BODY, headers=WORKED_HEADERS)
    assert response.status_code == 202  # signed and accepted, but not an ePayment event
    assert receiver.ignored == 1
    assert receiver.rejected == 0
    assert recorder.events == []


async def test_signed_epayment_event_reaches_the_callback(
    post: httpx.AsyncClient, recorder: Recorder
) -> None:
    body = event_body()
    response = await post.post(URL, content=body, headers=signed(body))
    assert response.status_code == 200
    (event,) = recorder.events
    assert event.name is EventName.AUTHORIZED
    assert event.amount.value_ore == 35000
    assert event.reference == "st1-session-0001"


async def test_duplicate_delivery_is_handed_over_once(
    post: httpx.AsyncClient, receiver: WebhookReceiver, recorder: Recorder
) -> None:
    body = event_body()
    first = await post.post(URL, content=body, headers=signed(body))
    second = await post.post(URL, content=body, headers=signed(body))
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json() == {"duplicate": True}
    assert len(recorder.events) == 1
    assert receiver.duplicates == 1
    other = event_body("CAPTURED", psp="psp-10")
    assert (await post.post(URL, content=other, headers=signed(other))).status_code == 200
    assert [e.name for e in recorder.events] == [EventName.AUTHORIZED, EventName.CAPTURED]


def tampered_signature() -> tuple[bytes, dict[str, str]]:
    headers = dict(WORKED_HEADERS)
    headers["Authorization"] = headers["Authorization"].replace("agAi", "agAj")
    return BODY, headers


def tampered_body() -> tuple[bytes, dict[str, str]]:
    return BODY.replace(b"hello", b"HELLO"), dict(WORKED_HEADERS)


def wrong_secret() -> tuple[bytes, dict[str, str]]:
    body = event_body()
    headers = sign("another-secret", URL, body, DATE).as_dict()
    del headers["Host"]
    return body, headers


def wrong_url() -> tuple[bytes, dict[str, str]]:
    body = event_body()
    headers = sign(SECRET, "https://webhook.site/other", body, DATE).as_dict()
    del headers["Host"]
    return body, headers


def missing_date() -> tuple[bytes, dict[str, str]]:
    headers = dict(WORKED_HEADERS)
    del headers["x-ms-date"]
    return BODY, headers


def no_headers() -> tuple[bytes, dict[str, str]]:
    return event_body(), {}


def stale_date() -> tuple[bytes, dict[str, str]]:
    body = event_body()
    return body, signed(body, "Thu, 30 Mar 2023 08:00:00 GMT")  # 38 minutes old


def future_date() -> tuple[bytes, dict[str, str]]:
    body = event_body()
    return body, signed(body, "Thu, 30 Mar 2023 09:00:00 GMT")


def garbage_date() -> tuple[bytes, dict[str, str]]:
    body = event_body()
    return body, signed(body, "yesterday")


def not_json() -> tuple[bytes, dict[str, str]]:
    body = b"{not json"
    return body, signed(body)


def json_array() -> tuple[bytes, dict[str, str]]:
    body = b"[1, 2, 3]"
    return body, signed(body)


def bad_event_fields() -> tuple[bytes, dict[str, str]]:
    data = json.loads(event_body())
    data["amount"]["value"] = "35000.5"
    data["name"] = "PAID"
    body = json.dumps(data).encode()
    return body, signed(body)


def missing_event_fields() -> tuple[bytes, dict[str, str]]:
    data = json.loads(event_body())
    del data["amount"]
    body = json.dumps(data).encode()
    return body, signed(body)


@pytest.mark.parametrize(
    "delivery",
    [
        tampered_signature,
        tampered_body,
        wrong_secret,
        wrong_url,
        missing_date,
        no_headers,
        stale_date,
        future_date,
        garbage_date,
        not_json,
        json_array,
        bad_event_fields,
        missing_event_fields,
    ],
)
async def test_anything_else_is_401(
    post: httpx.AsyncClient,
    receiver: WebhookReceiver,
    recorder: Recorder,
    delivery: object,
) -> None:
    body, headers = delivery()  # type: ignore[operator]
    response = await post.post(URL, content=body, headers=headers)
    assert response.status_code == 401
    assert receiver.rejected == 1
    assert recorder.events == []


async def test_date_within_skew_is_accepted(
    post: httpx.AsyncClient, clock_now: list[datetime], recorder: Recorder
) -> None:
    clock_now[0] = NOW + timedelta(minutes=14)
    body = event_body()
    assert (await post.post(URL, content=body, headers=signed(body))).status_code == 200
    assert len(recorder.events) == 1


async def test_failing_callback_answers_500_and_the_retry_is_handled(
    post: httpx.AsyncClient, recorder: Recorder
) -> None:
    recorder.fail_next = True
    body = event_body()
    assert (await post.post(URL, content=body, headers=signed(body))).status_code == 500
    assert recorder.events == []
    assert (await post.post(URL, content=body, headers=signed(body))).status_code == 200
    assert len(recorder.events) == 1


async def test_only_post_on_the_registered_path(post: httpx.AsyncClient) -> None:
    assert (await post.get(URL)).status_code == 405
    body = event_body()
    other = await post.post("https://webhook.site/elsewhere", content=body, headers=signed(body))
    assert other.status_code == 404


async def test_remembers_a_bounded_number_of_events(recorder: Recorder) -> None:
    receiver = WebhookReceiver(
        secret=SecretStr(SECRET),
        registered_url=URL,
        on_event=recorder,
        now=lambda: NOW,
        remembered_events=2,
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.app)) as http:
        bodies = [event_body(psp=f"psp-{i}") for i in range(3)]
        for body in [*bodies, bodies[0]]:
            await http.post(URL, content=body, headers=signed(body))
    assert len(recorder.events) == 4  # the oldest was forgotten, so its repeat went through
