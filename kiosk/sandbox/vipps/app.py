"""The emulator's ASGI application: ``create_app(config)`` wires routes, faults and state.

The returned Starlette app carries its ``Emulator`` in ``app.state.emulator``. Under uvicorn
its lifespan starts the expiry ticker and closes the emulator at shutdown; in-process under
``httpx.ASGITransport`` (no lifespan) every request sweeps expiry itself and the test calls
``await emulator.aclose()``.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from kiosk.sandbox.vipps import (
    control_routes,
    epayment_routes,
    order_routes,
    phone,
    qr_routes,
    webhook_routes,
)
from kiosk.sandbox.vipps.clock import Clock
from kiosk.sandbox.vipps.config import EmulatorConfig
from kiosk.sandbox.vipps.emulator import Emulator
from kiosk.sandbox.vipps.faults import FaultMiddleware
from kiosk.sandbox.vipps.strict import SpecValidator, StrictMiddleware


@functools.cache
def load_validator(spec_dir: Path) -> SpecValidator:
    """One parsed copy of the OpenAPI files per folder (they are read-only)."""
    return SpecValidator(spec_dir)


def create_app(
    config: EmulatorConfig | None = None,
    *,
    emulator: Emulator | None = None,
    clock: Clock | None = None,
) -> Starlette:
    """An ASGI app serving ``emulator`` (or a new one built from ``config`` and ``clock``)."""
    if emulator is None:
        emulator = Emulator(config, clock=clock)
    elif config is not None or clock is not None:
        raise ValueError("pass either an emulator or its config/clock, not both")
    state = emulator

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await state.start()
        try:
            yield
        finally:
            await state.aclose()

    route_list: list[BaseRoute] = [
        *epayment_routes.routes(state),
        *order_routes.routes(state),
        *webhook_routes.routes(state),
        *qr_routes.routes(state),
        *phone.routes(state),
        *control_routes.routes(state),
    ]
    middleware = [Middleware(FaultMiddleware, plan=state.faults)]
    if state.config.strict_enabled():
        validator = load_validator(state.config.resolved_spec_dir().resolve())
        middleware.append(
            Middleware(StrictMiddleware, validator=validator, violations=state.strict_violations)
        )
    app = Starlette(routes=route_list, middleware=middleware, lifespan=lifespan)
    app.state.emulator = state
    return app
