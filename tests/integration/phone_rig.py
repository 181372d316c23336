"""The station with its phone pages on loopback, for the phone tests (not a test module).

``phone_world`` is ``station_rig.world`` with an emulator that takes loopback ``http://``
return URLs; ``phone_station`` assembles the station with ``[web]`` (listen port 0, the key in
the test's folder) and starts it with its phone pages. ``PhoneClient`` is a browser-like
httpx client for the pages: it sends ``Origin`` like a browser on a form POST and reads the
form token out of the page it came from.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from station_rig import FAST_POLICY, FAST_VIPPS, World, charger_answers, sim_poller_factory, world

from kiosk.app import StationParts, assemble_station
from kiosk.config import PathSettings, WebSettings
from kiosk.sandbox.vipps.config import EmulatorConfig
from kiosk.web.phone_site import PhoneSite

LANGUAGES = ("nb", "en", "sv", "da", "fi", "de")
CSRF_RE = re.compile(r'name="csrf" value="([0-9a-f]+)"')


@asynccontextmanager
async def phone_world(tmp_path: Path, **options: Any) -> AsyncIterator[World]:
    config = EmulatorConfig(strict=False, loopback_http_urls=True)
    async with world(tmp_path, emulator_config=config, **options) as w:
        yield w


@asynccontextmanager
async def phone_station(
    w: World, tmp_path: Path, *, web: dict[str, Any] | None = None, **policy: Any
) -> AsyncIterator[StationParts]:
    settings = WebSettings.model_validate({"listen_port": 0, **(web or {})})
    station = w.config.station.model_copy(update={"languages": LANGUAGES})
    config = w.config.model_copy(
        update={
            "station": station,
            "web": settings,
            "paths": PathSettings(data_dir=tmp_path / "data"),
        }
    )
    parts = await assemble_station(
        config,
        http_client=w.http,
        policy_overrides={**FAST_POLICY, **policy},
        vipps_overrides=FAST_VIPPS,
        poller_factory=sim_poller_factory(w.sim.port, w.sim.clock.now_s),
        probe_interval_s=0.3,
    )
    try:
        await parts.start()
        assert parts.phone is not None
        assert parts.phone.port is not None
        # a phone's Pay on a connector whose charger has not answered yet is refused (as it
        # should be); on a loaded machine the first connect may take a while
        await parts.station.wait_for(
            lambda s: all(
                charger_answers(s.session(c.connector_id)) for c in s.snapshot.connectors
            ),
            15,
        )
        yield parts
    finally:
        await parts.aclose()


def site_of(parts: StationParts) -> PhoneSite:
    assert parts.phone is not None
    return parts.phone


class PhoneClient:
    """A phone's browser on the pages (no cookies, Origin on POSTs, no redirects followed)."""

    def __init__(self, base_url: str, language: str = "en") -> None:
        self.base_url = base_url
        self.http = httpx.AsyncClient(
            base_url=base_url,
            headers={"accept-language": language},
            follow_redirects=False,
            timeout=10,
        )

    async def aclose(self) -> None:
        await self.http.aclose()

    async def get(self, path: str) -> httpx.Response:
        return await self.http.get(path)

    async def post(
        self, path: str, data: dict[str, str], *, origin: str | None = "self"
    ) -> httpx.Response:
        headers = {"origin": self.base_url} if origin == "self" else {}
        if origin not in (None, "self"):
            headers = {"origin": origin}
        return await self.http.post(path, data=data, headers=headers)

    async def form_token(self, path: str) -> str:
        page = await self.get(path)
        found = CSRF_RE.search(page.text)
        assert found is not None, page.text
        return found.group(1)
