"""The station's small OCPP 2.0.1 device model: the variables a CSMS may read and set.

``DeviceModel`` answers ``GetVariables`` / ``SetVariables`` entries (already converted to
snake_case keys by the ``ocpp`` library) and lists every variable for ``NotifyReport``
(``GetBaseReport``). Writable: the heartbeat and meter intervals and the offline threshold
(integers, seconds, 1..86400). Read-only: the station name, the price text, the
transaction start/stop points and what the display messages support (``DisplayMessageCtrlr``).
Pure; raises nothing (bad input gets a ``Rejected`` result).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.core.display_messages import MAX_MESSAGES, SUPPORTED_FORMATS, Priority

JsonObject = dict[str, Any]
_INT = "integer"


@dataclass(slots=True)
class Variable:
    component: str
    name: str
    value: str
    writable: bool = False
    data_type: str = "string"


class DeviceModel:
    def __init__(
        self,
        *,
        heartbeat_s: int,
        meter_interval_s: int,
        offline_threshold_s: int,
        station_name: str,
        price_text: str,
        on_change: Callable[[str, int], None] | None = None,
    ) -> None:
        self._on_change = on_change
        self._vars: dict[tuple[str, str], Variable] = {}
        for variable in (
            Variable("OCPPCommCtrlr", "HeartbeatInterval", str(heartbeat_s), True, "integer"),
            Variable(
                "OCPPCommCtrlr", "OfflineThreshold", str(offline_threshold_s), True, "integer"
            ),
            Variable(
                "SampledDataCtrlr", "TxUpdatedInterval", str(meter_interval_s), True, "integer"
            ),
            Variable(
                "SampledDataCtrlr",
                "TxUpdatedMeasurands",
                "Energy.Active.Import.Register,Power.Active.Import",
            ),
            Variable("TxCtrlr", "TxStartPoint", "PowerPathClosed"),
            Variable("TxCtrlr", "TxStopPoint", "PowerPathClosed"),
            Variable("ChargingStation", "StationName", station_name),
            Variable("TariffCostCtrlr", "TariffFallbackMessage", price_text),
            # display messages on the idle screen (kiosk.core.display_messages)
            Variable("DisplayMessageCtrlr", "Enabled", "true", data_type="boolean"),
            Variable("DisplayMessageCtrlr", "Available", "true", data_type="boolean"),
            Variable("DisplayMessageCtrlr", "DisplayMessages", str(MAX_MESSAGES), False, _INT),
            Variable(
                "DisplayMessageCtrlr",
                "SupportedFormats",
                ",".join(SUPPORTED_FORMATS),
                data_type="MemberList",
            ),
            Variable(
                "DisplayMessageCtrlr",
                "SupportedPriorities",
                ",".join(p.value for p in Priority),
                data_type="MemberList",
            ),
        ):
            self._vars[(variable.component, variable.name)] = variable

    def int_value(self, component: str, name: str) -> int:
        return int(self._vars[(component, name)].value)

    def get(self, item: JsonObject) -> JsonObject:
        """One ``GetVariableResultType`` (snake_case keys) for one ``GetVariableDataType``."""
        component = _name(item.get("component"))
        name = _name(item.get("variable"))
        attribute = item.get("attribute_type") or "Actual"
        result: JsonObject = {
            "attribute_type": attribute,
            "component": {"name": component},
            "variable": {"name": name},
        }
        if (component, name) not in {(c, v) for c, v in self._vars}:
            known = any(c == component for c, _ in self._vars)
            result["attribute_status"] = "UnknownVariable" if known else "UnknownComponent"
        elif attribute != "Actual":
            result["attribute_status"] = "NotSupportedAttributeType"
        else:
            result["attribute_status"] = "Accepted"
            result["attribute_value"] = self._vars[(component, name)].value
        return result

    def set(self, item: JsonObject) -> JsonObject:
        """One ``SetVariableResultType`` for one ``SetVariableDataType``."""
        component = _name(item.get("component"))
        name = _name(item.get("variable"))
        attribute = item.get("attribute_type") or "Actual"
        result: JsonObject = {
            "attribute_type": attribute,
            "component": {"name": component},
            "variable": {"name": name},
        }
        variable = self._vars.get((component, name))
        if variable is None:
            known = any(c == component for c, _ in self._vars)
            result["attribute_status"] = "UnknownVariable" if known else "UnknownComponent"
            return result
        if attribute != "Actual":
            result["attribute_status"] = "NotSupportedAttributeType"
            return result
        value = str(item.get("attribute_value", ""))
        if not variable.writable or not _valid_seconds(value):
            result["attribute_status"] = "Rejected"
            return result
        variable.value = str(int(value))
        result["attribute_status"] = "Accepted"
        if self._on_change is not None:
            self._on_change(name, int(value))
        return result

    def report(self) -> list[JsonObject]:
        """Every variable as a ``ReportDataType`` (camelCase keys, for ``NotifyReport``)."""
        return [
            {
                "component": {"name": v.component},
                "variable": {"name": v.name},
                "variableAttribute": [
                    {
                        "type": "Actual",
                        "value": v.value[:2500],
                        "mutability": "ReadWrite" if v.writable else "ReadOnly",
                    }
                ],
                "variableCharacteristics": {"dataType": v.data_type, "supportsMonitoring": False},
            }
            for v in self._vars.values()
        ]


def _name(part: object) -> str:
    if isinstance(part, dict):
        return str(part.get("name", ""))
    return ""


def _valid_seconds(value: str) -> bool:
    return value.isdigit() and 1 <= int(value) <= 86_400
