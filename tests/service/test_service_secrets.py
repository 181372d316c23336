"""No secret of the configuration (Vipps client id and secret, subscription key, webhook
secret, the PIN hash - nor the PIN) appears on any service screen, in any log line of a full
service run, or anywhere in the database."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from kiosk.sandbox.vipps.faults import Fault, FaultKind

from .service_ui import ServiceUi, service_ui
from .service_world import PIN

pytestmark = pytest.mark.usefixtures("qapp")


class Everything(logging.Handler):
    """Every record at every level, formatted with its traceback."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def screen_texts(s: ServiceUi) -> list[str]:
    """The text of every item (shown or not) and every string property of the view-models."""
    texts = [str(item.property("text") or "") for item in s.items()]
    for vm in (s.vm, s.vm.connectors_vm, s.vm.sessions_vm, s.vm.station_vm):
        meta = vm.metaObject()
        for index in range(meta.propertyOffset(), meta.propertyCount()):
            # attribute access: a property typed as a registered view-model cannot be read
            # through QObject.property() (PySide6 has no converter for a Python class)
            texts.append(repr(getattr(vm, str(meta.property(index).name()))))
    return texts


def database_dump(path: Path) -> str:
    with sqlite3.connect(path) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return "\n".join(repr(db.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables)


async def test_no_secret_on_screen_in_logs_or_database(tmp_path: Path) -> None:
    everything = Everything()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(everything)
    root.setLevel(logging.DEBUG)
    seen: list[str] = []
    try:
        async with service_ui(tmp_path) as s:
            secrets = s.world.config.secrets.all_values()
            assert len(secrets) == 5
            await s.world.paid_session("sec-1", captured_ore=5000)
            await s.enter("0000")  # a wrong PIN first
            seen += screen_texts(s)
            for digit in PIN:
                s.vm.digit(int(digit))
            s.vm.submitPin()
            await s.settle()
            assert s.vm.value("mode") == "open"
            for page in ("connectors", "sessions", "station"):
                s.vm.showPage(page)
                await s.settle()
                seen += screen_texts(s)
            s.vm.sessions_vm.select("sec-1")
            s.vm.sessions_vm.amountAll()
            s.vm.sessions_vm.refund()
            await s.settle()
            seen += screen_texts(s)
            s.vm.station_vm.checkVipps()
            await s.settle()
            s.world.emulator.faults.add(Fault(FaultKind.ERROR, "*", count=None, status=401))
            s.vm.station_vm.checkVipps()
            await s.settle()
            s.vm.showPage("station")
            await s.settle()
            seen += screen_texts(s)
            assert any("Vipps" in text for text in seen)
            logging.getLogger("kiosk.test").info("config secret %s", secrets[1])  # redacted?
            seen += s.vm.station_vm.value("logText").splitlines()
            database = database_dump(s.world.db_path)
    finally:
        root.removeHandler(everything)
        root.setLevel(old_level)
    assert "sec-1" in database  # the dump really holds the data
    assert any("refund" in line for line in everything.lines)
    log_text = "\n".join(line for line in everything.lines if "config secret" not in line)
    for secret in [*secrets, PIN]:
        for where, text in (("screen", "\n".join(seen)), ("logs", log_text), ("db", database)):
            assert secret not in text, f"a secret is in the {where}"
