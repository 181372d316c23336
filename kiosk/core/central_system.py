"""The operator's central system (OCPP 2.0.1 CSMS): what the station reports and what it obeys.

Pure mapping from the station's facts to OCPP 2.0.1 message payloads (plain JSON dicts with the
spec's camelCase names), and the two ports between the station and the link (ADR 0013):

* :class:`CentralSystemLink` - what the station's bridge calls: connector status, transaction
  events (written durably before they are sent), and the link's health.
* :class:`StationCommands` - what the link asks of the station when the CSMS sends a command.

A session is one OCPP transaction from the moment charging starts (TxStartPoint
``PowerPathClosed``) to its settlement: ``Started`` when the charger was enabled, ``Updated``
for charging-state changes and every meter interval, ``Ended`` once the amount due is known
(``SETTLING``) with the stop reason and the cost. :func:`track_session` turns one session state
into the events due now; it raises nothing and reads no clock (``now_ms`` comes in).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from typing import Any, Protocol

from .state import Phase, SessionState, StopReason

JsonObject = dict[str, Any]

ID_TOKEN_TYPE = "Local"  # noqa: S105 - an OCPP token type, not a password
"""An ad-hoc Vipps payment is identified by its payment reference, a locally generated id
(ADR 0013): 2.0.1 has no "direct payment" token type (2.1 adds ``DirectPayment``)."""
COST_VENDOR_ID = "org.openchargealliance.costmsg"
"""``customData.vendorId`` of the cost the station reports in ``TransactionEvent(Ended)``."""


class ConnectorStatus(StrEnum):
    """``ConnectorStatusEnumType`` of OCPP 2.0.1."""

    AVAILABLE = "Available"
    OCCUPIED = "Occupied"
    RESERVED = "Reserved"
    UNAVAILABLE = "Unavailable"
    FAULTED = "Faulted"


class ResetKind(StrEnum):
    ON_IDLE = "OnIdle"
    IMMEDIATE = "Immediate"


@dataclass(frozen=True, slots=True)
class LinkHealth:
    """The OCPP link as the service screen and ``/metrics`` show it."""

    connected: bool
    boot_status: str | None  # "Accepted" / "Pending" / "Rejected"; None before any answer
    last_heartbeat_ms: int | None
    queued_events: int


class CentralSystemLink(Protocol):
    """The station's side of the OCPP link (implemented by ``kiosk.adapters.ocpp_link``)."""

    @property
    def connected(self) -> bool: ...

    @property
    def meter_interval_ms(self) -> int:
        """The meter interval in force (the CSMS may change it)."""
        ...

    def health(self) -> LinkHealth: ...

    async def start(self) -> None: ...

    async def aclose(self) -> None: ...

    def last_event(self, transaction_id: str) -> tuple[int, str] | None:
        """``(seqNo, eventType)`` of the newest stored event of a transaction, or None."""
        ...

    def resend_all_status(self) -> None:
        """Send every connector's status again."""
        ...

    def report_status(self, connector_id: int, status: ConnectorStatus) -> None:
        """Send ``StatusNotification`` when connected; offline only the latest counts."""
        ...

    async def send_transaction_event(self, payload: JsonObject) -> None:
        """Store the event durably (in order), then send it as soon as the link is up."""
        ...

    async def send_settlement(self, payload: JsonObject) -> None:
        """OCPP 2.1's ``NotifySettlement``: stored durably in the same order as the transaction
        events, sent when the connection speaks 2.1 (dropped unsent on a 2.0.1 one)."""
        ...


