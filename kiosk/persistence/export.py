"""CSV export of session records (what ``kiosk sessions export`` and service mode write).

One row per session; money in integer øre, energy in integer Wh, times in ISO 8601 UTC. Text
cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from typing import TextIO

from kiosk.persistence.records import SessionRecord

COLUMNS = (
    "id",
    "station",
    "connector",
    "state_name",
    "created_at",
    "started_at",
    "stopped_at",
    "settled_at",
    "meter_start_wh",
    "meter_stop_wh",
    "energy_wh",
    "budget_ore",
    "authorized_ore",
    "amount_due_ore",
    "captured_ore",
    "cancelled_ore",
    "refunded_ore",
    "payment_reference",
    "stop_reason",
    "test_charge",
    "resolved",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_sessions_csv(sessions: Iterable[SessionRecord], out: TextIO) -> int:
    """Write a header and one row per session to ``out``; return the number of sessions."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for session in sessions:
        writer.writerow([_cell(getattr(session, column)) for column in COLUMNS])
        count += 1
    return count
