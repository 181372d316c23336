"""The pure OCPP 2.0.1 mapping: a session's states -> its TransactionEvent payloads.

Every payload is checked against OCA's JSON schema for TransactionEventRequest (shipped with
the ``ocpp`` package)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import ocpp
import pytest

from kiosk.core.central_system import (
    RemoteTestEnd,
    TrackedTransaction,
    cost_data,
    ended_reasons,
    iso_timestamp,
    remote_test_end,
    resume_tracking,
    settlement_notice,
    technician_charge_event,
    track_session,
)
from kiosk.core.state import Phase, SessionState, StopReason, idle_state
from kiosk.core.tariff import AmountDue, Measured

SETTLEMENT_SCHEMA = json.loads(
    (Path(ocpp.__file__).parent / "v21" / "schemas" / "NotifySettlementRequest.json").read_text()
)
SCHEMA = json.loads(
    (Path(ocpp.__file__).parent / "v201" / "schemas" / "TransactionEventRequest.json").read_text()
)
T0 = 1_796_000_000_000  # epoch ms
INTERVAL_MS = 10_000


def valid(payload: dict[str, Any]) -> dict[str, Any]:
    jsonschema.validate(payload, SCHEMA)
    return payload


def charging(**changes: Any) -> SessionState:
    state = dataclasses.replace(
        idle_state("2"),
        phase=Phase.CHARGING,
        session_id="abc123def456abc123def456",
        reference="ls-abc123def456abc123def456",
        charging_started_ms=T0,
        meter_start_wh=10_000,
        last_meter_wh=10_000,
        power_w=7_000,
    )
    return dataclasses.replace(state, **changes)


def run(
    states: list[tuple[int, SessionState]], *, offline: bool = False
) -> tuple[TrackedTransaction | None, list[dict[str, Any]]]:
    tracked: TrackedTransaction | None = None
    out: list[dict[str, Any]] = []
    for now_ms, state in states:
        tracked, events = track_session(
            tracked,
            state,
            evse_id=2,
            now_ms=now_ms,
            meter_interval_ms=INTERVAL_MS,
            offline=offline,
        )
        out.extend(valid(e) for e in events)
    return tracked, out


def settled(reason: StopReason, total_ore: int = 4_250) -> SessionState:
    due = AmountDue(
        lines=(),
        list_ore=total_ore,
        total_ore=total_ore,
        vat_ore=850,
        vat_rate_bp=2500,
        currency="NOK",
    )
    return charging(
        phase=Phase.SETTLING,
        stop_reason=reason,
        stopped_ms=T0 + 65_000,
        last_meter_wh=12_345,
        power_w=0,
        measured=Measured(energy_wh=2_345, duration_ms=65_000),
        amount_due=due,
    )


def test_a_session_that_never_charged_has_no_transaction() -> None:
    waiting = charging(phase=Phase.WAITING_FOR_PLUG, charging_started_ms=None)
    ended = charging(phase=Phase.ENDED, charging_started_ms=None, stop_reason=StopReason.CANCELLED)
    assert run([(T0, idle_state("2")), (T0, waiting), (T0 + 1, ended)]) == (None, [])


def test_started_carries_the_payment_reference_evse_and_start_meter() -> None:
    _, events = run([(T0 + 50, charging())])
    (started,) = events
    assert started["eventType"] == "Started"
    assert started["seqNo"] == 0
    assert started["timestamp"] == iso_timestamp(T0) == "2026-11-30T00:53:20.000Z"
    assert started["triggerReason"] == "ChargingStateChanged"
    assert started["transactionInfo"] == {
        "transactionId": "abc123def456abc123def456",
        "chargingState": "Charging",
    }
    assert started["idToken"] == {"idToken": "ls-abc123def456abc123def456", "type": "Local"}
    assert started["evse"] == {"id": 2, "connectorId": 1}
    (sample,) = started["meterValue"][0]["sampledValue"]
    assert sample["measurand"] == "Energy.Active.Import.Register"
    assert (sample["value"], sample["context"]) == (10_000, "Transaction.Begin")
    assert "offline" not in started


def test_meter_values_come_at_the_interval_with_energy_and_power() -> None:
    steps = [(T0 + ms, charging(last_meter_wh=10_000 + ms // 100)) for ms in range(0, 35_000, 500)]
    _, events = run(steps)
    periodic = [e for e in events if e["triggerReason"] == "MeterValuePeriodic"]
    assert [e["seqNo"] for e in periodic] == [1, 2, 3]
    assert [e["timestamp"] for e in periodic] == [
        iso_timestamp(T0 + 10_000),
        iso_timestamp(T0 + 20_000),
        iso_timestamp(T0 + 30_000),
    ]
    samples = {s["measurand"]: s for s in periodic[0]["meterValue"][0]["sampledValue"]}
    assert samples["Energy.Active.Import.Register"]["value"] == 10_100
    assert samples["Energy.Active.Import.Register"]["unitOfMeasure"] == {"unit": "Wh"}
    assert samples["Power.Active.Import"]["value"] == 7_000
    assert samples["Power.Active.Import"]["unitOfMeasure"] == {"unit": "W"}


def test_charging_state_changes_are_reported() -> None:
    _, events = run(
        [
            (T0, charging()),
            (T0 + 1_000, charging(phase=Phase.CAR_PAUSED, power_w=0)),
            (T0 + 2_000, charging()),
            (T0 + 3_000, charging(phase=Phase.STOPPING, stop_reason=StopReason.DRIVER)),
        ]
    )
    states = [(e["triggerReason"], e["transactionInfo"].get("chargingState")) for e in events]
    assert states == [
        ("ChargingStateChanged", "Charging"),
        ("ChargingStateChanged", "SuspendedEV"),
        ("ChargingStateChanged", "Charging"),
        ("ChargingStateChanged", "EVConnected"),
    ]


def test_ended_once_with_reason_meter_time_and_cost() -> None:
    tracked, events = run(
        [
            (T0, charging()),
            (T0 + 65_000, charging(phase=Phase.STOPPING, stop_reason=StopReason.BUDGET_REACHED)),
            (T0 + 66_000, settled(StopReason.BUDGET_REACHED)),
            (
                T0 + 67_000,
                dataclasses.replace(settled(StopReason.BUDGET_REACHED), phase=Phase.DONE),
            ),
        ]
    )
    assert tracked is not None
    assert tracked.ended
    ended = events[-1]
    assert [e["eventType"] for e in events] == ["Started", "Updated", "Ended"]
    assert [e["seqNo"] for e in events] == [0, 1, 2]
    assert ended["timestamp"] == iso_timestamp(T0 + 65_000)  # when it stopped
    assert ended["triggerReason"] == "EnergyLimitReached"
    assert ended["transactionInfo"]["stoppedReason"] == "LocalOutOfCredit"
    assert ended["transactionInfo"]["timeSpentCharging"] == 65
    (sample,) = ended["meterValue"][0]["sampledValue"]
    assert (sample["value"], sample["context"]) == (12_345, "Transaction.End")
    assert ended["customData"] == {
        "vendorId": "org.openchargealliance.costmsg",
        "totalCost": 42.5,
        "totalCostMinor": 4_250,
        "currency": "NOK",
    }


@pytest.mark.parametrize(
    ("reason", "remote", "expected"),
    [
        (StopReason.DRIVER, False, ("StopAuthorized", "Local")),
        (StopReason.TECHNICIAN, False, ("StopAuthorized", "Local")),
        (StopReason.TECHNICIAN, True, ("RemoteStop", "Remote")),
        (StopReason.STATION_INPUT, False, ("AbnormalCondition", "EmergencyStop")),
        (StopReason.BUDGET_REACHED, False, ("EnergyLimitReached", "LocalOutOfCredit")),
        (StopReason.CAR_FULL, False, ("ChargingStateChanged", "StoppedByEV")),
        (StopReason.UNPLUGGED, False, ("EVCommunicationLost", "EVDisconnected")),
        (StopReason.CHARGER_FAULT, False, ("AbnormalCondition", "Other")),
        (StopReason.CHARGER_UNREACHABLE, False, ("AbnormalCondition", "Other")),
        (StopReason.RECOVERY, False, ("AbnormalCondition", "Reboot")),
        (None, False, ("AbnormalCondition", "Other")),
    ],
)
def test_stop_reasons(reason: StopReason | None, remote: bool, expected: tuple[str, str]) -> None:
    assert ended_reasons(reason, remote) == expected
    if reason is not None:
        tracked = TrackedTransaction("abc123def456abc123def456", 2, 4, "Charging", T0, remote)
        _, events = track_session(
            tracked, settled(reason), evse_id=2, now_ms=T0, meter_interval_ms=1, offline=False
        )
        (ended,) = events
        valid(ended)
        assert (ended["triggerReason"], ended["transactionInfo"]["stoppedReason"]) == expected


def test_offline_events_are_marked() -> None:
    _, events = run([(T0, charging()), (T0 + 20_000, settled(StopReason.DRIVER))], offline=True)
    assert [e.get("offline") for e in events] == [True, True]


def test_numbering_continues_after_a_restart() -> None:
    resumed = resume_tracking(
        "abc123def456abc123def456", 2, last_seq_no=6, last_event_type="Updated"
    )
    _, events = track_session(
        resumed,
        charging(),
        evse_id=2,
        now_ms=T0 + 99_000,
        meter_interval_ms=INTERVAL_MS,
        offline=False,
    )
    assert [e["seqNo"] for e in events] == [7]  # no second Started
    assert events[0]["eventType"] == "Updated"
    done = resume_tracking("abc123def456abc123def456", 2, last_seq_no=9, last_event_type="Ended")
    assert (
        track_session(
            done,
            settled(StopReason.DRIVER),
            evse_id=2,
            now_ms=T0,
            meter_interval_ms=1,
            offline=False,
        )[1]
        == []
    )


def test_the_next_session_is_a_new_transaction() -> None:
    tracked, _ = run([(T0, charging()), (T0 + 1, settled(StopReason.DRIVER))])
    following = charging(session_id="fff000fff000fff000fff000", reference="ls-fff")
    tracked, events = track_session(
        tracked, following, evse_id=2, now_ms=T0 + 5, meter_interval_ms=INTERVAL_MS, offline=False
    )
    assert [(e["eventType"], e["seqNo"]) for e in events] == [("Started", 0)]
    assert events[0]["transactionInfo"]["transactionId"] == "fff000fff000fff000fff000"


@pytest.mark.parametrize(("ore", "main"), [(0, 0.0), (1, 0.01), (4_250, 42.5), (99_999, 999.99)])
def test_cost_in_main_unit_and_exact_minor_unit(ore: int, main: float) -> None:
    data = cost_data(ore, "SEK")
    assert (data["totalCost"], data["totalCostMinor"], data["currency"]) == (main, ore, "SEK")


@pytest.mark.parametrize(
    ("changes", "status", "receipt"),
    [
        ({"phase": Phase.DONE, "captured_ore": 4_250, "cancelled_ore": 15_750}, "Settled", True),
        ({"phase": Phase.DONE, "captured_ore": 0, "cancelled_ore": 20_000}, "Canceled", False),
        (
            {"phase": Phase.ATTENTION, "captured_ore": 0, "attention_reason": "capture refused"},
            "Failed",
            False,
        ),
    ],
)
def test_settlement_notice_by_outcome(changes: dict[str, Any], status: str, receipt: bool) -> None:
    state = charging(**changes)
    notice = settlement_notice(
        state, now_ms=T0 + 90_000, psp_reference="psp-123", receipt_url="https://r.example/1"
    )
    assert notice is not None
    jsonschema.validate(notice, SETTLEMENT_SCHEMA)
    assert notice["status"] == status
    assert notice["pspRef"] == "psp-123"
    assert notice["transactionId"] == state.session_id
    assert notice["settlementAmount"] == state.captured_ore / 100
    assert notice["customData"]["settlementAmountMinor"] == state.captured_ore
    assert notice["settlementTime"] == iso_timestamp(T0 + 90_000)
    assert ("receiptUrl" in notice) == receipt
    assert ("statusInfo" in notice) == (status == "Failed")


def test_no_settlement_notice_before_settled_or_without_a_transaction() -> None:
    assert settlement_notice(charging(), now_ms=T0, psp_reference=None, receipt_url=None) is None
    never_charged = charging(phase=Phase.DONE, charging_started_ms=None)
    assert settlement_notice(never_charged, now_ms=T0, psp_reference=None, receipt_url=None) is None
    # the psp reference is not known (settled before a restart): the payment's reference
    done = charging(phase=Phase.DONE, captured_ore=100)
    notice = settlement_notice(done, now_ms=T0, psp_reference=None, receipt_url=None)
    assert notice is not None
    assert notice["pspRef"] == done.reference


@pytest.mark.parametrize(
    ("event_type", "seq_no", "energy_wh", "end", "trigger", "info"),
    [
        (
            "Started",
            0,
            5_000,
            None,
            "RemoteStart",
            {"chargingState": "Charging", "remoteStartId": 7},
        ),
        ("Updated", 1, 5_060, None, "MeterValuePeriodic", {}),
        (
            "Ended",
            2,
            5_120,
            RemoteTestEnd.REMOTE,
            "RemoteStop",
            {"chargingState": "Idle", "stoppedReason": "Remote"},
        ),
        (
            "Ended",
            1,
            None,
            RemoteTestEnd.UNPLUGGED,
            "EVCommunicationLost",
            {"chargingState": "Idle", "stoppedReason": "EVDisconnected"},
        ),
        (
            "Ended",
            1,
            5_000,
            RemoteTestEnd.IDLE,
            "TimeLimitReached",
            {"chargingState": "Idle", "stoppedReason": "Timeout"},
        ),
        (
            "Ended",
            1,
            5_000,
            RemoteTestEnd.NO_CAR,
            "EVConnectTimeout",
            {"chargingState": "Idle", "stoppedReason": "Timeout"},
        ),
        (
            "Ended",
            1,
            5_000,
            RemoteTestEnd.SHUTDOWN,
            "AbnormalCondition",
            {"chargingState": "Idle", "stoppedReason": "Reboot"},
        ),
    ],
)
def test_a_remote_test_charge_is_a_transaction_with_no_cost(
    event_type: str,
    seq_no: int,
    energy_wh: int | None,
    end: RemoteTestEnd | None,
    trigger: str,
    info: dict[str, Any],
) -> None:
    token = {"idToken": "tech-1", "type": "Central"}
    event = valid(
        technician_charge_event(
            event_type,
            "test-0123456789ab",
            2,
            seq_no,
            T0,
            energy_wh,
            7_000 if event_type != "Ended" else None,
            remote_start_id=7,
            id_token=token,
            offline=False,
            end=end,
        )
    )
    assert event["eventType"] == event_type
    assert event["seqNo"] == seq_no
    assert event["triggerReason"] == trigger
    assert event["transactionInfo"] == {"transactionId": "test-0123456789ab", **info}
    assert "customData" not in event  # no cost: nothing is paid
    assert "offline" not in event
    meter = event.get("meterValue", [{"sampledValue": []}])[0]
    sampled = {v["measurand"]: v["value"] for v in meter["sampledValue"]}
    if energy_wh is None:
        assert "Energy.Active.Import.Register" not in sampled
    else:
        assert sampled["Energy.Active.Import.Register"] == energy_wh
    if event_type == "Ended":
        assert "Power.Active.Import" not in sampled
    else:
        assert sampled["Power.Active.Import"] == 7_000
    if event_type == "Started":
        assert event["idToken"] == token
        assert event["evse"] == {"id": 2, "connectorId": 1}
    else:
        assert "idToken" not in event


def test_a_test_charge_offline_says_so_and_has_no_other_events() -> None:
    event = technician_charge_event(
        "Ended", "t", 1, 3, T0, None, remote_start_id=1, id_token={}, offline=True
    )
    assert event["offline"] is True
    assert event["transactionInfo"]["stoppedReason"] == "Remote"  # the default end
    with pytest.raises(ValueError, match="Reserved"):
        technician_charge_event(
            "Reserved", "t", 1, 1, T0, None, remote_start_id=1, id_token={}, offline=True
        )


@pytest.mark.parametrize(
    ("online", "plugged", "car_seen", "idle_since_ms", "end"),
    [
        (True, True, True, None, None),  # charging
        (True, None, False, T0 - 299_999, None),  # no car yet, within the idle timeout
        (True, False, False, T0 - 300_000, RemoteTestEnd.NO_CAR),
        (True, True, True, T0 - 299_999, None),  # the car paused, within the timeout
        (True, True, True, T0 - 300_000, RemoteTestEnd.IDLE),
        (True, False, True, None, RemoteTestEnd.UNPLUGGED),  # the car left
        (True, None, True, None, None),  # plug unknown: nothing decided on it
        (False, True, True, None, RemoteTestEnd.CHARGER_FAULT),
    ],
)
def test_a_remote_test_charge_ends_by_itself(
    online: bool,
    plugged: bool | None,
    car_seen: bool,
    idle_since_ms: int | None,
    end: RemoteTestEnd | None,
) -> None:
    decided = remote_test_end(
        online=online,
        plugged=plugged,
        car_seen=car_seen,
        idle_since_ms=idle_since_ms,
        now_ms=T0,
        idle_timeout_ms=300_000,
    )
    assert decided is end
