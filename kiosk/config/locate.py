"""Find the line of a key in TOML text (``tomllib`` keeps no positions).

``KeyLines.parse(text)`` walks the lines once, following ``[table]`` and ``[[array.of.tables]]``
headers (counting the array entries), dotted and quoted keys, inline tables and skipping the
inside of multi-line strings and arrays. ``line_of(path)`` answers the line of the deepest
known part of a path such as ``("connectors", 1, "port")``: a missing key is reported at its
table's header, a bad array element at its key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_BARE = re.compile(r"[A-Za-z0-9_-]+")
PathPart = str | int


def _parse_key(text: str, pos: int) -> tuple[list[str], int] | None:
    """Parse a (dotted, maybe quoted) key starting at ``pos``; return parts and end position."""
    parts: list[str] = []
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text):
            return None
        quote = text[pos]
        if quote in "\"'":
            end = text.find(quote, pos + 1)
            if end < 0:
                return None
            parts.append(text[pos + 1 : end])
            pos = end + 1
        else:
            match = _BARE.match(text, pos)
            if match is None:
                return None
            parts.append(match.group())
            pos = match.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos < len(text) and text[pos] == ".":
            pos += 1
            continue
        return parts, pos


def _scan_inline_table(
    text: str, start: int, prefix: tuple[PathPart, ...], line: int
) -> dict[tuple[PathPart, ...], int]:
    """Keys of an inline table ``{ a = 1, b = { c = 2 } }`` that starts at ``text[start]``."""
    found: dict[tuple[PathPart, ...], int] = {}
    stack = [prefix]
    pos = start + 1
    expecting_key = True
    in_string: str | None = None
    while pos < len(text) and stack:
        char = text[pos]
        if in_string:
            if char == in_string:
                in_string = None
            elif char == "\\" and in_string == '"':
                pos += 1
            pos += 1
            continue
        if expecting_key and char not in " \t,}":
            parsed = _parse_key(text, pos)
            if parsed is None:
                return found
            parts, pos = parsed
            key = stack[-1] + tuple(parts)
            found[key] = line
            pos = text.find("=", pos)
            if pos < 0:
                return found
            pos += 1
            while pos < len(text) and text[pos] in " \t":
                pos += 1
            if pos < len(text) and text[pos] == "{":
                stack.append(key)
                pos += 1
                continue
            expecting_key = False
            continue
        if char in "\"'":
            in_string = char
        elif char == ",":
            expecting_key = True
        elif char == "}":
            stack.pop()
            expecting_key = False
        pos += 1
    return found


@dataclass
class KeyLines:
    """The line (1-based) of every key and table header found in a TOML document."""

    lines: dict[tuple[PathPart, ...], int] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> KeyLines:
        found = cls()
        table: tuple[PathPart, ...] = ()
        array_counts: dict[tuple[PathPart, ...], int] = {}
        multiline: str | None = None
        depth = 0  # open brackets of a multi-line array value
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if multiline is not None:
                if line.count(multiline) % 2 == 1:
                    multiline = None
                continue
            if depth > 0:
                depth += line.count("[") - line.count("]")
                continue
            if not line or line.startswith("#"):
                continue
            if line.startswith("[["):
                parsed = _parse_key(line, 2)
                if parsed is not None:
                    name = tuple(parsed[0])
                    index = array_counts.get(name, -1) + 1
                    array_counts[name] = index
                    table = (*_resolve(name, array_counts), index)
                    found.lines.setdefault(name, number)
                    found.lines[table] = number
                continue
            if line.startswith("["):
                parsed = _parse_key(line, 1)
                if parsed is not None:
                    table = _resolve(tuple(parsed[0]), array_counts)
                    found.lines.setdefault(table, number)
                continue
            parsed = _parse_key(line, 0)
            if parsed is None or parsed[1] >= len(line) or line[parsed[1]] != "=":
                continue
            key = table + tuple(parsed[0])
            found.lines[key] = number
            value = line[parsed[1] + 1 :].lstrip()
            for quote in ('"""', "'''"):
                if value.startswith(quote) and value.count(quote) == 1:
                    multiline = quote
            if value.startswith("{"):
                found.lines.update(_scan_inline_table(value, 0, key, number))
            elif value.startswith("["):
                depth = value.count("[") - value.count("]")
        return found

    def line_of(self, path: Sequence[PathPart]) -> int | None:
        """The line of ``path`` or of its deepest known ancestor (None if nothing matches)."""
        parts = tuple(path)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return None


def _resolve(
    name: tuple[PathPart, ...], counts: dict[tuple[PathPart, ...], int]
) -> tuple[PathPart, ...]:
    """Insert the current index after every array-of-tables prefix (``[[a]]`` then ``[a.b]``)."""
    out: list[PathPart] = []
    for i, part in enumerate(name):
        out.append(part)
        prefix = name[: i + 1]
        if prefix in counts and i + 1 < len(name):
            out.append(counts[prefix])
    return tuple(out)
