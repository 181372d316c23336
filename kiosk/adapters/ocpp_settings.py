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
    protocol: str = "auto"
    """``auto``: offer OCPP 2.1 and 2.0.1 (the CSMS picks); ``2.0.1`` or ``2.1``: only that."""

    @property
    def subprotocols(self) -> list[str]:
        """The WebSocket subprotocols offered, preferred first."""
        if self.protocol == "2.0.1":
            return ["ocpp2.0.1"]
        if self.protocol == "2.1":
            return ["ocpp2.1"]
        return ["ocpp2.1", "ocpp2.0.1"]

    @property
    def may_speak_21(self) -> bool:
        """A connection may speak OCPP 2.1 (worth keeping 2.1-only messages for)."""
        return "ocpp2.1" in self.subprotocols

    @property
    def endpoint(self) -> str:
        return f"{self.url.rstrip('/')}/{self.identity}/"
