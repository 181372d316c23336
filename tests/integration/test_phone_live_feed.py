"""The session page's live feed (SSE) with many phones following one session.

The station and its phone pages on loopback (``phone_rig``: emulator over HTTP, simulator over
Modbus TCP, SQLite, uvicorn). Twenty phones follow one kiosk session over ``/s/<token>/events``
as browsers do (httpx streams): each gets the figures at once and every change after, the stage
change when the charge stops, and its stream ends when the pages close. The figures are worked
out once per change for all of them: the pages follow the station with one subscription per
followed session and language, whatever the number of phones.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
from phone_rig import phone_station, phone_world, site_of
from station_rig import BUDGET_ORE, phase, tap, until

from kiosk.core.state import Phase

PHONES = 20


async def _follow(http: httpx.AsyncClient, path: str, seen: list[dict[str, str]]) -> None:
    async with http.stream("GET", path) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        async for line in stream.aiter_lines():
            if line.startswith("data: "):
                seen.append(json.loads(line[6:]))


async def test_twenty_phones_follow_one_session_on_one_subscription(tmp_path: Path) -> None:
    async with phone_world(tmp_path) as w, phone_station(w, tmp_path) as parts:
        station, site = parts.station, site_of(parts)
        subscriptions = 0
        subscribe = station.subscribe

        def counting_subscribe(callback):  # type: ignore[no-untyped-def]
            nonlocal subscriptions
            subscriptions += 1
            return subscribe(callback)

        station.subscribe = counting_subscribe  # type: ignore[method-assign]
        w.sim.car(0).plug(soc_pct=20)
        await tap(station, 1)
        station.choose_budget(1, BUDGET_ORE)
        state = await phase(station, 1, Phase.AWAITING_APPROVAL)
        w.emulator.approve(state.reference or "")
        await phase(station, 1, Phase.CHARGING)
        follow = station.snapshot.connectors[0].session_url
        assert follow is not None
        path = follow.removeprefix(site.links.base_url) + "/events"
        limits = httpx.Limits(max_connections=PHONES + 5)
        async with httpx.AsyncClient(
            base_url=site.links.base_url, timeout=20, limits=limits
        ) as http:
            seen: list[list[dict[str, str]]] = [[] for _ in range(PHONES)]
            phones = [asyncio.create_task(_follow(http, path + "?lang=en", s)) for s in seen]
            try:
                await until(lambda: all(seen), 10)  # every phone has the figures at once
                assert site.streams == PHONES
                assert subscriptions == 1  # one feed for the session, not one per phone
                assert all(s[0]["stage"].startswith("charging") for s in seen)
                first = seen[0][0]["energy"]
                await until(lambda: all(any(v["energy"] != first for v in s) for s in seen), 10)
                station.stop(1)
                await until(
                    lambda: all(not s[-1]["stage"].startswith("charging") for s in seen), 10
                )
                # every phone saw the same figures in the same order (one feed)
                assert all(s[-1] == seen[0][-1] for s in seen)
                await phase(station, 1, Phase.DONE, timeout_s=20)
            finally:
                await parts.aclose()  # the pages close: every stream ends
                async with asyncio.timeout(10):
                    results = await asyncio.gather(*phones, return_exceptions=True)
            assert not [r for r in results if isinstance(r, AssertionError)]
            assert site.streams == 0
            assert not site._feeds  # nobody follows: no feed (and no subscription) left
