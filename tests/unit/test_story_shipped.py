"""The shipped Bakhmut story: passes the check, keeps its share-link chapter ids, and says what it must."""

import re

import pytest

from story.describe import describe_chapter
from story.loader import default_story_path, load_story

CHAPTER_IDS = ["bakhmut", "assault", "centre", "outskirts", "west", "week", "supply", "stakes", "sources"]
LAYER_IDS = {"oblast", "city", "west", "centre", "outskirts", "roads", "places", "river", "front"}


@pytest.fixture(scope="module")
def story():
    # The layer files are committed: a missing one is a failure here, never a skip.
    return load_story(default_story_path(), read_layers=True)


def test_chapter_ids_are_exactly_the_share_link_ids(story):
    assert [c.id for c in story.chapters] == CHAPTER_IDS


def test_layer_ids_and_dates(story):
    assert {layer.id for layer in story.layers} == LAYER_IDS
    assert str(story.as_of) == "2023-04-14"
    assert story.region.bbox == [36.50, 46.85, 39.10, 49.26]


def test_bodies_are_60_to_140_words(story):
    for chapter in story.chapters:
        words = len(chapter.body.split())
        assert 60 <= words <= 140, (chapter.id, words)


def test_dates_of_both_updates_are_given(story):
    text = " ".join(c.body for c in story.chapters)
    assert "14 April 2023" in text and "7 April" in text


def test_quotations_are_short(story):
    for chapter in story.chapters:
        for quote in re.findall(r'"([^"]+)"', chapter.body):
            assert len(quote.split()) <= 6, (chapter.id, quote)


def test_no_photos(story):
    for chapter in story.chapters:
        assert "<img" not in chapter.body_html and "reuters" not in chapter.body.lower()


def test_sources_credit_everyone(story):
    names = " ".join(f"{s.name} {s.note or ''}" for s in story.sources)
    for needed in (
        "UK Defence Intelligence",
        "14 April 2023",
        "7 April 2023",
        "New York Post",
        "Post wires",
        "Natural Earth",
        "GeoNames",
        "Institute for the Study of War",
        "OpenStreetMap",
    ):
        assert needed in names, needed


def test_every_chapter_has_a_description(story):
    for chapter in story.chapters:
        sentence = describe_chapter(story, chapter)
        assert sentence.startswith("Map") and "14 April 2023" in sentence
    assert describe_chapter(story, story.chapter("west")).startswith(
        "Map: Bakhmut's western districts, held by Ukraine as of 14 April 2023, highlighted; "
        "city limits, centre, outskirts"
    )
