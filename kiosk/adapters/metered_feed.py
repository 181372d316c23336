"""A connector whose billing meter is a separate device beside its charger.

Some chargers have no lifetime energy counter (ABB Terra AC); the station then bills from an
external meter (Eastron SDM630). ``MeteredFeed`` is the connector's ``ChargerFeed``
(``kiosk.station.setup``) over two ``DevicePoller`` s and publishes one combined
``DeviceReading`` (``metered_snapshot``):

* state, state detail, enable, current limit/setpoint and error come from the charger;
* lifetime energy (with the meter poller's ``energy_epoch`` and note: resets, jumps and
  glitches are filtered there, by ``kiosk.hardware.energy_filter``), power and the measured
  phase currents/voltages come from the meter. The charger's own energy is never used, even
  when it has a counter.
* a failed meter value stays ``None`` (never 0). When the meter does not answer at all the
  connector is unavailable: no energy can be billed, so the session ends after the charger
  grace time like any lost charger, settled on the last good meter reading, and no new
  session starts.

Nothing is published until both devices have reported once (no false outage at start).
Commands (``enable``/``set_current``/``stop``) go to the charger, so service mode's test charge
can use this feed and log the meter's energy. Raises nothing; pollers never raise.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from kiosk.hardware.poller import CommandResult, DevicePoller
from kiosk.hardware.reading import DeviceReading, unavailable_reading

log = logging.getLogger(__name__)

Subscriber = Callable[[DeviceReading], None]


def metered_snapshot(charger: DeviceReading, meter: DeviceReading) -> DeviceReading:
    """The connector as the station sees it: the charger's state with the meter's energy."""
    timestamp_s = max(charger.timestamp_s, meter.timestamp_s)
    if not charger.online:
        return charger
    if not meter.online:
        return unavailable_reading(
            charger.device,
            charger.connector_id,
            timestamp_s,
            f"billing meter {meter.device}: {meter.error or 'no answer'}",
            epoch=meter.energy_epoch,
        )
    return dataclasses.replace(
        charger,
        timestamp_s=timestamp_s,
        energy_wh=meter.energy_wh,
        energy_epoch=meter.energy_epoch,
        energy_note=meter.energy_note,
        power_w=meter.power_w,
        currents_a=meter.currents_a or charger.currents_a,
        voltages_v=meter.voltages_v or charger.voltages_v,
    )


class MeteredFeed:
    """``ChargerFeed`` of a charger plus its external billing meter (owns both pollers)."""

    def __init__(self, charger: DevicePoller, meter: DevicePoller) -> None:
        self.charger = charger
        self.meter = meter
        self._subscribers: list[Subscriber] = []
        self._charger_seen = False
        self._meter_seen = False
        self._detach = [
            charger.subscribe(self._charger_changed),
            meter.subscribe(self._meter_changed),
        ]

    @property
    def snapshot(self) -> DeviceReading:
        return metered_snapshot(self.charger.snapshot, self.meter.snapshot)

    async def start(self) -> None:
        await self.charger.start()
        await self.meter.start()

    async def aclose(self) -> None:
        for detach in self._detach:
            detach()
        self._detach = []
        try:
            await self.meter.aclose()
        finally:
            await self.charger.aclose()

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        self._subscribers.append(subscriber)
        return lambda: self._subscribers.remove(subscriber)

    # --- the charger's commands (for service mode's test charge) ------------------------

    async def enable(self, current_a: float) -> CommandResult:
        return await self.charger.enable(current_a)

    async def set_current(self, current_a: float) -> CommandResult:
        return await self.charger.set_current(current_a)

    async def stop(self) -> CommandResult:
        return await self.charger.stop()

    # --- internals ----------------------------------------------------------------------

    def _charger_changed(self, _snapshot: DeviceReading) -> None:
        self._charger_seen = True
        self._publish()

    def _meter_changed(self, _snapshot: DeviceReading) -> None:
        self._meter_seen = True
        self._publish()

    def _publish(self) -> None:
        if not (self._charger_seen and self._meter_seen):
            return
        combined = self.snapshot
        for subscriber in list(self._subscribers):
            try:
                subscriber(combined)
            except Exception:
                log.exception("%s: snapshot subscriber failed", combined.device)
