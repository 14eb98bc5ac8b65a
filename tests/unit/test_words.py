"""The page's own words per language (story/words/*.json): every table says everything the original's does, a
translated table has no English left in it, and dates and numbers follow each language's rules."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from story.words import WORDS_DIR, languages, say_date, say_decimal, table_for, words

NOT_WORDS = {
    "about",
    "latin_ok",
    "locale",
    "og_locale",
    "language_short",
    "scale_imperial",
}  # codes and notes, not page words


def _table(lang: str) -> dict[str, str]:
    return json.loads((WORDS_DIR / f"{lang}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", [lang for lang in languages() if lang != "en"])
def test_every_language_has_every_key_with_the_same_placeholders(lang):
    en, other = _table("en"), _table(lang)
    assert set(other) == set(en), f"{lang}.json: keys differ from en.json: {sorted(set(other) ^ set(en))}"
    for key, text in en.items():
        if key in NOT_WORDS:
            continue
        assert set(re.findall(r"\{(\w+)\}", other[key])) == set(re.findall(r"\{(\w+)\}", text)), (lang, key)


def test_no_english_is_left_in_the_ukrainian_table_except_the_names_it_marks():
    table = _table("uk")
    allowed = set(table["latin_ok"].split(","))
    for key, text in table.items():
        if key in NOT_WORDS:
            continue
        text = re.sub(r"\{\w+\}", "", text)
        latin = [w for w in re.findall(r"[A-Za-z]+", text) if w not in allowed]
        assert not latin, f"uk.json {key!r} still has Latin words: {latin}"


def test_a_language_without_a_table_uses_its_primary_languages_else_the_original():
    assert table_for("uk-UA") == "uk"
    assert table_for("fr") == "en"
    assert words("uk-UA")["copy_link"] == words("uk")["copy_link"]


def test_dates_and_numbers_follow_the_languages_rules():
    day = date(2023, 4, 14)
    assert say_date(day, "en") == "14 April 2023"
    assert say_date(day, "uk") == "14 квітня 2023\u202fр."
    assert say_date(day, "uk", year=False) == "14 квітня"
    assert say_decimal(1.5, "uk") == "1,5"
    assert say_decimal(1234.5, "en") == "1,234.5"
