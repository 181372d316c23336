"""``VippsPayments`` turns the Vipps client's error tree into the core's port errors.

The table covers ``port_error`` class by class; the calls go through the real client to the
emulator in-process (``httpx.ASGITransport``), with its fault injection for what a healthy
emulator never answers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from emulator_station import emulator_gateway
from station_fakes import TARIFF

from kiosk.adapters.vipps_payments import VippsPayments, port_error
from kiosk.core.events import PaymentState
from kiosk.core.ports import AlreadyAuthorized, PortError, Refused, TemporaryFailure
from kiosk.core.tariff import Measured, amount_due
from kiosk.payments.errors import (
    VippsApiError,
    VippsAuthError,
    VippsError,
    VippsNotFound,
    VippsProtocolError,
    VippsRateLimited,
    VippsRequestRejected,
    VippsTemporaryError,
    VippsTransportError,
)
from kiosk.sandbox.vipps.config import EmulatorConfig
from kiosk.sandbox.vipps.emulator import Emulator, UnknownPaymentError

REF = "ls-gateway-0001"
DUE = amount_due(TARIFF, Measured(energy_wh=10, duration_ms=60_000, idle_ms=0))


@pytest.mark.parametrize(
    ("error", "kind", "code"),
    [
        (VippsTransportError("timed out"), TemporaryFailure, None),
        (VippsProtocolError("not JSON"), TemporaryFailure, None),
        (VippsTemporaryError(503), TemporaryFailure, None),
        (VippsRateLimited(429), TemporaryFailure, None),
        (VippsTemporaryError(423, error_code=6250), TemporaryFailure, None),
        (VippsRequestRejected(400, error_code=6250), TemporaryFailure, None),
        (VippsRequestRejected(400, error_code=6060), AlreadyAuthorized, "6060"),
        (VippsRequestRejected(400, error_code=6090), Refused, "6090"),
        (VippsAuthError(401), Refused, "401"),
        (VippsNotFound(404, error_code=5090), Refused, "5090"),
        (VippsApiError(418), Refused, "418"),
    ],
)
def test_port_error_maps_the_vipps_tree(
    error: VippsError, kind: type[PortError], code: str | None
) -> None:
    mapped = port_error(error)
    assert type(mapped) is kind
    assert getattr(mapped, "code", None) == code


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    emu = Emulator(EmulatorConfig(strict=False))
    yield emu
    await emu.aclose()


@pytest.fixture
async def payments(emulator: Emulator) -> AsyncIterator[VippsPayments]:
    async with emulator_gateway(emulator) as gateway:
        yield gateway


async def _created(payments: VippsPayments) -> None:
    await payments.create_payment(
        REF, 20_000, "NOK", f"{REF}-create", session_id="s-1", connector_id="1"
    )


async def test_an_unknown_payment_is_not_found_not_an_error(payments: VippsPayments) -> None:
    view = await payments.get_payment("ls-never-created")
    assert view.state is PaymentState.NOT_FOUND


async def test_a_payment_rule_is_refused_with_its_code_and_cause(
    payments: VippsPayments, emulator: Emulator
) -> None:
    await _created(payments)
    emulator.approve(REF)
    with pytest.raises(AlreadyAuthorized) as caught:
        await payments.cancel(REF, True, f"{REF}-cancel-unapproved")
    assert caught.value.code == "6060"
    assert isinstance(caught.value.__cause__, VippsRequestRejected)
    with pytest.raises(Refused) as too_much:
        await payments.capture(REF, 20_001, "NOK", f"{REF}-capture")
    assert not isinstance(too_much.value, AlreadyAuthorized)
    assert too_much.value.code == "6090"


async def _call(payments: VippsPayments, operation: str) -> None:
    if operation == "create":
        await _created(payments)
    elif operation == "get":
        await payments.get_payment(REF)
    elif operation == "capture":
        await payments.capture(REF, 1_000, "NOK", f"{REF}-capture")
    elif operation == "cancel":
        await payments.cancel(REF, False, f"{REF}-cancel")
    else:
        await payments.post_receipt("s-1", REF, DUE)


@pytest.mark.parametrize("operation", ["create", "get", "capture", "cancel", "receipt"])
async def test_a_server_error_is_temporary_on_every_call(
    payments: VippsPayments, emulator: Emulator, operation: str
) -> None:
    if operation != "create":
        await _created(payments)
        emulator.approve(REF)
    emulator.faults.error(operation, 503, count=None)
    with pytest.raises(TemporaryFailure) as caught:
        await _call(payments, operation)
    assert isinstance(caught.value.__cause__, VippsTemporaryError)


async def test_a_push_the_sales_unit_may_not_send_is_refused_before_sending(
    payments: VippsPayments, emulator: Emulator
) -> None:
    with pytest.raises(Refused) as caught:
        await payments.create_payment(
            REF,
            20_000,
            "NOK",
            f"{REF}-create",
            session_id="s-1",
            connector_id="1",
            phone_number="4791234567",
        )
    assert caught.value.code == "push"
    with pytest.raises(UnknownPaymentError):
        emulator.payment(REF)  # nothing was sent
