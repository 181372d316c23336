"""The operator's display messages: which SetDisplayMessage is accepted, what is stored, what
the idle screen shows when and in which language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kiosk.core.display_messages import (
    MAX_MESSAGES,
    DisplayMessage,
    MessageBoard,
    MessageText,
    Priority,
    next_change_ms,
    parse_message_info,
    shown_messages,
)

T0 = int(dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC).timestamp() * 1000)
HOUR_MS = 3_600_000


def info(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": 1,
        "priority": "NormalCycle",
        "message": {"format": "UTF8", "content": "Velkommen", "language": "nb"},
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (info(), "Accepted"),
        (info(priority="AlwaysFront"), "Accepted"),
        (info(priority="InFront", state="Idle"), "Accepted"),
        (info(priority="Sometimes"), "NotSupportedPriority"),
        (info(state="Charging"), "NotSupportedState"),
        (info(state="Faulted"), "NotSupportedState"),
        (info(message={"format": "HTML", "content": "<b>Hei</b>"}), "NotSupportedMessageFormat"),
        (
            info(message={"format": "URI", "content": "https://x.example"}),
            "NotSupportedMessageFormat",
        ),
        (info(message={"format": "QRCODE", "content": "x"}), "NotSupportedMessageFormat"),
        (info(message={"format": "ASCII", "content": "Plain text"}), "Accepted"),
        (info(message={"format": "ASCII", "content": "Blåbær"}), "Rejected"),
        (info(message={"format": "UTF8", "content": "   "}), "Rejected"),
        (info(message={"format": "UTF8", "content": "x" * 513}), "Rejected"),
        (
            info(messageExtra=[{"format": "UTF8", "content": "Welcome", "language": "en"}]),
            "Accepted",
        ),
        (
            info(messageExtra=[{"format": "HTML", "content": "<i>Welcome</i>"}]),
            "NotSupportedMessageFormat",
        ),
        (info(transactionId="unknown-session"), "UnknownTransaction"),
        (info(display={"name": "Display"}), "Accepted"),
        (info(display={"name": "Display", "evse": {"id": 2}}), "Accepted"),
        (info(display={"name": "Display", "evse": {"id": 9}}), "Rejected"),
        (info(display={"name": "Speaker"}), "Rejected"),
        (
            info(startDateTime="2026-12-03T13:00:00Z", endDateTime="2026-12-03T14:00:00Z"),
            "Accepted",
        ),
        (
            info(startDateTime="2026-12-03T14:00:00Z", endDateTime="2026-12-03T13:00:00Z"),
            "Rejected",
        ),
        (info(startDateTime="tomorrow"), "Rejected"),
        (info(id=-1), "Rejected"),
    ],
)
def test_set_display_message_status(payload: dict[str, Any], status: str) -> None:
    answer, message = parse_message_info(payload, evse_ids=(1, 2))
    assert answer == status
    assert (message is not None) == (status == "Accepted")


def test_a_message_of_a_known_transaction_is_rejected_not_unknown() -> None:
    status, _ = parse_message_info(info(transactionId="s-1"), evse_ids=(1,), known_transaction=True)
    assert status == "Rejected"  # a session's screens have no place for it


def test_times_and_texts_are_kept_and_control_characters_become_spaces() -> None:
    _, message = parse_message_info(
        info(
            message={"format": "UTF8", "content": " Hei\tpå\u0007deg\n", "language": "nb-NO"},
            startDateTime="2026-12-03T13:00:00.000Z",
            endDateTime="2026-12-03T15:00:00+01:00",
        ),
        evse_ids=(1,),
    )
    assert message is not None
    assert message.texts == (MessageText("Hei på deg", "UTF8", "nb-NO"),)
    assert message.start_ms == T0 + HOUR_MS
    assert message.end_ms == T0 + 2 * HOUR_MS
    assert message.to_json(with_extra=False)["startDateTime"] == "2026-12-03T13:00:00.000Z"


def _message(
    message_id: int,
    *texts: tuple[str, str | None],
    priority: Priority = Priority.NORMAL_CYCLE,
    start_ms: int | None = None,
    end_ms: int | None = None,
) -> DisplayMessage:
    return DisplayMessage(
        message_id,
        priority,
        tuple(MessageText(content, "UTF8", language) for content, language in texts),
        start_ms,
        end_ms,
    )


@pytest.mark.parametrize(
    ("messages", "language", "shown"),
    [
        ([], "nb", ()),
        ([_message(1, ("Hei", None))], "de", ("Hei",)),
        # 2.0.1: translations are separate messages; the screen's language wins
        ([_message(1, ("Hei", "nb")), _message(2, ("Hello", "en"))], "en", ("Hello",)),
        ([_message(1, ("Hei", "no")), _message(2, ("Hello", "en"))], "nb", ("Hei",)),
        # none in the screen's language: the first only
        ([_message(1, ("Hei", "nb")), _message(2, ("Hello", "en"))], "de", ("Hei",)),
        # 2.1: one message, several languages
        ([_message(1, ("Hei", "nb"), ("Hello", "en-GB"))], "en", ("Hello",)),
        ([_message(1, ("Hei", "nb"), ("Hello", "en"))], "fi", ("Hei",)),
        # priorities: AlwaysFront alone, then InFront, NormalCycle messages take turns
        (
            [
                _message(1, ("A", None)),
                _message(2, ("B", None), priority=Priority.ALWAYS_FRONT),
                _message(3, ("C", None), priority=Priority.IN_FRONT),
            ],
            "nb",
            ("B",),
        ),
        (
            [_message(1, ("A", None)), _message(3, ("C", None), priority=Priority.IN_FRONT)],
            "nb",
            ("C",),
        ),
        ([_message(1, ("A", None)), _message(2, ("B", None))], "nb", ("A", "B")),
        # outside their times: not shown (an InFront message not started yet hides nothing)
        ([_message(1, ("Later", None), start_ms=T0 + 1)], "nb", ()),
        ([_message(1, ("Over", None), end_ms=T0)], "nb", ()),
        (
            [
                _message(1, ("Now", None)),
                _message(2, ("Later", None), priority=Priority.IN_FRONT, start_ms=T0 + 1),
            ],
            "nb",
            ("Now",),
        ),
        ([_message(1, ("Window", None), start_ms=T0, end_ms=T0 + 1)], "nb", ("Window",)),
    ],
)
def test_what_the_idle_screen_shows(
    messages: list[DisplayMessage], language: str, shown: tuple[str, ...]
) -> None:
    assert shown_messages(messages, T0, language) == shown


def test_the_board_replaces_by_id_clears_finds_and_forgets_expired() -> None:
    board = MessageBoard()
    assert board.set(_message(1, ("A", None)), T0) == "Accepted"
    assert board.set(_message(2, ("B", None), end_ms=T0 + HOUR_MS), T0) == "Accepted"
    assert board.set(_message(1, ("A2", None), priority=Priority.IN_FRONT), T0) == "Accepted"
    assert [m.texts[0].content for m in board.messages] == ["A2", "B"]
    assert [m.id for m in board.find(T0, priority="InFront")] == [1]
    assert [m.id for m in board.find(T0, ids=[2, 7])] == [2]
    assert board.find(T0, state="Idle") == []
    assert next_change_ms(board.messages, T0) == T0 + HOUR_MS
    assert [m.id for m in board.find(T0 + HOUR_MS)] == [1]  # 2 expired: gone
    assert board.clear(2, T0 + HOUR_MS) == "Unknown"
    assert board.clear(1, T0 + HOUR_MS) == "Accepted"
    assert board.messages == ()


def test_a_full_board_refuses_a_new_id_but_replaces_a_known_one() -> None:
    board = MessageBoard()
    for message_id in range(MAX_MESSAGES):
        assert board.set(_message(message_id, ("x", None)), T0) == "Accepted"
    assert board.set(_message(MAX_MESSAGES, ("new", None)), T0) == "Rejected"
    assert board.set(_message(0, ("again", None)), T0) == "Accepted"
    # an expired message makes room
    board.set(_message(1, ("short", None), end_ms=T0 + 1), T0)
    assert board.set(_message(MAX_MESSAGES, ("new", None)), T0 + 1) == "Accepted"


def test_message_info_round_trip_for_get_display_messages() -> None:
    payload = info(
        priority="InFront",
        state="Idle",
        startDateTime="2026-12-03T12:00:00.000Z",
        endDateTime="2026-12-03T13:00:00.000Z",
        display={"name": "Display", "evse": {"id": 1}},
        messageExtra=[{"format": "UTF8", "content": "Welcome", "language": "en"}],
    )
    _, message = parse_message_info(payload, evse_ids=(1,))
    assert message is not None
    assert message.to_json() == payload
    assert "messageExtra" not in message.to_json(with_extra=False)
