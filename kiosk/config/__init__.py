"""Typed, validated station settings from one TOML file, plus secrets from env/secrets file.

Public API: ``load_config``, ``StationConfig`` (and its sections), ``ConfigError`` /
``ConfigIssue``, ``Secrets``, and the PIN hash functions in ``kiosk.config.pin``.
"""

from kiosk.config.loader import ConfigError, ConfigIssue, load_config, load_secrets
from kiosk.config.model import (
    BudgetSettings,
    ConnectorSettings,
    DatabaseSettings,
    MeterSettings,
    MonitoringSettings,
    OcppSettings,
    PathSettings,
    ServiceSettings,
    StationConfig,
    StationSettings,
    TariffSettings,
    TimeoutSettings,
    VippsSettings,
    WebSettings,
)
from kiosk.config.secrets import Secrets

__all__ = [
    "BudgetSettings",
    "ConfigError",
    "ConfigIssue",
    "ConnectorSettings",
    "DatabaseSettings",
    "MeterSettings",
    "MonitoringSettings",
    "OcppSettings",
    "PathSettings",
    "Secrets",
    "ServiceSettings",
    "StationConfig",
    "StationSettings",
    "TariffSettings",
    "TimeoutSettings",
    "VippsSettings",
    "WebSettings",
    "load_config",
    "load_secrets",
]
