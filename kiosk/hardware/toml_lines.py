"""Find the line of a key or table in TOML text (``tomllib`` reports no positions).

:func:`key_lines` maps every key path it can see - table headers ``[a.b]``, arrays of tables
``[[a]]`` (path element = index), ``key = value`` lines, dotted and quoted keys, and the keys of
a one-line inline table - to its 1-based line. :func:`line_of` returns the line of the longest
known prefix of a path, so an error deep in a value still points at its key. Good enough for
hand-written configuration files; it is not a TOML parser and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_INLINE_KEY = re.compile(r"(?:^|[{,])\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*)=")


def _split_key(text: str) -> tuple[list[str], str] | None:
    """Parse a (dotted, quoted) key at the start of ``text``; return parts and the rest."""
    parts: list[str] = []
    rest = text.lstrip()
    while True:
        if rest.startswith('"'):
            end = rest.find('"', 1)
            if end < 0:
                return None
            parts.append(rest[1:end])
            rest = rest[end + 1 :]
        elif rest.startswith("'"):
            end = rest.find("'", 1)
            if end < 0:
                return None
            parts.append(rest[1:end])
            rest = rest[end + 1 :]
        else:
            match = _BARE.match(rest)
            if not match:
                return None
            parts.append(match.group(0))
            rest = rest[match.end() :]
        rest = rest.lstrip()
        if rest.startswith("."):
            rest = rest[1:].lstrip()
            continue
        return parts, rest


def key_lines(text: str) -> dict[Path, int]:
    lines: dict[Path, int] = {}
    table: Path = ()
    array_counts: dict[Path, int] = {}
    in_multiline = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if in_multiline:
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_multiline = False
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith("[["):
            parsed = _split_key(line[2:])
            if parsed and parsed[1].startswith("]]"):
                base = tuple(parsed[0])
                index = array_counts.get(base, -1) + 1
                array_counts[base] = index
                table = (*base, index)
                lines.setdefault(base, number)
                lines[table] = number
            continue
        if line.startswith("["):
            parsed = _split_key(line[1:])
            if parsed and parsed[1].startswith("]"):
                table = tuple(parsed[0])
                lines.setdefault(table, number)
            continue
        parsed = _split_key(line)
        if not parsed or not parsed[1].startswith("="):
            continue
        path = (*table, *parsed[0])
        lines.setdefault(path, number)
        value = parsed[1][1:]
        if value.count('"""') == 1 or value.count("'''") == 1:
            in_multiline = True
        if value.lstrip().startswith("{"):
            for match in _INLINE_KEY.finditer(value):
                inner = _split_key(match.group(1))
                if inner:
                    lines.setdefault((*path, *inner[0]), number)
    return lines


def line_of(lines: dict[Path, int], path: Sequence[str | int]) -> int | None:
    """Line of the longest prefix of ``path`` that appears in ``lines``."""
    for end in range(len(path), 0, -1):
        found = lines.get(tuple(path[:end]))
        if found is not None:
            return found
    return None
