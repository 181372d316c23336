"""The charger simulator: a pymodbus server that serves any profile in ``drivers/`` with a car.

Public API: :class:`ChargerSimulator` (``kiosk.sandbox.charger.simulator``), the car model
(:class:`CarSpec`, :class:`FullBehaviour`), the clocks (:class:`ScaledClock`,
:class:`ManualClock`), the per-socket fault and state enums (:class:`CpState`,
:class:`MeterFault`) and the HTTP control app (``kiosk.sandbox.charger.control_api``).
"""

from kiosk.sandbox.charger.car import CarSpec, FullBehaviour
from kiosk.sandbox.charger.clock import ManualClock, ScaledClock, SimClock
from kiosk.sandbox.charger.evse import CpState, MeterFault
from kiosk.sandbox.charger.simulator import ChargerSimulator

__all__ = [
    "CarSpec",
    "ChargerSimulator",
    "CpState",
    "FullBehaviour",
    "ManualClock",
    "MeterFault",
    "ScaledClock",
    "SimClock",
]
