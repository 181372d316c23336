"""Guard a lifetime energy counter against glitches without ever inventing energy.

:class:`EnergyFilter` turns raw counter readings into published readings:

* unknown (NaN, sentinel, failed read) -> ``None``; the filter remembers the last good value.
* a decrease -> **reset** (or a wrap of an unsigned counter): the new value is published at
  once with a new ``epoch``. Billing closes the running segment at the last good value of the
  old epoch and starts a new one at the first value of the new epoch; it never subtracts
  across epochs.
* an increase larger than the device could have delivered (``max_power_w`` over the elapsed
  time, with margin) -> ``None`` ("implausible jump") until the next reading decides: back on
  the old track = it was a spike, dropped; continuing from the new value = the meter really
  moved (e.g. replaced), re-baselined as a new epoch so the jump is never billed.
* a counter that stands still while the measured power says at least ``frozen_after_wh`` should
  have been counted -> ``None`` ("meter not advancing") until it moves again.

Pure: time comes in as an argument. Raises nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

RESOLUTION_SLACK_WH = 20.0  # float32 kWh counters step up to ~8 Wh at 100 MWh
PLAUSIBLE_MARGIN = 1.25


@dataclass(frozen=True, slots=True)
class EnergyReading:
    energy_wh: int | None
    epoch: int
    note: str | None = None


class EnergyFilter:
    def __init__(self, *, max_power_w: float, frozen_after_wh: float = 100.0) -> None:
        self.max_power_w = max_power_w
        self.frozen_after_wh = frozen_after_wh
        self.epoch = 0
        self._last_wh: float | None = None
        self._last_s = 0.0
        self._pending: tuple[float, float] | None = None  # (value, time) of a suspect jump
        self._unchanged_expected_wh = 0.0
        self._power_s: float | None = None

    def _allowed(self, elapsed_s: float) -> float:
        return (
            self.max_power_w * max(elapsed_s, 0.0) / 3600 * PLAUSIBLE_MARGIN + RESOLUTION_SLACK_WH
        )

    def _accept(self, value: float, now_s: float, note: str | None = None) -> EnergyReading:
        if self._last_wh is None or value != self._last_wh:
            # plausibility is judged against the time the counter last moved
            self._unchanged_expected_wh = 0.0
            self._last_s = now_s
        self._last_wh = value
        self._pending = None
        return EnergyReading(round(value), self.epoch, note)

    def update(self, raw_wh: float | None, power_w: float | None, now_s: float) -> EnergyReading:
        """Feed one reading (with the power read alongside it) taken at ``now_s``."""
        if self._power_s is not None and power_w is not None and power_w > 0:
            self._unchanged_expected_wh += power_w * max(now_s - self._power_s, 0.0) / 3600
        self._power_s = now_s
        if raw_wh is None:
            return EnergyReading(None, self.epoch, "unknown")
        last = self._last_wh
        if last is None:
            return self._accept(raw_wh, now_s)
        if raw_wh < last:
            self.epoch += 1
            return self._accept(raw_wh, now_s, "counter reset")
        if self._pending is not None:
            pending_wh, pending_s = self._pending
            if pending_wh <= raw_wh <= pending_wh + self._allowed(now_s - pending_s):
                self.epoch += 1
                return self._accept(raw_wh, now_s, "counter jumped: new baseline")
        if raw_wh - last > self._allowed(now_s - self._last_s):
            self._pending = (raw_wh, now_s)
            return EnergyReading(None, self.epoch, "implausible jump")
        if raw_wh == last and self._unchanged_expected_wh > self.frozen_after_wh:
            return EnergyReading(None, self.epoch, "meter not advancing")
        return self._accept(raw_wh, now_s)
