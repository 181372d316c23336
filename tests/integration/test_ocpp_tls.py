"""Security profile 2: HTTP Basic over TLS to a CSMS whose certificate a private CA signed
(``[ocpp] ca_file``), on loopback; a CSMS the station cannot verify gets nothing."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
from pathlib import Path

from ocpp_test_csms import PASSWORD, own_csms
from station_rig import world

from kiosk.adapters.ocpp_link import OcppLink, OcppLinkSettings
from kiosk.adapters.ocpp_outbox import Outbox
from kiosk.station.ocpp_bridge import OcppBridge


def certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (it is its own CA) and its key."""
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def server_tls(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


async def test_profile_2_boots_over_tls_and_refuses_an_unknown_certificate(
    tmp_path: Path,
) -> None:
    cert, key = certificate(tmp_path, "csms")
    other, _ = certificate(tmp_path, "other")
    async with own_csms(server_tls(cert, key)) as csms, world(tmp_path) as w, w.station() as st:
        for ca_file, trusted in ((other, False), (cert, True)):
            bridge = OcppBridge(st)
            settings = OcppLinkSettings(
                url=csms.url,
                identity="LS-TLS-1",
                password=PASSWORD,
                security_profile=2,
                ca_file=str(ca_file),
                reconnect_initial_s=0.1,
                reconnect_max_s=0.3,
            )
            link = OcppLink(settings, Outbox(tmp_path / f"outbox-{trusted}.sqlite3"), bridge)
            bridge.attach(link)
            await bridge.start()
            try:
                async with asyncio.timeout(20):
                    while not (link.connected if trusted else link.failures >= 2):
                        await asyncio.sleep(0.05)
                if trusted:
                    (boot,) = csms.of("BootNotification")
                    assert boot["chargingStation"]["vendorName"] == "Ladeskjerm"
                else:
                    assert csms.of("BootNotification") == []  # nothing went to it
            finally:
                await bridge.aclose()
        assert csms.refused_credentials == 0
