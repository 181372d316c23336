"""The phone pages' words in six languages, and which language a request gets.

One translation source per word: the words the pages share with the screens come from the
screens' Qt catalogs (``assets/translations/kiosk_<lang>.ts``, the XML that ``lrelease`` turns
into the ``.qm`` files the window loads), read once with the standard library; the words only
the pages use come from ``kiosk.web.words``. English is the source text itself. A word missing
in a language falls back to English (never to an empty string).

``choose_language(query, accept_language, enabled, default)`` picks the page language: an
enabled ``?lang=`` first, then the best enabled match of ``Accept-Language``, then the
station's default. Raises nothing (an unreadable catalog file is logged and skipped).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path

from kiosk.resources import assets_dir
from kiosk.web.words import WEB_WORDS

log = logging.getLogger(__name__)


def read_ts(path: Path) -> dict[str, str]:
    """Source -> translation of a Qt ``.ts`` file (the first non-empty one of a source)."""
    words: dict[str, str] = {}
    try:
        root = ElementTree.parse(path).getroot()  # noqa: S314 - our own shipped catalog
    except (OSError, ElementTree.ParseError) as error:
        log.warning("translation catalog %s not read: %s", path, error)
        return words
    for message in root.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if not source or translation is None or translation.get("type") in ("obsolete", "vanished"):
            continue
        text = translation.text or ""
        if text and source not in words:
            words[source] = text
    return words


@cache
def screen_words(language: str) -> dict[str, str]:
    """The screens' catalog of ``language`` (empty for English, the source language)."""
    if language == "en":
        return {}
    return read_ts(assets_dir() / "translations" / f"kiosk_{language}.ts")


class Catalog:
    """``text(source, *args)`` in one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._screen = screen_words(language)

    def text(self, source: str, *args: str) -> str:
        found = self._screen.get(source) or WEB_WORDS.get(source, {}).get(self.language) or source
        for number, value in enumerate(args, start=1):
            found = found.replace(f"%{number}", value)
        return found

    def has(self, source: str) -> bool:
        """The word is translated for this language (English always is)."""
        return (
            self.language == "en"
            or source in self._screen
            or self.language in WEB_WORDS.get(source, {})
        )


def choose_language(
    query: str | None, accept_language: str | None, enabled: tuple[str, ...], default: str
) -> str:
    if query in enabled:
        return str(query)
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        fields = part.strip().split(";")
        tag = fields[0].strip().lower()
        quality = 1.0
        for field in fields[1:]:
            name, _, value = field.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-")[0]
        if primary in ("no", "nn"):
            primary = "nb"  # Norwegian without a variant, or Nynorsk: the bokmål pages
        if primary in enabled and quality > 0:
            ranked.append((-quality, index, primary))
    if ranked:
        return min(ranked)[2]
    return default
