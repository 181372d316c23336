"""Which failures the client retries, with which key, after how long (MockTransport fakes)."""

from __future__ import annotations

import httpx
import pytest
from vipps_fakes import FakeClock, ScriptedVipps, full_backoff, payment_json, problem

from kiosk.payments.client import VippsClient
from kiosk.payments.errors import (
    VippsAuthError,
    VippsConflict,
    VippsError,
    VippsNotFound,
    VippsProtocolError,
    VippsRateLimited,
    VippsRequestRejected,
    VippsTemporaryError,
    VippsTransportError,
)
from kiosk.payments.retry import RetryPolicy, parse_retry_after

REF = "st1-session-0001"


def modification(captured: int = 1000) -> httpx.Response:
    body = payment_json(REF, "AUTHORIZED", authorized=35000, captured=captured)
    return httpx.Response(
        200,
        json={
            "amount": body["amount"],
            "state": "AUTHORIZED",
            "aggregate": body["aggregate"],
            "pspReference": "psp-2",
            "reference": REF,
        },
    )


@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(problem(500), id="500"),
        pytest.param(problem(502), id="502"),
        pytest.param(problem(503), id="503"),
        pytest.param(problem(423), id="423"),
        pytest.param(problem(409, 6160), id="409-6160-order-processing"),
        pytest.param(problem(400, 6280), id="400-6280-capture-failed-try-later"),
        pytest.param(problem(429), id="429"),
        pytest.param(httpx.ReadTimeout("slow"), id="read-timeout"),
        pytest.param(httpx.ConnectTimeout("slow"), id="connect-timeout"),
        pytest.param(httpx.ConnectError("refused"), id="connect-error"),
        pytest.param(httpx.RemoteProtocolError("reset"), id="connection-dropped"),
    ],
)
async def test_retryable_failure_is_retried_with_the_same_key(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock, failure: object
) -> None:
    scripted.script = [failure, failure, modification()]  # type: ignore[list-item]
    result = await client.epayment.capture(REF, 1000, idempotency_key="capture-s1-1")
    assert result.aggregate.captured_amount.value_ore == 1000
    keys = [r.headers["Idempotency-Key"] for r in scripted.requests]
    assert keys == ["capture-s1-1"] * 3
    assert [r.content for r in scripted.requests] == [scripted.requests[0].content] * 3
    assert clock.sleeps == [0.5, 1.0]  # doubling back-off


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (400, None, VippsRequestRejected),
        (400, 6090, VippsRequestRejected),
        (400, 6070, VippsRequestRejected),
        (403, 5080, VippsAuthError),
        (404, None, VippsNotFound),
        (400, 5090, VippsNotFound),
        (409, 4010, VippsConflict),
        (409, 4150, VippsConflict),
        (422, None, VippsRequestRejected),
    ],
)
async def test_other_4xx_is_never_retried(
    client: VippsClient,
    scripted: ScriptedVipps,
    clock: FakeClock,
    status: int,
    code: int | None,
    kind: type[VippsError],
) -> None:
    scripted.script = [problem(status, code, title="Reworded title"), modification()]
    with pytest.raises(kind) as caught:
        await client.epayment.capture(REF, 1000, idempotency_key="capture-s1-1")
    assert len(scripted.requests) == 1
    assert clock.sleeps == []
    assert getattr(caught.value, "error_code", None) == code
    assert caught.value.retryable is False


