"""The OCPP outbox (a SQLite file: order, durability across reopening, the last event of a
transaction after it was sent), the device model, and the connector status mapping."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.adapters.ocpp_device_model import DeviceModel
from kiosk.adapters.ocpp_outbox import Outbox, OutboxError
from kiosk.core.central_system import ConnectorStatus
from kiosk.station.ocpp_bridge import connector_status
from kiosk.station.snapshot import ConnectorSnapshot, Screen


def event(transaction_id: str, seq_no: int, event_type: str = "Updated") -> dict[str, object]:
    return {
        "eventType": event_type,
        "seqNo": seq_no,
        "transactionInfo": {"transactionId": transaction_id},
    }


async def test_outbox_keeps_order_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    for seq in range(5):
        await outbox.append("TransactionEvent", event("t1", seq), 1000 + seq)
    await outbox.append("TransactionEvent", event("t2", 0, "Started"), 2000)
    assert outbox.depth == 6
    first = await outbox.pending(limit=2)
    await outbox.remove(first[0].id)
    outbox.close()  # as after a crash: nothing but the file is left

    reopened = Outbox(path)
    assert reopened.depth == 5
    items = await reopened.pending()
    assert [(i.payload["transactionInfo"]["transactionId"], i.payload["seqNo"]) for i in items] == [
        ("t1", 1),
        ("t1", 2),
        ("t1", 3),
        ("t1", 4),
        ("t2", 0),
    ]
    assert [i.created_ms for i in items] == [1001, 1002, 1003, 1004, 2000]
    assert reopened.last_event("t1") == (4, "Updated")
    for item in items:
        await reopened.remove(item.id)
    assert reopened.depth == 0
    assert await reopened.pending() == []
    # sent and gone, the numbering of a transaction is still known (a restart continues it)
    assert reopened.last_event("t1") == (4, "Updated")
    assert reopened.last_event("t2") == (0, "Started")
    assert reopened.last_event("unknown") is None
    reopened.close()


async def test_answered_events_are_forgotten_in_one_batch(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    payloads = [event("t1", seq) for seq in range(3)] + [event("t2", 0, "Started")]
    payloads += [event("t1", 3, "Ended"), event("t2", 1), event("t3", 0, "Started")]
    last_id = await outbox.append_many("TransactionEvent", payloads, 5000)
    assert outbox.depth == 7
    items = await outbox.pending(limit=10)
    assert items[-1].id == last_id
    assert [i.payload["seqNo"] for i in items] == [0, 1, 2, 0, 3, 1, 0]
    stored = '{"eventType":"Updated","seqNo":0,"transactionInfo":{"transactionId":"t1"}}'
    assert items[0].text == stored  # sent as stored

    await outbox.remove_through(items[5].id)  # the first six were answered
    assert outbox.depth == 1
    assert [i.id for i in await outbox.pending()] == [items[6].id]
    # the newest forgotten event of each transaction is remembered, not an older one
    assert outbox.last_event("t1") == (3, "Ended")
    assert outbox.last_event("t2") == (1, "Updated")
    assert outbox.last_event("t3") == (0, "Started")  # still queued
    outbox.close()
    reopened = Outbox(path)
    assert reopened.depth == 1
    assert reopened.last_event("t1") == (3, "Ended")
    reopened.close()


def test_an_outbox_that_cannot_be_opened_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(OutboxError, match="cannot open the OCPP outbox"):
        Outbox(folder)


def model(changes: list[tuple[str, int]] | None = None) -> DeviceModel:
    return DeviceModel(
        heartbeat_s=300,
        meter_interval_s=60,
        offline_threshold_s=600,
        station_name="Storgata 1",
        price_text="4.50 NOK/kWh",
        on_change=(lambda name, value: changes.append((name, value)))
        if changes is not None
        else None,
    )


def item(component: str, variable: str, **more: str) -> dict[str, object]:
    return {"component": {"name": component}, "variable": {"name": variable}, **more}


@pytest.mark.parametrize(
    ("component", "variable", "attribute", "status", "value"),
    [
        ("OCPPCommCtrlr", "HeartbeatInterval", "Actual", "Accepted", "300"),
        ("OCPPCommCtrlr", "OfflineThreshold", "Actual", "Accepted", "600"),
        ("SampledDataCtrlr", "TxUpdatedInterval", "Actual", "Accepted", "60"),
        ("ChargingStation", "StationName", "Actual", "Accepted", "Storgata 1"),
        ("TariffCostCtrlr", "TariffFallbackMessage", "Actual", "Accepted", "4.50 NOK/kWh"),
        ("TxCtrlr", "TxStartPoint", "Actual", "Accepted", "PowerPathClosed"),
        ("OCPPCommCtrlr", "Nope", "Actual", "UnknownVariable", None),
        ("Nope", "Nope", "Actual", "UnknownComponent", None),
        ("OCPPCommCtrlr", "HeartbeatInterval", "Target", "NotSupportedAttributeType", None),
    ],
)
def test_get_variables(
    component: str, variable: str, attribute: str, status: str, value: str | None
) -> None:
    result = model().get(item(component, variable, attribute_type=attribute))
    assert result["attribute_status"] == status
    assert result.get("attribute_value") == value


@pytest.mark.parametrize(
    ("component", "variable", "value", "status"),
    [
        ("OCPPCommCtrlr", "HeartbeatInterval", "120", "Accepted"),
        ("SampledDataCtrlr", "TxUpdatedInterval", "15", "Accepted"),
        ("OCPPCommCtrlr", "OfflineThreshold", "86400", "Accepted"),
        ("OCPPCommCtrlr", "HeartbeatInterval", "0", "Rejected"),
        ("OCPPCommCtrlr", "HeartbeatInterval", "86401", "Rejected"),
        ("OCPPCommCtrlr", "HeartbeatInterval", "-5", "Rejected"),
        ("OCPPCommCtrlr", "HeartbeatInterval", "1e3", "Rejected"),
        ("ChargingStation", "StationName", "Other", "Rejected"),
        ("OCPPCommCtrlr", "Nope", "1", "UnknownVariable"),
    ],
)
def test_set_variables(component: str, variable: str, value: str, status: str) -> None:
    changes: list[tuple[str, int]] = []
    device = model(changes)
    before = device.get(item(component, variable)).get("attribute_value")
    result = device.set(item(component, variable, attribute_value=value))
    assert result["attribute_status"] == status
    after = device.get(item(component, variable)).get("attribute_value")
    if status == "Accepted":
        assert after == value
        assert changes == [(variable, int(value))]
    else:
        assert after == before
        assert changes == []


def test_base_report_lists_every_variable_with_its_mutability() -> None:
    report = {(r["component"]["name"], r["variable"]["name"]): r for r in model().report()}
    assert len(report) == 13
    formats = report[("DisplayMessageCtrlr", "SupportedFormats")]
    assert formats["variableAttribute"][0]["value"] == "ASCII,UTF8"
    assert formats["variableCharacteristics"]["dataType"] == "MemberList"
    heartbeat = report[("OCPPCommCtrlr", "HeartbeatInterval")]["variableAttribute"][0]
    assert heartbeat == {"type": "Actual", "value": "300", "mutability": "ReadWrite"}
    name = report[("ChargingStation", "StationName")]["variableAttribute"][0]
    assert name["mutability"] == "ReadOnly"


@pytest.mark.parametrize(
    ("screen", "status"),
    [
        (Screen.IDLE, ConnectorStatus.AVAILABLE),
        (Screen.BUDGET, ConnectorStatus.AVAILABLE),
        (Screen.PAY, ConnectorStatus.RESERVED),
        (Screen.PLUG_IN, ConnectorStatus.RESERVED),
        (Screen.CAR_CONNECTED, ConnectorStatus.OCCUPIED),
        (Screen.CHARGING, ConnectorStatus.OCCUPIED),
        (Screen.SETTLING, ConnectorStatus.OCCUPIED),
        (Screen.DONE, ConnectorStatus.OCCUPIED),
        (Screen.OUT_OF_ORDER, ConnectorStatus.UNAVAILABLE),
        (Screen.PAYMENT_UNAVAILABLE, ConnectorStatus.UNAVAILABLE),
        (Screen.STARTING, ConnectorStatus.UNAVAILABLE),
        (Screen.FAULT, ConnectorStatus.FAULTED),
    ],
)
def test_connector_status_from_the_screen(screen: Screen, status: ConnectorStatus) -> None:
    view = ConnectorSnapshot(connector_id=1, name="Venstre", screen=Screen.IDLE)
    assert connector_status(dataclasses.replace(view, screen=screen)) is status


def test_every_screen_has_a_status() -> None:
    view = ConnectorSnapshot(connector_id=1, name="Venstre", screen=Screen.IDLE)
    statuses = {connector_status(dataclasses.replace(view, screen=s)) for s in Screen}
    assert statuses <= set(ConnectorStatus)
