"""The backdrop (story/backdrop.py): light context under the story's layers, credited, and a clear error."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shapely

from geo.io import GeoDataError
from page.build import build_story
from story import budget
from story.backdrop import page_bytes, read_backdrop
from story.loader import FAULT, default_story_path, load_story
from story.sourcefiles import story_files
from tests.unit.fixtures_story.helpers import make_story, only_problem, problems

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_story_draws_its_backdrop_under_the_layers_and_credits_it():
    path = default_story_path()
    backdrop = read_backdrop(path)
    assert set(backdrop["kind"]) == {"admin", "border", "coast", "river"}
    # It reaches past the region: the neighbours are the point of it.
    w, s, e, n = backdrop.total_bounds
    assert w < 36.5 and e > 39.1 and n > 49.26
    module = build_story(path).module
    assert '"ms-backdrop"' in module and "zIndex" in module
    assert "Context: Natural Earth" in module
    assert path.parent / "backdrop.geojson" in story_files(path)  # an edit to it rebuilds the story


def test_a_story_without_a_backdrop_has_none(tmp_path):
    (tmp_path / "story.yaml").write_text("title: x\n")
    assert read_backdrop(tmp_path / "story.yaml") is None


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "is not valid JSON"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"kind": "lake"},
                            "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                        }
                    ],
                }
            ),
            "'lake' is not a backdrop kind",
        ),
    ],
)
def test_a_bad_backdrop_names_the_file_and_the_fix(tmp_path, content, words):
    (tmp_path / "backdrop.geojson").write_text(content)
    with pytest.raises(GeoDataError) as err:
        read_backdrop(tmp_path / "story.yaml")
    assert "backdrop.geojson" in str(err.value) and words in str(err.value)


def test_the_print_and_card_images_draw_the_backdrop_too(tmp_path):
    """The printed page and the share card have no tiles either: the neighbours, border and coast are in them."""
    import shutil

    from PIL import Image, ImageChops

    from story.preview import render_chapter_png

    def image(story_yaml, name):
        built = build_story(story_yaml)
        return Image.open(render_chapter_png(built.story, built.layers, "bakhmut", tmp_path / name)).convert("RGB")

    bare = tmp_path / "bare"
    shutil.copytree(default_story_path().parent, bare)
    (bare / "backdrop.geojson").unlink()
    diff = ImageChops.difference(image(default_story_path(), "with.png"), image(bare / "story.yaml", "without.png"))
    changed = sum(1 for p in diff.get_flattened_data() if max(p) > 24)
    assert changed > 3000, changed  # the lines of a whole region's context, not a stray pixel


# Read like any layer: the size limit, the plain-text rule, simplified for the web, weighed in the budget.


def _backdrop(folder, *, vertices: int = 3, credit: str = "Natural Earth", kind: str = "border") -> None:
    """A wavy border across the mini story's region, with `vertices` points (metres apart at most)."""
    coords = [[36.0 + 3.5 * t / (vertices - 1), 48.0 + 0.00001 * math.sin(t)] for t in range(vertices)]
    feature = {
        "type": "Feature",
        "properties": {"kind": kind, "label": "A border", "source": "Drawn for the test", "credit": credit},
        "geometry": {"type": "LineString", "coordinates": coords},
    }
    (folder / "backdrop.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))


def test_an_oversize_backdrop_is_refused_before_it_is_read(tmp_path):
    path = make_story(tmp_path)
    _backdrop(path.parent)
    with open(path.parent / "backdrop.geojson", "a", encoding="utf-8") as f:
        f.write(" " * 21_000_000)  # valid JSON still: only the size can refuse it
    p = only_problem(path, read_layers=True)
    assert p.file.endswith("backdrop.geojson") and "is 21.0 MB, over the 20.0 MB limit for a layer file" in p.message


def test_an_invisible_character_in_the_backdrops_credit_is_refused(tmp_path):
    path = make_story(tmp_path)
    _backdrop(path.parent, credit="Natural\u202eEarth")  # would read backwards on the map's attribution line
    p = only_problem(path, read_layers=True)
    assert p.file.endswith("backdrop.geojson") and p.feature == "#1" and p.field == "credit"
    assert "U+202E" in p.message and p.hint.startswith("delete it")


def test_the_backdrop_is_simplified_for_the_web_like_a_layer(tmp_path):
    path = make_story(tmp_path)
    _backdrop(path.parent, vertices=20_000)  # a near-straight line drawn with 20,000 points
    story = load_story(path, read_layers=True)
    assert shapely.get_num_coordinates(story.web_backdrop.geometry.values).sum() < 100
    built = build_story(path)
    assert len(built.module) < 100_000  # the page is sent the simplified line, not 20,000 points


def test_an_overweight_backdrop_is_over_the_budget_by_name(tmp_path, monkeypatch):
    path = make_story(tmp_path)
    _backdrop(path.parent, vertices=2_000)
    weight = page_bytes(load_story(path, read_layers=True).web_backdrop)
    monkeypatch.setattr(budget, "LAYER_BUDGET", weight - 1)  # the mini story's layers are far lighter
    p = only_problem(path, read_layers=True)
    assert p.file.endswith("backdrop.geojson") and "once simplified for the web, over the" in p.message


def test_the_backdrop_counts_in_the_storys_budget(tmp_path, monkeypatch):
    path = make_story(tmp_path)
    _backdrop(path.parent)
    story = load_story(path, read_layers=True)
    layers = sum(budget.web_bytes(gdf) for gdf in story.web_layers.values())
    monkeypatch.setattr(budget, "STORY_BUDGET", layers + page_bytes(story.web_backdrop) - 1)
    p = only_problem(path, read_layers=True)
    assert p.field == "layers" and "; the backdrop 0.00 MB)" in p.message


# No absolute server path and no exception text reaches a person.


def test_a_broken_backdrop_is_named_relative_to_the_story_in_checks_output(tmp_path):
    path = make_story(tmp_path)
    (path.parent / "backdrop.geojson").write_text("{not json")  # GDAL's message named it by its absolute path
    done = subprocess.run(
        [sys.executable, "-m", "mapstory", "check", "story/story.yaml"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 1
    assert done.stdout.startswith("story/backdrop.geojson: is not valid JSON"), done.stdout
    assert str(tmp_path) not in done.stdout + done.stderr and "Traceback" not in done.stdout + done.stderr


def test_a_layer_reader_fault_is_a_sentence_without_the_exceptions_text(tmp_path, monkeypatch):
    import geo.io

    def broken(*args, **kwargs):
        raise RuntimeError("pyogrio failed on /srv/newsroom/secret/town.geojson")

    monkeypatch.setattr(geo.io, "read_layer", broken)
    found = problems(make_story(tmp_path), read_layers=True)
    assert found and all(p.message == FAULT for p in found)
    assert not any("/srv/newsroom" in str(p) or "pyogrio" in str(p) for p in found)


def test_a_fault_in_the_checker_is_a_sentence_without_the_exceptions_text(tmp_path, monkeypatch, capsys):
    import page.worker
    from mapstory.__main__ import check

    fault = RuntimeError("KeyError: '/srv/newsroom/secret' at line 3")
    monkeypatch.setattr(page.worker, "build_limited", lambda path: page.worker.Outcome(error=fault))
    assert check([tmp_path / "story.yaml"]) == 1
    printed = capsys.readouterr().out
    assert "could not be checked, because of a fault in the app rather than in the story" in printed
    assert "/srv/newsroom" not in printed and "KeyError" not in printed


def test_preview_of_a_story_with_a_broken_backdrop_lists_the_problem(tmp_path, capsys):
    from mapstory.__main__ import main

    path = make_story(tmp_path)
    _backdrop(path.parent, kind="lake")
    assert main(["preview", str(path.parent), str(tmp_path / "out")]) == 1
    printed = capsys.readouterr().out
    assert "backdrop.geojson: feature #1: kind: 'lake' is not a backdrop kind" in printed
    assert "fix these first" in printed and not (tmp_path / "out").exists()
