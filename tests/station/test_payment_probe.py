"""The payment health probe's schedule with an injected clock: it asks only when no answer
came within the interval, and always while the service is down (PaymentEffects.probe_due)."""

from __future__ import annotations

from station_fakes import FakeGateway, FakeLedger, Log

from kiosk.station.payment_effects import PaymentEffects

INTERVAL_S = 10.0


class ManualClock:
    def __init__(self) -> None:
        self.ms = 1_700_000_000_000

    def now_ms(self) -> int:
        return self.ms


def _effects() -> tuple[PaymentEffects, FakeGateway, ManualClock]:
    log: Log = []
    gateway, clock = FakeGateway(log), ManualClock()
    return PaymentEffects(gateway, FakeLedger(log), clock), gateway, clock


async def test_a_recent_answer_makes_a_probe_unnecessary() -> None:
    effects, _, clock = _effects()
    assert effects.probe_due(INTERVAL_S)  # never answered yet
    assert await effects.check()
    assert not effects.probe_due(INTERVAL_S)
    clock.ms += 9_999
    assert not effects.probe_due(INTERVAL_S)
    clock.ms += 1
    assert effects.probe_due(INTERVAL_S)  # the last answer is one interval old


async def test_down_is_probed_every_interval_and_up_again_at_the_first_answer() -> None:
    effects, gateway, clock = _effects()
    changes: list[bool] = []
    effects._on_availability = changes.append
    gateway.hang = True  # FakeGateway.check answers False while hanging
    assert not await effects.check()
    assert effects.available is False
    assert effects.probe_due(INTERVAL_S)  # down: due however recent the last answer
    gateway.hang = False
    clock.ms += 10_000
    assert await effects.check()
    assert effects.available is True
    assert changes == [False, True]


async def test_a_probe_that_does_not_answer_in_time_is_an_outage() -> None:
    effects, gateway, _ = _effects()

    async def never() -> bool:
        await gateway.released.wait()
        return True

    gateway.check = never  # type: ignore[method-assign]
    assert not await effects.check(timeout_s=0.05)
    assert effects.available is False
