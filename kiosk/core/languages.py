"""The languages a station speaks, each named in its own words (the language switch on the
screen and on the phone pages). Pure data."""

from __future__ import annotations

LANGUAGE_NAMES = {
    "nb": "Norsk",
    "en": "English",
    "sv": "Svenska",
    "da": "Dansk",
    "fi": "Suomi",
    "de": "Deutsch",
}
"""Each language in its own words."""
