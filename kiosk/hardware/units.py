"""Physical units a profile may give a register, and their factor to the kiosk's base units.

Base units: energy Wh, power W, current A, voltage V, time s; ``""`` is dimensionless (codes,
states, flags). A register value in the kiosk = raw × scale × factor(unit).
"""

from __future__ import annotations

from enum import StrEnum


class Dimension(StrEnum):
    ENERGY = "energy"
    POWER = "power"
    CURRENT = "current"
    VOLTAGE = "voltage"
    TIME = "time"
    NONE = "none"


# unit -> (dimension, factor to the base unit of that dimension)
UNITS: dict[str, tuple[Dimension, float]] = {
    "Wh": (Dimension.ENERGY, 1.0),
    "kWh": (Dimension.ENERGY, 1000.0),
    "MWh": (Dimension.ENERGY, 1_000_000.0),
    "mW": (Dimension.POWER, 0.001),
    "W": (Dimension.POWER, 1.0),
    "kW": (Dimension.POWER, 1000.0),
    "mA": (Dimension.CURRENT, 0.001),
    "A": (Dimension.CURRENT, 1.0),
    "mV": (Dimension.VOLTAGE, 0.001),
    "V": (Dimension.VOLTAGE, 1.0),
    "ms": (Dimension.TIME, 0.001),
    "s": (Dimension.TIME, 1.0),
    "min": (Dimension.TIME, 60.0),
    "": (Dimension.NONE, 1.0),
}


def dimension_of(unit: str) -> Dimension:
    return UNITS[unit][0]


def factor_of(unit: str) -> float:
    return UNITS[unit][1]