class StationCommands(Protocol):
    """What the CSMS may ask of the station; every call returns at once."""

    def remote_stop(self, transaction_id: str) -> bool:
        """Stop the session with this transaction id like a technician's stop (then it settles
        normally); False when no running session has that id."""
        ...

    def remote_start(self, evse_id: int | None, id_token: JsonObject, remote_start_id: int) -> bool:
        """A remote start: True only when the station is configured to run it as a test charge
        (no payment) and the EVSE is free; otherwise refused (a session needs a payment)."""
        ...

    def change_availability(self, evse_id: int | None, operative: bool) -> str:
        """``Accepted``, or ``Scheduled`` when a running session keeps the connector until it
        ends; ``Rejected`` for an unknown EVSE."""
        ...

    def reset(self, kind: ResetKind) -> str:
        """``Accepted`` (restart now), ``Scheduled`` (after running sessions end) or
        ``Rejected``; the restart itself begins in ``after_reset``."""
        ...

    def after_reset(self) -> None:
        """The answer to a Reset has been sent: restart when it is safe."""
        ...

    def set_display_message(self, info: JsonObject) -> str:
        """``SetDisplayMessage`` (``info``: the camelCase ``MessageInfoType``): the status
        (``Accepted`` when the idle screen will show it at its time)."""
        ...

    def display_messages(
        self, ids: list[int] | None, priority: str | None, state: str | None
    ) -> list[JsonObject]:
        """``GetDisplayMessages``: the stored messages matching the filters (camelCase
        ``MessageInfoType``; may carry 2.1's ``messageExtra``)."""
        ...

    def clear_display_message(self, message_id: int) -> str:
        """``ClearDisplayMessage``: ``Accepted`` or ``Unknown``."""
        ...

    def trigger_status(self) -> None:
        """Send every connector's status again (``TriggerMessage``)."""
        ...


# --- timestamps and meter values -------------------------------------------------------------


