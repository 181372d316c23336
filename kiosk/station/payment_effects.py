"""Sends the payments' create, capture, cancel and receipt: write-ahead record, call, outcome.

``PaymentEffects.run`` carries out a session's payment effect (``CreatePayment``, ``Capture``,
``CancelPayment``, ``PostReceipt``, ``GetPayment``) through the ``PaymentGateway`` port
(``kiosk.adapters.vipps_payments.VippsPayments`` in the station): this is where the capture is
sent.

For a state-changing call (create, capture, cancel, receipt) the operation is committed with
its idempotency key before the request is sent and its outcome after, so a crash in between is
retried with the same key and can never move money twice. A push payment's phone number is
recorded masked only: a create is never resent (recovery GETs and cancels), so the full number
is not needed again. Every outcome becomes the core event the session expects (``Capture`` ->
``CaptureSucceeded`` / ``CaptureFailed`` ...).

Availability: a ``TemporaryFailure`` marks the payment service unavailable (no new payment
starts), any answer marks it available again; ``on_availability`` hears every change.
``watch`` is the health probe that knows before a driver taps: every ``probe_interval_s``
(10 s in the station) it asks the service (``check``: a token from the token endpoint and one
cheap ePayment call, bounded by ``PROBE_TIMEOUT_S``) unless an answer came within that interval
anyway (the age of the last answer), so an outage shows within interval + timeout (20 s) and
its end within one interval; at most six probes a minute, far inside Vipps' rate limits.
Errors: port errors are turned into events; a ``LedgerError`` from the ledger propagates
(the call is then NOT sent).
"""

from __future__ import annotations

import asyncio
import collections
import logging
from collections.abc import Callable
from typing import Any

from kiosk.core.effects import (
    CancelPayment,
    Capture,
    CreatePayment,
    GetPayment,
    Operation,
    PostReceipt,
)
from kiosk.core.events import (
    CancelFailed,
    CancelFailure,
    CancelSucceeded,
    CaptureFailed,
    CaptureSucceeded,
    Event,
    PaymentCreated,
    PaymentCreateFailed,
    PaymentQueryFailed,
    PaymentStatus,
    ReceiptFailed,
    ReceiptPosted,
)
from kiosk.core.phone import masked_phone
from kiosk.core.ports import (
    AlreadyAuthorized,
    Ledger,
    OperationResult,
    PaymentGateway,
    PaymentView,
    PortError,
    Refused,
    TemporaryFailure,
)
from kiosk.station.clock import WallClock

log = logging.getLogger(__name__)

PaymentEffect = CreatePayment | GetPayment | Capture | CancelPayment | PostReceipt
PAYMENT_EFFECTS = (CreatePayment, GetPayment, Capture, CancelPayment, PostReceipt)
RECEIPT_KIND = "receipt"
PSP_REFERENCES_KEPT = 200
"""Payments whose capture's ``pspReference`` is remembered (for OCPP 2.1's NotifySettlement)."""
PROBE_TIMEOUT_S = 10.0
"""A health probe not answered in this time counts as an outage (a hang is one too)."""


def _view_dict(view: PaymentView) -> dict[str, Any]:
    return {
        "state": view.state.value,
        "authorized_ore": view.authorized_ore,
        "captured_ore": view.captured_ore,
        "cancelled_ore": view.cancelled_ore,
    }


def _failure(error: PortError) -> dict[str, Any]:
    return {"error": str(error), "code": getattr(error, "code", None)}


def _code(error: PortError) -> str | None:
    return error.code if isinstance(error, Refused) else None