async def test_error_class_comes_from_the_code_not_the_title(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    scripted.script = [problem(400, 6080, title="Capture failed, please try again later")]
    with pytest.raises(VippsRequestRejected) as caught:
        await client.epayment.capture(REF, 1000, idempotency_key="k1")
    assert caught.value.error_code == 6080
    assert caught.value.trace_id == "trace-1"


async def test_gives_up_after_max_attempts(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock
) -> None:
    scripted.default = problem(503)
    with pytest.raises(VippsTemporaryError) as caught:
        await client.epayment.capture(REF, 1000, idempotency_key="k1")
    assert caught.value.retryable is True
    assert len(scripted.requests) == 4  # max_attempts in make_settings
    assert clock.sleeps == [0.5, 1.0, 2.0]


async def test_backoff_is_capped_by_max_delay(scripted: ScriptedVipps, clock: FakeClock) -> None:
    from vipps_fakes import make_settings

    async with httpx.AsyncClient(transport=httpx.MockTransport(scripted)) as http:
        vipps = VippsClient.from_settings(
            make_settings(max_attempts=7, retry_max_delay_s=3.0),
            http,
            sleep=clock.sleep,
            monotonic=clock.monotonic,
            jitter=full_backoff,
        )
        scripted.default = problem(500)
        with pytest.raises(VippsTemporaryError):
            await vipps.epayment.get(REF)
    assert clock.sleeps == [0.5, 1.0, 2.0, 3.0, 3.0, 3.0]


async def test_timeout_exhausted_is_a_transport_error(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    scripted.default = httpx.ReadTimeout("slow")
    with pytest.raises(VippsTransportError) as caught:
        await client.epayment.cancel(REF, idempotency_key="cancel-s1")
    assert caught.value.retryable is True
    assert {r.headers["Idempotency-Key"] for r in scripted.requests} == {"cancel-s1"}


async def test_retry_after_seconds_is_honoured(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock
) -> None:
    limited = problem(429)
    limited.headers["Retry-After"] = "7"
    scripted.script = [limited, modification()]
    await client.epayment.capture(REF, 1000, idempotency_key="k1")
    assert clock.sleeps == [7.0]


async def test_retry_after_http_date_is_honoured(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock
) -> None:
    limited = problem(429)
    # FakeClock.wall() is 1_700_001_000 at the start; this date is 4 s later.
    limited.headers["Retry-After"] = "Tue, 14 Nov 2023 22:30:04 GMT"
    assert clock.wall() == 1_700_001_000.0
    scripted.script = [limited, modification()]
    await client.epayment.capture(REF, 1000, idempotency_key="k1")
    assert clock.sleeps == [4.0]


async def test_retry_after_longer_than_max_delay_gives_up_with_the_hint(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock
) -> None:
    limited = problem(429)
    limited.headers["Retry-After"] = "120"
    scripted.script = [limited, modification()]
    with pytest.raises(VippsRateLimited) as caught:
        await client.epayment.capture(REF, 1000, idempotency_key="k1")
    assert caught.value.retry_after_s == 120.0
    assert clock.sleeps == []
    assert len(scripted.requests) == 1


async def test_garbage_json_is_a_protocol_error_and_not_retried(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    scripted.script = [httpx.Response(200, content=b"<html>gateway</html>")]
    with pytest.raises(VippsProtocolError):
        await client.epayment.get(REF)
    assert len(scripted.requests) == 1


async def test_wrong_shape_is_a_protocol_error(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    broken = payment_json(REF)
    broken["aggregate"]["capturedAmount"]["value"] = 12.5  # decimals are never valid
    scripted.script = [httpx.Response(200, json=broken)]
    with pytest.raises(VippsProtocolError, match=r"aggregate\.capturedAmount\.value"):
        await client.epayment.get(REF)


async def test_error_body_that_is_not_json_still_classifies_by_status(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    scripted.script = [httpx.Response(404, content=b"not found")]
    with pytest.raises(VippsNotFound) as caught:
        await client.epayment.get(REF)
    assert caught.value.error_code is None


async def test_idempotency_key_longer_than_50_is_refused_before_sending(
    client: VippsClient, scripted: ScriptedVipps
) -> None:
    with pytest.raises(ValueError, match="Idempotency-Key"):
        await client.epayment.capture(REF, 100, idempotency_key="k" * 51)
    assert scripted.requests == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("3", 3.0),
        ("1.5", 1.5),
        ("-4", 0.0),
        ("nan", None),
        ("soon", None),
        ("Thu, 01 Jan 1970 00:00:10 GMT", 5.0),
        ("Thu, 01 Jan 1970 00:00:01 GMT", 0.0),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, now_epoch_s=5.0) == expected


def test_policy_never_retries_a_rejection_even_with_attempts_left() -> None:
    policy = RetryPolicy(max_attempts=10, jitter=full_backoff)
    rejected = VippsRequestRejected(400, error_code=6090)
    assert policy.delay_s(1, rejected) is None
    assert policy.delay_s(1, VippsProtocolError("x")) is None
    assert policy.delay_s(1, VippsTransportError("x")) == 0.5
    assert policy.delay_s(10, VippsTransportError("x")) is None


@pytest.mark.parametrize(
    ("fraction", "expected"),
    [(0.0, [0.25, 0.5, 1.0, 2.0, 2.0]), (0.5, [0.375, 0.75, 1.5, 3.0, 3.0])],
)
def test_equal_jitter_keeps_between_half_and_all_of_the_doubled_delay(
    fraction: float, expected: list[float]
) -> None:
    policy = RetryPolicy(
        max_attempts=10, base_delay_s=0.5, max_delay_s=4.0, jitter=lambda: fraction
    )
    delays = [policy.delay_s(n, VippsTransportError("x")) for n in range(1, 6)]
    assert delays == expected


def test_out_of_range_jitter_is_clamped_to_the_bounds() -> None:
    low = RetryPolicy(base_delay_s=2.0, jitter=lambda: -3.0)
    high = RetryPolicy(base_delay_s=2.0, jitter=lambda: 7.0)
    assert low.delay_s(1, VippsTemporaryError(503)) == 1.0
    assert high.delay_s(1, VippsTemporaryError(503)) == 2.0


def test_default_jitter_spreads_the_retries_of_many_kiosks() -> None:
    policy = RetryPolicy(base_delay_s=1.0, max_delay_s=30.0)
    delays = [policy.delay_s(3, VippsTransportError("x")) for _ in range(200)]
    assert all(d is not None and 2.0 <= d <= 4.0 for d in delays)
    assert len({round(d or 0.0, 3) for d in delays}) > 50  # not one shared second
    assert min(d or 0.0 for d in delays) < 2.5
    assert max(d or 0.0 for d in delays) > 3.5


def test_retry_after_is_never_jittered() -> None:
    policy = RetryPolicy(max_delay_s=30.0, jitter=lambda: 0.0)
    limited = VippsRateLimited(429)
    limited.retry_after_s = 7.0
    assert policy.delay_s(1, limited) == 7.0
    assert policy.delay_s(3, limited) == 7.0


async def test_client_sleeps_the_jittered_delay(scripted: ScriptedVipps, clock: FakeClock) -> None:
    from vipps_fakes import make_settings

    fractions = iter([0.0, 0.5, 1.0])
    async with httpx.AsyncClient(transport=httpx.MockTransport(scripted)) as http:
        vipps = VippsClient.from_settings(
            make_settings(), http, sleep=clock.sleep, jitter=lambda: next(fractions)
        )
        scripted.default = problem(503)
        with pytest.raises(VippsTemporaryError):
            await vipps.epayment.get(REF)
    assert clock.sleeps == [0.25, 0.75, 2.0]
