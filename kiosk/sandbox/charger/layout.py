"""How a profile becomes simulated sockets: which connectors, on which unit ids, with which
watchdog, safe current and limits.

Errors: ``ValueError`` when the requested number of connectors cannot be laid out.
"""

from __future__ import annotations

from kiosk.hardware.profile import Connector, Kind, Profile, Quirk
from kiosk.sandbox.charger.evse import EvseSettings, Watchdog


def connector_layout(profile: Profile, connectors: int | None) -> list[Connector]:
    """The first ``connectors`` sockets; beyond the profile's own, further unit ids."""
    declared = list(profile.connectors)
    wanted = len(declared) if connectors is None else connectors
    if wanted < 1:
        raise ValueError("a simulator needs at least one connector")
    if wanted <= len(declared):
        return declared[:wanted]
    last = declared[-1]
    if last.unit_id + (wanted - len(declared)) > 247:
        raise ValueError(f"cannot lay out {wanted} connectors on unit ids")
    extra = [
        Connector(
            id=last.id + k,
            unit_id=last.unit_id + k,
            port_offset=last.port_offset,
            address_offset=last.address_offset,
        )
        for k in range(1, wanted - len(declared) + 1)
    ]
    return declared + extra


def evse_settings(
    profile: Profile,
    *,
    supply_phases: int = 3,
    failsafe_timeout_s: float | None = None,
    meter_refresh_s: float = 1.0,
    voltage_noise_v: float = 0.0,
    seed: int = 0,
) -> EvseSettings:
    """Socket settings implied by a profile (watchdog, safe current, limits)."""
    control = profile.control
    timeout_s = failsafe_timeout_s or profile.failsafe.timeout_s
    if timeout_s is None:
        watchdog = Watchdog.NONE
    elif Quirk.READ_RESETS_WATCHDOG in profile.quirks:
        watchdog = Watchdog.ANY
    else:
        watchdog = Watchdog.WRITE
    is_meter = profile.kind is Kind.METER
    max_a = control.max_current_a if control is not None else 32.0
    return EvseSettings(
        hardware_max_a=max_a,
        cable_rating_a=max_a,
        supply_phases=supply_phases,
        voltage_noise_v=voltage_noise_v,
        watchdog=watchdog,
        watchdog_timeout_s=timeout_s or 60.0,
        failsafe_current_a=profile.failsafe.current_a or 0.0,
        # A meter has no control: whatever charger it measures lets the car charge.
        boot_current_a=max_a if is_meter else None,
        boot_enabled=profile.registers.enable is None,
        meter_refresh_s=meter_refresh_s,
        seed=seed,
    )
