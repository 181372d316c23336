"""A faithful local stand-in for the Vipps MobilePay APIs, plus the customer's "phone".

Public API::

    from kiosk.sandbox.vipps import Emulator, EmulatorConfig, create_app, ManualClock
    emulator = Emulator(EmulatorConfig(), clock=ManualClock())
    app = create_app(emulator=emulator)          # ASGI; httpx.ASGITransport(app=app)
    async with serve(app) as server: server.base_url   # real uvicorn on 127.0.0.1:<port>
"""

from kiosk.sandbox.vipps.app import create_app
from kiosk.sandbox.vipps.clock import Clock, ManualClock, SystemClock
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_MSN,
    DEFAULT_SUBSCRIPTION_KEY,
    EmulatorConfig,
)
from kiosk.sandbox.vipps.emulator import Emulator, UnknownPaymentError
from kiosk.sandbox.vipps.faults import Fault, FaultKind, FaultPlan, ResponseDroppedError
from kiosk.sandbox.vipps.payment import Payment, PaymentEvent, PaymentState
from kiosk.sandbox.vipps.server import RunningServer, serve

__all__ = [
    "DEFAULT_CLIENT_ID",
    "DEFAULT_CLIENT_SECRET",
    "DEFAULT_MSN",
    "DEFAULT_SUBSCRIPTION_KEY",
    "Clock",
    "Emulator",
    "EmulatorConfig",
    "Fault",
    "FaultKind",
    "FaultPlan",
    "ManualClock",
    "Payment",
    "PaymentEvent",
    "PaymentState",
    "ResponseDroppedError",
    "RunningServer",
    "SystemClock",
    "UnknownPaymentError",
    "create_app",
    "serve",
]