class PaymentEffects:
    """Carries out payment effects; one per station, shared by every session runner."""

    def __init__(
        self,
        gateway: PaymentGateway,
        ledger: Ledger,
        clock: WallClock,
        on_availability: Callable[[bool], None] | None = None,
    ) -> None:
        self.gateway = gateway
        self._ledger = ledger
        self._clock = clock
        self._on_availability = on_availability
        self.available = True
        self.last_answer_ms: int | None = None
        """When the payment service last answered (any answer), wall-clock ms."""
        self.probes = 0
        self._psp: collections.OrderedDict[str, str] = collections.OrderedDict()

    def psp_reference(self, reference: str) -> str | None:
        """Vipps' ``pspReference`` of the payment's capture (or, with nothing captured, of its
        cancel) answered in this process; None when not seen (e.g. settled before a restart)."""
        return self._psp.get(reference)

    def _remember_psp(self, reference: str, view: PaymentView, *, capture: bool) -> None:
        if view.psp_reference is None or (not capture and reference in self._psp):
            return
        self._psp[reference] = view.psp_reference
        self._psp.move_to_end(reference)
        while len(self._psp) > PSP_REFERENCES_KEPT:
            self._psp.popitem(last=False)

    def _answered(self) -> None:
        self.last_answer_ms = self._clock.now_ms()
        self._set_available(True)

    def _unreachable(self) -> None:
        self._set_available(False)

    def _set_available(self, available: bool) -> None:
        if available != self.available:
            self.available = available
            log.warning("payment service %s", "available again" if available else "unavailable")
            if self._on_availability is not None:
                self._on_availability(available)

    async def check(self, timeout_s: float = PROBE_TIMEOUT_S) -> bool:
        """Ask the service directly (token + a cheap call); updates ``available``."""
        self.probes += 1
        try:
            async with asyncio.timeout(timeout_s):
                ok = await self.gateway.check()
        except TimeoutError:
            log.warning("payment service check: no answer in %.0f s", timeout_s)
            ok = False
        except Exception:
            log.exception("payment service check failed")
            ok = False
        if ok:
            self._answered()
        else:
            self._set_available(False)
        return ok

    def probe_due(self, probe_interval_s: float) -> bool:
        """Is a probe needed now: unavailable, or no answer within the last interval?"""
        if not self.available or self.last_answer_ms is None:
            return True
        return self._clock.now_ms() - self.last_answer_ms >= probe_interval_s * 1000

    async def watch(self, probe_interval_s: float) -> None:
        """Check now, then every ``probe_interval_s`` when ``probe_due`` (until cancelled)."""
        await self.check()
        while True:
            await asyncio.sleep(probe_interval_s)
            if self.probe_due(probe_interval_s):
                await self.check()

    async def run(self, effect: PaymentEffect, session_id: str, connector_id: str) -> list[Event]:
        """Carry out ``effect`` for ``session_id``; the events describing its outcome."""
        if isinstance(effect, GetPayment):
            return [await self._get(effect)]
        key, kind, request = _write_ahead(effect, session_id)
        await self._ledger.record_operation(session_id, kind, key, request)
        try:
            event, outcome = await self._call(effect, session_id, connector_id)
        except TemporaryFailure as error:
            self._unreachable()
            await self._ledger.record_outcome(key, OperationResult.RETRY, _failure(error))
            return [_failed(effect, error, self._clock.now_ms())]
        except PortError as error:
            self._answered()
            await self._ledger.record_outcome(key, OperationResult.FAILED, _failure(error))
            return [_failed(effect, error, self._clock.now_ms())]
        except Exception as error:  # a bug in an adapter: treat the outcome as unknown
            log.exception("payment call %s failed unexpectedly", kind)
            await self._ledger.record_outcome(key, OperationResult.RETRY, {"error": repr(error)})
            return [_failed(effect, TemporaryFailure(repr(error)), self._clock.now_ms())]
        self._answered()
        await self._ledger.record_outcome(key, OperationResult.SUCCEEDED, outcome)
        return [event]

    async def _get(self, effect: GetPayment) -> Event:
        try:
            view = await self.gateway.get_payment(effect.reference)
        except PortError as error:
            if isinstance(error, TemporaryFailure):
                self._unreachable()
            return PaymentQueryFailed(self._clock.now_ms())
        except Exception:
            log.exception("payment query failed unexpectedly")
            return PaymentQueryFailed(self._clock.now_ms())
        self._answered()
        return PaymentStatus(
            self._clock.now_ms(),
            view.state,
            view.authorized_ore,
            view.captured_ore,
            view.cancelled_ore,
        )

    async def _call(
        self, effect: PaymentEffect, session_id: str, connector_id: str
    ) -> tuple[Event, dict[str, Any]]:
        gateway = self.gateway
        if isinstance(effect, CreatePayment):
            qr = await gateway.create_payment(
                effect.reference,
                effect.amount_ore,
                effect.currency,
                effect.idempotency_key,
                session_id=session_id,
                connector_id=connector_id,
                phone_number=effect.phone_number,
                return_url=effect.return_url,
            )
            return PaymentCreated(self._clock.now_ms(), qr), {"qr": qr}
        if isinstance(effect, Capture):
            view = await gateway.capture(
                effect.reference, effect.amount_ore, effect.currency, effect.idempotency_key
            )
            self._remember_psp(effect.reference, view, capture=True)
            return CaptureSucceeded(self._clock.now_ms(), view.captured_ore), _view_dict(view)
        if isinstance(effect, CancelPayment):
            view = await gateway.cancel(
                effect.reference, effect.cancel_transaction_only, effect.idempotency_key
            )
            self._remember_psp(effect.reference, view, capture=False)
            return CancelSucceeded(self._clock.now_ms(), view.cancelled_ore), _view_dict(view)
        assert isinstance(effect, PostReceipt)
        await gateway.post_receipt(effect.session_id, effect.reference, effect.amount_due)
        return ReceiptPosted(self._clock.now_ms()), {"total_ore": effect.amount_due.total_ore}


