"""The page's own words, per language: one JSON table per language in story/words/ (en.json, uk.json…), read here
for Python (the page's HTML, the screen-reader sentence, share cards, print) and sent whole to the page's script
(page data `grammar`), so both say the same thing. A third language is one more file (story/words/README.md).

Dates and numbers follow the language's CLDR rules (Babel), with the table's `locale`.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

WORDS_DIR = Path(__file__).with_name("words")
ORIGINAL = "en"  # the table every other must match key for key, and the fallback for a language without one


def languages() -> list[str]:
    """The languages the page can speak: one table each."""
    return sorted(p.stem for p in WORDS_DIR.glob("*.json"))


def table_for(lang: str) -> str:
    """The table a language tag uses: its own (`uk`), its primary language's (`uk-UA` → `uk`), else English."""
    have = languages()
    for candidate in (lang, lang.split("-")[0]):
        if candidate in have:
            return candidate
    return ORIGINAL


@cache
def words(lang: str = ORIGINAL) -> dict[str, str]:
    """The page's words in `lang` (see table_for)."""
    path = WORDS_DIR / f"{table_for(lang)}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _locale(lang: str) -> str:
    return words(lang)["locale"].replace("-", "_")


def say_date(day: date, lang: str = ORIGINAL, *, year: bool = True) -> str:
    """14 April 2023 / 14 квітня 2023 р. (or without the year: 14 April / 14 квітня), by the language's CLDR rules."""
    if year:
        return format_date(day, "long", locale=_locale(lang))
    return format_skeleton("dMMMM", day, locale=_locale(lang))


def say_confidence(value: str | None, lang: str = ORIGINAL) -> str:
    """A confidence level ("approximate") as the page says it in `lang` ("приблизно"); "" for none, and a value
    the table has no word for as it is written."""
    return words(lang).get(f"confidence_{value}", value) if value else ""


def say_decimal(value: float, lang: str = ORIGINAL) -> str:
    """One decimal place, by the language's rules: 1.5 / 1,5 (the page's script: Intl.NumberFormat, the same)."""
    return format_decimal(value, "#,##0.0", locale=_locale(lang))
