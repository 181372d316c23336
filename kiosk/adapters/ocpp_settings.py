"""The OCPP link's settings (a light module: importing it loads no OCPP or WebSocket library,
so a station without ``[ocpp]`` never has them resident)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OcppLinkSettings:
    url: str
    """The CSMS's WebSocket endpoint without the identity (``ws://127.0.0.1:8888/ws/ocpp``)."""
    identity: str
    password: str | None = None
    security_profile: int = 1
    heartbeat_s: int = 300
    meter_interval_s: int = 60
    offline_threshold_s: int = 300
    ca_file: str | None = None
    """PEM CA certificate(s) for a ``wss://`` CSMS the system does not trust; None: the system's."""
    vendor: str = "Ladeskjerm"
    model: str = "Ladeskjerm kiosk"
    firmware_version: str = "0.1.0"
    station_name: str = ""
    price_text: str = ""
    reconnect_initial_s: float = 1.0
    reconnect_max_s: float = 60.0
    response_timeout_s: float = 30.0

    @property
    def endpoint(self) -> str:
        return f"{self.url.rstrip('/')}/{self.identity}/"
