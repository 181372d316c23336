"""Money invariants for any sequence of events (hypothesis).

A small simulated world - a fake Vipps with idempotency keys and lost answers, a car on a
charger with a lifetime meter, a controller that persists before effects and may crash right
after persisting - is driven by random driver, car, network and clock actions, then drained.
Checked on every request and at the end:

* never capture more than authorized; at most one capture per payment;
* never capture before energy was delivered; never capture after a cancel;
* the capture equals the tariff applied to the meter difference (limited to the authorization);
* at the end captured + cancelled = authorized, and nothing is left in flight.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from core_world import T0, TARIFF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.codec import decode_state, encode
from kiosk.core.effects import (
    CancelPayment,
    Capture,
    CreatePayment,
    DisableCharger,
    Effect,
    EnableCharger,
    GetPayment,
    Persist,
    PostReceipt,
)
from kiosk.core.events import (
    BudgetChosen,
    CancelFailed,
    CancelFailure,
    CancelSucceeded,
    CancelTapped,
    CaptureFailed,
    CaptureSucceeded,
    ChargerReading,
    ChargerUnreachable,
    ConnectorTapped,
    Event,
    IecState,
    PaymentCreated,
    PaymentCreateFailed,
    PaymentQueryFailed,
    PaymentState,
    PaymentStatus,
    Rebooted,
    ReceiptFailed,
    ReceiptPosted,
    StopRequested,
    Tick,
)
from kiosk.core.session import transition
from kiosk.core.state import Phase, SessionPolicy, SessionState, idle_state
from kiosk.core.tariff import amount_due

POLICY = SessionPolicy(min_energy_wh=10)
PHONE = "4791234567"


@dataclass
class Payment:
    amount_ore: int
    state: PaymentState = PaymentState.CREATED
    authorized_ore: int = 0
    captured_ore: int = 0
    cancelled_ore: int = 0
    captures: int = 0
    cancels: int = 0
    receipts: int = 0


@dataclass
class World:
    data: st.DataObject
    now_ms: int = T0
    plugged: bool = False
    enabled: bool = False
    charger_online: bool = True
    car_wants_power: bool = True
    meter_wh: int = 5_000_000
    meter_at_enable: dict[str, int] = field(default_factory=dict)
    vipps_up: bool = True
    payments: dict[str, Payment] = field(default_factory=dict)
    replies: dict[str, Event] = field(default_factory=dict)
    state: SessionState = field(default_factory=lambda: idle_state("c1", POLICY))
    persisted: str | None = None
    sessions: int = 0
    booting: bool = False
    typed_phone: str | None = None

    # --- the controller ------------------------------------------------------------------

    def feed(self, event: Event) -> None:
        if isinstance(event, BudgetChosen):
            self.typed_phone = event.phone_number
        queue = [event]
        while queue:
            step = transition(self.state, queue.pop(0))
            self.state = step.state
            for effect in step.effects:
                if isinstance(effect, Persist):
                    self.persisted = json.dumps(encode(self.state))
                    assert PHONE not in self.persisted, "the full phone number was stored"
                    if not self.booting and self.data.draw(st.integers(0, 80), label="crash") == 0:
                        self.reboot()
                        return
                    continue
                queue.extend(self.execute(effect))

    def reboot(self) -> None:
        self.booting = True
        self.state = (
            decode_state(json.loads(self.persisted)) if self.persisted else idle_state("c1", POLICY)
        )
        self.feed(Rebooted(self.now_ms))
        self.feed(self.reading())
        self.booting = False

    def reading(self) -> Event:
        if not self.charger_online:
            return ChargerUnreachable(self.now_ms)
        drawing = self.plugged and self.enabled and self.car_wants_power
        iec = IecState.C if drawing else IecState.B if self.plugged else IecState.A
        return ChargerReading(self.now_ms, iec, self.meter_wh, 7000 if drawing else 0)

    # --- the world's side of each effect -------------------------------------------------

    def _lost(self) -> bool:
        return self.data.draw(st.booleans(), label="answer lost")

    def execute(self, effect: Effect) -> list[Event]:
        now = self.now_ms
        if isinstance(effect, EnableCharger):
            self.enabled = True
            ref = self.state.reference or ""
            self.meter_at_enable.setdefault(ref, self.meter_wh)
        elif isinstance(effect, DisableCharger):
            self.enabled = False
        elif isinstance(effect, CreatePayment):
            # a push payment goes to exactly the number typed; a QR payment to nobody
            assert effect.phone_number == self.typed_phone
            if not self.vipps_up:
                if self._lost():
                    self.payments.setdefault(effect.reference, Payment(effect.amount_ore))
                return [PaymentCreateFailed(now, retryable=True)]
            self.payments.setdefault(effect.reference, Payment(effect.amount_ore))
            return [PaymentCreated(now, f"https://qr/{effect.reference}")]
        elif isinstance(effect, GetPayment):
            if not self.vipps_up:
                return [PaymentQueryFailed(now)]
            p = self.payments.get(effect.reference)
            if p is None:
                return [PaymentStatus(now, PaymentState.NOT_FOUND)]
            return [PaymentStatus(now, p.state, p.authorized_ore, p.captured_ore, p.cancelled_ore)]
        elif isinstance(effect, Capture):
            return self.capture(effect)
        elif isinstance(effect, CancelPayment):
            return self.cancel(effect)
        elif isinstance(effect, PostReceipt):
            if not self.vipps_up:
                return [ReceiptFailed(now, retryable=True)]
            p = self.payments[effect.reference]
            assert effect.amount_due.total_ore == p.captured_ore
            p.receipts = 1  # a second post is a 409, which counts as posted
            return [ReceiptPosted(now)]
        return []

    def capture(self, effect: Capture) -> list[Event]:
        now = self.now_ms
        p = self.payments[effect.reference]
        if effect.idempotency_key in self.replies:  # a retry: Vipps replays, never re-runs
            if self.vipps_up:
                return [self.replies[effect.idempotency_key]]
            return [CaptureFailed(now, retryable=True, error_code=None)]
        # the invariants, checked on every capture request that would run
        assert p.state is PaymentState.AUTHORIZED
        assert p.cancelled_ore == 0, "capture after cancel"
        assert p.captures == 0, "a second capture"
        assert 0 < effect.amount_ore <= p.authorized_ore
        s = self.state
        assert s.tariff is not None
        assert s.measured is not None
        assert s.meter_start_wh is not None
        assert s.last_meter_wh is not None
        delivered_wh = self.meter_wh - self.meter_at_enable[effect.reference]
        assert s.measured.energy_wh >= POLICY.min_energy_wh, "capture without energy"
        assert s.measured.energy_wh == s.last_meter_wh - s.meter_start_wh <= delivered_wh
        assert s.meter_start_wh == self.meter_at_enable[effect.reference]
        due = amount_due(s.tariff, s.measured).limited_to(s.authorized_ore)
        assert effect.amount_ore == due.total_ore
        if not self.vipps_up:
            if self._lost():
                p.captured_ore += effect.amount_ore
                p.captures += 1
                self.replies[effect.idempotency_key] = CaptureSucceeded(now, p.captured_ore)
            return [CaptureFailed(now, retryable=True, error_code=None)]
        p.captured_ore += effect.amount_ore
        p.captures += 1
        reply = CaptureSucceeded(now, p.captured_ore)
        self.replies[effect.idempotency_key] = reply
        return [reply]

    def cancel(self, effect: CancelPayment) -> list[Event]:
        now = self.now_ms
        p = self.payments.get(effect.reference)
        if effect.idempotency_key in self.replies:
            if self.vipps_up:
                return [self.replies[effect.idempotency_key]]
            return [CancelFailed(now, CancelFailure.RETRYABLE)]
        if not self.vipps_up and not self._lost():
            return [CancelFailed(now, CancelFailure.RETRYABLE)]
        reply: Event
        if p is None or p.state in (PaymentState.ABORTED, PaymentState.EXPIRED):
            reply = CancelFailed(now, CancelFailure.REJECTED, "6190")
        elif p.state is PaymentState.CREATED:
            p.state, p.cancelled_ore = PaymentState.TERMINATED, p.amount_ore
            reply = CancelSucceeded(now, p.cancelled_ore)
        elif p.state is PaymentState.TERMINATED:
            reply = CancelFailed(now, CancelFailure.REJECTED, "6190")
        elif effect.cancel_transaction_only:
            reply = CancelFailed(now, CancelFailure.ALREADY_AUTHORIZED, "6060")
        elif p.authorized_ore - p.captured_ore - p.cancelled_ore <= 0:
            reply = CancelFailed(now, CancelFailure.REJECTED, "6040")
        else:
            p.cancelled_ore += p.authorized_ore - p.captured_ore - p.cancelled_ore
            p.cancels += 1
            reply = CancelSucceeded(now, p.cancelled_ore)
        if isinstance(reply, CancelSucceeded):
            self.replies[effect.idempotency_key] = reply
        if not self.vipps_up:
            return [CancelFailed(now, CancelFailure.RETRYABLE)]  # committed, answer lost
        return [reply]

    # --- actions -------------------------------------------------------------------------

    def advance(self, ms: int) -> None:
        self.now_ms += ms
        if self.plugged and self.enabled and self.car_wants_power:
            self.meter_wh += 7000 * ms // 3_600_000
        self.feed(self.reading())
        self.feed(Tick(self.now_ms))

    def act(self, action: str) -> None:
        now = self.now_ms
        if action == "happy":  # a driver who does everything right, quickly
            self.act("start")
            self.advance(5000)
            self.act("approve")
            self.advance(5000)
            if not self.plugged:
                self.act("plug")
        elif action == "charge":
            for _ in range(self.data.draw(st.integers(1, 30), label="minutes")):
                self.advance(60_000)
        elif action == "start":
            self.feed(ConnectorTapped(now))
            self.act("budget")
        elif action == "tap":
            self.feed(ConnectorTapped(now))
        elif action == "budget":
            self.sessions += 1
            sid = f"session-{self.sessions:04d}"
            budget = self.data.draw(st.sampled_from([600, 1500, 20_000]), label="budget")
            phone = self.data.draw(st.sampled_from([None, None, PHONE, "12ab"]), label="phone")
            self.feed(BudgetChosen(now, sid, f"ref-{sid}", budget, TARIFF, phone_number=phone))
        elif action == "cancel":
            self.feed(CancelTapped(now))
        elif action == "stop":
            self.feed(StopRequested(now))
        elif action == "plug":
            self.plugged = not self.plugged
            self.feed(self.reading())
        elif action in ("approve", "decline"):
            for p in self.payments.values():
                if p.state is PaymentState.CREATED:
                    if action == "approve":
                        p.state, p.authorized_ore = PaymentState.AUTHORIZED, p.amount_ore
                    else:
                        p.state = PaymentState.ABORTED
        elif action == "vipps":
            self.vipps_up = not self.vipps_up
        elif action == "charger":
            self.charger_online = not self.charger_online
            self.feed(self.reading())
        elif action == "car":
            self.car_wants_power = not self.car_wants_power
        elif action == "reboot":
            self.reboot()
        else:
            self.advance(
                self.data.draw(st.sampled_from([60_000, 5000, 1000, 900_000]), label="time")
            )


ACTIONS = st.sampled_from(
    [
        "happy", "happy", "charge", "charge", "start", "tap", "budget", "cancel", "stop",
        "plug", "plug",
        "approve", "approve", "approve", "decline", "vipps", "charger", "car", "reboot",
        "time", "time", "time", "time", "time",
    ]
)  # fmt: skip

SETTLED = (Phase.IDLE, Phase.CAR_CONNECTED, Phase.DONE, Phase.ENDED)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.lists(ACTIONS, min_size=5, max_size=60))
def test_money_invariants_hold_for_any_sequence(data: st.DataObject, actions: list[str]) -> None:
    world = World(data)
    world.feed(world.reading())
    for action in actions:
        world.act(action)
    # drain: the network and the charger come back, the driver leaves, time passes
    world.vipps_up = True
    world.charger_online = True
    for payment in world.payments.values():
        if payment.state is PaymentState.CREATED:
            payment.state = PaymentState.EXPIRED
    world.plugged = False
    for _ in range(200):
        world.advance(3_600_000)
        if world.state.phase in SETTLED and world.state.retry_at_ms is None:
            break
    assert world.state.phase in SETTLED, world.state
    assert not world.enabled or not world.plugged
    for reference, p in world.payments.items():
        assert p.captures <= 1
        assert p.captured_ore <= p.authorized_ore
        if p.state is PaymentState.AUTHORIZED:
            assert p.captured_ore + p.cancelled_ore == p.authorized_ore, reference
            assert p.receipts == (1 if p.captured_ore else 0)
