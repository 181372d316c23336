"""The payment follower: cadence, back-off on 429, poke, final states (fake clocks)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from vipps_fakes import (
    FakeClock,
    ManualClock,
    ScriptedVipps,
    make_settings,
    payment_json,
    problem,
)

from kiosk.payments.client import VippsClient
from kiosk.payments.errors import VippsNotFound
from kiosk.payments.follower import PaymentFollower
from kiosk.payments.models import Payment, PaymentState

REF = "st1-session-0001"


def state(name: str, **amounts: int) -> httpx.Response:
    return httpx.Response(200, json=payment_json(REF, name, **amounts))


def authorized() -> httpx.Response:
    return state("AUTHORIZED", authorized=35000)


async def collect(follower: PaymentFollower) -> list[Payment]:
    return [payment async for payment in follower]


@pytest.mark.parametrize(("present", "interval"), [(True, 1.0), (False, 2.0)])
async def test_cadence_and_stop_at_a_final_state(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock, present: bool, interval: float
) -> None:
    scripted.script = [state("CREATED"), state("CREATED"), state("CREATED"), authorized()]
    seen = await collect(client.follow(REF, customer_present=present))
    assert [p.state for p in seen] == [PaymentState.CREATED, PaymentState.AUTHORIZED]
    assert clock.sleeps == [5.0, interval, interval, interval]
    assert len(scripted.requests) == 4
    assert 60 / min(clock.sleeps) <= 120  # within the GET rate limit


@pytest.mark.parametrize("final", ["ABORTED", "EXPIRED", "TERMINATED"])
async def test_every_final_state_ends_the_iteration(
    client: VippsClient, scripted: ScriptedVipps, final: str
) -> None:
    scripted.script = [state("CREATED"), state(final)]
    seen = await collect(client.follow(REF))
    assert seen[-1].state == PaymentState(final)
    assert len(scripted.requests) == 2


async def test_backs_off_on_429_and_failures_then_restores_the_cadence(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock
) -> None:
    limited = problem(429)
    limited.headers["Retry-After"] = "3"
    scripted.script = [
        state("CREATED"),
        limited,
        problem(429),
        problem(503),
        httpx.ConnectError("down"),
        state("CREATED"),
        authorized(),
    ]
    seen = await collect(client.follow(REF))
    assert [p.state for p in seen] == [PaymentState.CREATED, PaymentState.AUTHORIZED]
    # start, cadence, Retry-After 3, then doubling 6, 12, 24, then the cadence again
    assert clock.sleeps == [5.0, 1.0, 3.0, 6.0, 12.0, 24.0, 1.0]
    assert len(scripted.requests) == 7  # the follower's GETs are never retried inside the client


async def test_backoff_is_capped(scripted: ScriptedVipps, clock: FakeClock) -> None:
    scripted.script = [*[problem(503) for _ in range(5)], authorized()]
    async with httpx.AsyncClient(transport=httpx.MockTransport(scripted)) as http:
        vipps = VippsClient.from_settings(
            make_settings(poll_max_interval_s=10.0, poll_start_delay_s=0.0),
            http,
            sleep=clock.sleep,
            monotonic=clock.monotonic,
        )
        await collect(vipps.follow(REF))
    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0, 10.0]


async def test_only_changes_are_yielded(client: VippsClient, scripted: ScriptedVipps) -> None:
    scripted.script = [
        state("CREATED"),
        state("CREATED"),
        authorized(),
    ]
    seen = await collect(client.follow(REF))
    assert len(seen) == 2


async def test_gives_up_after_the_expiry_margin(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock
) -> None:
    scripted.default = state("CREATED")
    follower = client.follow(REF, give_up_after_s=20.0)
    seen = await collect(follower)
    assert [p.state for p in seen] == [PaymentState.CREATED]
    assert follower.polls == 16  # at 5 s, then every second until 20 s
    assert follower.last_payment is not None


async def test_unknown_payment_propagates(client: VippsClient, scripted: ScriptedVipps) -> None:
    scripted.script = [problem(404, 5090)]
    with pytest.raises(VippsNotFound):
        await collect(client.follow(REF))


@pytest.fixture
async def manual() -> AsyncIterator[tuple[VippsClient, ScriptedVipps, ManualClock]]:
    scripted = ScriptedVipps()
    clock = ManualClock()
    async with httpx.AsyncClient(transport=httpx.MockTransport(scripted)) as http:
        yield (
            VippsClient.from_settings(
                make_settings(), http, sleep=clock.sleep, monotonic=clock.monotonic
            ),
            scripted,
            clock,
        )


async def test_poke_polls_at_once(manual: tuple[VippsClient, ScriptedVipps, ManualClock]) -> None:
    vipps, scripted, clock = manual
    scripted.script = [authorized()]
    follower = vipps.follow(REF)
    task = asyncio.ensure_future(anext(follower))
    await clock.advance(1.0)
    assert scripted.requests == []
    assert clock.sleeping == 1  # waiting for the 5 s start
    follower.poke()
    payment = await asyncio.wait_for(task, 1.0)
    assert payment.state is PaymentState.AUTHORIZED
    assert clock.now_s == 1.0


async def test_poke_keeps_half_a_second_between_gets(
    manual: tuple[VippsClient, ScriptedVipps, ManualClock],
) -> None:
    vipps, scripted, clock = manual
    scripted.script = [state("CREATED"), authorized()]
    follower = vipps.follow(REF)
    follower.poke()
    assert (await asyncio.wait_for(anext(follower), 1.0)).state is PaymentState.CREATED
    follower.poke()
    task = asyncio.ensure_future(anext(follower))
    await clock.advance(0.4)
    assert len(scripted.requests) == 1
    await clock.advance(0.1)
    assert (await asyncio.wait_for(task, 1.0)).state is PaymentState.AUTHORIZED
    assert len(scripted.requests) == 2


async def test_poke_does_not_break_a_429_backoff(
    manual: tuple[VippsClient, ScriptedVipps, ManualClock],
) -> None:
    vipps, scripted, clock = manual
    limited = problem(429)
    limited.headers["Retry-After"] = "10"
    scripted.script = [limited, authorized()]
    follower = vipps.follow(REF)
    follower.poke()
    task = asyncio.ensure_future(anext(follower))
    await clock.advance(0.0)
    assert len(scripted.requests) == 1
    follower.poke()
    await clock.advance(9.0)
    assert len(scripted.requests) == 1
    await clock.advance(1.0)
    assert (await asyncio.wait_for(task, 1.0)).state is PaymentState.AUTHORIZED


async def test_cancelling_a_waiting_follower_leaks_nothing(
    manual: tuple[VippsClient, ScriptedVipps, ManualClock],
) -> None:
    vipps, _scripted, clock = manual
    follower = vipps.follow(REF)
    task = asyncio.ensure_future(anext(follower))
    await clock.advance(1.0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert clock.sleeping == 0


async def test_presence_switch_changes_the_cadence(
    client: VippsClient, scripted: ScriptedVipps, clock: FakeClock
) -> None:
    scripted.script = [state("CREATED"), state("CREATED", amount=35000), authorized()]
    follower = client.follow(REF)
    assert (await anext(follower)).state is PaymentState.CREATED
    follower.set_customer_present(False)
    seen = await collect(follower)
    assert seen[-1].state is PaymentState.AUTHORIZED
    assert clock.sleeps == [5.0, 2.0, 2.0]