def _write_ahead(effect: PaymentEffect, session_id: str) -> tuple[str, str, dict[str, Any]]:
    """(idempotency key, operation kind, request) of a state-changing payment effect."""
    if isinstance(effect, CreatePayment):
        request = {"reference": effect.reference, "amount_ore": effect.amount_ore}
        if effect.phone_number is not None:
            # never resent after a crash (recovery GETs and cancels): the mask is enough here
            request["push_to"] = masked_phone(effect.phone_number)
        return (
            effect.idempotency_key,
            Operation.CREATE.value,
            {**request, "currency": effect.currency},
        )
    if isinstance(effect, Capture):
        request = {"reference": effect.reference, "amount_ore": effect.amount_ore}
        return (
            effect.idempotency_key,
            Operation.CAPTURE.value,
            {**request, "currency": effect.currency},
        )
    if isinstance(effect, CancelPayment):
        kind = Operation.CANCEL_UNAPPROVED if effect.cancel_transaction_only else Operation.CANCEL
        request = {
            "reference": effect.reference,
            "transaction_only": effect.cancel_transaction_only,
        }
        return effect.idempotency_key, kind.value, request
    assert isinstance(effect, PostReceipt)
    key = f"{session_id}-{RECEIPT_KIND}"
    return (
        key,
        RECEIPT_KIND,
        {"reference": effect.reference, "total_ore": effect.amount_due.total_ore},
    )


def failure_event(effect: PaymentEffect, now_ms: int) -> Event:
    """The outcome of a call that was not made (or whose answer is unknown): retry later."""
    if isinstance(effect, GetPayment):
        return PaymentQueryFailed(now_ms)
    return _failed(effect, TemporaryFailure("not sent"), now_ms)


def _failed(effect: PaymentEffect, error: PortError, now_ms: int) -> Event:
    retryable = isinstance(error, TemporaryFailure)
    if isinstance(effect, CreatePayment):
        return PaymentCreateFailed(now_ms, retryable)
    if isinstance(effect, Capture):
        return CaptureFailed(now_ms, retryable, _code(error))
    if isinstance(effect, CancelPayment):
        if retryable:
            reason = CancelFailure.RETRYABLE
        elif isinstance(error, AlreadyAuthorized):
            reason = CancelFailure.ALREADY_AUTHORIZED
        else:
            reason = CancelFailure.REJECTED
        return CancelFailed(now_ms, reason, _code(error))
    return ReceiptFailed(now_ms, retryable)
