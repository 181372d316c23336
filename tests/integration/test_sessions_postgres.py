"""The persistence-backed controller on PostgreSQL (``KIOSK_TEST_PG_URL``; CI sets it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_schema import PG_ENV, schema_url
from station_rig import approve, check_invariants, phase, settled, world

from kiosk.core.state import Phase
from kiosk.persistence import Repository

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url() -> Iterator[str]:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set (no PostgreSQL server for this run)")
    yield from schema_url(base)


async def test_session_and_restart_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    async with world(tmp_path, db_url=pg_url) as w:
        w.sim.car(0).plug(soc_pct=20)
        async with w.station() as station:
            reference = await approve(w, station)
            state = await phase(station, 1, Phase.CHARGING)
            await station.wait_for(lambda s: (s.session(1).delivered_wh or 0) >= 20, 10)
        # a clean stop mid-charge: the next start resumes the car that is still plugged
        async with w.station() as station:
            await phase(station, 1, Phase.CHARGING)
            station.stop(1)
            final = await settled(station, state.session_id or "")
        assert final.amount_due is not None
        check_invariants(w, reference, final.amount_due.total_ore)
        async with await Repository.open(pg_url, "test-station") as repo:
            record = await repo.get_session(final.session_id or "")
            assert record is not None
            assert record.settled_at is not None
            assert (await repo.verify_chain()).ok
