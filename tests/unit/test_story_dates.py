"""Dated map states in the story format: a layer's states per date, chapters that show a date or compare two, the
ground an area lost or gained, and every check error located in the story file."""

import json
from datetime import date

import geopandas as gpd
import pytest
import shapely

from geo.change import area_change
from story.dates import frames_for
from story.describe import describe_chapter
from story.loader import load_story
from tests.unit.fixtures_story.helpers import line_of, make_story, only_problem, problems

# The mini story's west layer, dated: 7 April from a wider outline of its own, 14 April from the layer's file.
STATES = """    states:
      - date: 2023-04-07
        file: layers/west7.geojson
        label: Held by Ukraine on 7 April
        describe: the wider western districts
        source: test update of 7 April
        confidence: approximate
      - date: 2023-04-14
        source: test update of 14 April
        confidence: assessed
"""
DATED = (
    ("as_of: 2023-04-14\nregion", "as_of: 2023-04-14\ndates: [2023-04-07, 2023-04-14]\nregion"),
    ("    confidence: approximate\n    as_of: 2023-04-14\n", STATES),
    ("    as_of: 2023-04-13", "    compare: [2023-04-07, 2023-04-14]"),
)
WEST7 = [[37.95, 48.56], [38.01, 48.56], [38.01, 48.61], [37.95, 48.61], [37.95, 48.56]]


def dated_story(tmp_path, *edits):
    path = make_story(tmp_path, *DATED, *edits)
    feature = {
        "type": "Feature",
        "properties": {"label": "Held by Ukraine"},
        "geometry": {"type": "Polygon", "coordinates": [WEST7]},
    }
    (path.parent / "layers" / "west7.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature]})
    )
    return path


def test_a_dated_layer_reads_each_state_with_its_own_source_confidence_and_date(tmp_path):
    story = load_story(dated_story(tmp_path), read_layers=True)
    west = story.web_layers["west"]
    assert sorted(west["map_date"]) == ["2023-04-07", "2023-04-14"]
    by_date = west.set_index("map_date")
    assert by_date.loc["2023-04-07", "source"] == "test update of 7 April"
    assert by_date.loc["2023-04-07", "confidence"] == "approximate"
    assert by_date.loc["2023-04-07", "as_of"] == "2023-04-07"
    # A state that reuses the layer's file is a changed status: its source and confidence, never the file's.
    assert by_date.loc["2023-04-14", "confidence"] == "assessed"
    assert by_date.loc["2023-04-14", "source"] == "test update of 14 April"
    assert story.when(story.chapter("intro")).date == date(2023, 4, 14)  # the story's as_of is one of its dates
    assert story.when(story.chapter("west")).since == date(2023, 4, 7)


def test_a_comparison_finds_the_ground_lost_and_says_it(tmp_path):
    story = load_story(dated_story(tmp_path), read_layers=True)
    ((key, change),) = story.changes().items()
    assert key == ("west", date(2023, 4, 7), date(2023, 4, 14))
    assert change.gained.is_empty and 7.5 < change.lost_km2 < 9  # a 0.02° × 0.05° strip at 48.6° N: 1.47 × 5.56 km
    sentence = describe_chapter(story, story.chapter("west"))
    assert sentence.endswith(
        f"Between 7 April 2023 and 14 April 2023, western districts lost about {change.lost_km2:.1f} km²."
    )
    drawn = [
        (spec.id, kind)
        for spec, _, kind in frames_for(story, story.web_layers, story.when(story.chapter("west")), story.changes())
    ]
    assert drawn == [("town", None), ("west", None), ("west", "lost"), ("road", None)]


def test_the_same_outline_twice_is_no_change_and_slivers_are_not_ground():
    box = gpd.GeoDataFrame(geometry=[shapely.box(37.95, 48.56, 38.0, 48.6)], crs=4326)
    wobble = gpd.GeoDataFrame(geometry=[shapely.box(37.95, 48.56, 38.00001, 48.6)], crs=4326)
    change = area_change(box, wobble)
    assert change.lost.is_empty and change.gained.is_empty


def test_a_layer_without_a_state_on_a_date_draws_nothing_then_and_the_sentence_says_so(tmp_path):
    path = dated_story(
        tmp_path,
        (
            "    short: road\n",
            "    short: road\n    states:\n      - {date: 2023-04-14, source: s, confidence: schematic}\n",
        ),
        ("    highlight: [town]\n", "    highlight: [town]\n    date: 2023-04-07\n"),
    )
    story = load_story(path, read_layers=True)
    intro = story.chapter("intro")
    assert [spec.id for spec, _, _ in frames_for(story, story.web_layers, story.when(intro), {})] == ["town", "west"]
    assert (
        describe_chapter(story, intro)
        == "Map: the town limits as of 7 April 2023, highlighted; road not given for 7 April 2023."
    )


