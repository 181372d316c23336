"""Calls from the world page to the control APIs of the Vipps emulator and the charger simulator.

One ``httpx.AsyncClient`` (created by the caller, closed by the caller) talks to both over
loopback. Each call returns ``(status, json_body)`` exactly as the control API answered.

Errors: ``UpstreamError`` when a control API cannot be reached, times out or answers
something that is not JSON; its ``service`` names which one ("vipps" or "charger").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx


class UpstreamError(RuntimeError):
    """A control API did not answer usefully."""

    def __init__(self, service: str, message: str) -> None:
        super().__init__(f"{service}: {message}")
        self.service = service


@dataclass(frozen=True, slots=True)
class Upstream:
    """The two control APIs the world page plays with."""

    client: httpx.AsyncClient
    vipps_url: str
    charger_url: str

    async def _call(
        self, service: str, method: str, url: str, body: dict[str, Any] | None = None
    ) -> tuple[int, Any]:
        try:
            response = await self.client.request(method, url, json=body)
        except httpx.HTTPError as exc:
            raise UpstreamError(service, f"cannot reach {url}: {exc!s}") from exc
        if response.status_code == 204 or not response.content:
            return response.status_code, None
        try:
            return response.status_code, response.json()
        except ValueError as exc:
            raise UpstreamError(service, f"{url} answered non-JSON") from exc

    async def payments(self) -> list[dict[str, Any]]:
        status, body = await self._call("vipps", "GET", f"{self.vipps_url}/_emulator/payments")
        if status != 200 or not isinstance(body, list):
            raise UpstreamError("vipps", f"listing payments answered {status}")
        return body

    async def payment_action(self, reference: str, action: str) -> tuple[int, Any]:
        url = f"{self.vipps_url}/_emulator/payments/{reference}/{action}"
        return await self._call("vipps", "POST", url)

    async def charger_status(self) -> dict[str, Any]:
        status, body = await self._call("charger", "GET", f"{self.charger_url}/api/status")
        if status != 200 or not isinstance(body, dict):
            raise UpstreamError("charger", f"status answered {status}")
        return body

    async def connector_action(
        self, index: int, action: str, body: dict[str, Any] | None = None
    ) -> tuple[int, Any]:
        url = f"{self.charger_url}/api/connectors/{index}/{action}"
        return await self._call("charger", "POST", url, body)
