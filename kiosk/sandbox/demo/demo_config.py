"""The station configuration of the demo: two sockets on the simulator, paid through the emulator.

Nothing is read from disk: the demo needs no configuration file. The secrets are the
emulator's well-known test credentials (they open nothing but the local emulator).

Errors: ``pydantic.ValidationError`` only if this module builds something the model refuses
(a bug, caught by the tests).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from kiosk.config import Secrets, StationConfig
from kiosk.config.pin import hash_pin
from kiosk.sandbox.demo.world import DemoWorld, WorldAddresses
from kiosk.sandbox.vipps.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_MSN,
    DEFAULT_SUBSCRIPTION_KEY,
)

DEMO_STATION_ID = "ladeskjerm-demo"
DEMO_STATION_NAME = "Ladeskjerm demo"
DEMO_CONNECTOR_NAMES = ("Venstre", "Høyre")
DEMO_PRICE_ORE_PER_KWH = 450
DEMO_SERVICE_PIN = "1234"
"""Service mode's PIN in the demo (a real station sets its own with ``kiosk set-pin``)."""


def demo_secrets() -> Secrets:
    return Secrets(
        vipps_client_id=SecretStr(DEFAULT_CLIENT_ID),
        vipps_client_secret=SecretStr(DEFAULT_CLIENT_SECRET),
        vipps_subscription_key=SecretStr(DEFAULT_SUBSCRIPTION_KEY),
        service_pin_hash=SecretStr(hash_pin(DEMO_SERVICE_PIN)),
    )


def demo_station_config(world: DemoWorld | WorldAddresses, data_dir: Path) -> StationConfig:
    """A valid ``StationConfig`` wired to ``world`` (the demo's own, or an emulator and a
    simulator running elsewhere), keeping its data in ``data_dir``."""
    addresses = world.addresses() if isinstance(world, DemoWorld) else world
    connectors = [
        {
            "id": index + 1,
            "name": DEMO_CONNECTOR_NAMES[index % len(DEMO_CONNECTOR_NAMES)],
            "profile": addresses.profile,
            "host": host,
            "port": port,
            "unit_id": unit_id,
            "max_current_a": 32,
        }
        for index, (host, port, unit_id) in enumerate(addresses.modbus)
    ]
    database_url = f"sqlite:///{data_dir / 'ladeskjerm-demo.sqlite3'}"
    return StationConfig.model_validate(
        {
            "station": {
                "id": DEMO_STATION_ID,
                "name": DEMO_STATION_NAME,
                "languages": ["nb", "en", "sv", "da", "fi", "de"],
                "default_language": "en",
            },
            "connectors": connectors,
            "tariff": {"price_ore_per_kwh": DEMO_PRICE_ORE_PER_KWH, "vat_rate_bp": 2500},
            "budget": {
                "presets_ore": [20000, 35000, 50000],
                "custom_min_ore": 5000,
                "custom_max_ore": 100000,
                "custom_step_ore": 1000,
            },
            "timeouts": {
                "payment_approval_s": 180,
                "plug_in_s": 180,
                "done_screen_s": 60,
                "stop_below_power_w": 100,
                "stop_below_power_for_s": 30,
                "charger_unreachable_grace_s": 10,
            },
            "vipps": {
                "base_url": addresses.vipps_url,
                "merchant_serial_number": DEFAULT_MSN,
                "request_timeout_s": 5.0,
            },
            "database": {"url": database_url},
            "web": {"listen_host": "127.0.0.1", "listen_port": 0},
            "paths": {"data_dir": data_dir, "log_dir": data_dir / "logs"},
            "secrets": demo_secrets(),
        }
    )