def iso_timestamp(epoch_ms: int) -> str:
    """``2026-12-03T10:00:00.123Z`` (UTC, milliseconds) from epoch milliseconds."""
    moment = _dt.datetime.fromtimestamp(epoch_ms / 1000, tz=_dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{epoch_ms % 1000:03d}Z"


def meter_value(
    epoch_ms: int, energy_wh: int | None, power_w: int | None, context: str
) -> JsonObject | None:
    """One ``MeterValueType``: the energy register (Wh) and the active power (W) when known."""
    sampled: list[JsonObject] = []
    if energy_wh is not None:
        sampled.append(
            {
                "value": energy_wh,
                "context": context,
                "measurand": "Energy.Active.Import.Register",
                "unitOfMeasure": {"unit": "Wh"},
            }
        )
    if power_w is not None:
        sampled.append(
            {
                "value": power_w,
                "context": context,
                "measurand": "Power.Active.Import",
                "unitOfMeasure": {"unit": "W"},
            }
        )
    if not sampled:
        return None
    return {"timestamp": iso_timestamp(epoch_ms), "sampledValue": sampled}


# --- stop reasons ------------------------------------------------------------------------------

_ENDED: dict[StopReason | None, tuple[str, str]] = {
    # stop reason -> (triggerReason, stoppedReason)
    StopReason.DRIVER: ("StopAuthorized", "Local"),
    StopReason.PHONE: ("StopAuthorized", "Local"),
    StopReason.TECHNICIAN: ("StopAuthorized", "Local"),
    StopReason.STATION_INPUT: ("AbnormalCondition", "EmergencyStop"),
    StopReason.BUDGET_REACHED: ("EnergyLimitReached", "LocalOutOfCredit"),
    StopReason.CAR_FULL: ("ChargingStateChanged", "StoppedByEV"),
    StopReason.UNPLUGGED: ("EVCommunicationLost", "EVDisconnected"),
    StopReason.CHARGER_FAULT: ("AbnormalCondition", "Other"),
    StopReason.CHARGER_UNREACHABLE: ("AbnormalCondition", "Other"),
    StopReason.STOP_UNCONFIRMED: ("AbnormalCondition", "Other"),
    StopReason.PLUG_IN_TIMEOUT: ("EVCommunicationLost", "Timeout"),
    StopReason.CANCELLED: ("StopAuthorized", "Local"),
    StopReason.RECOVERY: ("AbnormalCondition", "Reboot"),
    None: ("AbnormalCondition", "Other"),
}


def ended_reasons(reason: StopReason | None, remote: bool) -> tuple[str, str]:
    """``(triggerReason, stoppedReason)`` of ``TransactionEvent(Ended)``."""
    if remote:
        return ("RemoteStop", "Remote")
    return _ENDED.get(reason, _ENDED[None])


# --- the transaction of one session ------------------------------------------------------------

_CHARGING_STATE: dict[Phase, str] = {
    Phase.CHARGING: "Charging",
    Phase.CAR_PAUSED: "SuspendedEV",
    Phase.STOPPING: "EVConnected",
}
_RUNNING = frozenset({Phase.CHARGING, Phase.CAR_PAUSED, Phase.STOPPING})
_OVER = frozenset({Phase.SETTLING, Phase.DONE, Phase.ATTENTION})


@dataclass(frozen=True, slots=True)
class TrackedTransaction:
    """What the station remembers of one session's OCPP transaction."""

    transaction_id: str
    evse_id: int
    next_seq_no: int = 0
    charging_state: str | None = None
    last_meter_ms: int | None = None
    remote_stop: bool = False
    ended: bool = False


def _event(
    tracked: TrackedTransaction,
    event_type: str,
    trigger: str,
    now_ms: int,
    *,
    offline: bool,
    info: JsonObject | None = None,
    meter: JsonObject | None = None,
) -> JsonObject:
    payload: JsonObject = {
        "eventType": event_type,
        "timestamp": iso_timestamp(now_ms),
        "triggerReason": trigger,
        "seqNo": tracked.next_seq_no,
        "transactionInfo": {"transactionId": tracked.transaction_id, **(info or {})},
    }
    if meter is not None:
        payload["meterValue"] = [meter]
    if offline:
        payload["offline"] = True
    return payload


def track_session(
    tracked: TrackedTransaction | None,
    state: SessionState,
    *,
    evse_id: int,
    now_ms: int,
    meter_interval_ms: int,
    offline: bool,
) -> tuple[TrackedTransaction | None, list[JsonObject]]:
    """The transaction events ``state`` calls for now, and what to remember for the next call.

    ``tracked`` is what the previous call returned for this connector (None at first, or after a
    session ended). A session that never charged (declined, cancelled, no car) has no
    transaction. ``offline``: the link is down now (the events get ``offline: true``).
    """
    session_id = state.session_id
    if tracked is not None and tracked.transaction_id != session_id:
        tracked = None
    if tracked is not None and tracked.ended:
        return tracked, []
    if session_id is None or state.charging_started_ms is None:
        return tracked, []
    if tracked is None and state.phase not in _RUNNING and state.phase not in _OVER:
        return None, []
    events: list[JsonObject] = []
    energy_wh = state.last_meter_wh
    if tracked is None:
        tracked = TrackedTransaction(session_id, evse_id)
        charging = _CHARGING_STATE.get(state.phase, "EVConnected")
        start_ms = state.charging_started_ms
        started = _event(
            tracked,
            "Started",
            "ChargingStateChanged",
            start_ms,
            offline=offline,
            info={"chargingState": charging},
            meter=meter_value(start_ms, state.meter_start_wh, None, "Transaction.Begin"),
        )
        started["evse"] = {"id": evse_id, "connectorId": 1}
        started["idToken"] = {"idToken": state.reference or session_id, "type": ID_TOKEN_TYPE}
        events.append(started)
        tracked = replace(tracked, next_seq_no=1, charging_state=charging, last_meter_ms=start_ms)
    if state.phase in _RUNNING:
        charging = _CHARGING_STATE[state.phase]
        if charging != tracked.charging_state:
            events.append(
                _event(
                    tracked,
                    "Updated",
                    "ChargingStateChanged",
                    now_ms,
                    offline=offline,
                    info={"chargingState": charging},
                    meter=meter_value(now_ms, energy_wh, state.power_w, "Sample.Periodic"),
                )
            )
            tracked = replace(
                tracked,
                next_seq_no=tracked.next_seq_no + 1,
                charging_state=charging,
                last_meter_ms=now_ms,
            )
        elif (
            state.phase is not Phase.STOPPING
            and now_ms - (tracked.last_meter_ms or 0) >= meter_interval_ms
        ):
            meter = meter_value(now_ms, energy_wh, state.power_w, "Sample.Periodic")
            if meter is not None:
                events.append(
                    _event(
                        tracked,
                        "Updated",
                        "MeterValuePeriodic",
                        now_ms,
                        offline=offline,
                        meter=meter,
                    )
                )
                tracked = replace(
                    tracked, next_seq_no=tracked.next_seq_no + 1, last_meter_ms=now_ms
                )
    if state.phase in _OVER:
        trigger, stopped = ended_reasons(state.stop_reason, tracked.remote_stop)
        info: JsonObject = {"chargingState": "EVConnected", "stoppedReason": stopped}
        if state.measured is not None:
            info["timeSpentCharging"] = state.measured.duration_ms // 1000
        stop_ms = state.stopped_ms if state.stopped_ms is not None else now_ms
        ended = _event(
            tracked,
            "Ended",
            trigger,
            stop_ms,
            offline=offline,
            info=info,
            meter=meter_value(stop_ms, energy_wh, None, "Transaction.End"),
        )
        if state.amount_due is not None:
            ended["customData"] = cost_data(state.amount_due.total_ore, state.amount_due.currency)
        events.append(ended)
        tracked = replace(tracked, next_seq_no=tracked.next_seq_no + 1, ended=True)
    return tracked, events


def cost_data(total_ore: int, currency: str) -> JsonObject:
    """The session's cost in ``customData`` (ADR 0013): ``totalCost`` in the currency's main
    unit (a JSON number with two decimals), ``totalCostMinor`` exactly in øre/cents."""
    return {
        "vendorId": COST_VENDOR_ID,
        "totalCost": round(total_ore / 100, 2),
        "totalCostMinor": total_ore,
        "currency": currency,
    }


SETTLEMENT_VENDOR_ID = "no.ladeskjerm.settlement"
"""``customData.vendorId`` of the exact settled amount in ``NotifySettlement``."""


def settlement_notice(
    state: SessionState, *, now_ms: int, psp_reference: str | None, receipt_url: str | None
) -> JsonObject | None:
    """OCPP 2.1 ``NotifySettlement`` for a session whose payment was just settled (ADR 0013):
    ``Settled`` with the captured amount, ``Canceled`` when nothing was captured (all released),
    ``Failed`` when the settlement needs a person (``ATTENTION``). None for a session that had no
    transaction (it never charged) or is not settled yet. ``settlementAmount`` is in the
    currency's main unit, ``customData`` has it exactly in øre/cents. ``psp_reference``: Vipps'
    ``pspReference`` of the capture (or of the release); without one, the payment's reference
    (which is the transaction's ``idToken``)."""
    if state.session_id is None or state.charging_started_ms is None or state.reference is None:
        return None
    if state.phase is Phase.DONE:
        status = "Settled" if state.captured_ore > 0 else "Canceled"
    elif state.phase is Phase.ATTENTION:
        status = "Failed"
    else:
        return None
    currency = state.tariff.currency if state.tariff is not None else "NOK"
    notice: JsonObject = {
        "pspRef": (psp_reference or state.reference)[:255],
        "status": status,
        "settlementAmount": round(state.captured_ore / 100, 2),
        "settlementTime": iso_timestamp(now_ms),
        "transactionId": state.session_id,
        "customData": {
            "vendorId": SETTLEMENT_VENDOR_ID,
            "settlementAmountMinor": state.captured_ore,
            "releasedAmountMinor": state.cancelled_ore,
            "currency": currency,
            "reference": state.reference,
        },
    }
    if status == "Failed" and state.attention_reason:
        notice["statusInfo"] = state.attention_reason[:500]
    if receipt_url is not None and status == "Settled":
        notice["receiptUrl"] = receipt_url[:2000]
    return notice


def resume_tracking(
    transaction_id: str, evse_id: int, last_seq_no: int, last_event_type: str
) -> TrackedTransaction:
    """A transaction whose events were stored before a restart: continue its numbering."""
    return TrackedTransaction(
        transaction_id,
        evse_id,
        next_seq_no=last_seq_no + 1,
        charging_state=None,
        ended=last_event_type == "Ended",
    )


REMOTE_TEST_TOKEN_TYPES = frozenset({"Central", "NoAuthorization"})
"""The idToken types a remote test charge may start with: a token the CSMS made itself, or none
at all. A driver's card, contract or key code (``ISO14443``, ``eMAID``, ``KeyCode``...) would
start a driver's session, which needs a payment: refused."""


class RemoteTestEnd(Enum):
    """Why a remote test charge ended: ``(triggerReason, stoppedReason)`` of its ``Ended``."""

    REMOTE = ("RemoteStop", "Remote")  # RequestStopTransaction
    UNPLUGGED = ("EVCommunicationLost", "EVDisconnected")  # the car left
    NO_CAR = ("EVConnectTimeout", "Timeout")  # no car came within the idle timeout
    IDLE = ("TimeLimitReached", "Timeout")  # the car drew nothing for the idle timeout
    CHARGER_FAULT = ("AbnormalCondition", "Other")  # the charger failed or stopped answering
    SHUTDOWN = ("AbnormalCondition", "Reboot")  # the station closed (Reset, service stop)


def remote_test_end(
    *,
    online: bool,
    plugged: bool | None,
    car_seen: bool,
    idle_since_ms: int | None,
    now_ms: int,
    idle_timeout_ms: int,
) -> RemoteTestEnd | None:
    """Whether a remote test charge ends by itself now, from the charger's last reading:
    ``plugged`` (None: unknown), ``car_seen`` (a car was plugged at some point),
    ``idle_since_ms`` (since when no power flows; None: it flows)."""
    if not online:
        return RemoteTestEnd.CHARGER_FAULT
    if car_seen and plugged is False:
        return RemoteTestEnd.UNPLUGGED
    if idle_since_ms is not None and now_ms - idle_since_ms >= idle_timeout_ms:
        return RemoteTestEnd.IDLE if car_seen else RemoteTestEnd.NO_CAR
    return None


def technician_charge_event(
    event_type: str,
    transaction_id: str,
    evse_id: int,
    seq_no: int,
    now_ms: int,
    energy_wh: int | None,
    power_w: int | None = None,
    *,
    remote_start_id: int,
    id_token: JsonObject,
    offline: bool,
    end: RemoteTestEnd | None = None,
) -> JsonObject:
    """A technician's test charge started by the CSMS, as a transaction: ``Started``
    (``RemoteStart`` with the CSMS's ``remoteStartId`` and idToken), ``Updated`` at the meter
    interval (``MeterValuePeriodic``), ``Ended`` with ``end``'s reasons (``RemoteStop`` /
    ``Remote`` after a RequestStopTransaction). No cost: nothing is paid."""
    tracked = TrackedTransaction(transaction_id, evse_id, seq_no)
    if event_type == "Started":
        event = _event(
            tracked,
            "Started",
            "RemoteStart",
            now_ms,
            offline=offline,
            info={"chargingState": "Charging", "remoteStartId": remote_start_id},
            meter=meter_value(now_ms, energy_wh, power_w, "Transaction.Begin"),
        )
        event["evse"] = {"id": evse_id, "connectorId": 1}
        event["idToken"] = id_token
        return event
    if event_type == "Updated":
        return _event(
            tracked,
            "Updated",
            "MeterValuePeriodic",
            now_ms,
            offline=offline,
            meter=meter_value(now_ms, energy_wh, power_w, "Sample.Periodic"),
        )
    if event_type == "Ended":
        trigger, stopped = (end or RemoteTestEnd.REMOTE).value
        return _event(
            tracked,
            "Ended",
            trigger,
            now_ms,
            offline=offline,
            info={"chargingState": "Idle", "stoppedReason": stopped},
            meter=meter_value(now_ms, energy_wh, None, "Transaction.End"),
        )
    raise ValueError(f"a test charge has no {event_type!r} event")
