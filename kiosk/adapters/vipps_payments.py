"""The core's ``PaymentGateway`` port over the Vipps client.

``VippsPayments`` implements ``kiosk.core.ports.PaymentGateway`` over
``kiosk.payments.client.VippsClient``: it sends the create, capture, cancel and receipt the
station's ``payment_effects`` asks for, and translates the ``kiosk.payments.errors`` tree into
the core's port errors::

    PortError
    ├── TemporaryFailure     VippsTransportError, VippsProtocolError, VippsTemporaryError
    │                        (5xx, 423, 429, 6160, 6280) and 6250 (cancel while processing)
    └── Refused              any other VippsApiError; ``code`` is the ErrorCode (or the status)
        └── AlreadyAuthorized  6060: cancelTransactionOnly met an approval

A 404 on GET is not an error: it is ``PaymentState.NOT_FOUND``. Every call translates through
the one ``port_errors`` block.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import time
from collections.abc import Callable, Iterator
from decimal import Decimal

from kiosk.core.events import PaymentState
from kiosk.core.ports import (
    AlreadyAuthorized,
    PaymentView,
    PortError,
    Refused,
    TemporaryFailure,
)
from kiosk.core.tariff import AmountDue, ChargeLine, LineKind
from kiosk.core.units import MS_PER_MINUTE, WH_PER_KWH
from kiosk.payments.client import VippsClient
from kiosk.payments.epayment import PaymentMetadata
from kiosk.payments.errors import ErrorCode, VippsApiError, VippsError, VippsNotFound
from kiosk.payments.models import ModificationResponse, Payment
from kiosk.payments.order_management import CategoryType
from kiosk.payments.receipt import QuantityUnit, ReceiptError, ReceiptLine, build_receipt
from kiosk.payments.settings import Currency

log = logging.getLogger(__name__)

LINE_NAMES = {
    LineKind.ENERGY: "Strøm / Electricity",
    LineKind.START_FEE: "Startavgift / Start fee",
    LineKind.TIME: "Tid / Time",
    LineKind.IDLE: "Tomgang / Idle fee",
    LineKind.MINIMUM: "Minstepris / Minimum price",
}


def port_error(error: VippsError) -> PortError:
    """The core's view of a Vipps failure."""
    if (
        not isinstance(error, VippsApiError)
        or error.retryable
        or error.error_code == ErrorCode.CANNOT_CANCEL_PROCESSING
    ):
        return TemporaryFailure(str(error))
    code = error.error_code
    text = str(code) if code is not None else str(error.status)
    if code == ErrorCode.CANNOT_CANCEL_AUTHORIZED:
        return AlreadyAuthorized(text, str(error))
    return Refused(text, str(error))


@contextlib.contextmanager
def port_errors() -> Iterator[None]:
    """Raise any ``VippsError`` of the block as its ``port_error`` (chained)."""
    try:
        yield
    except VippsError as error:
        raise port_error(error) from error


def _view(payment: Payment | ModificationResponse) -> PaymentView:
    aggregate = payment.aggregate
    return PaymentView(
        PaymentState(payment.state.value),
        aggregate.authorized_amount.value_ore,
        aggregate.captured_amount.value_ore,
        aggregate.cancelled_amount.value_ore,
        payment.psp_reference,
    )


def receipt_lines(amount_due: AmountDue) -> list[ReceiptLine]:
    """The receipt lines of a priced session (energy always; other lines when charged)."""
    shown = [line for line in amount_due.lines if line.kind is LineKind.ENERGY or line.amount_ore]
    return [
        _receipt_line(line, amount_due.vat_rate_bp, number) for number, line in enumerate(shown, 1)
    ]


def _receipt_line(line: ChargeLine, vat_rate_bp: int, number: int) -> ReceiptLine:
    """A line of a tariff with periods says which part of the session it bills, in the
    station's local time ("Strøm / Electricity 21:30-22:00"), and gets a numbered id."""
    if line.kind is LineKind.ENERGY:
        quantity, unit = Decimal(line.quantity) / WH_PER_KWH, QuantityUnit.KWH
    elif line.kind in (LineKind.START_FEE, LineKind.MINIMUM):
        quantity, unit = Decimal(line.quantity), QuantityUnit.PCS
    else:
        quantity, unit = Decimal(line.quantity) / MS_PER_MINUTE, QuantityUnit.MINUTE
    line_id, name = line.kind.value, LINE_NAMES[line.kind]
    span = line.local_span
    if span is not None:
        line_id = f"{line.kind.value}-{number}"
        name = f"{name} {span}"
    return ReceiptLine(
        line_id=line_id,
        name=name,
        quantity=quantity,
        unit=unit,
        unit_price_ore=line.unit_price_ore,
        total_ore=line.amount_ore,
        vat_rate_bp=vat_rate_bp,
    )


