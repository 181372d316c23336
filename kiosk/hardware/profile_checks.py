"""Cross-field checks of a profile that pydantic field types cannot express.

:func:`semantic_issues` returns (key path, message) pairs; the loader
(:mod:`kiosk.hardware.profile`) turns them into file/line/field issues. It never raises.
"""

from __future__ import annotations

from kiosk.hardware.codec import INTEGER_TYPES
from kiosk.hardware.profile_model import IEC_STATES, ROLE_DIMENSIONS, Profile
from kiosk.hardware.register import Table
from kiosk.hardware.units import dimension_of

WRITTEN_ROLES = ("enable", "current_setpoint", "failsafe_current", "failsafe_timeout")


def semantic_issues(profile: Profile) -> list[tuple[tuple[str | int, ...], str]]:
    issues: list[tuple[tuple[str | int, ...], str]] = []
    fcs = profile.connection.function_codes
    regs = profile.registers.present()
    for role, reg in regs.items():
        want = ROLE_DIMENSIONS[role]
        if dimension_of(reg.unit) is not want:
            issues.append((("registers", role, "unit"), f"needs a unit of {want.value}"))
    for name, reg in {**regs, **{f"d.{k}": v for k, v in profile.diagnostics.items()}}.items():
        section = ("diagnostics", name[2:]) if name.startswith("d.") else ("registers", name)
        if reg.table.read_function not in fcs:
            issues.append(
                ((*section, "table"), f"reading it needs function code {reg.table.read_function}")
            )
    for role in WRITTEN_ROLES:
        written = regs.get(role)
        if written is None:
            continue
        if written.table in (Table.INPUT, Table.DISCRETE):
            issues.append((("registers", role, "table"), "a written register must be writable"))
        elif written.table is Table.COIL and not fcs & {5, 15}:
            issues.append((("registers", role), "writing a coil needs function code 5 or 15"))
        elif (
            written.table is Table.HOLDING
            and 16 not in fcs
            and not (6 in fcs and written.words == 1)
        ):
            issues.append(
                (("registers", role), "writing it needs function code 16 (or 6 for 1 word)")
            )
    state_reg = profile.registers.state
    numeric_state = state_reg is not None and state_reg.type in INTEGER_TYPES
    for key, state in profile.states.items():
        if state not in IEC_STATES:
            issues.append((("states", key), f"{state!r} is not one of {', '.join(IEC_STATES)}"))
        if numeric_state:
            try:
                int(key, 0)
            except ValueError:
                issues.append(
                    (("states", key), "the state register is numeric: key must be a number")
                )
    for key in profile.errors:
        try:
            int(key, 0)
        except ValueError:
            issues.append((("errors", key), "error codes must be numbers"))
    ids = [c.id for c in profile.connectors]
    if len(set(ids)) != len(ids):
        issues.append((("connectors",), "connector ids must be unique"))
    if profile.kind == "charger":
        if "state" not in regs or not profile.states:
            issues.append((("registers", "state"), "a charger needs a state register and [states]"))
        if profile.control is None:
            issues.append((("control",), "a charger needs a [control] table"))
        if "current_setpoint" not in regs:
            issues.append((("registers", "current_setpoint"), "a charger needs a current setpoint"))
        if profile.control is not None:
            if "enable" in profile.control.stop and "enable" not in regs:
                issues.append(
                    (("control", "stop"), "stop uses 'enable' but there is no enable register")
                )
            if not profile.control.stop:
                issues.append((("control", "stop"), "name at least one stop action"))
            if profile.control.min_current_a > profile.control.max_current_a:
                issues.append((("control", "min_current_a"), "is above max_current_a"))
    elif "energy" not in regs:
        issues.append((("registers", "energy"), "a meter needs an energy register"))
    fs = profile.failsafe
    if "failsafe_timeout" in regs and fs.timeout_s is None:
        issues.append((("failsafe", "timeout_s"), "required with registers.failsafe_timeout"))
    if "failsafe_current" in regs and fs.current_a is None:
        issues.append((("failsafe", "current_a"), "required with registers.failsafe_current"))
    if fs.timeout_s is not None and fs.rewrite_interval_s is None:
        issues.append((("failsafe", "rewrite_interval_s"), "required when timeout_s is set"))
    if (
        fs.timeout_s is not None
        and fs.rewrite_interval_s is not None
        and fs.rewrite_interval_s * 2 > fs.timeout_s
    ):
        issues.append((("failsafe", "rewrite_interval_s"), "must be at most half of timeout_s"))
    return issues
