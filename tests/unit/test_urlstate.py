"""Parsing and normalising the share link's parameters: whatever a URL holds, the result is a valid state."""

import pytest

from page.urlstate import params_for_view, parse, to_params

CHAPTERS = ["bakhmut", "assault", "centre", "outskirts", "west", "supply", "stakes", "sources"]
LAYERS = ["oblast", "city", "west", "centre", "outskirts", "roads", "places"]


def test_plain_link_restores_chapter_and_layers_in_story_order():
    s = parse({"chapter": ["west"], "layers": ["roads,west,city"]}, CHAPTERS, LAYERS)
    assert (s.chapter, s.layers, s.notice) == ("west", ("city", "west", "roads"), None)


def test_no_parameters_start_at_the_top():
    s = parse({}, CHAPTERS, LAYERS)
    assert (s.chapter, s.layers, s.notice) == (None, None, None)


def test_empty_layers_means_every_layer_hidden():
    assert parse({"chapter": ["west"], "layers": [""]}, CHAPTERS, LAYERS).layers == ()


@pytest.mark.parametrize(
    "params",
    [
        {"chapter": ["<script>alert(1)</script>"]},
        {"chapter": ['west" onmouseover="x']},
        {"chapter": ["x" * 10_000]},
        {"chapter": ["wëst"]},
        {"utm_source": ["x"], "chapter": ["nope"]},
    ],
)
def test_unknown_or_hostile_chapter_is_dropped_with_a_notice_that_echoes_nothing(params):
    s = parse(params, CHAPTERS, LAYERS)
    assert s.chapter is None
    assert s.notice and "<" not in s.notice and "x" * 20 not in s.notice


def test_repeated_keys_keep_the_first_valid_value():
    s = parse({"chapter": ["nope", "centre", "west"]}, CHAPTERS, LAYERS)
    assert s.chapter == "centre" and s.notice


def test_layers_drop_unknown_duplicate_and_overlong_values():
    s = parse({"chapter": ["west"], "layers": ["west,west,<b>,CITY", "y" * 5000]}, CHAPTERS, LAYERS)
    assert s.layers == ("city", "west")
    assert s.notice


def test_layers_without_chapter_open_the_first_chapter():
    assert parse({"layers": ["west"]}, CHAPTERS, LAYERS).chapter == "bakhmut"


def test_to_params_writes_fixed_order():
    assert list(to_params("west", ["city", "west"]).items()) == [("chapter", "west"), ("layers", "city,west")]
    assert to_params("west", None) == {"chapter": "west"}


def test_reported_view_becomes_the_same_params_the_page_wrote():
    assert params_for_view({"chapter": "west", "layers": None}, CHAPTERS, LAYERS) == {"chapter": "west"}
    got = params_for_view({"chapter": "west", "layers": ["roads", "city"]}, CHAPTERS, LAYERS)
    assert got == {"chapter": "west", "layers": "city,roads"}


@pytest.mark.parametrize(
    "view", [None, "west", {"chapter": "<x>"}, {"chapter": "west", "layers": "city"}, {"layers": ["city"]}]
)
def test_malformed_reports_write_nothing(view):
    assert params_for_view(view, CHAPTERS, LAYERS) is None