@dataclasses.dataclass(slots=True)
class OperationStats:
    calls: int = 0
    errors: int = 0
    seconds: float = 0.0


class CallStats:
    """Per operation: how many calls, how many ended in an error, and their total time (for
    ``/metrics``; no reference or amount is kept)."""

    def __init__(self) -> None:
        self.operations: dict[str, OperationStats] = {}

    @contextlib.contextmanager
    def timed(self, operation: str) -> Iterator[None]:
        stats = self.operations.setdefault(operation, OperationStats())
        started = time.monotonic()
        try:
            yield
        except BaseException:
            stats.errors += 1
            raise
        finally:
            stats.calls += 1
            stats.seconds += time.monotonic() - started


class VippsPayments:
    """``PaymentGateway`` over the Vipps MobilePay client."""

    def __init__(self, client: VippsClient, *, station_id: str) -> None:
        self.stats = CallStats()
        self._client = client
        self._station_id = station_id
        self.session_link: Callable[[str], str] | None = None
        """The session page of a session id (the phone pages); the receipt's link when no
        ``receipt_url_template`` is configured."""

    async def link_order(self, reference: str, url: str) -> None:
        """The app's link on an authorized payment: ``ORDER_CONFIRMATION`` -> the session page
        (the receipt replaces it with ``RECEIPT``). Best effort: a failure is logged only."""
        try:
            await self._client.orders.set_category(reference, url, CategoryType.ORDER_CONFIRMATION)
        except VippsError as error:
            log.warning("order link for %s not set: %s", reference, error)

    def _currency(self, currency: str) -> None:
        if currency != self._client.settings.currency.value:
            raise Refused("currency", f"the sales unit takes {self._client.settings.currency}")

    async def create_payment(
        self,
        reference: str,
        amount_ore: int,
        currency: str,
        idempotency_key: str,
        *,
        session_id: str,
        connector_id: str,
        phone_number: str | None = None,
        return_url: str | None = None,
    ) -> str:
        self._currency(currency)
        metadata = PaymentMetadata(self._station_id, connector_id, session_id)
        try:
            with self.stats.timed("create"), port_errors():
                created = await self._client.epayment.create(
                    reference=reference,
                    amount_ore=amount_ore,
                    idempotency_key=idempotency_key,
                    metadata=metadata,
                    phone_number=phone_number,
                    return_url=return_url,
                )
        except ValueError as error:  # push not allowed for this sales unit
            raise Refused("push", str(error)) from error
        if phone_number is not None:
            return ""  # PUSH_MESSAGE: the app on the phone asks; no QR to show
        if return_url is not None:
            return created.redirect_url or ""  # WEB_REDIRECT: the phone goes there
        return created.qr_content or created.qr_image_url or created.redirect_url or ""

    async def get_payment(self, reference: str) -> PaymentView:
        with self.stats.timed("get"), port_errors():
            try:
                payment = await self._client.epayment.get(reference)
            except VippsNotFound:
                return PaymentView(PaymentState.NOT_FOUND, 0, 0, 0)
        return _view(payment)

    async def capture(
        self, reference: str, amount_ore: int, currency: str, idempotency_key: str
    ) -> PaymentView:
        self._currency(currency)
        with self.stats.timed("capture"), port_errors():
            answer = await self._client.epayment.capture(
                reference, amount_ore, idempotency_key=idempotency_key
            )
        return _view(answer)

    async def cancel(
        self, reference: str, cancel_transaction_only: bool, idempotency_key: str
    ) -> PaymentView:
        with self.stats.timed("cancel"), port_errors():
            answer = await self._client.epayment.cancel(
                reference, idempotency_key=idempotency_key, transaction_only=cancel_transaction_only
            )
        return _view(answer)

    async def post_receipt(self, session_id: str, reference: str, amount_due: AmountDue) -> None:
        try:
            receipt = build_receipt(
                receipt_lines(amount_due),
                currency=Currency(amount_due.currency),
                expected_total_ore=amount_due.total_ore,
                receipt_number=session_id[:20],
            )
        except (ReceiptError, ValueError) as error:
            raise Refused("receipt", str(error)) from error
        with self.stats.timed("receipt"), port_errors():
            link = self.session_link
            await self._client.send_receipt(
                reference,
                receipt,
                session_id=session_id,
                default_url=link(session_id) if link is not None else None,
            )

    async def check(self) -> bool:
        return (await self._client.ping()).ok
