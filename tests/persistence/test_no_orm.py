"""The kiosk process never imports ``sqlalchemy.orm`` (ADR 0011: about 6 MiB resident).

A fresh interpreter imports the station (``kiosk.app``, ``kiosk.service.assembly``) and runs a
repository round trip that touches every table; ``sqlalchemy.orm`` must not be in
``sys.modules`` afterwards - on the first start (which migrates with Alembic) and on later ones.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

ROUND_TRIP = textwrap.dedent(
    """
    import asyncio, json, sys
    from datetime import UTC, datetime

    import kiosk.app
    import kiosk.service.assembly
    from kiosk.persistence import JournalEvent, OperationStatus, PinLockout, Repository
    from kiosk.persistence import SessionUpdate

    async def main(url, session_id):
        repo = await Repository.open(url, "station-1")
        try:
            update = SessionUpdate("awaiting_payment", {}, budget_ore=10000)
            await repo.create_session(session_id, 1, update, JournalEvent("created"))
            key = f"{session_id}:capture"
            await repo.record_operation(session_id, "capture", key, {"amount_ore": 100})
            await repo.record_outcome(key, OperationStatus.SUCCEEDED, outcome={"ok": True})
            now = datetime.now(UTC)
            await repo.add_meter_reading(session_id, now, 1000, 7000)
            await repo.append_audit("technician", "service.opened", {})
            await repo.set_pin_lockout(PinLockout(1, None))
            return {
                "captured": [op.status.value for op in await repo.operations_for(session_id)],
                "readings": len(await repo.meter_readings(session_id)),
                "lockout": (await repo.get_pin_lockout()).failed_attempts,
                "chain_ok": (await repo.verify_chain()).ok,
                "due": len(await repo.due_operations(now)),
            }
        finally:
            await repo.aclose()

    result = asyncio.run(main(sys.argv[1], sys.argv[2]))
    result["sqlalchemy"] = "sqlalchemy" in sys.modules
    result["orm"] = sorted(m for m in sys.modules if m.split(".")[:2] == ["sqlalchemy", "orm"])
    print(json.dumps(result))
    """
)


def _round_trip(db_url: str, session_id: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", ROUND_TRIP, db_url, session_id],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
        cwd=REPO_ROOT,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_station_and_repository_round_trip_never_import_the_orm(db_url: str) -> None:
    for start, session_id in (("first (migrates)", "s-1"), ("later (at head)", "s-2")):
        result = _round_trip(db_url, session_id)
        assert result["sqlalchemy"] is True, start  # the database did run on SQLAlchemy
        assert result["captured"] == ["succeeded"], start
        assert (result["readings"], result["lockout"], result["due"]) == (1, 1, 0), start
        assert result["chain_ok"] is True, start
        assert result["orm"] == [], f"{start} start imported {result['orm']}"
