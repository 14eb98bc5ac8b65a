"""The screen-reader sentence for each chapter's map."""

import json
from datetime import date
from pathlib import Path

import pytest

from story.describe import describe_chapter, describe_map, format_date, join_words
from story.loader import load_story
from story.words import words
from tests.unit.fixtures_story.helpers import MINI, make_story


def test_format_date_is_spelled_out():
    assert format_date(date(2023, 4, 14)) == "14 April 2023"
    assert format_date(date(2023, 4, 7)) == "7 April 2023"


def test_join_words():
    assert join_words([]) == "" and join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a and b" and join_words(["a", "b", "c"]) == "a, b and c"


def test_highlight_and_context_with_story_date():
    story = load_story(MINI / "story.yaml")
    assert describe_chapter(story, story.chapter("intro")) == (
        "Map: the town limits as of 14 April 2023, highlighted; road dimmed."
    )


def test_chapter_as_of_overrides_story_date():
    story = load_story(MINI / "story.yaml")
    assert describe_chapter(story, story.chapter("west")) == (
        "Map: the western districts, held by Ukraine as of 13 April 2023, highlighted; town and road dimmed."
    )


def test_context_only_and_no_layers(tmp_path):
    path = make_story(tmp_path, ("    highlight: [west]\n", ""))
    story = load_story(path)
    assert describe_chapter(story, story.chapter("west")) == "Map as of 13 April 2023: town and road shown."
    path = make_story(tmp_path / "b", ("    highlight: [west]\n    context: [town, road]\n", ""))
    story = load_story(path)
    assert describe_chapter(story, story.chapter("west")) == "Map: Donetsk Oblast as of 13 April 2023."


VECTORS = json.loads((Path(__file__).parents[1] / "vectors" / "describe.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["expect"] for c in VECTORS["cases"]])
def test_sentence_vector_shared_with_the_browser(case):
    assert describe_map(**case["facts"], grammar=words(case.get("lang", "en"))) == case["expect"]
