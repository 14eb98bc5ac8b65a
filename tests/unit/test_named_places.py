"""A chapter's `named` places: the labels its text names, shown on its map at any zoom. `story check` says which
file, which chapter and field, and what to write when a name is no label the map draws; an edition's map names
them in its own words; the page data carries them as drawn."""

from __future__ import annotations

import shutil

import pytest

from page.build import build_story
from page.render import chapter_states
from story.edition import load_edition
from story.loader import StoryError, default_story_path, load_story
from tests.conftest import ROOT

VALPARAISO = ROOT / "tests" / "fixtures" / "stories" / "valparaiso"


def valparaiso_with(tmp_path, old: str, new: str):
    folder = tmp_path / "s"
    shutil.copytree(VALPARAISO, folder)
    path = folder / "story.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def problems(path) -> list[str]:
    with pytest.raises(StoryError) as info:
        load_story(path, read_layers=True)
    return [f"{p.line}: {p.field}: {p.message} — {p.hint}" for p in info.value.problems]


def test_a_name_no_point_is_labelled_with_is_refused_with_the_nearest_label(tmp_path):
    path = valparaiso_with(
        tmp_path, "    context: [ascensores]\n", "    context: [ascensores]\n    named: [Reina Victoira]\n"
    )
    found = problems(path)
    assert len(found) == 1 and "named" in found[0], found
    assert "'Reina Victoira' is not a place label of any point layer" in found[0]
    assert "did you mean 'Reina Victoria'?" in found[0]


def test_a_place_of_a_layer_the_chapter_does_not_show_is_refused(tmp_path):
    path = valparaiso_with(tmp_path, "    context: [ascensores]\n", "    context: []\n    named: [Reina Victoria]\n")
    found = problems(path)
    assert any("layer 'ascensores', which this chapter does not show" in f and "add 'ascensores'" in f for f in found)


def test_a_place_its_layer_leaves_unlabelled_is_refused(tmp_path):
    path = valparaiso_with(
        tmp_path, "    context: [ascensores]\n", "    context: [ascensores]\n    named: [El Peral]\n"
    )
    path.write_text(path.read_text(encoding="utf-8").replace("    labels: 2\n", "    labels: none\n"), encoding="utf-8")
    found = problems(path)
    assert any("'El Peral' has no label on the map: layer 'ascensores' labels 'none'" in f for f in found), found


def test_the_shipped_story_names_the_flanks_villages_and_the_edition_names_them_in_ukrainian():
    story = load_story(default_story_path(), read_layers=True)
    assert story.chapter("outskirts").named == ["Yahidne", "Berkhivka", "Opytne", "Klishchiivka"]
    uk = load_edition(story, "uk")
    assert uk.chapter("outskirts").named == ["Ягідне", "Берхівка", "Опитне", "Кліщіївка"]
    built = build_story(default_story_path(), lang="uk")
    states = {c.id: c for c in chapter_states(built.story, built.layers)}  # the page data's chapters
    assert states["outskirts"].named == ["Ягідне", "Берхівка", "Опитне", "Кліщіївка"]
    drawn = set(built.layers["places"]["label"])  # …as the edition's map labels them
    assert set(states["supply"].named) <= drawn and "Часів Яр" in states["supply"].named