@pytest.mark.parametrize(
    ("edit", "needle", "message", "hint"),
    [
        (
            ("dates: [2023-04-07, 2023-04-14]", "dates: [2023-02-30, 2023-04-14]"),
            "dates:",
            "'2023-02-30' is not a date",
            "YYYY-MM-DD",
        ),
        (
            ("dates: [2023-04-07, 2023-04-14]", "dates: [2023-04-14, 2023-04-07]"),
            "dates:",
            "comes after the later date",
            "earliest first",
        ),
        (
            ("dates: [2023-04-07, 2023-04-14]", "dates: [2023-04-07, 2023-04-07, 2023-04-14]"),
            "dates:",
            "listed twice",
            "once",
        ),
        (
            ("    highlight: [town]\n", "    highlight: [town]\n    date: 2023-04-09\n"),
            "date: 2023-04-09",
            "date 2023-04-09 is not one of the story's dates",
            "2023-04-07, 2023-04-14",
        ),
        (
            ("compare: [2023-04-07, 2023-04-14]", "compare: [2023-04-07, 2023-04-10]"),
            "compare:",
            "compared date 2023-04-10 is not one of",
            "2023-04-07, 2023-04-14",
        ),
        (
            ("compare: [2023-04-07, 2023-04-14]", "compare: [2023-04-14, 2023-04-14]"),
            "compare:",
            "compares 2023-04-14 with itself",
            "two different dates",
        ),
        (
            ("compare: [2023-04-07, 2023-04-14]", "compare: [2023-04-14, 2023-04-07]"),
            "compare:",
            "with the earlier 2023-04-07",
            "earlier date first",
        ),
        (
            ("      - date: 2023-04-14\n", "      - date: 2023-04-15\n"),
            "date: 2023-04-15",
            "state date 2023-04-15 is not one of",
            "2023-04-07",
        ),
        (
            ("      - date: 2023-04-14\n", "      - date: 2023-04-07\n"),
            "- date: 2023-04-07",
            "two states for 2023-04-07",
            "one state",
        ),
        (("        source: test update of 7 April\n", ""), "- date: 2023-04-07", "source", ""),
        (("        confidence: assessed\n", ""), "- date: 2023-04-14", "confidence", ""),
        (
            ("    highlight: [town]\n", "    highlight: [town]\n    as_of: 2023-04-07\n"),
            "as_of: 2023-04-07",
            "as_of is for stories with one date",
            "date:",
        ),
        (
            ("as_of: 2023-04-14\ndates", "as_of: 2023-04-10\ndates"),
            "as_of: 2023-04-10",
            "as_of 2023-04-10 is not one of the story's dates",
            "2023-04-07, 2023-04-14",
        ),
        (
            ("      - date: 2023-04-14\n        source: test update of 14 April\n        confidence: assessed\n", ""),
            "highlight: [west]",
            "highlights 'west', which has no state on 2023-04-14",
            "another date",
        ),
    ],
)
def test_each_bad_date_is_a_located_problem(tmp_path, edit, needle, message, hint):
    path = dated_story(tmp_path, edit)
    found = problems(path)
    p = next((p for p in found if message in f"{p.field} {p.message}"), None)
    assert p is not None, "\n".join(map(str, found))
    assert p.file.endswith("story.yaml") and p.line == line_of(
        path, needle, 2 if needle == "- date: 2023-04-07" and "two states" in message else 1
    )
    assert hint in p.hint


def test_a_date_in_a_story_without_dates_is_a_located_problem(tmp_path):
    path = make_story(tmp_path, ("    highlight: [town]\n", "    highlight: [town]\n    date: 2023-04-14\n"))
    p = only_problem(path)
    assert p.line == line_of(path, "date: 2023-04-14") and "lists none" in p.message and "dates:" in p.hint


def test_an_edit_to_a_dated_states_own_file_is_a_new_version_of_the_story(tmp_path):
    from page.build import source_stamp

    path = dated_story(tmp_path)
    before = source_stamp(path)
    state_file = path.parent / "layers" / "west7.geojson"
    state_file.write_text(state_file.read_text().replace("38.01", "38.02"))
    assert source_stamp(path) != before  # the app rebuilds, the print images are drawn again


def test_a_state_reusing_the_layers_file_is_that_date_in_every_tooltip_and_download(tmp_path):
    story = load_story(
        dated_story(
            tmp_path,
            (
                "        source: test update of 14 April\n",
                "        source: test update of 14 April\n        label: West on 14 April\n",
            ),
        ),
        read_layers=True,
    )
    row = story.web_layers["west"].set_index("map_date").loc["2023-04-14"]
    assert (row["label"], row["as_of"]) == ("West on 14 April", "2023-04-14")
