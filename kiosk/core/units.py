"""Units of the domain: energy in integer Wh, time in integer milliseconds, rates in basis points.

Only constants and exact integer conversions live here; nothing rounds money (that is
``money.py``). Raises nothing but ``ValueError`` for negative inputs where they make no sense.
"""

from __future__ import annotations

WH_PER_KWH = 1000
MS_PER_S = 1000
MS_PER_MINUTE = 60_000
MS_PER_HOUR = 3_600_000
BP_PER_WHOLE = 10_000
"""Basis points in 100 %: a rate of 2500 bp is 25 %."""


def energy_wh_at_power(power_w: int, duration_ms: int) -> int:
    """Energy that ``power_w`` delivers in ``duration_ms``, rounded up to whole Wh.

    Rounded up because every caller uses it to look ahead (is there room in the budget?), where
    overestimating is the safe side.
    """
    if power_w < 0 or duration_ms < 0:
        raise ValueError("power and duration must not be negative")
    return -(-power_w * duration_ms // MS_PER_HOUR)
