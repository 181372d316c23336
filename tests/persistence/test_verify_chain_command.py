"""``kiosk sessions verify-chain --config FILE``: walks the journal's hash chain of a real
SQLite file, prints the head hash, and after tampering names the first broken link (exit 1).
Tampering is done as someone with the file would: a plain ``sqlite3`` connection that drops
the append-only triggers and edits an entry."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.persistence import JournalEvent, Repository, SessionUpdate

STATION = "chain-station"


def _config(path: Path, db_path: Path) -> Path:
    config = path / "station.toml"
    config.write_text(
        f"""
[station]
id = "{STATION}"
name = "Kjede"

[[connectors]]
id = 1
name = "Kontakt 1"
profile = "sim"
host = "127.0.0.1"

[tariff]
price_ore_per_kwh = 350

[vipps]
merchant_serial_number = "123456"

[database]
url = "sqlite:///{db_path}"
""",
        encoding="utf-8",
    )
    return config


async def _journal(db_path: Path) -> None:
    async with await Repository.open(f"sqlite:///{db_path}", STATION) as repo:
        await repo.create_session("s-1", 1, SessionUpdate("charging", {}), JournalEvent("a"))
        for kind in ("b", "c", "d"):
            await repo.update_session("s-1", SessionUpdate("charging", {}), JournalEvent(kind))


def _rows(db_path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(db_path) as conn:
        return list(conn.execute("SELECT seq, hash FROM session_events ORDER BY seq"))


def test_verify_chain_prints_the_head_and_names_the_first_broken_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    db_path = tmp_path / "station.sqlite3"
    asyncio.run(_journal(db_path))
    config = _config(tmp_path, db_path)
    rows = _rows(db_path)
    assert [seq for seq, _ in rows] == [1, 2, 3, 4]

    assert main(["sessions", "verify-chain", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 4 journal entries")
    assert f"head: station {STATION} entry 4 hash {rows[-1][1]}" in out

    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER session_events_no_update")
    conn.execute("UPDATE session_events SET payload = '{\"edited\": true}' WHERE seq = 2")
    conn.commit()
    conn.close()
    assert main(["sessions", "verify-chain", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"BROKEN: first broken link: station {STATION}, entry 2:")
    assert "content does not match its hash" in out


def test_verify_chain_of_an_empty_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    db_path = tmp_path / "empty.sqlite3"

    async def create() -> None:
        async with await Repository.open(f"sqlite:///{db_path}", STATION):
            pass

    asyncio.run(create())
    assert main(["sessions", "verify-chain", "--config", str(_config(tmp_path, db_path))]) == 0
    out = capsys.readouterr().out
    assert "ok: 0 journal entries" in out
    assert "the journal is empty" in out
