"""The TOML key locator finds lines for keys in tables, arrays of tables and inline tables."""

from __future__ import annotations

from kiosk.config.locate import KeyLines

DOC = """\
# comment = 1
[station]
id = "x"
name = 'y'   # trailing
"quoted.key" = 1
a.b = 2

[[connectors]]
id = 1
meter = { profile = "sdm", port = 5, sub = { x = 1 } }

[[connectors]]
id = 2
notes = \"\"\"
port = 9
\"\"\"
presets = [
  1,
  [2, 3],
]
port = 7
[connectors.meter]
host = "h"
[tariff]
price = 1
"""


def test_keys_and_headers() -> None:
    lines = KeyLines.parse(DOC)
    assert lines.line_of(("station",)) == 2
    assert lines.line_of(("station", "id")) == 3
    assert lines.line_of(("station", "name")) == 4
    assert lines.line_of(("station", "quoted.key")) == 5
    assert lines.line_of(("station", "a", "b")) == 6
    assert lines.line_of(("tariff", "price")) == 25


def test_arrays_of_tables_are_counted() -> None:
    lines = KeyLines.parse(DOC)
    assert lines.line_of(("connectors", 0, "id")) == 9
    assert lines.line_of(("connectors", 1, "id")) == 13
    assert lines.line_of(("connectors", 1, "port")) == 21  # not the "port" inside the string
    assert lines.line_of(("connectors", 1, "meter", "host")) == 23  # [connectors.meter]


def test_inline_tables_and_multiline_arrays() -> None:
    lines = KeyLines.parse(DOC)
    assert lines.line_of(("connectors", 0, "meter", "port")) == 10
    assert lines.line_of(("connectors", 0, "meter", "sub", "x")) == 10
    assert lines.line_of(("connectors", 1, "presets", 1)) == 17


def test_missing_keys_fall_back_to_their_table() -> None:
    lines = KeyLines.parse(DOC)
    assert lines.line_of(("connectors", 1, "unit_id")) == 12
    assert lines.line_of(("station", "languages")) == 2
    assert lines.line_of(("budget", "presets_ore")) is None
