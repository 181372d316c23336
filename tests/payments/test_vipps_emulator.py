"""Every client operation and error path against the Vipps emulator, in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from emulator_env import META, EmulatorEnv, emulator_env

from kiosk.payments.errors import (
    ErrorCode,
    VippsAuthError,
    VippsConflict,
    VippsNotFound,
    VippsRateLimited,
    VippsRequestRejected,
    VippsTemporaryError,
)
from kiosk.payments.models import EventName, PaymentState
from kiosk.payments.settings import QrFormat
from kiosk.sandbox.vipps.clock import ManualClock
from kiosk.sandbox.vipps.config import EmulatorConfig

REF = "st1-session-0001"


@pytest.fixture
async def env() -> AsyncIterator[EmulatorEnv]:
    async with emulator_env() as env:
        yield env


async def create(env: EmulatorEnv, amount_ore: int = 35000, reference: str = REF) -> None:
    await env.vipps.epayment.create(
        reference=reference,
        amount_ore=amount_ore,
        idempotency_key=f"{reference}-create",
        metadata=META,
    )


async def authorized(env: EmulatorEnv, amount_ore: int = 35000) -> None:
    await create(env, amount_ore)
    env.emulator.approve(REF)


async def test_ping(env: EmulatorEnv) -> None:
    result = await env.vipps.ping()
    assert result.ok, result.message


async def test_ping_with_wrong_secret_says_so() -> None:
    async with emulator_env(client_secret="wrong") as env:
        result = await env.vipps.ping()
    assert not result.ok
    assert "credentials" in result.message


async def test_create_qr_target_url_and_get(env: EmulatorEnv) -> None:
    created = await env.vipps.epayment.create(
        reference=REF, amount_ore=35000, idempotency_key="s1-create", metadata=META
    )
    assert created.qr_content is not None
    assert created.qr_image_url is None
    payment = await env.vipps.epayment.get(REF)
    assert payment.state is PaymentState.CREATED
    assert payment.amount.value_ore == 35000
    assert payment.metadata == {"stationId": "st1", "connectorId": "1", "sessionId": "session-0001"}
    stored = env.emulator.payment(REF)
    assert stored.customer_interaction == "CUSTOMER_PRESENT"
    assert "reservasjon" in (stored.description or "")


async def test_create_with_an_image_format() -> None:
    async with emulator_env(qr_format=QrFormat.IMAGE_PNG, qr_size_px=400) as env:
        created = await env.vipps.epayment.create(
            reference=REF, amount_ore=35000, idempotency_key="s1-create", metadata=META
        )
        assert created.qr_content is None
        assert created.qr_image_url is not None
        image = await env.http.get(created.qr_image_url)
        assert image.status_code == 200
        assert image.headers["content-type"].startswith("image/png")


async def test_create_push_message() -> None:
    async with emulator_env(push_message_allowed=True) as env:
        created = await env.vipps.epayment.create(
            reference=REF,
            amount_ore=35000,
            idempotency_key="s1-create",
            metadata=META,
            phone_number="4791234567",
        )
        assert created.redirect_url is None
        assert env.emulator.payment(REF).user_flow == "PUSH_MESSAGE"


async def test_push_refused_by_the_sales_unit_is_a_permission_error() -> None:
    config = EmulatorConfig(push_message_allowed=False)
    async with emulator_env(config, push_message_allowed=True) as env:
        with pytest.raises(VippsAuthError) as caught:
            await env.vipps.epayment.create(
                reference=REF,
                amount_ore=35000,
                idempotency_key="s1-create",
                metadata=META,
                phone_number="4791234567",
            )
    assert caught.value.error_code == ErrorCode.PUSH_MESSAGE_NOT_ALLOWED


async def test_push_not_configured_is_refused_before_sending(env: EmulatorEnv) -> None:
    with pytest.raises(ValueError, match="PUSH_MESSAGE"):
        await env.vipps.epayment.create(
            reference=REF,
            amount_ore=35000,
            idempotency_key="s1-create",
            metadata=META,
            phone_number="4791234567",
        )


async def test_create_replays_with_the_same_key(env: EmulatorEnv) -> None:
    first = await env.vipps.epayment.create(
        reference=REF, amount_ore=35000, idempotency_key="s1-create", metadata=META
    )
    again = await env.vipps.epayment.create(
        reference=REF, amount_ore=35000, idempotency_key="s1-create", metadata=META
    )
    assert again == first
    assert len(await env.vipps.epayment.events(REF)) == 1


async def test_reused_reference_with_a_new_key_conflicts(env: EmulatorEnv) -> None:
    await create(env)
    with pytest.raises(VippsConflict):
        await env.vipps.epayment.create(
            reference=REF, amount_ore=35000, idempotency_key="s1-create-2", metadata=META
        )


async def test_same_key_different_body_conflicts(env: EmulatorEnv) -> None:
    await authorized(env)
    await env.vipps.epayment.capture(REF, 1000, idempotency_key="s1-capture")
    with pytest.raises(VippsConflict) as caught:
        await env.vipps.epayment.capture(REF, 2000, idempotency_key="s1-capture")
    assert caught.value.error_code == ErrorCode.CAPTURE_IDEMPOTENCY_CONFLICT


async def test_get_unknown_payment(env: EmulatorEnv) -> None:
    with pytest.raises(VippsNotFound):
        await env.vipps.epayment.get("st1-no-such-payment")


async def test_capture_cancel_refund_and_the_event_log(env: EmulatorEnv) -> None:
    await authorized(env)
    captured = await env.vipps.epayment.capture(REF, 4321, idempotency_key="s1-capture")
    assert captured.aggregate.captured_amount.value_ore == 4321
    cancelled = await env.vipps.epayment.cancel(REF, idempotency_key="s1-cancel")
    assert cancelled.aggregate.cancelled_amount.value_ore == 35000 - 4321
    assert cancelled.state is PaymentState.AUTHORIZED
    refunded = await env.vipps.epayment.refund(REF, 321, idempotency_key="s1-refund")
    assert refunded.aggregate.refunded_amount.value_ore == 321
    payment = await env.vipps.epayment.get(REF)
    assert payment.is_settled
    assert payment.captured_ore + payment.cancelled_ore == payment.authorized_ore
    events = await env.vipps.epayment.events(REF)
    assert [(e.name, e.amount.value_ore) for e in events] == [
        (EventName.CREATED, 35000),
        (EventName.AUTHORIZED, 35000),
        (EventName.CAPTURED, 4321),
        (EventName.CANCELLED, 35000 - 4321),
        (EventName.REFUNDED, 321),
    ]
    assert events[2].idempotency_key == "s1-capture"


@pytest.mark.parametrize(
    ("setup", "action", "code"),
    [
        ("created", "capture", ErrorCode.CANNOT_CAPTURE_BEFORE_RESERVATION),
        ("authorized", "capture-too-much", ErrorCode.CAPTURE_AMOUNT_TOO_HIGH),
        ("cancelled", "capture", ErrorCode.CANNOT_CAPTURE_CANCELLED),
        ("authorized", "cancel-transaction-only", ErrorCode.CANNOT_CANCEL_AUTHORIZED),
        ("captured-fully", "cancel", ErrorCode.CANNOT_CANCEL_CAPTURED),
        ("authorized", "refund", ErrorCode.NOT_ENOUGH_REFUNDABLE),
    ],
)
async def test_payment_rules_are_typed_rejections(
    env: EmulatorEnv, setup: str, action: str, code: int
) -> None:
    await create(env)
    if setup != "created":
        env.emulator.approve(REF)
    if setup == "cancelled":
        await env.vipps.epayment.cancel(REF, idempotency_key="s1-cancel")
    if setup == "captured-fully":
        await env.vipps.epayment.capture(REF, 35000, idempotency_key="s1-capture")
    epayment = env.vipps.epayment
    calls = {
        "capture": lambda: epayment.capture(REF, 100, idempotency_key="s1-capture-x"),
        "capture-too-much": lambda: epayment.capture(REF, 35001, idempotency_key="s1-capture-x"),
        "cancel-transaction-only": lambda: epayment.cancel(
            REF, idempotency_key="s1-cancel-x", transaction_only=True
        ),
        "cancel": lambda: epayment.cancel(REF, idempotency_key="s1-cancel-x"),
        "refund": lambda: epayment.refund(REF, 100, idempotency_key="s1-refund-x"),
    }
    with pytest.raises(VippsRequestRejected) as caught:
        await calls[action]()
    assert caught.value.error_code == code
    assert env.clock.sleeps == []  # a payment rule is never retried


async def test_cancel_before_approval_terminates(env: EmulatorEnv) -> None:
    await create(env)
    result = await env.vipps.epayment.cancel(
        REF, idempotency_key="s1-cancel-unapproved", transaction_only=True
    )
    assert result.state is PaymentState.TERMINATED


async def test_decline_and_expiry_are_final_states(env: EmulatorEnv) -> None:
    await create(env)
    await create(env, reference="st1-session-0002")
    env.emulator.decline(REF)
    env.emulator.expire_now("st1-session-0002")
    assert (await env.vipps.epayment.get(REF)).state is PaymentState.ABORTED
    assert (await env.vipps.epayment.get("st1-session-0002")).state is PaymentState.EXPIRED


async def test_every_call_carries_msn_and_system_headers(env: EmulatorEnv) -> None:
    await authorized(env)
    await env.vipps.epayment.capture(REF, 100, idempotency_key="s1-capture")
    await env.vipps.epayment.get(REF)
    assert env.emulator.requests
    for record in env.emulator.requests:
        assert record.msn == "123456"
        assert {k.lower(): v for k, v in record.system_headers.items()} == {
            "vipps-system-name": "ladeskjerm",
            "vipps-system-version": "0.1.0",
            "vipps-system-plugin-name": "ladeskjerm-kiosk",
            "vipps-system-plugin-version": "0.1.0",
        }


# ---- faults ------------------------------------------------------------------------------


async def test_5xx_on_capture_is_retried_with_the_same_key(env: EmulatorEnv) -> None:
    await authorized(env)
    fault = env.emulator.faults.error("capture", 503, count=2)
    result = await env.vipps.epayment.capture(REF, 1000, idempotency_key="s1-capture")
    assert result.aggregate.captured_amount.value_ore == 1000
    assert fault.hits == 2
    # the emulator records only the request that got through: it carried the first key
    keys = [r.idempotency_key for r in env.emulator.requests if r.path.endswith("/capture")]
    assert keys == ["s1-capture"]
    assert env.clock.sleeps == [0.5, 1.0]


@pytest.mark.parametrize(
    ("status", "code"),
    [(409, ErrorCode.ORDER_PROCESSING), (400, ErrorCode.CAPTURE_FAILED_TRY_LATER)],
)
async def test_retryable_error_codes_on_capture(env: EmulatorEnv, status: int, code: int) -> None:
    await authorized(env)
    env.emulator.faults.error("capture", status, error_code=code, count=1)
    result = await env.vipps.epayment.capture(REF, 1000, idempotency_key="s1-capture")
    assert result.aggregate.captured_amount.value_ore == 1000
    assert env.clock.sleeps == [0.5]


async def test_423_is_retried(env: EmulatorEnv) -> None:
    await authorized(env)
    env.emulator.faults.error("cancel", 423, count=1)
    result = await env.vipps.epayment.cancel(REF, idempotency_key="s1-cancel")
    assert result.aggregate.cancelled_amount.value_ore == 35000


async def test_429_honours_retry_after(env: EmulatorEnv) -> None:
    await create(env)
    env.emulator.faults.rate_limit("get", retry_after_s=3, count=1)
    assert (await env.vipps.epayment.get(REF)).state is PaymentState.CREATED
    assert env.clock.sleeps == [3.0]


async def test_persistent_5xx_gives_up_as_temporary(env: EmulatorEnv) -> None:
    await authorized(env)
    env.emulator.faults.error("capture", 500, count=None)
    with pytest.raises(VippsTemporaryError):
        await env.vipps.epayment.capture(REF, 1000, idempotency_key="s1-capture")
    env.emulator.faults.clear()
    assert (await env.vipps.epayment.get(REF)).captured_ore == 0


@pytest.mark.parametrize("mode", ["disconnect", "gateway_timeout"])
async def test_lost_capture_response_is_retried_to_exactly_one_capture(
    env: EmulatorEnv, mode: str
) -> None:
    await authorized(env)
    env.emulator.faults.lose_response("capture", count=1, mode=mode)  # type: ignore[arg-type]
    result = await env.vipps.epayment.capture(REF, 4321, idempotency_key="s1-capture")
    assert result.aggregate.captured_amount.value_ore == 4321
    # a second, separate retry after a "crash" with the same key is also harmless
    again = await env.vipps.epayment.capture(REF, 4321, idempotency_key="s1-capture")
    assert again.aggregate.captured_amount.value_ore == 4321
    payment = await env.vipps.epayment.get(REF)
    assert payment.captured_ore == 4321
    captures = [e for e in await env.vipps.epayment.events(REF) if e.name is EventName.CAPTURED]
    assert len(captures) == 1


async def test_rate_limit_longer_than_max_delay_surfaces(env: EmulatorEnv) -> None:
    await create(env)
    env.emulator.faults.rate_limit("get", retry_after_s=600, count=1)
    with pytest.raises(VippsRateLimited) as caught:
        await env.vipps.epayment.get(REF)
    assert caught.value.retry_after_s == 600


# ---- token ----------------------------------------------------------------------------------


async def test_token_fetched_once_then_renewed_before_expiry(env: EmulatorEnv) -> None:
    await create(env)
    await env.vipps.epayment.get(REF)
    assert env.vipps.connection.token_fetches == 1
    env.clock.now_s += 3600 - 200  # inside the renewal margin
    await env.vipps.epayment.get(REF)
    assert env.vipps.connection.token_fetches == 2


async def test_token_expired_at_vipps_is_renewed_once() -> None:
    vipps_time = ManualClock()
    config = EmulatorConfig(token_lifetime_s=60)
    async with emulator_env(config, emulator_clock=vipps_time) as env:
        await create(env)
        vipps_time.advance(61)  # Vipps' clock passes the token's end; ours does not know
        payment = await env.vipps.epayment.get(REF)
        assert payment.state is PaymentState.CREATED
        assert env.vipps.connection.token_fetches == 2


async def test_wrong_subscription_key_is_an_auth_error() -> None:
    async with emulator_env(subscription_key="not-our-key") as env:
        with pytest.raises(VippsAuthError):
            await env.vipps.epayment.get(REF)


# ---- follower ----------------------------------------------------------------------------


async def test_follower_sees_the_approval(env: EmulatorEnv) -> None:
    await create(env)
    follower = env.vipps.follow(REF)
    first = await anext(follower)
    assert first.state is PaymentState.CREATED
    env.emulator.approve(REF)
    states = [p.state async for p in follower]
    assert states == [PaymentState.AUTHORIZED]
    assert env.clock.sleeps[:2] == [5.0, 1.0]
