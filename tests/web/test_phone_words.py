"""The phone pages' words: every word in every language, from one source per word."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kiosk.web import pages
from kiosk.web.catalog import Catalog, choose_language, read_ts, screen_words
from kiosk.web.words import WEB_WORDS

LANGUAGES = ("nb", "sv", "da", "fi", "de")
WEB = Path(__file__).resolve().parents[2] / "kiosk" / "web"


def _page_words() -> set[str]:
    """Every string literal the pages pass to ``ctx.t`` / ``Catalog.text`` (or keep in their
    word tables), read from the source."""
    found: set[str] = set()
    for name in ("pages.py", "phone_site.py"):
        tree = ast.parse((WEB / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            called = isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("t", "text")
            if called and node.args and isinstance(node.args[0], ast.Constant):
                found.add(str(node.args[0].value))
    for table in (pages._STATE_WORD, pages._WHY, pages._REASON, pages._FAILED_TEXT):
        found.update(str(v) for v in table.values())
    for title, text in pages._ENDED.values():
        found.update((title, text))
    for constant in (
        pages.SHORT_TERMS,
        pages.KEEP_OPEN,
        pages.COME_BACK,
        pages.YOUR_CHARGE,
        pages.RESERVED_PLUG_IN,
        pages.MONEY_RELEASED,
        pages.BANK_DELAY,
        pages.OUT_OF_ORDER_TEXT,
    ):
        found.add(constant)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_word_of_the_pages_is_translated(language: str) -> None:
    words = Catalog(language)
    missing = sorted(w for w in _page_words() if not words.has(w))
    assert missing == []


def test_a_word_lives_in_one_place() -> None:
    shared = set().union(*(set(screen_words(lang)) for lang in LANGUAGES))
    assert shared  # the screens' catalogs were read
    assert sorted(set(WEB_WORDS) & shared) == []
    for word, translations in WEB_WORDS.items():
        assert set(translations) == set(LANGUAGES), word
        assert all(t.strip() for t in translations.values()), word
        for number in ("%1", "%2"):
            if number in word:
                assert all(number in t for t in translations.values()), (word, number)


def test_placeholders_are_filled() -> None:
    assert Catalog("nb").text("Pay with %1", "Vipps") == "Betal med Vipps"
    assert Catalog("en").text("Pay with %1", "MobilePay") == "Pay with MobilePay"
    assert Catalog("de").text("no such word") == "no such word"  # English, never empty


def test_a_damaged_catalog_is_skipped_not_fatal(tmp_path: Path) -> None:
    bad = tmp_path / "kiosk_xx.ts"
    bad.write_text("<TS><context><message>", encoding="utf-8")
    assert read_ts(bad) == {}


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        ("de", "nb", "de"),
        (None, "sv-SE,sv;q=0.9,en;q=0.8", "sv"),
        (None, "fr-FR, en;q=0.5, da;q=0.7", "da"),
        (None, "no", "nb"),
        (None, "nn-NO", "nb"),
        ("xx", "fr", "en"),
        (None, None, "en"),
        (None, "de;q=0", "en"),
    ],
)
def test_the_language_of_a_request(query: str | None, header: str | None, expected: str) -> None:
    enabled = ("nb", "en", "sv", "da", "fi", "de")
    assert choose_language(query, header, enabled, "en") == expected
