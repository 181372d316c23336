"""The configuration summary of the station page: every setting a technician may need, and for
each secret only whether it is set - never its value.

``summary(config, database_url)`` returns ``(setting, value)`` pairs. A database URL is shown
with its password hidden. Raises nothing.
"""

from __future__ import annotations

from kiosk.config.model import StationConfig
from kiosk.core.central_system import LinkHealth
from kiosk.persistence.database import redacted_url

SECRET_LABELS = {
    "vipps_client_id": "client id",
    "vipps_client_secret": "client secret",
    "vipps_subscription_key": "subscription key",
    "vipps_webhook_secret": "webhook secret",
    "service_pin_hash": "service PIN",
}


def database_text(url: str | None) -> str:
    if not url:
        return "SQLite file in the data directory"
    return redacted_url(url) or "(unreadable URL)"


def secrets_text(config: StationConfig) -> str:
    parts = []
    labels = dict(SECRET_LABELS)
    if config.ocpp is not None:
        labels["ocpp_password"] = "OCPP password"  # noqa: S105 - a label, not a password
    for name, label in labels.items():
        present = getattr(config.secrets, name) is not None
        parts.append(f"{label}: {'set' if present else 'NOT SET'}")
    return ", ".join(parts)


def ocpp_text(config: StationConfig) -> str:
    o = config.ocpp
    if o is None:
        return "off"
    return (
        f"{o.url} as {o.identity}, security profile {o.security_profile}, heartbeat "
        f"{o.heartbeat_s} s, meter values every {o.meter_interval_s} s, offline after "
        f"{o.offline_threshold_s} s"
    )


def link_text(health: LinkHealth, now_ms: int) -> str:
    """The OCPP link as the station page shows it (technician English, like the summary)."""
    state = "connected" if health.connected else "NOT connected"
    boot = f", boot {health.boot_status}" if health.boot_status else ""
    if health.last_heartbeat_ms is None:
        beat = ", no heartbeat yet"
    else:
        beat = f", last heartbeat {max(0, now_ms - health.last_heartbeat_ms) // 1000} s ago"
    return f"{state}{boot}{beat}, {health.queued_events} transaction events queued"


def summary(config: StationConfig, database_url: str | None = None) -> list[tuple[str, str]]:
    """What the station runs with, one line per setting (secrets: set / not set only)."""
    st, vipps, svc, t, b = (
        config.station,
        config.vipps,
        config.service,
        config.timeouts,
        config.budget,
    )
    lines = [
        ("station", f"{st.id} - {st.name}"),
        ("languages", f"{', '.join(st.languages)} (default {st.default_language})"),
    ]
    for c in config.connectors:
        meter = f", meter {c.meter.profile}" if c.meter is not None else ""
        lines.append(
            (
                f"connector {c.id}",
                f"{c.name}: {c.profile} at {c.host}:{c.port} unit {c.unit_id}, "
                f"max {c.max_current_a} A{meter}",
            )
        )
    lines += [
        ("vipps", f"{vipps.base_url} MSN {vipps.merchant_serial_number}, QR {vipps.qr_format}"),
        ("webhook", str(vipps.webhook_url) if vipps.webhook_url is not None else "polling only"),
        ("secrets", secrets_text(config)),
        ("budget presets (øre)", ", ".join(str(p) for p in b.presets_ore)),
        ("custom budget (øre)", f"{b.custom_min_ore}-{b.custom_max_ore} step {b.custom_step_ore}"),
        (
            "timeouts (s)",
            f"approval {t.payment_approval_s}, plug-in {t.plug_in_s}, done {t.done_screen_s}, "
            f"charger grace {t.charger_unreachable_grace_s}",
        ),
        (
            "car full",
            f"below {t.stop_below_power_w} W for {t.stop_below_power_for_s} s",
        ),
        (
            "service",
            f"{svc.max_pin_attempts} PIN tries, lock {svc.lockout_s} s, "
            f"exit after {svc.idle_exit_s} s",
        ),
        ("database", database_text(database_url or config.database.url)),
        ("ocpp", ocpp_text(config)),
        (
            "monitoring",
            f"/healthz, /metrics on {config.monitoring.listen_host}:{config.monitoring.listen_port}"
            if config.monitoring is not None
            else "off",
        ),
    ]
    if config.source is not None:
        lines.append(("file", str(config.source)))
    return lines
